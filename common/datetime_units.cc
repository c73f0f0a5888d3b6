#include "common/datetime_units.h"

#include <utility>

namespace basalt {

std::optional<DateUnit> DateUnitFromName(std::string_view name) {
  static constexpr std::pair<std::string_view, DateUnit> kUnits[] = {
      {"c", DateUnit::kCentury},
      {"cent", DateUnit::kCentury},
      {"centuries", DateUnit::kCentury},
      {"century", DateUnit::kCentury},
      {"d", DateUnit::kDay},
      {"day", DateUnit::kDay},
      {"days", DateUnit::kDay},
      {"dec", DateUnit::kDecade},
      {"decade", DateUnit::kDecade},
      {"decades", DateUnit::kDecade},
      {"decs", DateUnit::kDecade},
      {"h", DateUnit::kHour},
      {"hour", DateUnit::kHour},
      {"hours", DateUnit::kHour},
      {"hr", DateUnit::kHour},
      {"hrs", DateUnit::kHour},
      {"m", DateUnit::kMinute},
      {"microsecon", DateUnit::kMicrosecond},
      {"mil", DateUnit::kMillennium},
      {"millennia", DateUnit::kMillennium},
      {"millennium", DateUnit::kMillennium},
      {"millisecon", DateUnit::kMillisecond},
      {"mils", DateUnit::kMillennium},
      {"min", DateUnit::kMinute},
      {"mins", DateUnit::kMinute},
      {"minute", DateUnit::kMinute},
      {"minutes", DateUnit::kMinute},
      {"mon", DateUnit::kMonth},
      {"mons", DateUnit::kMonth},
      {"month", DateUnit::kMonth},
      {"months", DateUnit::kMonth},
      {"ms", DateUnit::kMillisecond},
      {"msec", DateUnit::kMillisecond},
      {"msecs", DateUnit::kMillisecond},
      {"mseconds", DateUnit::kMillisecond},
      {"qtr", DateUnit::kQuarter},
      {"quarter", DateUnit::kQuarter},
      {"s", DateUnit::kSecond},
      {"sec", DateUnit::kSecond},
      {"second", DateUnit::kSecond},
      {"seconds", DateUnit::kSecond},
      {"secs", DateUnit::kSecond},
      {"timezone", DateUnit::kTimezone},
      {"timezone_h", DateUnit::kTimezoneHour},
      {"timezone_m", DateUnit::kTimezoneMinute},
      {"us", DateUnit::kMicrosecond},
      {"usec", DateUnit::kMicrosecond},
      {"usecs", DateUnit::kMicrosecond},
      {"useconds", DateUnit::kMicrosecond},
      {"w", DateUnit::kWeek},
      {"week", DateUnit::kWeek},
      {"weeks", DateUnit::kWeek},
      {"y", DateUnit::kYear},
      {"year", DateUnit::kYear},
      {"years", DateUnit::kYear},
      {"yr", DateUnit::kYear},
      {"yrs", DateUnit::kYear},
  };
  const std::string_view key = name.substr(0, 10);
  for (const auto& [word, unit] : kUnits) {
    if (key == word) return unit;
  }
  return std::nullopt;
}

std::optional<DateUnit> DateFieldFromName(std::string_view name) {
  if (std::optional<DateUnit> unit = DateUnitFromName(name)) return unit;
  static constexpr std::pair<std::string_view, DateUnit> kFields[] = {
      {"dow", DateUnit::kDayOfWeek},   {"doy", DateUnit::kDayOfYear},
      {"epoch", DateUnit::kEpoch},     {"isodow", DateUnit::kIsoDayOfWeek},
      {"isoyear", DateUnit::kIsoYear}, {"j", DateUnit::kJulian},
      {"jd", DateUnit::kJulian},       {"julian", DateUnit::kJulian},
  };
  const std::string_view key = name.substr(0, 10);
  for (const auto& [word, unit] : kFields) {
    if (key == word) return unit;
  }
  return std::nullopt;
}

}  // namespace basalt
