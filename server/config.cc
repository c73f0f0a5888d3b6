#include "server/config.h"

#include <cctype>
#include <charconv>
#include <fstream>

#include <fmt/format.h>

namespace basalt::server {

namespace {

constexpr std::string_view kSpace = " \t\r";

std::string_view Trim(std::string_view s) {
  const size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  const size_t end = s.find_last_not_of(kSpace);
  return s.substr(begin, end - begin + 1);
}

Status ConfigError(std::string message) {
  return Status::Error(sqlstate::kInvalidParameterValue, std::move(message));
}

template <typename Int>
Result<Int> ParseInt(std::string_view key, std::string_view value, Int min, Int max) {
  Int parsed = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (ec != std::errc() || end != value.data() + value.size() || parsed < min || parsed > max) {
    return ConfigError(
        fmt::format("invalid value for {}: \"{}\" (expected {}..{})", key, value, min, max));
  }
  return parsed;
}

// PostgreSQL's boolean spellings (on/off, true/false, yes/no, 1/0).
Result<bool> ParseBool(std::string_view key, std::string_view value) {
  std::string lower;
  for (char c : value) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "on" || lower == "true" || lower == "yes" || lower == "1") return true;
  if (lower == "off" || lower == "false" || lower == "no" || lower == "0") return false;
  return ConfigError(fmt::format("parameter \"{}\" requires a Boolean value", key));
}

// A duration in seconds, or with PostgreSQL's unit `ms`, `s` or `min`, as
// milliseconds within [min_ms, max_ms].
Result<int64_t> ParseMilliseconds(std::string_view key, std::string_view value, int64_t min_ms,
                                  int64_t max_ms) {
  int64_t number = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
  std::string_view unit = value.substr(static_cast<size_t>(end - value.data()));
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  const int64_t scale = unit == "ms"                  ? 1
                        : unit.empty() || unit == "s" ? 1000
                        : unit == "min"               ? 60'000
                                                      : 0;
  if (ec != std::errc() || scale == 0 || number < 0 || number > max_ms / scale ||
      number * scale < min_ms) {
    return ConfigError(fmt::format("invalid value for {}: \"{}\" (expected {}s..{}s)", key, value,
                                   min_ms / 1000, max_ms / 1000));
  }
  return number * scale;
}

Result<double> ParseFraction(std::string_view key, std::string_view value, double max) {
  double parsed = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (ec != std::errc() || end != value.data() + value.size() || parsed < 0 || parsed > max) {
    return ConfigError(
        fmt::format("invalid value for {}: \"{}\" (expected 0..{})", key, value, max));
  }
  return parsed;
}

// Strips the quotes of a value and the comment after it. A `#` inside quotes
// is part of the value.
Result<std::string> ParseValue(std::string_view raw) {
  raw = Trim(raw);
  if (!raw.empty() && (raw.front() == '\'' || raw.front() == '"')) {
    const char quote = raw.front();
    const size_t close = raw.find(quote, 1);
    if (close == std::string_view::npos) return ConfigError("unterminated quoted value");
    std::string_view after = Trim(raw.substr(close + 1));
    if (!after.empty() && after.front() != '#') return ConfigError("junk after quoted value");
    return std::string(raw.substr(1, close - 1));
  }
  const size_t comment = raw.find('#');
  if (comment != std::string_view::npos) raw = Trim(raw.substr(0, comment));
  return std::string(raw);
}

}  // namespace

