#include "common/text_case.h"
#include "sql/execution/evaluate.h"

namespace basalt::sql {

namespace {

bool IsContinuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Backtracking matcher in the manner of PostgreSQL's MatchText: `%` tries
// each suffix; linear in practice for patterns with few wildcards. `escape`
// (empty for none) makes the character after it literal. `bytewise`
// (bytea's LIKE) makes `_` one byte instead of one UTF-8 character.
bool Match(std::string_view t, std::string_view p, std::string_view escape, bool bytewise) {
  auto continues = [bytewise](char c) { return !bytewise && IsContinuation(c); };
  size_t ti = 0;
  size_t pi = 0;
  while (pi < p.size()) {
    char pc = p[pi];
    if (pc == '%') {
      while (pi < p.size() && p[pi] == '%') ++pi;
      if (pi == p.size()) return true;
      for (size_t start = ti; start <= t.size(); ++start) {
        if (start < t.size() && continues(t[start])) continue;
        if (Match(t.substr(start), p.substr(pi), escape, bytewise)) return true;
      }
      return false;
    }
    if (ti >= t.size()) return false;
    if (pc == '_') {
      ++ti;
      while (ti < t.size() && continues(t[ti])) ++ti;
      ++pi;
      continue;
    }
    if (!escape.empty() && p.substr(pi).starts_with(escape)) {
      pi += escape.size();
      if (pi == p.size()) {
        throw Error(sqlstate::kInvalidEscapeSequence,
                    "LIKE pattern must not end with escape character");
      }
      pc = p[pi];
    }
    if (pc != t[ti]) return false;
    ++ti;
    ++pi;
  }
  return ti == t.size();
}

}  // namespace

bool LikeMatch(std::string_view text, std::string_view pattern, bool case_insensitive,
               std::string_view escape, bool bytewise) {
  if (!escape.empty()) {
    size_t length = 1;
    while (!bytewise && length < escape.size() && IsContinuation(escape[length])) ++length;
    if (length != escape.size()) {
      throw Error(sqlstate::kInvalidEscapeSequence, "invalid escape string")
          .WithHint("Escape string must be empty or one character.");
    }
  }
  if (case_insensitive) {
    // As PostgreSQL in a multibyte encoding: lower() both sides, then match.
    return Match(Utf8Lower(text), Utf8Lower(pattern), Utf8Lower(escape), false);
  }
  return Match(text, pattern, escape, bytewise);
}

}  // namespace basalt::sql
