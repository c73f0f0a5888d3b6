// The unit words of interval input ('1 hour', '2 mons') and of the fields of
// extract, date_part and date_trunc ('epoch', 'dow'), as PostgreSQL's
// deltatktbl and datetktbl spell them.
#pragma once

#include <optional>
#include <string_view>

namespace basalt {

enum class DateUnit {
  kMicrosecond,
  kMillisecond,
  kSecond,
  kMinute,
  kHour,
  kDay,
  kWeek,
  kMonth,
  kQuarter,
  kYear,
  kDecade,
  kCentury,
  kMillennium,
  // extract / date_part fields only:
  kDayOfWeek,
  kIsoDayOfWeek,
  kDayOfYear,
  kIsoYear,
  kEpoch,
  kJulian,
  kTimezone,
  kTimezoneHour,
  kTimezoneMinute,
};

// A unit word of interval input (lower case; compared on its first 10
// characters, as PostgreSQL's TOKMAXLEN, so "microseconds" matches).
std::optional<DateUnit> DateUnitFromName(std::string_view name);
// The field of extract / date_part / date_trunc: the unit words and
// 'epoch', 'dow', 'doy', 'isodow', 'isoyear', 'julian'.
std::optional<DateUnit> DateFieldFromName(std::string_view name);

}  // namespace basalt