Status ApplySetting(ServerConfig& config, std::string_view key, std::string_view value) {
  if (key == "listen") {
    if (value.empty()) return ConfigError("listen must not be empty");
    config.listen = std::string(value);
  } else if (key == "port") {
    BASALT_ASSIGN_OR_RETURN(int port, ParseInt(key, value, 1, 65535));
    config.port = static_cast<uint16_t>(port);
  } else if (key == "data_dir") {
    if (value.empty()) return ConfigError("data_dir must not be empty");
    config.data_dir = std::string(value);
  } else if (key == "key_file") {
    if (value.empty()) return ConfigError("key_file must not be empty");
    config.key_file = std::string(value);
  } else if (key == "log_level") {
    static constexpr std::string_view kLevels[] = {"trace", "debug",    "info", "warn",
                                                   "error", "critical", "off"};
    bool known = false;
    for (std::string_view level : kLevels) known = known || level == value;
    if (!known) {
      return ConfigError(fmt::format(
          "invalid value for log_level: \"{}\" (expected trace, debug, info, warn, error, "
          "critical or off)",
          value));
    }
    config.log_level = std::string(value);
  } else if (key == "io_threads") {
    BASALT_ASSIGN_OR_RETURN(config.io_threads, ParseInt(key, value, 1, 256));
  } else if (key == "worker_threads") {
    BASALT_ASSIGN_OR_RETURN(config.worker_threads, ParseInt(key, value, 0, 4096));
  } else if (key == "max_connections") {
    // PostgreSQL's MAX_BACKENDS.
    BASALT_ASSIGN_OR_RETURN(config.max_connections, ParseInt(key, value, 1, 262'143));
  } else if (key == "basalt.max_refresh_workers") {
    BASALT_ASSIGN_OR_RETURN(config.max_refresh_workers, ParseInt(key, value, 0, 64));
  } else if (key == "basalt.refresh_backoff_level0_files") {
    BASALT_ASSIGN_OR_RETURN(config.refresh_backoff_level0_files,
                            ParseInt<uint64_t>(key, value, 0, UINT32_MAX));
  } else if (key == "basalt.refresh_backoff_pending_compaction_bytes") {
    BASALT_ASSIGN_OR_RETURN(config.refresh_backoff_pending_compaction_bytes,
                            ParseInt<uint64_t>(key, value, 0, UINT64_MAX));
  } else if (key == "autovacuum") {
    BASALT_ASSIGN_OR_RETURN(config.autovacuum, ParseBool(key, value));
  } else if (key == "autovacuum_naptime") {
    // PostgreSQL's range: 1s to 2147483s.
    BASALT_ASSIGN_OR_RETURN(config.autovacuum_naptime_ms,
                            ParseMilliseconds(key, value, 1000, int64_t{2'147'483} * 1000));
  } else if (key == "autovacuum_analyze_threshold") {
    BASALT_ASSIGN_OR_RETURN(config.autovacuum_analyze_threshold,
                            ParseInt<int64_t>(key, value, 0, INT32_MAX));
  } else if (key == "autovacuum_analyze_scale_factor") {
    BASALT_ASSIGN_OR_RETURN(config.autovacuum_analyze_scale_factor, ParseFraction(key, value, 100));
  } else if (key == "ssl") {
    BASALT_ASSIGN_OR_RETURN(config.ssl, ParseBool(key, value));
  } else if (key == "ssl_cert_file") {
    config.ssl_cert_file = std::string(value);
  } else if (key == "ssl_key_file") {
    config.ssl_key_file = std::string(value);
  } else if (key == "ssl_ca_file") {
    config.ssl_ca_file = std::string(value);
  } else if (key == "hba_file") {
    config.hba_file = std::string(value);
  } else if (key == "work_mem") {
    config.work_mem = std::string(value);
  } else if (key == "max_query_memory" || key == "basalt.max_query_memory") {
    config.max_query_memory = std::string(value);
  } else {
    return ConfigError(fmt::format("unrecognized configuration parameter \"{}\"", key));
  }
  return Status::OK();
}

Status LoadConfigFile(const std::filesystem::path& file, ServerConfig& config) {
  std::ifstream in(file);
  if (!in) {
    return Status::IoError(fmt::format("could not open configuration file \"{}\"", file.string()));
  }
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    auto fail = [&](const Status& status) {
      return ConfigError(fmt::format("{}:{}: {}", file.string(), line_number, status.message()));
    };
    std::string_view text = Trim(line);
    if (text.empty() || text.front() == '#') continue;
    const size_t eq = text.find('=');
    if (eq == std::string_view::npos) {
      return fail(ConfigError(fmt::format("expected key = value, got \"{}\"", text)));
    }
    const std::string_view key = Trim(text.substr(0, eq));
    Result<std::string> value = ParseValue(text.substr(eq + 1));
    if (!value.ok()) return fail(value.status());
    Status applied = ApplySetting(config, key, *value);
    if (!applied.ok()) return fail(applied);
  }
  return Status::OK();
}

}  // namespace basalt::server
