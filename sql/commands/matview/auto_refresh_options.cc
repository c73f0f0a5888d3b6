#include "sql/commands/matview/auto_refresh_options.h"

#include <fmt/format.h>

#include <cctype>
#include <optional>

#include "common/error.h"
#include "common/interval.h"
#include "sql/commands/matview/incremental_shape.h"

namespace basalt::sql {
namespace {

[[noreturn]] void InvalidValue(const ast::RelationOption& option, std::string_view expected) {
  throw Error(
      sqlstate::kInvalidParameterValue,
      fmt::format("invalid value for {} option \"{}\": {}", expected, option.name, option.value))
      .WithPosition(option.position);
}

bool BooleanOption(const ast::RelationOption& option) {
  // PostgreSQL's parse_bool: an option named without a value is true.
  std::string value;
  for (char c : option.value)
    value += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (value.empty() || value == "on" || value == "true" || value == "yes" || value == "1" ||
      value == "t" || value == "y") {
    return true;
  }
  if (value == "off" || value == "false" || value == "no" || value == "0" || value == "f" ||
      value == "n") {
    return false;
  }
  InvalidValue(option, "boolean");
}

// A positive span in microseconds; a plain number is seconds, as
// PostgreSQL reads an interval without units.
int64_t IntervalOption(const ast::RelationOption& option) {
  Result<Interval> parsed = ParseInterval(option.value);
  if (!parsed.ok()) InvalidValue(option, "interval");
  const int64_t micros =
      parsed->micros + (parsed->days + int64_t{30} * parsed->months) * int64_t{86'400'000'000};
  if (micros <= 0) InvalidValue(option, "interval");
  return micros;
}

void CheckAutoRefreshOptions(const catalog::proto::Table& view) {
  if (!view.auto_refresh()) return;
  if (view.refresh_interval_us() == 0 && view.max_staleness_us() == 0) {
    throw Error(sqlstate::kInvalidParameterValue,
                "auto_refresh requires refresh_interval or max_staleness");
  }
  if (MaintainedImmediately(view)) {
    throw Error(sqlstate::kInvalidParameterValue,
                "auto_refresh does not apply to a materialized view with refresh_mode "
                "\"immediate\"")
        .WithDetail("An immediate view is always current.");
  }
}

}  // namespace

bool IsAutoRefreshOption(std::string_view name) {
  return name == "auto_refresh" || name == "refresh_interval" || name == "max_staleness";
}

void ApplyAutoRefreshOptions(const std::vector<ast::RelationOption>& options, bool reset,
                             catalog::proto::Table* view) {
  std::optional<bool> auto_refresh;
  bool trigger_set = false;
  for (const ast::RelationOption& option : options) {
    if (option.name == "auto_refresh") {
      auto_refresh = !reset && BooleanOption(option);
      continue;
    }
    if (!IsAutoRefreshOption(option.name)) continue;
    const int64_t micros = reset ? 0 : IntervalOption(option);
    if (option.name == "refresh_interval") {
      view->set_refresh_interval_us(micros);
    } else {
      view->set_max_staleness_us(micros);
    }
    trigger_set |= !reset;
  }
  if (auto_refresh) {
    view->set_auto_refresh(*auto_refresh);
  } else if (trigger_set) {
    view->set_auto_refresh(true);
  }
  CheckAutoRefreshOptions(*view);
}

}  // namespace basalt::sql
