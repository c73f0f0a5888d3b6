#include "common/regex_error_text.h"

namespace basalt {

std::string RegexErrorText(const std::regex_error& e) {
  switch (e.code()) {
    case std::regex_constants::error_paren: return "parentheses () not balanced";
    case std::regex_constants::error_brack: return "brackets [] not balanced";
    case std::regex_constants::error_brace: return "braces {} not balanced";
    case std::regex_constants::error_badbrace: return "invalid repetition count(s)";
    case std::regex_constants::error_escape: return "invalid escape \\ sequence";
    case std::regex_constants::error_badrepeat: return "quantifier operand invalid";
    case std::regex_constants::error_range: return "invalid character range";
    case std::regex_constants::error_ctype: return "invalid character class";
    default: return e.what();
  }
}

}  // namespace basalt
