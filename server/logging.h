// Process-wide logging setup: spdlog to stderr.
#pragma once

#include <string_view>

namespace basalt::server {

// REQUIRES: `level` is one of spdlog's level names (validated by config).
void SetupLogging(std::string_view level);

}  // namespace basalt::server
