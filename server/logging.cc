#include "server/logging.h"

#include <string>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace basalt::server {

void SetupLogging(std::string_view level) {
  // stderr keeps stdout free for tools that wrap the server.
  auto logger = spdlog::stderr_color_mt("basalt");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e [%l] %v");
  spdlog::set_level(spdlog::level::from_str(std::string(level)));
  // Errors and warnings reach the terminal even if the process dies next.
  spdlog::flush_on(spdlog::level::warn);
}

}  // namespace basalt::server
