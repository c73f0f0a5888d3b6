#include "sql/memory_units.h"

#include <cctype>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include <fmt/format.h>

namespace basalt::sql {

Result<int64_t> ParseMemoryKb(std::string_view name, std::string_view text, int64_t min_kb,
                              int64_t max_kb) {
  const std::string s(text);
  auto invalid = [&] {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         fmt::format("invalid value for parameter \"{}\": \"{}\"", name, text));
  };
  const char* begin = s.c_str();
  while (std::isspace(static_cast<unsigned char>(*begin))) ++begin;
  char* end = nullptr;
  const double number = std::strtod(begin, &end);
  if (end == begin || !std::isfinite(number)) return invalid();
  std::string_view unit(end);
  while (!unit.empty() && std::isspace(static_cast<unsigned char>(unit.front()))) {
    unit.remove_prefix(1);
  }
  while (!unit.empty() && std::isspace(static_cast<unsigned char>(unit.back()))) {
    unit.remove_suffix(1);
  }
  double kb = number;
  if (unit == "B") {
    kb = number / 1024;
  } else if (unit == "kB" || unit.empty()) {
    kb = number;
  } else if (unit == "MB") {
    kb = number * 1024;
  } else if (unit == "GB") {
    kb = number * 1024 * 1024;
  } else if (unit == "TB") {
    kb = number * 1024 * 1024 * 1024;
  } else {
    return invalid().WithHint(
        "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".");
  }
  kb = std::rint(kb);
  // PostgreSQL's integer settings refuse what does not fit an int first.
  if (max_kb <= INT32_MAX && std::abs(kb) > static_cast<double>(INT32_MAX)) {
    return invalid().WithHint("Value exceeds integer range.");
  }
  if (kb < static_cast<double>(min_kb) || kb > static_cast<double>(max_kb)) {
    return Status::Error(
        sqlstate::kInvalidParameterValue,
        fmt::format("{} kB is outside the valid range for parameter \"{}\" ({} .. {})",
                    static_cast<long long>(kb), name, min_kb, max_kb));
  }
  return static_cast<int64_t>(kb);
}

std::string FormatMemoryKb(int64_t kb) {
  static constexpr const char* kUnits[] = {"kB", "MB", "GB", "TB"};
  size_t unit = 0;
  while (unit + 1 < std::size(kUnits) && kb != 0 && kb % 1024 == 0) {
    kb /= 1024;
    ++unit;
  }
  return fmt::format("{}{}", kb, kUnits[unit]);
}

}  // namespace basalt::sql
