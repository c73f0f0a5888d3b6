#include "sql/execution/regex_match.h"

#include <fmt/format.h>

#include <list>
#include <regex>
#include <string>
#include <utility>

#include "common/error.h"
#include "common/regex_error_text.h"

namespace basalt::sql {
namespace {

// std::regex's ECMAScript grammar, the closest to PostgreSQL's advanced
// regular expressions for the patterns clients write: anchors, bracket
// expressions with [:classes:], alternation, bounds, class escapes (\d \s
// \w), non-greedy quantifiers and (?:...) groups, which POSIX extended
// lacks.
struct CachedRegex {
  std::string pattern;
  bool case_insensitive;
  std::regex regex;
};

// similar_to_escape's "^(?:part1){1,1}?(part2)...": in PostgreSQL's
// regular expressions the non-greedy bound makes everything inside part1
// prefer the shortest match; ECMAScript applies it to the repetition only,
// so part1's own quantifiers are made non-greedy.
std::string EcmaScriptPattern(std::string_view pattern) {
  constexpr std::string_view kPrefix = "^(?:";
  const size_t split = pattern.find("){1,1}?(");
  if (!pattern.starts_with(kPrefix) || split == std::string_view::npos) {
    return std::string(pattern);
  }
  std::string out(kPrefix);
  bool in_class = false;
  for (size_t i = kPrefix.size(); i < split; ++i) {
    const char c = pattern[i];
    out += c;
    if (c == '\\' && i + 1 < split) {
      out += pattern[++i];
      continue;
    }
    if (in_class) {
      in_class = c != ']';
    } else if (c == '[') {
      in_class = true;
    } else if ((c == '*' || c == '+' || c == '?' || c == '}') &&
               (i + 1 >= split || pattern[i + 1] != '?') && !(c == '?' && pattern[i - 1] == '(')) {
      out += '?';
    }
  }
  out.append(pattern.substr(split));
  return out;
}

}  // namespace

const std::regex& CompiledRegex(std::string_view pattern, bool case_insensitive) {
  constexpr size_t kCacheSize = 16;
  thread_local std::list<CachedRegex> cache;
  for (auto it = cache.begin(); it != cache.end(); ++it) {
    if (it->pattern == pattern && it->case_insensitive == case_insensitive) {
      cache.splice(cache.begin(), cache, it);  // most recently used first
      return cache.front().regex;
    }
  }
  auto flags = std::regex::ECMAScript;
  if (case_insensitive) flags |= std::regex::icase;
  try {
    cache.push_front(
        {std::string(pattern), case_insensitive, std::regex(EcmaScriptPattern(pattern), flags)});
  } catch (const std::regex_error& e) {
    throw Error(sqlstate::kInvalidRegularExpression,
                fmt::format("invalid regular expression: {}", RegexErrorText(e)));
  }
  if (cache.size() > kCacheSize) cache.pop_back();
  return cache.front().regex;
}

bool RegexMatch(std::string_view text, std::string_view pattern, bool case_insensitive) {
  const std::regex& regex = CompiledRegex(pattern, case_insensitive);
  return std::regex_search(text.begin(), text.end(), regex);
}

}  // namespace basalt::sql
