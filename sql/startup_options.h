// The `options` startup parameter (libpq's `options='-c name=value'`,
// PGOPTIONS): PostgreSQL's command-line switches for the backend, of which
// Basalt takes `-c name=value` and `--name=value`.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace basalt::sql {

// The settings `options` names, in order. Words are split on whitespace; a
// backslash makes the next character literal (as pg_split_opts). Anything
// else is 42601 `invalid command-line argument for server process: -x`;
// `-c name` without a value is 42601 `-c name requires a value`.
Result<std::vector<std::pair<std::string, std::string>>> ParseStartupOptions(
    std::string_view options);

}  // namespace basalt::sql
