#include "common/time_units.h"

#include <cctype>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

namespace basalt {

namespace {

struct Unit {
  std::string_view name;
  double ms;
};

constexpr Unit kUnits[] = {{"us", 0.001},  {"ms", 1},      {"s", 1000},
                           {"min", 60000}, {"h", 3600000}, {"d", 86400000}};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

Result<int64_t> ParseMilliseconds(std::string_view name, std::string_view text) {
  auto invalid = [&](bool with_hint) {
    Status s = Status::Error(sqlstate::kInvalidParameterValue,
                             fmt::format("invalid value for parameter \"{}\": \"{}\"", name, text));
    return with_hint ? s.WithHint(
                           "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", "
                           "\"h\", and \"d\".")
                     : s;
  };
  const std::string trimmed(Trim(text));
  if (trimmed.empty()) return invalid(false);
  char* end = nullptr;
  const double number = std::strtod(trimmed.c_str(), &end);
  if (end == trimmed.c_str() || !std::isfinite(number)) return invalid(false);
  const std::string_view unit = Trim(std::string_view(end));
  double ms = number;
  if (!unit.empty()) {
    const Unit* found = nullptr;
    for (const Unit& u : kUnits) {
      if (u.name == unit) found = &u;
    }
    if (found == nullptr) return invalid(true);
    ms = number * found->ms;
  }
  ms = std::round(ms);
  constexpr double kMax = 2147483647;
  if (ms < 0 || ms > kMax) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         fmt::format("{} ms is outside the valid range for parameter \"{}\" "
                                     "(0 .. 2147483647)",
                                     static_cast<int64_t>(ms), name));
  }
  return static_cast<int64_t>(ms);
}

std::string FormatMilliseconds(int64_t ms) {
  if (ms == 0) return "0";
  for (auto it = std::rbegin(kUnits); it != std::rend(kUnits); ++it) {
    const auto unit_ms = static_cast<int64_t>(it->ms);
    if (unit_ms >= 1 && ms % unit_ms == 0) return fmt::format("{}{}", ms / unit_ms, it->name);
  }
  return fmt::format("{}ms", ms);
}

}  // namespace basalt
