// POSIX regular-expression matching for `~`, `!~`, `~*` and `!~*`.
#pragma once

#include <regex>
#include <string_view>

namespace basalt::sql {

// Whether `pattern` matches anywhere in `text`. Compiled patterns are
// cached per thread (catalog queries repeat one pattern over many rows).
// Throws 2201B for a pattern that does not compile.
bool RegexMatch(std::string_view text, std::string_view pattern, bool case_insensitive);
// The compiled pattern, from the same per-thread cache; 2201B if invalid.
const std::regex& CompiledRegex(std::string_view pattern, bool case_insensitive);

}  // namespace basalt::sql
