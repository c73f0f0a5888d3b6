// date and timestamp (without time zone) as PostgreSQL 15 stores, parses and
// prints them. A date is int64 days since 2000-01-01 and a timestamp int64
// microseconds since 2000-01-01 00:00:00 (PostgreSQL's epoch), both on the
// proleptic Gregorian calendar; 'infinity' and '-infinity' use PostgreSQL's
// sentinel values so the binary wire format carries them unchanged.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "common/status.h"

namespace basalt {

inline constexpr int64_t kMicrosPerSecond = 1'000'000;
inline constexpr int64_t kMicrosPerMinute = 60 * kMicrosPerSecond;
inline constexpr int64_t kMicrosPerHour = 60 * kMicrosPerMinute;
inline constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

// DATEVAL_NOBEGIN/NOEND (int32 on the wire) and DT_NOBEGIN/DT_NOEND.
inline constexpr int64_t kDateNegInfinity = std::numeric_limits<int32_t>::min();
inline constexpr int64_t kDatePosInfinity = std::numeric_limits<int32_t>::max();
inline constexpr int64_t kTimestampNegInfinity = std::numeric_limits<int64_t>::min();
inline constexpr int64_t kTimestampPosInfinity = std::numeric_limits<int64_t>::max();

// Valid finite ranges, as PostgreSQL: dates from 4714-11-24 BC (Julian day 0) to
// 5874897-12-31, timestamps from 4714-11-24 BC 00:00 to 294276-12-31
// 23:59:59.999999. Ends are exclusive.
inline constexpr int64_t kMinDate = -2'451'545;
inline constexpr int64_t kEndDate = 2'145'031'949;
inline constexpr int64_t kMinTimestamp = kMinDate * kMicrosPerDay;
inline constexpr int64_t kEndTimestamp = 9'223'371'331'200'000'000;

// The current time as a timestamp: microseconds since 2000-01-01 UTC.
int64_t CurrentTimestamp();

// A calendar date with an astronomical year: 0 is 1 BC, -1 is 2 BC.
struct CivilDate {
  int64_t year = 2000;
  int month = 1;
  int day = 1;
};

// Days since 2000-01-01; REQUIRES: a valid month and day.
int64_t DaysFromCivil(int64_t year, int month, int day);
CivilDate CivilFromDays(int64_t days);
int DaysInMonth(int64_t year, int month);

// The input functions (date_in, timestamp_in, timestamptz_in): every form
// PostgreSQL reads (common/datetime_decode.h), numeric dates in the
// session's DateStyle order. A time of day is dropped by ParseDate; a zone
// is ignored by ParseTimestamp and applied by ParseTimestampTz (else the
// session's TimeZone), so its result is the instant in UTC.
// Errors: 22007 `invalid input syntax for type date: "x"`, 22008
// `date/time field value out of range: "2024-02-30"`, 22008
// `date out of range: "..."` / `timestamp out of range: "..."`, 22009
// `time zone displacement out of range: "..."`, 22023 `time zone "x" not
// recognized`.
Result<int64_t> ParseDate(std::string_view text);
Result<int64_t> ParseTimestamp(std::string_view text);
Result<int64_t> ParseTimestampTz(std::string_view text);

// The output functions in the session's DateStyle; ISO: "2024-01-31",
// "0044-03-15 BC", "2024-01-31 12:34:56.789" (fraction without trailing
// zeros, none when zero), "infinity", "-infinity"; SQL "01/31/2024",
// Postgres "Wed Jan 31 12:34:56.789 2024", German "31.01.2024".
void AppendDateText(int64_t days, std::string* out);
void AppendTimestampText(int64_t micros, std::string* out);
// timestamptz_out in the session's TimeZone: "2024-01-31 12:34:56.789+00",
// "0044-03-15 00:00:00+00 BC", "2024-07-01 12:00:00+02"; the zone's
// abbreviation in the non-ISO styles ("07/01/2024 12:00:00 CEST").
void AppendTimestampTzText(int64_t micros, std::string* out);
// An offset east of UTC as timestamptz_out prints it: "+01", "-05:30",
// "+00:53:28".
std::string UtcOffsetText(int32_t seconds_east);
std::string DateToText(int64_t days);
std::string TimestampToText(int64_t micros);

// date -> timestamp at midnight; 22008 "date out of range for timestamp".
Result<int64_t> DateToTimestamp(int64_t days);
// timestamp -> date, dropping the time of day.
int64_t TimestampToDate(int64_t micros);
// timestamp(precision): rounds to that many fractional digits, halves away
// from zero of the value since 2000 (AdjustTimestampForTypmod, so earlier
// times round halves down); infinities and precision < 0 or >= 6 are
// unchanged.
int64_t RoundTimestamp(int64_t micros, int precision);

}  // namespace basalt
