// jsonpath's scanner as PostgreSQL 15's flex rules read a path: the
// longest match wins (`1a` is trailing junk, `1ab` an identifier, `00`
// junk), and each token keeps flex's yytext for messages: an identifier's
// is the blanks after it (or nothing), a quoted string's its closing quote.
#include <fmt/format.h>

#include <cctype>
#include <vector>

#include "common/jsonpath_internal.h"

namespace basalt::jsonpath_internal {

namespace {

struct Keyword {
  std::string_view word;
  Tok tok;
  bool lowercase_only;
};

constexpr Keyword kKeywords[] = {
    {"is", Tok::kIs, false},
    {"to", Tok::kTo, false},
    {"abs", Tok::kAbs, false},
    {"lax", Tok::kLax, false},
    {"flag", Tok::kFlag, false},
    {"last", Tok::kLast, false},
    {"null", Tok::kNull, true},
    {"size", Tok::kSize, false},
    {"true", Tok::kTrue, true},
    {"type", Tok::kType, false},
    {"with", Tok::kWith, false},
    {"false", Tok::kFalse, true},
    {"floor", Tok::kFloor, false},
    {"double", Tok::kDouble, false},
    {"exists", Tok::kExists, false},
    {"starts", Tok::kStarts, false},
    {"strict", Tok::kStrict, false},
    {"ceiling", Tok::kCeiling, false},
    {"unknown", Tok::kUnknown, false},
    {"datetime", Tok::kDatetime, false},
    {"keyvalue", Tok::kKeyValue, false},
    {"like_regex", Tok::kLikeRegex, false},
};

bool IsBlank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool IsSpecial(char c) {
  return std::string_view("?%$.[]{}()|&!=<>@#,*:-+/").find(c) != std::string_view::npos && c != 0;
}

// flex's {other}: not special, blank, a backslash or a double quote.
bool IsOther(char c) {
  return c != '\0' && !IsSpecial(c) && !IsBlank(c) && c != '\\' && c != '"';
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

void SyntaxError(std::string_view message, const std::string& yytext) {
  Fail(Status::Error(sqlstate::kSyntaxError,
                     yytext.empty()
                         ? fmt::format("{} at end of jsonpath input", message)
                         : fmt::format("{} at or near \"{}\" of jsonpath input", message, yytext)));
}

namespace {

[[noreturn]] void SurrogateError(std::string_view detail) {
  Fail(Status::Error(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type jsonpath")
           .WithDetail(std::string(detail)));
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp == 0) {
    Fail(Status::Error(sqlstate::kUntranslatableCharacter, "unsupported Unicode escape sequence")
             .WithDetail("\\u0000 cannot be converted to text."));
  }
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

Token Lexer::Next() {
  for (;;) {
    if (pos_ >= s_.size()) return Token{};
    const char c = s_[pos_];
    if (IsBlank(c)) {
      ++pos_;
    } else if (c == '/' && At(pos_ + 1) == '*') {
      SkipComment();
    } else {
      break;
    }
  }
  const size_t start = pos_;
  const char c = s_[pos_];
  static constexpr std::pair<std::string_view, Tok> kOperators[] = {
      {"&&", Tok::kAnd},       {"||", Tok::kOr},           {"**", Tok::kAnyPath},
      {"<=", Tok::kLessEqual}, {"==", Tok::kEqual},        {"<>", Tok::kNotEqual},
      {"!=", Tok::kNotEqual},  {">=", Tok::kGreaterEqual}, {"!", Tok::kNot},
      {"<", Tok::kLess},       {">", Tok::kGreater},
  };
  for (const auto& [op, tok] : kOperators) {
    if (s_.substr(pos_).starts_with(op)) {
      pos_ += op.size();
      return Token{tok, 0, "", std::string(op)};
    }
  }
  if (c == '$') {
    if (At(pos_ + 1) == '"') {
      pos_ += 2;
      Token t{Tok::kVariable, 0, ScanQuoted(), "\""};
      return t;
    }
    if (IsOther(At(pos_ + 1))) {
      size_t end = pos_ + 1;
      while (IsOther(At(end))) ++end;
      pos_ = end;
      return Token{Tok::kVariable, 0, std::string(s_.substr(start + 1, end - start - 1)),
                   std::string(s_.substr(start, end - start))};
    }
    ++pos_;
    return Token{Tok::kChar, '$', "", "$"};
  }
  if (c == '"') {
    ++pos_;
    return Token{Tok::kString, 0, ScanQuoted(), "\""};
  }
  if (IsDigit(c) || (c == '.' && IsDigit(At(pos_ + 1)))) {
    if (std::optional<Token> number = ScanNumber()) return *number;
  }
  if (c == '\\' || IsOther(c)) return ScanIdentifier();
  ++pos_;
  return Token{Tok::kChar, c, "", std::string(1, c)};
}

void Lexer::SkipComment() {
  const size_t end = s_.find("*/", pos_ + 2);
  if (end == std::string_view::npos) SyntaxError("unexpected end of comment", "");
  pos_ = end + 2;
}

// The longest of flex's numeric rules and of {other}+ (an identifier)
// wins; on a tie the numeric rule, which comes first. nullopt: the
// identifier.
std::optional<Token> Lexer::ScanNumber() {
  const size_t p = pos_;
  size_t int_len = 0;
  if (s_[p] == '0') {
    int_len = 1;
  } else if (IsDigit(s_[p])) {
    while (IsDigit(At(p + int_len))) ++int_len;
  }
  size_t dec_len = 0;  // {decimal}: integer '.' digits* | '.' digits+
  if (At(p + int_len) == '.') {
    size_t d = p + int_len + 1;
    while (IsDigit(At(d))) ++d;
    if (int_len > 0 || d > p + int_len + 1) dec_len = d - p;
  }
  const size_t base = std::max(int_len, dec_len);
  size_t real_len = 0;
  size_t real_fail_len = 0;
  if (base > 0 && (At(p + base) == 'e' || At(p + base) == 'E')) {
    size_t e = p + base + 1;
    const bool sign = At(e) == '+' || At(e) == '-';
    if (sign) ++e;
    size_t digits = e;
    while (IsDigit(At(digits))) ++digits;
    if (digits > e) {
      real_len = digits - p;
    } else if (sign) {
      real_fail_len = e - p;
    }
  }
  size_t other_len = 0;
  while (IsOther(At(p + other_len))) ++other_len;
  // Candidates in flex's rule order.
  struct Candidate {
    size_t len;
    int kind;  // 0 real, 1 decimal, 2 integer, 3 realfail, 4 junk
  };
  const Candidate candidates[] = {
      {real_len, 0},
      {dec_len, 1},
      {int_len, 2},
      {real_fail_len, 3},
      {int_len > 0 && IsOther(At(p + int_len)) ? int_len + 1 : 0, 4},
      {dec_len > 0 && IsOther(At(p + dec_len)) ? dec_len + 1 : 0, 4},
      {real_len > 0 && IsOther(At(p + real_len)) ? real_len + 1 : 0, 4},
  };
  const Candidate* best = nullptr;
  for (const Candidate& c : candidates) {
    if (c.len > 0 && (best == nullptr || c.len > best->len)) best = &c;
  }
  if (best == nullptr || other_len > best->len) return std::nullopt;
  const std::string text(s_.substr(p, best->len));
  pos_ = p + best->len;
  if (best->kind == 3) SyntaxError("invalid numeric literal", text);
  if (best->kind == 4) SyntaxError("trailing junk after numeric literal", text);
  return Token{best->kind == 2 ? Tok::kInt : Tok::kNumeric, 0, text, text};
}

// An escape at pos_ (a backslash), its character appended to `out`.
void Lexer::ScanEscape(std::string* out) {
  const size_t start = pos_;
  if (pos_ + 1 >= s_.size()) {
    SyntaxError("unexpected end after backslash", "\\");
  }
  const char d = s_[pos_ + 1];
  if (d == 'u') {
    ScanUnicode(out);
    return;
  }
  if (d == 'x') {
    const int hi = HexValue(At(pos_ + 2));
    const int lo = hi < 0 ? -1 : HexValue(At(pos_ + 3));
    if (lo < 0) {
      const size_t len = hi < 0 ? 2 : 3;
      SyntaxError("invalid hex character sequence", std::string(s_.substr(start, len)));
    }
    AppendUtf8(static_cast<uint32_t>(hi * 16 + lo), out);
    pos_ += 4;
    return;
  }
  pos_ += 2;
  switch (d) {
    case 'b': out->push_back('\b'); return;
    case 'f': out->push_back('\f'); return;
    case 'n': out->push_back('\n'); return;
    case 'r': out->push_back('\r'); return;
    case 't': out->push_back('\t'); return;
    case 'v': out->push_back('\v'); return;
    default: out->push_back(d); return;
  }
}

// {unicode}+: \uXXXX and \u{X...} escapes in a row, surrogate pairs
// joined; {unicode}*{unicodefail} is an error naming the whole run.
void Lexer::ScanUnicode(std::string* out) {
  const size_t start = pos_;
  std::vector<uint32_t> points;
  while (At(pos_) == '\\' && At(pos_ + 1) == 'u') {
    size_t i = pos_ + 2;
    uint32_t cp = 0;
    bool ok = false;
    if (At(i) == '{') {
      size_t j = i + 1;
      while (j - i - 1 < 6 && HexValue(At(j)) >= 0) cp = cp * 16 + HexValue(At(j++));
      ok = j > i + 1 && At(j) == '}';
      i = ok ? j + 1 : j;
    } else {
      size_t j = i;
      while (j - i < 4 && HexValue(At(j)) >= 0) cp = cp * 16 + HexValue(At(j++));
      ok = j == i + 4;
      i = j;
    }
    if (!ok) SyntaxError("invalid unicode sequence", std::string(s_.substr(start, i - start)));
    points.push_back(cp);
    pos_ = i;
  }
  int64_t hi_surrogate = -1;
  for (uint32_t cp : points) {
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (hi_surrogate != -1)
        SurrogateError("Unicode high surrogate must not follow a high surrogate.");
      hi_surrogate = (cp & 0x3FF) << 10;
      continue;
    }
    if (cp >= 0xDC00 && cp <= 0xDFFF) {
      if (hi_surrogate == -1) SurrogateError("Unicode low surrogate must follow a high surrogate.");
      cp = 0x10000 + static_cast<uint32_t>(hi_surrogate) + (cp & 0x3FF);
      hi_surrogate = -1;
    } else if (hi_surrogate != -1) {
      SurrogateError("Unicode low surrogate must follow a high surrogate.");
    }
    AppendUtf8(cp, out);
  }
  if (hi_surrogate != -1) SurrogateError("Unicode low surrogate must follow a high surrogate.");
}

// After the opening quote, up to and past the closing one.
std::string Lexer::ScanQuoted() {
  std::string out;
  for (;;) {
    if (pos_ >= s_.size()) SyntaxError("unexpected end of quoted string", "");
    const char c = s_[pos_];
    if (c == '"') {
      ++pos_;
      return out;
    }
    if (c == '\\') {
      ScanEscape(&out);
    } else {
      out.push_back(c);
      ++pos_;
    }
  }
}

// flex's <xnq> state: other characters and escapes, up to a blank (the
// token's yytext), a special character or quote (yyless(0): no yytext),
// or the end. A comment right after drops the identifier, as in
// PostgreSQL.
Token Lexer::ScanIdentifier() {
  Token t{Tok::kIdent, 0, "", ""};
  for (;;) {
    const char c = At(pos_);
    if (pos_ >= s_.size()) break;
    if (IsOther(c)) {
      t.value.push_back(c);
      ++pos_;
    } else if (c == '\\') {
      ScanEscape(&t.value);
    } else if (IsBlank(c)) {
      const size_t start = pos_;
      while (IsBlank(At(pos_)) && pos_ < s_.size()) ++pos_;
      t.text = std::string(s_.substr(start, pos_ - start));
      break;
    } else if (c == '/' && At(pos_ + 1) == '*') {
      SkipComment();
      return Next();
    } else {
      break;
    }
  }
  if (t.value.size() <= 10) {
    for (const Keyword& k : kKeywords) {
      if (k.word.size() != t.value.size()) continue;
      bool equal = true;
      for (size_t i = 0; i < k.word.size() && equal; ++i) {
        const char a = t.value[i];
        equal = (k.lowercase_only ? a : static_cast<char>(std::tolower(a))) == k.word[i];
      }
      if (equal) t.kind = k.tok;
    }
  }
  return t;
}

}  // namespace basalt::jsonpath_internal
