#include "server/command_line.h"

#include <string_view>

#include <fmt/format.h>

namespace basalt::server {

namespace {

// Flags that take a value, and the config setting each one overrides.
struct ValueFlag {
  std::string_view flag;
  std::string_view setting;  // empty for --config
};
constexpr ValueFlag kValueFlags[] = {
    {"--config", ""},           {"--listen", "listen"},     {"--port", "port"},
    {"--data-dir", "data_dir"}, {"--key-file", "key_file"}, {"--log-level", "log_level"},
};

Status UsageError(std::string message) {
  return Status::Error(sqlstate::kInvalidParameterValue, std::move(message));
}

}  // namespace

Result<CommandLine> ParseCommandLine(int argc, const char* const* argv) {
  CommandLine result;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      result.help = true;
      continue;
    }
    if (arg == "--generate-key") {
      result.generate_key = true;
      continue;
    }
    std::string_view name = arg;
    std::optional<std::string_view> value;
    if (const size_t eq = arg.find('='); eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    }
    const ValueFlag* flag = nullptr;
    for (const ValueFlag& f : kValueFlags) {
      if (f.flag == name) flag = &f;
    }
    if (flag == nullptr) return UsageError(fmt::format("unknown option \"{}\"", arg));
    if (!value) {
      if (i + 1 >= argc) return UsageError(fmt::format("option {} needs a value", name));
      value = argv[++i];
    }
    if (flag->setting.empty()) {
      result.config_file = std::filesystem::path(*value);
    } else {
      result.overrides.emplace_back(flag->setting, *value);
    }
  }
  return result;
}

std::string Usage() {
  return R"(basalt: a PostgreSQL-compatible database server

Usage: basalt [--config FILE] [options]

Options (override the config file):
  --config FILE       read settings from FILE (e.g. conf/basalt.conf)
  --listen ADDRESS    address to listen on (default 127.0.0.1; * for all)
  --port PORT         TCP port (default 5432)
  --data-dir DIR      data directory (default ./data)
  --key-file FILE     master key file, 64 hex digits, mode 0600 (default ./basalt.key)
  --log-level LEVEL   trace, debug, info, warn, error, critical or off (default info)
  --generate-key      create the key file with a fresh random key if it does not
                      exist (for development)
  --help              show this text
)";
}

}  // namespace basalt::server
