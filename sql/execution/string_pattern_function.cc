#include "sql/execution/string_pattern_function.h"

#include <fmt/format.h>

#include <cctype>
#include <optional>
#include <regex>

#include "common/error.h"
#include "common/value_text.h"
#include "sql/execution/regex_match.h"
#include "sql/execution/string_function.h"
#include "sql/parser/ast_printer.h"

namespace basalt::sql {
namespace {

[[noreturn]] void FormatError(std::string message, bool hint) {
  Error e(sqlstate::kInvalidParameterValue, std::move(message));
  if (hint) e.WithHint("For a single \"%\" use \"%%\".");
  throw e;
}

// Digits at `p` as a number, or nullopt (p unmoved) when there are none.
std::optional<int64_t> ReadNumber(std::string_view f, size_t* p) {
  size_t q = *p;
  int64_t n = 0;
  while (q < f.size() && std::isdigit(static_cast<unsigned char>(f[q]))) {
    n = std::min<int64_t>(n * 10 + (f[q] - '0'), 1'000'000'000);
    ++q;
  }
  if (q == *p) return std::nullopt;
  *p = q;
  return n;
}

// An argument position "n$" at `p`, or nullopt (p unmoved).
std::optional<int64_t> ReadPosition(std::string_view f, size_t* p) {
  size_t q = *p;
  std::optional<int64_t> n = ReadNumber(f, &q);
  if (!n || q >= f.size() || f[q] != '$') return std::nullopt;
  if (*n == 0) FormatError("format specifies argument 0, but arguments are numbered from 1", false);
  *p = q + 1;
  return n;
}

struct Arguments {
  const BoundExpr& call;
  const std::vector<Value>& values;
  size_t next = 1;  // values[0] is the format

  size_t Take(std::optional<int64_t> position) {
    const size_t i = position ? static_cast<size_t>(*position) : next;
    if (i >= values.size()) FormatError("too few arguments for format()", false);
    next = i + 1;
    return i;
  }
};

void AppendPadded(std::string_view s, int64_t width, bool left_align, std::string* out) {
  const int64_t length = static_cast<int64_t>(Utf8Characters(s).size());
  const std::string padding(static_cast<size_t>(std::max<int64_t>(width - length, 0)), ' ');
  if (!left_align) out->append(padding);
  out->append(s);
  if (left_align) out->append(padding);
}

// The match flags of regexp_replace / regexp_match / regexp_split: g, i, c.
struct PatternFlags {
  bool global = false;
  bool case_insensitive = false;
};

PatternFlags ParseFlags(std::string_view flags) {
  PatternFlags out;
  for (char c : flags) {
    if (c == 'g') {
      out.global = true;
    } else if (c == 'i') {
      out.case_insensitive = true;
    } else if (c == 'c') {
      out.case_insensitive = false;
    } else {
      throw Error(sqlstate::kInvalidParameterValue,
                  fmt::format("invalid regular expression option: \"{}\"", c));
    }
  }
  return out;
}

using Match = std::match_results<std::string_view::const_iterator>;

// The matches of `regex` in `s` from byte `from` on, left to right; after a
// zero-length match the search goes on one character later. A zero-length
// match right after the previous one, or at either end, is skipped when
// `ignore_degenerate`, as PostgreSQL's setup_regexp_matches does for
// splitting.
std::vector<Match> AllMatches(std::string_view s, const std::regex& regex, bool global,
                              bool ignore_degenerate, size_t from = 0) {
  std::vector<Match> out;
  auto begin = s.begin();
  size_t previous_end = 0;
  while (from <= s.size()) {
    Match m;
    const auto flags =
        from > 0 ? std::regex_constants::match_prev_avail : std::regex_constants::match_default;
    if (!std::regex_search(begin + static_cast<ptrdiff_t>(from), s.end(), m, regex, flags)) break;
    const size_t start = static_cast<size_t>(m[0].first - begin);
    const size_t end = static_cast<size_t>(m[0].second - begin);
    const bool empty = start == end;
    const bool degenerate =
        empty && ignore_degenerate &&
        (start == 0 || start == s.size() || (start == previous_end && !out.empty()));
    if (!degenerate) {
      out.push_back(m);
      previous_end = end;
      if (!global) break;
    }
    from = empty ? start + 1 : end;
  }
  return out;
}

// The byte offset of character `chars` (from 0) of UTF-8 `s`: s.size() for
// its end, s.size() + 1 (where no search starts) past it.
size_t ByteOffset(std::string_view s, int64_t chars) {
  size_t i = 0;
  for (; i < s.size() && chars > 0; --chars) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return chars > 0 ? s.size() + 1 : i;
}

// The characters of UTF-8 `s` before byte `offset`.
int64_t CharsBefore(std::string_view s, size_t offset) {
  int64_t n = 0;
  for (size_t i = 0; i < offset && i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  }
  return n;
}

[[noreturn]] void InvalidParameter(std::string_view name, int64_t value) {
  throw Error(sqlstate::kInvalidParameterValue,
              fmt::format("invalid value for parameter \"{}\": {}", name, value));
}

// The flags of a function that finds every match itself: 'g' is 22023.
PatternFlags ParseFlagsWithoutGlobal(std::string_view flags, std::string_view function) {
  const PatternFlags out = ParseFlags(flags);
  if (out.global) {
    throw Error(sqlstate::kInvalidParameterValue,
                fmt::format("{}() does not support the \"global\" option", function));
  }
  return out;
}

// regexp_match's and regexp_matches's row: the groups (NULL where a group
// took no part), or the whole match for a pattern without groups.
Value MatchArray(const Match& m) {
  std::vector<Value> groups;
  if (m.size() == 1) groups.push_back(Value::String(m[0].str()));
  for (size_t i = 1; i < m.size(); ++i) {
    groups.push_back(m[i].matched ? Value::String(m[i].str()) : Value::Null());
  }
  return Value::Array(std::move(groups));
}

std::vector<Value> SplitPieces(std::string_view s, std::string_view pattern, std::string_view flags,
                               std::string_view function) {
  const PatternFlags parsed = ParseFlagsWithoutGlobal(flags, function);
  std::vector<Value> pieces;
  size_t pos = 0;
  for (const Match& m :
       AllMatches(s, CompiledRegex(pattern, parsed.case_insensitive), true, true)) {
    const size_t start = static_cast<size_t>(m[0].first - s.begin());
    pieces.push_back(Value::String(std::string(s.substr(pos, start - pos))));
    pos = static_cast<size_t>(m[0].second - s.begin());
  }
  pieces.push_back(Value::String(std::string(s.substr(pos))));
  return pieces;
}

// Where a match lies in the searched string, in bytes.
struct MatchSpan {
  size_t begin;
  size_t end;
};

// regexp_instr / regexp_substr: the match `n` (from 1) from character
// `start` (from 1) on, and of it the group `subexpr` (0: all of it). As
// PostgreSQL, a pattern without groups answers any subexpr with the whole
// match; nullopt when there is no such match or group.
std::optional<MatchSpan> NthMatch(std::string_view s, std::string_view pattern, int64_t start,
                                  int64_t n, std::string_view flags, int64_t subexpr,
                                  std::string_view function) {
  const PatternFlags parsed = ParseFlagsWithoutGlobal(flags, function);
  const std::vector<Match> matches = AllMatches(s, CompiledRegex(pattern, parsed.case_insensitive),
                                                true, false, ByteOffset(s, start - 1));
  if (n > static_cast<int64_t>(matches.size())) return std::nullopt;
  const Match& m = matches[static_cast<size_t>(n - 1)];
  const int64_t groups = m.size() > 1 ? static_cast<int64_t>(m.size()) - 1 : 1;
  if (subexpr > groups) return std::nullopt;
  const size_t group = m.size() > 1 ? static_cast<size_t>(subexpr) : 0;
  if (!m[group].matched) return std::nullopt;
  return MatchSpan{static_cast<size_t>(m[group].first - s.begin()),
                   static_cast<size_t>(m[group].second - s.begin())};
}

// The optional integer argument i of a regexp_* call, checked against
// PostgreSQL's limits; `fallback` when the call has fewer arguments.
int64_t IntArgument(const std::vector<Value>& a, size_t i, std::string_view name, int64_t fallback,
                    int64_t min, int64_t max) {
  if (i >= a.size()) return fallback;
  const int64_t v = a[i].AsInt();
  if (v < min || v > max) InvalidParameter(name, v);
  return v;
}

std::string_view TextArgument(const std::vector<Value>& a, size_t i) {
  return i < a.size() ? std::string_view(a[i].AsString()) : std::string_view();
}

std::string Group(const Match& m, size_t i) {
  return i < m.size() && m[i].matched ? m[i].str() : std::string();
}

// regexp_replace's replacement: \1..\9 a group, \& the match, \\ a
// backslash; any other backslash is kept.
void AppendReplacement(std::string_view replacement, const Match& m, std::string* out) {
  for (size_t i = 0; i < replacement.size(); ++i) {
    const char c = replacement[i];
    if (c != '\\' || i + 1 == replacement.size()) {
      out->push_back(c);
      continue;
    }
    const char next = replacement[i + 1];
    if (next >= '1' && next <= '9') {
      out->append(Group(m, static_cast<size_t>(next - '0')));
      ++i;
    } else if (next == '&') {
      out->append(Group(m, 0));
      ++i;
    } else if (next == '\\') {
      out->push_back('\\');
      ++i;
    } else {
      out->push_back('\\');
    }
  }
}

}  // namespace

std::string QuoteLiteralText(std::string_view s) {
  std::string out = s.find('\\') != std::string_view::npos ? "E'" : "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out.push_back(c);
    out.push_back(c);
  }
  return out + "'";
}

Value Format(const BoundExpr& call, const std::vector<Value>& values) {
  if (values[0].is_null()) return Value::Null();
  const std::string_view f = values[0].AsString();
  Arguments args{call, values};
  std::string out;
  for (size_t p = 0; p < f.size(); ++p) {
    if (f[p] != '%') {
      out.push_back(f[p]);
      continue;
    }
    if (++p >= f.size()) FormatError("unterminated format() type specifier", true);
    if (f[p] == '%') {
      out.push_back('%');
      continue;
    }
    const std::optional<int64_t> position = ReadPosition(f, &p);
    bool left_align = false;
    while (p < f.size() && f[p] == '-') {
      left_align = true;
      ++p;
    }
    int64_t width = 0;
    if (p < f.size() && f[p] == '*') {
      ++p;
      const Value& w = values[args.Take(ReadPosition(f, &p))];
      width = w.is_null() ? 0 : w.AsInt();
      if (width < 0) {
        left_align = true;
        width = -width;
      }
    } else if (std::optional<int64_t> n = ReadNumber(f, &p)) {
      width = *n;
    }
    if (p >= f.size()) FormatError("unterminated format() type specifier", true);
    const char type = f[p];
    if (type != 's' && type != 'I' && type != 'L') {
      FormatError(fmt::format("unrecognized format() type specifier \"{}\"", type), true);
    }
    const size_t i = args.Take(position);
    const Value& v = values[i];
    std::string text;
    if (v.is_null()) {
      if (type == 'I') {
        throw Error(sqlstate::kNullValueNotAllowed,
                    "null values cannot be formatted as an SQL identifier");
      }
      if (type == 'L') text = "NULL";
    } else {
      text = ValueToText(v, call.children[i]->type);
      if (type == 'I') text = ast::QuoteName(text, true);
      if (type == 'L') text = QuoteLiteralText(text);
    }
    AppendPadded(text, width, left_align, &out);
  }
  return Value::String(std::move(out));
}

std::string SimilarToRegex(std::string_view pattern, std::optional<std::string_view> escape) {
  std::string_view e = escape.value_or("\\");
  if (Utf8Characters(e).size() > 1) {
    throw Error(sqlstate::kInvalidEscapeSequence, "invalid escape string")
        .WithHint("Escape string must be empty or one character.");
  }
  // ^(?:part1){1,1}?(part2){1,1}(?:part3)$ when escape-double-quotes cut
  // the pattern in three: the shortest first part, and the second part is
  // the group substring() returns.
  std::string out = "^(?:";
  int quotes = 0;
  bool after_escape = false;
  bool in_class = false;
  int class_position = 0;  // 1: right after '[', 2: after "[^", 3: later
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (after_escape) {
      after_escape = false;
      if (c == '"' && !in_class) {
        if (quotes == 0) {
          out += "){1,1}?(";
        } else if (quotes == 1) {
          out += "){1,1}(?:";
        } else {
          throw Error(sqlstate::kInvalidUseOfEscapeCharacter,
                      "SQL regular expression may not contain more than two escape-double-quote "
                      "separators");
        }
        ++quotes;
      } else {
        out += '\\';
        out += c;
      }
    } else if (!e.empty() && pattern.substr(i).starts_with(e)) {
      after_escape = true;
      i += e.size() - 1;
    } else if (in_class) {
      if (c == '\\') out += '\\';
      out += c;
      if (c == ']' && class_position == 3) {
        in_class = false;
      } else {
        class_position = c == '^' && class_position == 1 ? 2 : 3;
      }
    } else if (c == '[') {
      out += c;
      in_class = true;
      class_position = 1;
    } else if (c == '%') {
      out += ".*";
    } else if (c == '_') {
      out += '.';
    } else if (c == '(') {
      out += "(?:";
    } else if (c == '\\' || c == '.' || c == '^' || c == '$') {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out + ")$";
}

Value EvaluatePatternFunction(const BoundExpr& call, const std::vector<Value>& a) {
  if (call.function == ScalarFunction::kSimilarToEscape) {
    return Value::String(SimilarToRegex(
        a[0].AsString(),
        a.size() == 2 ? std::optional<std::string_view>(a[1].AsString()) : std::nullopt));
  }
  const std::string_view s = a[0].AsString();
  const std::string_view pattern = a[1].AsString();
  switch (call.function) {
    case ScalarFunction::kSubstringRegex: {
      const std::vector<Match> m = AllMatches(s, CompiledRegex(pattern, false), false, false);
      if (m.empty()) return Value::Null();
      // The first parenthesized group when there is one.
      if (m[0].size() > 1) return m[0][1].matched ? Value::String(m[0][1].str()) : Value::Null();
      return Value::String(m[0][0].str());
    }
    case ScalarFunction::kRegexpReplace: {
      // (s, p, r [, flags]) or PostgreSQL 15's (s, p, r, start [, n [, flags]]):
      // from character `start` on, the n'th match, or every match for n = 0.
      const bool extended = a.size() > 4 || (a.size() == 4 && call.children[3]->type.IsInteger());
      const int64_t first_char = extended ? IntArgument(a, 3, "start", 1, 1, INT32_MAX) : 1;
      const int64_t n = extended ? IntArgument(a, 4, "n", 1, 0, INT32_MAX) : 0;
      const PatternFlags flags = ParseFlags(TextArgument(a, extended ? 5 : 3));
      const std::regex& regex = CompiledRegex(pattern, flags.case_insensitive);
      std::vector<Match> matches =
          AllMatches(s, regex, flags.global || extended, false, ByteOffset(s, first_char - 1));
      if (n > 0) {
        if (n > static_cast<int64_t>(matches.size())) return a[0];
        matches = {matches[static_cast<size_t>(n - 1)]};
      }
      std::string out;
      size_t pos = 0;
      for (const Match& m : matches) {
        const size_t start = static_cast<size_t>(m[0].first - s.begin());
        out.append(s.substr(pos, start - pos));
        AppendReplacement(a[2].AsString(), m, &out);
        pos = static_cast<size_t>(m[0].second - s.begin());
      }
      return Value::String(out.append(s.substr(pos)));
    }
    case ScalarFunction::kRegexpMatch: {
      const PatternFlags flags = ParseFlags(a.size() == 3 ? a[2].AsString() : "");
      if (flags.global) {
        throw Error(sqlstate::kInvalidParameterValue,
                    "regexp_match() does not support the \"global\" option")
            .WithHint("Use the regexp_matches function instead.");
      }
      const std::vector<Match> m =
          AllMatches(s, CompiledRegex(pattern, flags.case_insensitive), false, false);
      if (m.empty()) return Value::Null();
      return MatchArray(m[0]);
    }
    case ScalarFunction::kRegexpSplitToArray:
      return Value::Array(SplitPieces(s, pattern, TextArgument(a, 2), "regexp_split_to_array"));
    case ScalarFunction::kRegexpCount: {
      const int64_t start = IntArgument(a, 2, "start", 1, 1, INT32_MAX);
      const PatternFlags flags = ParseFlagsWithoutGlobal(TextArgument(a, 3), "regexp_count");
      return Value::Int(
          static_cast<int64_t>(AllMatches(s, CompiledRegex(pattern, flags.case_insensitive), true,
                                          false, ByteOffset(s, start - 1))
                                   .size()));
    }
    case ScalarFunction::kRegexpInstr: {
      const int64_t start = IntArgument(a, 2, "start", 1, 1, INT32_MAX);
      const int64_t n = IntArgument(a, 3, "n", 1, 1, INT32_MAX);
      const int64_t end_option = IntArgument(a, 4, "endoption", 0, 0, 1);
      const int64_t subexpr = IntArgument(a, 6, "subexpr", 0, 0, INT32_MAX);
      const std::optional<MatchSpan> span =
          NthMatch(s, pattern, start, n, TextArgument(a, 5), subexpr, "regexp_instr");
      if (!span) return Value::Int(0);
      return Value::Int(CharsBefore(s, end_option == 1 ? span->end : span->begin) + 1);
    }
    case ScalarFunction::kRegexpSubstr: {
      const int64_t start = IntArgument(a, 2, "start", 1, 1, INT32_MAX);
      const int64_t n = IntArgument(a, 3, "n", 1, 1, INT32_MAX);
      const int64_t subexpr = IntArgument(a, 5, "subexpr", 0, 0, INT32_MAX);
      const std::optional<MatchSpan> span =
          NthMatch(s, pattern, start, n, TextArgument(a, 4), subexpr, "regexp_substr");
      if (!span) return Value::Null();
      return Value::String(std::string(s.substr(span->begin, span->end - span->begin)));
    }
    case ScalarFunction::kRegexpLike: {
      const PatternFlags flags = ParseFlagsWithoutGlobal(TextArgument(a, 2), "regexp_like");
      return Value::Bool(
          !AllMatches(s, CompiledRegex(pattern, flags.case_insensitive), false, false).empty());
    }
    default: break;
  }
  throw Error(sqlstate::kInternalError, "unknown pattern function");
}

std::vector<Value> RegexpMatchesRows(std::string_view s, std::string_view pattern,
                                     std::string_view flags) {
  const PatternFlags parsed = ParseFlags(flags);
  std::vector<Value> rows;
  for (const Match& m :
       AllMatches(s, CompiledRegex(pattern, parsed.case_insensitive), parsed.global, false)) {
    rows.push_back(MatchArray(m));
  }
  return rows;
}

std::vector<Value> RegexpSplitRows(std::string_view s, std::string_view pattern,
                                   std::string_view flags) {
  return SplitPieces(s, pattern, flags, "regexp_split_to_table");
}

}  // namespace basalt::sql
