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

// The matches of `regex` in `s`, left to right; a zero-length match right
// after the previous one, or at either end when `ignore_degenerate`, is
// skipped as PostgreSQL's setup_regexp_matches does for splitting.
std::vector<Match> AllMatches(std::string_view s, const std::regex& regex, bool global,
                              bool ignore_degenerate) {
  std::vector<Match> out;
  auto begin = s.begin();
  size_t previous_end = 0;
  size_t from = 0;
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

Value EvaluatePatternFunction(const BoundExpr& call, const std::vector<Value>& a) {
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
      const PatternFlags flags = ParseFlags(a.size() == 4 ? a[3].AsString() : "");
      const std::regex& regex = CompiledRegex(pattern, flags.case_insensitive);
      std::string out;
      size_t pos = 0;
      for (const Match& m : AllMatches(s, regex, flags.global, false)) {
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
      std::vector<Value> groups;
      if (m[0].size() == 1) groups.push_back(Value::String(m[0][0].str()));
      for (size_t i = 1; i < m[0].size(); ++i) {
        groups.push_back(m[0][i].matched ? Value::String(m[0][i].str()) : Value::Null());
      }
      return Value::Array(std::move(groups));
    }
    case ScalarFunction::kRegexpSplitToArray: {
      const PatternFlags flags = ParseFlags(a.size() == 3 ? a[2].AsString() : "");
      if (flags.global) {
        throw Error(sqlstate::kInvalidParameterValue,
                    "regexp_split_to_array() does not support the \"global\" option");
      }
      std::vector<Value> pieces;
      size_t pos = 0;
      for (const Match& m :
           AllMatches(s, CompiledRegex(pattern, flags.case_insensitive), true, true)) {
        const size_t start = static_cast<size_t>(m[0].first - s.begin());
        pieces.push_back(Value::String(std::string(s.substr(pos, start - pos))));
        pos = static_cast<size_t>(m[0].second - s.begin());
      }
      pieces.push_back(Value::String(std::string(s.substr(pos))));
      return Value::Array(std::move(pieces));
    }
    default: break;
  }
  throw Error(sqlstate::kInternalError, "unknown pattern function");
}

}  // namespace basalt::sql
