// to_char, to_date, to_timestamp and the number templates of to_char, after
// PostgreSQL 15's formatting.c: the template patterns (YYYY, MM, DD, HH24,
// MI, SS, MS, US, Mon, Month, Day, AM, TZ, ...), the FM / TH / FX
// modifiers, quoted text and backslash escapes, and the numeric patterns
// (9, 0, ., D, G, ',', S, MI, PL, SG, FM, EEEE).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/interval.h"
#include "common/numeric.h"
#include "common/status.h"
#include "common/time_zone.h"

namespace basalt {

// to_char(timestamp|timestamptz, fmt) of a wall-clock time: `zone`, a
// timestamptz's zone at that instant, gives TZ, TZH, TZM and OF.
// Infinite timestamps give an empty string (PostgreSQL returns NULL; the
// caller checks IsInfiniteForToChar first).
Result<std::string> FormatTimestamp(int64_t timestamp, std::string_view format,
                                    const TimeZone::LocalType* zone = nullptr);
Result<std::string> FormatInterval(const Interval& value, std::string_view format);
// to_char(number, fmt) for integers, floats (as their text form's digits)
// and numerics.
Result<std::string> FormatNumber(const Numeric& value, std::string_view format);
Result<std::string> FormatFloat(double value, std::string_view format);
// to_number(text, fmt): the number the template reads from `text`, with as
// many decimals as it read (22P02 when it read no digit, 22003 when more
// integer digits than the template has).
Result<Numeric> ParseNumberWithFormat(std::string_view text, std::string_view format);

// to_timestamp(text, fmt) and to_date(text, fmt): microseconds since
// 2000-01-01 (to_date: midnight of the day). 22007 on a mismatch, 22008
// for a field out of range.
Result<int64_t> ParseTimestampWithFormat(std::string_view text, std::string_view format);
Result<int64_t> ParseDateWithFormat(std::string_view text, std::string_view format);

}  // namespace basalt
