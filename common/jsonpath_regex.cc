// like_regex: PostgreSQL compiles the pattern as an advanced regular
// expression with jspConvertRegexFlags's flags; Basalt uses std::regex's
// ECMAScript grammar (as for `~`), rewritten for PostgreSQL's newline rules:
// without "s", `.` and `[^...]` do not match a newline (REG_NLSTOP); with
// it both do; "m" lets ^ and $ match at newlines; "q" takes the pattern
// literally.
#include <fmt/format.h>

#include <regex>

#include "common/jsonpath_internal.h"
#include "common/regex_error_text.h"

namespace basalt::jsonpath_internal {

namespace {

std::string Quoted(const std::string& pattern) {
  std::string out;
  for (char c : pattern) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) {
      out.push_back('\\');
    }
    out.push_back(c);
  }
  return out;
}

// `.` -> `[\s\S]` with "s"; `[^...]` -> `[^...\n]` without it.
std::string NewlineRules(const std::string& pattern, bool dot_all) {
  std::string out;
  bool in_bracket = false;
  bool negated = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out.append(pattern, i, 2);
      ++i;
      continue;
    }
    if (in_bracket) {
      if (c == '[' && i + 1 < pattern.size() && pattern[i + 1] == ':') {
        const size_t end = pattern.find(":]", i + 2);
        if (end != std::string::npos) {
          out.append(pattern, i, end + 2 - i);
          i = end + 1;
          continue;
        }
      }
      if (c == ']') {
        if (negated && !dot_all) out += "\\n";
        in_bracket = false;
      }
      out.push_back(c);
      continue;
    }
    if (c == '[') {
      in_bracket = true;
      out.push_back(c);
      negated = i + 1 < pattern.size() && pattern[i + 1] == '^';
      if (negated) out.push_back(pattern[++i]);
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') out.push_back(pattern[++i]);
      continue;
    }
    if (c == '.' && dot_all) {
      out += "[\\s\\S]";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::unique_ptr<JsonPathItem> MakeLikeRegex(std::unique_ptr<JsonPathItem> expr,
                                            const std::string& pattern, const std::string& flags) {
  auto syntax = std::regex::ECMAScript;
  bool quote = false;
  bool dot_all = false;
  for (char f : flags) {
    switch (f) {
      case 'i': syntax |= std::regex::icase; break;
      case 's': dot_all = true; break;
      case 'm': syntax |= std::regex::multiline; break;
      case 'q': quote = true; break;
      case 'x': break;
      default:
        Fail(Status::Error(sqlstate::kSyntaxError, "invalid input syntax for type jsonpath")
                 .WithDetail(fmt::format(
                     "Unrecognized flag character \"{}\" in LIKE_REGEX predicate.", f)));
    }
  }
  if (flags.find('x') != std::string::npos) {
    Fail(Status::Error(sqlstate::kFeatureNotSupported,
                       "XQuery \"x\" flag (expanded regular expressions) is not implemented"));
  }
  auto item = std::make_unique<JsonPathItem>();
  item->type = JsonPathItem::Type::kLikeRegex;
  item->left = std::move(expr);
  item->text = pattern;
  try {
    item->regex = std::make_shared<const std::regex>(
        quote ? Quoted(pattern) : NewlineRules(pattern, dot_all), syntax);
  } catch (const std::regex_error& e) {
    Fail(Status::Error(sqlstate::kInvalidRegularExpression,
                       fmt::format("invalid regular expression: {}", RegexErrorText(e))));
  }
  return item;
}

}  // namespace basalt::jsonpath_internal
