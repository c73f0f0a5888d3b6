#include "sql/execution/regex_match.h"

#include <fmt/format.h>

#include <list>
#include <regex>
#include <string>
#include <utility>

#include "common/error.h"

namespace basalt::sql {
namespace {

// std::regex's extended POSIX grammar, the closest to PostgreSQL's
// advanced regular expressions for the patterns clients write (anchors,
// classes, alternation, bounds).
struct CachedRegex {
  std::string pattern;
  bool case_insensitive;
  std::regex regex;
};

const std::regex& Compiled(std::string_view pattern, bool case_insensitive) {
  constexpr size_t kCacheSize = 16;
  thread_local std::list<CachedRegex> cache;
  for (auto it = cache.begin(); it != cache.end(); ++it) {
    if (it->pattern == pattern && it->case_insensitive == case_insensitive) {
      cache.splice(cache.begin(), cache, it);  // most recently used first
      return cache.front().regex;
    }
  }
  auto flags = std::regex::extended;
  if (case_insensitive) flags |= std::regex::icase;
  try {
    cache.push_front(
        {std::string(pattern), case_insensitive, std::regex(std::string(pattern), flags)});
  } catch (const std::regex_error& e) {
    throw Error(sqlstate::kInvalidRegularExpression,
                fmt::format("invalid regular expression: {}", e.what()));
  }
  if (cache.size() > kCacheSize) cache.pop_back();
  return cache.front().regex;
}

}  // namespace

bool RegexMatch(std::string_view text, std::string_view pattern, bool case_insensitive) {
  const std::regex& regex = Compiled(pattern, case_insensitive);
  return std::regex_search(text.begin(), text.end(), regex);
}

}  // namespace basalt::sql
