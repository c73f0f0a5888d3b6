#include "sql/binder/storage_parameters.h"

#include <cctype>
#include <charconv>
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "common/error.h"

namespace basalt::sql {

namespace {

enum class Kind { kInteger, kReal, kBoolean, kEnum };

struct Known {
  std::string_view name;
  Kind kind;
  int64_t min = 0;
  int64_t max = 0;
};

// PostgreSQL 15's heap (and toast.) parameters.
constexpr Known kKnown[] = {
    {"fillfactor", Kind::kInteger, 10, 100},
    {"toast_tuple_target", Kind::kInteger, 128, 8160},
    {"parallel_workers", Kind::kInteger, 0, 1024},
    {"autovacuum_enabled", Kind::kBoolean},
    {"vacuum_truncate", Kind::kBoolean},
    {"user_catalog_table", Kind::kBoolean},
    {"vacuum_index_cleanup", Kind::kEnum},
    {"autovacuum_vacuum_threshold", Kind::kInteger, 0, INT32_MAX},
    {"autovacuum_vacuum_insert_threshold", Kind::kInteger, -1, INT32_MAX},
    {"autovacuum_analyze_threshold", Kind::kInteger, 0, INT32_MAX},
    {"autovacuum_vacuum_cost_limit", Kind::kInteger, 1, 10000},
    {"autovacuum_freeze_min_age", Kind::kInteger, 0, 1000000000},
    {"autovacuum_freeze_max_age", Kind::kInteger, 100000, 2000000000},
    {"autovacuum_freeze_table_age", Kind::kInteger, 0, 2000000000},
    {"autovacuum_multixact_freeze_min_age", Kind::kInteger, 0, 1000000000},
    {"autovacuum_multixact_freeze_max_age", Kind::kInteger, 10000, 2000000000},
    {"autovacuum_multixact_freeze_table_age", Kind::kInteger, 0, 2000000000},
    {"log_autovacuum_min_duration", Kind::kInteger, -1, INT32_MAX},
    {"autovacuum_vacuum_cost_delay", Kind::kReal},
    {"autovacuum_vacuum_scale_factor", Kind::kReal},
    {"autovacuum_vacuum_insert_scale_factor", Kind::kReal},
    {"autovacuum_analyze_scale_factor", Kind::kReal},
};

bool IsBoolean(std::string_view v) {
  for (std::string_view word : {"true", "false", "on", "off", "yes", "no", "1", "0", "t", "f"}) {
    if (v == word) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> CheckStorageParameters(
    const std::vector<std::pair<std::string, std::string>>& parameters) {
  std::vector<std::string> out;
  for (const auto& [written_name, written_value] : parameters) {
    const std::string value = written_value.empty() ? "true" : written_value;
    std::string_view name = written_name;
    if (name.starts_with("toast.")) name.remove_prefix(6);
    const Known* known = nullptr;
    for (const Known& k : kKnown) {
      if (k.name == name) known = &k;
    }
    if (known == nullptr) {
      throw Error(sqlstate::kInvalidParameterValue,
                  fmt::format("unrecognized parameter \"{}\"", written_name));
    }
    switch (known->kind) {
      case Kind::kInteger: {
        int64_t number = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
        if (ec != std::errc() || end != value.data() + value.size()) {
          throw Error(
              sqlstate::kInvalidParameterValue,
              fmt::format("invalid value for integer option \"{}\": {}", known->name, value));
        }
        if (number < known->min || number > known->max) {
          throw Error(sqlstate::kInvalidParameterValue,
                      fmt::format("value {} out of bounds for option \"{}\"", value, known->name))
              .WithDetail(fmt::format("Valid values are between \"{}\" and \"{}\".", known->min,
                                      known->max));
        }
        break;
      }
      case Kind::kBoolean:
        if (!IsBoolean(value)) {
          throw Error(
              sqlstate::kInvalidParameterValue,
              fmt::format("invalid value for boolean option \"{}\": {}", known->name, value));
        }
        break;
      case Kind::kReal:
      case Kind::kEnum: break;
    }
    out.push_back(written_name + "=" + value);
  }
  return out;
}

std::vector<std::string> CheckViewOptions(
    const std::vector<std::pair<std::string, std::string>>& options) {
  std::vector<std::string> out;
  std::vector<std::string_view> seen;
  for (const auto& [name, written_value] : options) {
    const std::string value = written_value.empty() ? "true" : written_value;
    if (name == "check_option") {
      std::string lower = value;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower != "local" && lower != "cascaded") {
        throw Error(sqlstate::kInvalidParameterValue,
                    fmt::format("invalid value for enum option \"check_option\": {}", value))
            .WithDetail("Valid values are \"local\" and \"cascaded\".");
      }
    } else if (name == "security_barrier" || name == "security_invoker") {
      if (!IsBoolean(value)) {
        throw Error(sqlstate::kInvalidParameterValue,
                    fmt::format("invalid value for boolean option \"{}\": {}", name, value));
      }
    } else {
      throw Error(sqlstate::kInvalidParameterValue,
                  fmt::format("unrecognized parameter \"{}\"", name));
    }
    for (std::string_view before : seen) {
      if (before == name) {
        throw Error(sqlstate::kInvalidParameterValue,
                    fmt::format("parameter \"{}\" specified more than once", name));
      }
    }
    seen.push_back(name);
    out.push_back(name + "=" + value);
  }
  return out;
}

}  // namespace basalt::sql
