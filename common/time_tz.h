// time with time zone as PostgreSQL 15 parses, prints, orders and converts
// it: a time of day (microseconds since midnight, 24:00:00 included) and a
// fixed UTC offset. PostgreSQL keeps the offset as seconds *west* of UTC;
// here it is seconds east, as the rest of common/ (TimeZone) counts it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace basalt {

struct TimeTz {
  int64_t micros = 0;       // 0 .. 86400000000
  int32_t offset_east = 0;  // +02 is 7200
};

// A timetz Value is one int64_t: the time shifted left past an 18-bit field
// holding offset_east + 2^17 (offsets stay far inside +-36 hours).
int64_t PackTimeTz(TimeTz t);
TimeTz UnpackTimeTz(int64_t packed);

// timetz_in: a time as time_in takes it, with a zone: "Z", "UTC", "PST",
// "+02", "-05:30", "+0530", "+05:30:15" (up to 15:59:59), or a zone name
// whose offset is taken at the written date (needed unless the zone's
// offset never changes). Without a zone, the session's TimeZone at today's
// date. 22007 `invalid input syntax for type time with time zone: "x"`,
// 22008 out of range, 22009 displacement out of range, 22023 unknown zone.
Result<int64_t> ParseTimeTz(std::string_view text);
// timetz(p): rounds the time to p fractional digits (p < 0: unchanged).
int64_t RoundTimeTz(int64_t packed, int precision);
// PostgreSQL's TZDISP_LIMIT: offsets stay strictly within 16 hours.
inline constexpr int32_t kTimeTzMaxOffset = 16 * 3600;

// timetz_out: "04:05:06+02", "04:05:06.5-05:30", "00:00:00+05:30:15".
void AppendTimeTzText(int64_t packed, std::string* out);
// The offset suffix as timetz_out and timestamptz_out write it: "+02",
// "-05:30", "+05:30:15".
void AppendUtcOffset(int32_t offset_east, std::string* out);

// timetz_cmp: by the UTC-equivalent time (time - offset, not wrapped), then
// by offset (the zone further east first), so equal means equal parts.
int CompareTimeTz(int64_t a, int64_t b);

// Conversions as PostgreSQL's casts: timestamptz -> timetz in the session's
// zone; time -> timetz with the session zone's offset at that time today;
// timetz -> time drops the zone.
int64_t TimeTzFromTimestampTz(int64_t utc_micros);
int64_t TimeTzFromTime(int64_t micros);
// AT TIME ZONE: the same instant at another offset, the time wrapped into a day.
int64_t TimeTzAtOffset(int64_t packed, int32_t offset_east);

}  // namespace basalt
