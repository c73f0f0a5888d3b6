// The `basalt` command line: which config file, which settings to override,
// and the one-off actions (--generate-key, --help).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"

namespace basalt::server {

struct CommandLine {
  std::optional<std::filesystem::path> config_file;
  // (setting name as in the config file, value), applied after the file.
  std::vector<std::pair<std::string, std::string>> overrides;
  // Create the key file with a fresh random key if it does not exist
  // (development only: `make run`).
  bool generate_key = false;
  bool help = false;
};

// Parses `--flag value` and `--flag=value` forms; unknown flags are errors.
Result<CommandLine> ParseCommandLine(int argc, const char* const* argv);

// The --help text.
std::string Usage();

}  // namespace basalt::server
