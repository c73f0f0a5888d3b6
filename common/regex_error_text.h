// PostgreSQL's wording (regerror) for what std::regex reports, for the
// `invalid regular expression: ...` errors of `~` and like_regex.
#pragma once

#include <regex>
#include <string>

namespace basalt {

std::string RegexErrorText(const std::regex_error& e);

}  // namespace basalt
