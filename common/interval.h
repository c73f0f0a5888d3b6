// interval as PostgreSQL 15 stores, parses, prints, compares and computes
// it: months, days and microseconds kept apart, because a month and a day
// have no fixed length once added to a timestamp ('2020-01-31' + 1 month is
// '2020-02-29'). Comparison and hashing use PostgreSQL's span: 30-day
// months and 24-hour days, so '1 mon' = '30 days'.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace basalt {

__extension__ using IntervalSpan = __int128;

struct Interval {
  int32_t months = 0;
  int32_t days = 0;
  int64_t micros = 0;

  // The span in microseconds with 30-day months (interval_cmp_value).
  IntervalSpan Span() const;
  // -1, 0, 1 by span.
  int Compare(const Interval& other) const;
  // Bit-for-bit equality of the three fields (not SQL's =).
  bool SameFields(const Interval& other) const {
    return months == other.months && days == other.days && micros == other.micros;
  }
};

// The field a qualified interval literal or cast keeps (`interval '1' day`,
// `interval 'x' hour to minute`): an unmarked number counts in the last
// field, and finer fields are dropped, as PostgreSQL's INTERVAL_MASK rules.
enum class IntervalField { kNone, kYear, kMonth, kDay, kHour, kMinute, kSecond };
struct IntervalRange {
  IntervalField from = IntervalField::kNone;  // the first field (YEAR of YEAR TO MONTH)
  IntervalField to = IntervalField::kNone;    // the last field
};
// Reads "year", "day to second", ...; kNone fields for an empty text.
IntervalRange IntervalRangeFromText(std::string_view text);

// interval_in: PostgreSQL's unit forms ('1 day 2 hours', '1.5 years',
// '@ 1 hour ago', '-1 day +02:03', '1-2' years-months, '10:00', '1d'),
// ISO 8601 durations ('P1Y2M3DT4H5M6S', 'P1W'). Errors: 22007
// `invalid input syntax for type interval: "x"`, 22015 `interval field
// value out of range: "x"`, 22008 `interval out of range`.
Result<Interval> ParseInterval(std::string_view text, IntervalRange range = {});
// Drops the fields finer than `range.to` (AdjustIntervalForTypmod).
Interval TruncateInterval(const Interval& value, IntervalRange range);

// interval's typmod as PostgreSQL encodes it: the mask of the fields
// (`interval day to second`) above 16 bits, the seconds' precision below
// (0xFFFF for none); -1 is a plain interval. `precision` -1 is none.
int32_t IntervalTypmod(IntervalRange range, int32_t precision);
IntervalRange IntervalTypmodRange(int32_t typmod);
// What format_type writes after "interval": " day to second(3)", "(2)",
// " year", "" (intervaltypmodout).
std::string IntervalTypmodText(int32_t typmod);
// AdjustIntervalForTypmod: finer fields dropped, seconds rounded to the
// precision.
Interval AdjustIntervalForTypmod(const Interval& value, int32_t typmod);

// interval_out in the session's IntervalStyle (interval_output.cc):
// postgres "1 year 2 mons 3 days 04:05:06.5", "-1 days +02:00:00",
// "00:00:00"; postgres_verbose "@ 1 day ago"; sql_standard "1-2",
// "3 4:05:06"; iso_8601 "P1Y2M3DT4H5M6S".
void AppendIntervalText(const Interval& value, std::string* out);
std::string IntervalToText(const Interval& value);

// Arithmetic with PostgreSQL's rules and 22008 `interval out of range`.
Result<Interval> AddIntervals(const Interval& a, const Interval& b);
Result<Interval> SubtractIntervals(const Interval& a, const Interval& b);
Result<Interval> NegateInterval(const Interval& a);
// interval_mul / interval_div: fractions of months cascade to days (30 per
// month) and fractions of days to microseconds; 22012 on division by zero.
Result<Interval> MultiplyInterval(const Interval& a, double factor);
Result<Interval> DivideInterval(const Interval& a, double divisor);
Result<Interval> JustifyHours(const Interval& a);
Result<Interval> JustifyDays(const Interval& a);
Result<Interval> JustifyInterval(const Interval& a);

// timestamp + interval (timestamp_pl_interval): months first, the day of
// month clamped to the month's end, then days, then microseconds; infinite
// timestamps unchanged; 22008 `timestamp out of range`.
Result<int64_t> AddIntervalToTimestamp(int64_t timestamp, const Interval& span);
// timestamp - timestamp: the microseconds, justified into days and time;
// 22008 `cannot subtract infinite timestamps`.
Result<Interval> SubtractTimestamps(int64_t a, int64_t b);
// age(a, b): the symbolic difference in years, months, days and time.
Result<Interval> TimestampAge(int64_t a, int64_t b);

}  // namespace basalt
