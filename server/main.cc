// `basalt`: reads the command line and config file, sets up logging and
// hands over to RunServer (server/server.h).
#include <cstdio>
#include <string>

#include "server/command_line.h"
#include "server/config.h"
#include "server/logging.h"
#include "server/server.h"

namespace {

int Fail(const std::string& message) {
  std::fprintf(stderr, "basalt: %s\n", message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace basalt::server;
  auto command_line = ParseCommandLine(argc, argv);
  if (!command_line.ok()) {
    return Fail(command_line.status().message() + " (see basalt --help)");
  }
  if (command_line->help) {
    std::fputs(Usage().c_str(), stdout);
    return 0;
  }
  ServerConfig config;
  if (command_line->config_file) {
    basalt::Status loaded = LoadConfigFile(*command_line->config_file, config);
    if (!loaded.ok()) return Fail(loaded.message());
  }
  // Flags override the file.
  for (const auto& [key, value] : command_line->overrides) {
    basalt::Status applied = ApplySetting(config, key, value);
    if (!applied.ok()) return Fail(applied.message());
  }
  SetupLogging(config.log_level);
  return RunServer(config, command_line->generate_key);
}
