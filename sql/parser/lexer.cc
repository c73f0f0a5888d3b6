// The lexer follows PostgreSQL 15's scan.l: identifiers fold to lower case
// and truncate to 63 bytes, strings are standard-conforming ('' escapes; E''
// for backslash escapes; $tag$ dollar quoting), adjacent string literals
// separated by a newline concatenate, comments nest, and multi-character
// operators obey PostgreSQL's trailing +/- rule.
#include "sql/parser/lexer.h"

#include <cstdint>
#include <string_view>

#include "common/error.h"
#include "common/utf8.h"
#include "common/value_binary.h"

namespace basalt::sql {
namespace {

constexpr size_t kMaxIdentifierBytes = 63;  // NAMEDATALEN - 1
constexpr sqlstate::Code kInvalidEscapeSequence = "22025";

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool IsIdentContinue(char c) {
  return IsIdentStart(c) || IsDigit(c) || c == '$';
}
bool IsDollarTagContinue(char c) {
  return IsIdentStart(c) || IsDigit(c);
}
bool IsOpChar(char c) {
  return std::string_view("~!@#^&|`?+-*/%<>=").find(c) != std::string_view::npos;
}
// Characters that let a multi-character operator end in + or -.
bool IsNonMathOpChar(char c) {
  return std::string_view("~!@#^&|`?%").find(c) != std::string_view::npos;
}

// Truncates to at most 63 bytes without splitting a UTF-8 sequence.
void TruncateIdentifier(std::string& name) {
  if (name.size() <= kMaxIdentifierBytes) return;
  size_t len = kMaxIdentifierBytes;
  while (len > 0 && (static_cast<unsigned char>(name[len]) & 0xC0) == 0x80) --len;
  name.resize(len);
}

// A \u escape's code point `*cp` read after `*high`, the first half of a
// UTF-16 surrogate pair waiting for its second (0: none): a first half
// waits (kWait), a second joins the first into *cp; a half out of order is
// kError.
enum class SurrogateStep { kAppend, kWait, kError };
SurrogateStep CombineSurrogates(uint32_t* high, uint32_t* cp) {
  const bool first_half = *cp >= 0xD800 && *cp <= 0xDBFF;
  const bool second_half = *cp >= 0xDC00 && *cp <= 0xDFFF;
  if (*high != 0 ? !second_half : second_half) return SurrogateStep::kError;
  if (first_half) {
    *high = *cp;
    return SurrogateStep::kWait;
  }
  if (second_half) *cp = 0x10000 + ((*high - 0xD800) << 10) + (*cp - 0xDC00);
  *high = 0;
  return SurrogateStep::kAppend;
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class Lexer {
 public:
  explicit Lexer(std::string_view sql) : sql_(sql) {}

  std::vector<Token> Run() {
    std::vector<Token> tokens;
    // Tokens are rarely shorter than two bytes with their separator; growing
    // by doubling instead would move every token of a long VALUES list ~twice.
    tokens.reserve(sql_.size() / 2 + 2);
    while (true) {
      SkipWhitespaceAndComments();
      if (pos_ >= sql_.size()) break;
      tokens.push_back(Next());
    }
    Token end;
    end.type = TokenType::kEnd;
    end.begin = end.end = static_cast<int>(sql_.size());
    end.position = CharPosition(sql_.size());
    tokens.push_back(std::move(end));
    return tokens;
  }

 private:
  char At(size_t i) const { return i < sql_.size() ? sql_[i] : '\0'; }

  // 1-based character position of byte offset `byte`; counts UTF-8 lead
  // bytes, as PostgreSQL counts characters. Positions are asked for in
  // increasing order, so the count resumes from the last answer.
  int CharPosition(size_t byte) {
    if (byte < counted_bytes_) {
      counted_bytes_ = 0;
      counted_chars_ = 0;
    }
    for (; counted_bytes_ < byte && counted_bytes_ < sql_.size(); ++counted_bytes_) {
      if ((static_cast<unsigned char>(sql_[counted_bytes_]) & 0xC0) != 0x80) ++counted_chars_;
    }
    return counted_chars_ + 1;
  }

  [[noreturn]] void Fail(const std::string& message, size_t begin, size_t end) {
    throw Error(sqlstate::kSyntaxError,
                message + " at or near \"" + std::string(sql_.substr(begin, end - begin)) + "\"")
        .WithPosition(CharPosition(begin));
  }

  void SkipWhitespaceAndComments() {
    while (pos_ < sql_.size()) {
      char c = sql_[pos_];
      if (IsSpace(c)) {
        ++pos_;
      } else if (c == '-' && At(pos_ + 1) == '-') {
        while (pos_ < sql_.size() && sql_[pos_] != '\n' && sql_[pos_] != '\r') ++pos_;
      } else if (c == '/' && At(pos_ + 1) == '*') {
        SkipBlockComment();
      } else {
        break;
      }
    }
  }

  void SkipBlockComment() {
    size_t start = pos_;
    int depth = 0;
    while (pos_ < sql_.size()) {
      if (sql_[pos_] == '/' && At(pos_ + 1) == '*') {
        ++depth;
        pos_ += 2;
      } else if (sql_[pos_] == '*' && At(pos_ + 1) == '/') {
        pos_ += 2;
        if (--depth == 0) return;
      } else {
        ++pos_;
      }
    }
    Fail("unterminated /* comment", start, sql_.size());
  }

  Token Make(TokenType type, std::string text, size_t begin) {
    Token token;
    token.type = type;
    token.text = std::move(text);
    token.begin = static_cast<int>(begin);
    token.end = static_cast<int>(pos_);
    token.position = CharPosition(begin);
    return token;
  }

  Token Next() {
    size_t start = pos_;
    char c = sql_[pos_];
    if ((c == 'e' || c == 'E') && At(pos_ + 1) == '\'') {
      ++pos_;
      return LexString(start, /*escapes=*/true);
    }
    if ((c == 'n' || c == 'N') && At(pos_ + 1) == '\'') {
      ++pos_;  // national character: same as a plain string here
      return LexString(start, /*escapes=*/false);
    }
    if ((c == 'u' || c == 'U') && At(pos_ + 1) == '&' &&
        (At(pos_ + 2) == '\'' || At(pos_ + 2) == '"')) {
      pos_ += 2;
      Token token = At(pos_) == '\'' ? LexString(start, /*escapes=*/false) : LexQuotedIdentifier();
      token.begin = static_cast<int>(start);
      token.position = CharPosition(start);
      token.text = DecodeUnicodeEscapes(token.text, start);
      return token;
    }
    if (IsIdentStart(c)) return LexIdentifier();
    if (c == '"') return LexQuotedIdentifier();
    if (c == '\'') return LexString(start, /*escapes=*/false);
    if (IsDigit(c) || (c == '.' && IsDigit(At(pos_ + 1)))) return LexNumber();
    if (c == '$') return LexDollar();
    if (c == ':' && At(pos_ + 1) == ':') {
      pos_ += 2;
      return Make(TokenType::kOperator, "::", start);
    }
    if (c == ':' && At(pos_ + 1) == '=') {
      pos_ += 2;
      return Make(TokenType::kOperator, ":=", start);
    }
    if (c == '.' && At(pos_ + 1) == '.') {
      pos_ += 2;
      return Make(TokenType::kOperator, "..", start);
    }
    if (IsOpChar(c)) return LexOperator();
    // Punctuation and any other single character; the parser rejects the
    // ones it does not expect with `syntax error at or near`.
    ++pos_;
    return Make(TokenType::kOperator, std::string(1, c), start);
  }

  Token LexIdentifier() {
    size_t start = pos_;
    while (pos_ < sql_.size() && IsIdentContinue(sql_[pos_])) ++pos_;
    std::string word(sql_.substr(start, pos_ - start));
    for (char& ch : word) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    std::string full = word;
    TruncateIdentifier(word);
    Token token = Make(TokenType::kIdentifier, std::move(word), start);
    if (token.text.size() != full.size()) token.untruncated = std::move(full);
    token.keyword = GetKeywordCategory(token.text);
    return token;
  }

  Token LexQuotedIdentifier() {
    size_t start = pos_++;
    std::string name;
    while (true) {
      if (pos_ >= sql_.size()) Fail("unterminated quoted identifier", start, sql_.size());
      char c = sql_[pos_++];
      if (c == '"') {
        if (At(pos_) == '"') {
          name += '"';
          ++pos_;
          continue;
        }
        break;
      }
      name += c;
    }
    if (name.empty()) Fail("zero-length delimited identifier", start, pos_);
    std::string full = name;
    TruncateIdentifier(name);
    Token token = Make(TokenType::kQuotedIdentifier, std::move(name), start);
    if (token.text.size() != full.size()) token.untruncated = std::move(full);
    return token;
  }

  // Lexes a quoted string starting at pos_ (the opening quote); `start` is
  // the token start (before an E prefix).
  Token LexString(size_t start, bool escapes) {
    std::string value;
    ++pos_;  // opening quote
    while (true) {
      if (pos_ >= sql_.size()) Fail("unterminated quoted string", start, sql_.size());
      char c = sql_[pos_++];
      if (high_surrogate_ != 0 && !(c == '\\' && (At(pos_) == 'u' || At(pos_) == 'U'))) {
        // A \u escape of a first surrogate must be followed by the second.
        Fail("invalid Unicode surrogate pair", pos_ - 1, pos_ - 1 + Utf8Length(c));
      }
      if (c == '\'') {
        if (At(pos_) == '\'') {
          value += '\'';
          ++pos_;
          continue;
        }
        if (ContinuesOnNextLine()) continue;
        break;
      }
      if (c == '\\' && escapes) {
        DecodeEscape(value, start);
        continue;
      }
      value += c;
    }
    // As PostgreSQL: escapes may spell bytes, but the string must be UTF-8.
    if (escapes) {
      if (Status valid = CheckUtf8(value); !valid.ok()) throw Error::FromStatus(valid);
    }
    return Make(TokenType::kString, std::move(value), start);
  }

  // SQL's string continuation: 'foo'<newline>'bar' is 'foobar'. On success
  // leaves pos_ after the next opening quote.
  bool ContinuesOnNextLine() {
    size_t p = pos_;
    bool newline = false;
    while (p < sql_.size()) {
      char c = sql_[p];
      if (c == '\n' || c == '\r') {
        newline = true;
        ++p;
      } else if (IsSpace(c)) {
        ++p;
      } else if (c == '-' && At(p + 1) == '-' && newline) {
        while (p < sql_.size() && sql_[p] != '\n' && sql_[p] != '\r') ++p;
      } else {
        break;
      }
    }
    if (!newline || At(p) != '\'') return false;
    pos_ = p + 1;
    return true;
  }

  void DecodeEscape(std::string& value, size_t start) {
    if (pos_ >= sql_.size()) Fail("unterminated quoted string", start, sql_.size());
    size_t backslash = pos_ - 1;
    char c = sql_[pos_++];
    switch (c) {
      case 'b': value += '\b'; return;
      case 'f': value += '\f'; return;
      case 'n': value += '\n'; return;
      case 'r': value += '\r'; return;
      case 't': value += '\t'; return;
      case 'x': {
        int digits = 0;
        int v = 0;
        while (digits < 2 && HexValue(At(pos_)) >= 0) {
          v = v * 16 + HexValue(sql_[pos_++]);
          ++digits;
        }
        if (digits == 0) {
          value += 'x';
        } else {
          value += static_cast<char>(v);
        }
        return;
      }
      case 'u':
      case 'U': {
        int want = c == 'u' ? 4 : 8;
        uint32_t cp = 0;
        for (int i = 0; i < want; ++i) {
          int h = HexValue(At(pos_));
          if (h < 0) {
            throw Error(kInvalidEscapeSequence, "invalid Unicode escape")
                .WithHint("Unicode escapes must be \\uXXXX or \\UXXXXXXXX.")
                .WithPosition(CharPosition(backslash));
          }
          cp = cp * 16 + static_cast<uint32_t>(h);
          ++pos_;
        }
        if (cp == 0 || cp > 0x10FFFF) Fail("invalid Unicode escape value", backslash, pos_);
        // UTF-16 surrogate pairs: \ud83d\ude00 is one character.
        switch (CombineSurrogates(&high_surrogate_, &cp)) {
          case SurrogateStep::kError: Fail("invalid Unicode surrogate pair", backslash, pos_);
          case SurrogateStep::kWait: return;
          case SurrogateStep::kAppend: AppendUtf8(value, cp); return;
        }
        return;
      }
      default:
        if (c >= '0' && c <= '7') {
          int v = c - '0';
          for (int i = 0; i < 2 && At(pos_) >= '0' && At(pos_) <= '7'; ++i) {
            v = v * 8 + (sql_[pos_++] - '0');
          }
          value += static_cast<char>(v & 0xFF);
          return;
        }
        value += c;  // \\ \' and any other character stand for themselves
    }
  }

  // U&'...' / U&"...": \XXXX and \+XXXXXX escapes, \\ for a backslash.
  // (UESCAPE to pick another escape character is not supported.) Error
  // positions are exact unless '' precede them.
  std::string DecodeUnicodeEscapes(const std::string& in, size_t start) {
    std::string out;
    uint32_t high_surrogate = 0;
    auto surrogate_error = [&](size_t at) {
      throw Error(sqlstate::kSyntaxError, "invalid Unicode surrogate pair")
          .WithPosition(CharPosition(start + 3 + at));
    };
    for (size_t i = 0; i < in.size(); ++i) {
      const bool escape = in[i] == '\\' && !(i + 1 < in.size() && in[i + 1] == '\\');
      if (high_surrogate != 0 && !escape) surrogate_error(i);
      if (in[i] != '\\') {
        out += in[i];
        continue;
      }
      if (i + 1 < in.size() && in[i + 1] == '\\') {
        out += '\\';
        ++i;
        continue;
      }
      size_t digits = i + 1 < in.size() && in[i + 1] == '+' ? 6 : 4;
      size_t first = digits == 6 ? i + 2 : i + 1;
      uint32_t cp = 0;
      for (size_t k = 0; k < digits; ++k) {
        int h = first + k < in.size() ? HexValue(in[first + k]) : -1;
        if (h < 0) {
          throw Error(sqlstate::kSyntaxError, "invalid Unicode escape")
              .WithHint("Unicode escapes must be \\XXXX or \\+XXXXXX.")
              .WithPosition(CharPosition(start + 3 + i));  // exact unless '' precede
        }
        cp = cp * 16 + static_cast<uint32_t>(h);
      }
      if (cp == 0 || cp > 0x10FFFF) {
        throw Error(sqlstate::kSyntaxError, "invalid Unicode escape value")
            .WithPosition(CharPosition(start + 3 + i));
      }
      switch (CombineSurrogates(&high_surrogate, &cp)) {
        case SurrogateStep::kError: surrogate_error(i); break;
        case SurrogateStep::kWait: break;
        case SurrogateStep::kAppend: AppendUtf8(out, cp); break;
      }
      i = first + digits - 1;
    }
    if (high_surrogate != 0) surrogate_error(in.size());
    return out;
  }

  Token LexNumber() {
    size_t start = pos_;
    bool is_decimal = false;
    while (IsDigit(At(pos_))) ++pos_;
    // "1..5" is 1 followed by "..", as in PostgreSQL.
    if (At(pos_) == '.' && At(pos_ + 1) != '.') {
      is_decimal = true;
      ++pos_;
      while (IsDigit(At(pos_))) ++pos_;
    }
    if (At(pos_) == 'e' || At(pos_) == 'E') {
      size_t p = pos_ + 1;
      if (At(p) == '+' || At(p) == '-') ++p;
      if (IsDigit(At(p))) {
        is_decimal = true;
        pos_ = p;
        while (IsDigit(At(pos_))) ++pos_;
      }
    }
    if (IsIdentStart(At(pos_))) {
      while (IsIdentContinue(At(pos_))) ++pos_;
      Fail("trailing junk after numeric literal", start, pos_);
    }
    return Make(is_decimal ? TokenType::kDecimal : TokenType::kInteger,
                std::string(sql_.substr(start, pos_ - start)), start);
  }

  Token LexDollar() {
    size_t start = pos_;
    if (IsDigit(At(pos_ + 1))) {
      ++pos_;
      while (IsDigit(At(pos_))) ++pos_;
      if (IsIdentContinue(At(pos_))) {
        while (IsIdentContinue(At(pos_))) ++pos_;
        Fail("trailing junk after parameter", start, pos_);
      }
      return Make(TokenType::kParameter, std::string(sql_.substr(start + 1, pos_ - start - 1)),
                  start);
    }
    // $tag$ ... $tag$ (tag may be empty).
    size_t p = pos_ + 1;
    if (At(p) != '$') {
      if (!IsIdentStart(At(p)) || IsDigit(At(p))) {
        ++pos_;
        return Make(TokenType::kOperator, "$", start);
      }
      while (IsDollarTagContinue(At(p))) ++p;
      if (At(p) != '$') {
        ++pos_;
        return Make(TokenType::kOperator, "$", start);
      }
    }
    std::string_view delimiter = sql_.substr(start, p + 1 - start);
    size_t body = p + 1;
    size_t close = sql_.find(delimiter, body);
    if (close == std::string_view::npos) {
      Fail("unterminated dollar-quoted string", start, sql_.size());
    }
    pos_ = close + delimiter.size();
    return Make(TokenType::kString, std::string(sql_.substr(body, close - body)), start);
  }

  Token LexOperator() {
    size_t start = pos_;
    size_t end = pos_;
    while (end < sql_.size() && IsOpChar(sql_[end])) {
      // A comment start ends the operator.
      if (end > start &&
          ((sql_[end] == '-' && At(end + 1) == '-') || (sql_[end] == '/' && At(end + 1) == '*'))) {
        break;
      }
      ++end;
    }
    size_t n = end - start;
    if (n > 1 && (sql_[start + n - 1] == '+' || sql_[start + n - 1] == '-')) {
      bool has_non_math = false;
      for (size_t i = 0; i + 1 < n; ++i) has_non_math |= IsNonMathOpChar(sql_[start + i]);
      if (!has_non_math) {
        do {
          --n;
        } while (n > 1 && (sql_[start + n - 1] == '+' || sql_[start + n - 1] == '-'));
      }
    }
    pos_ = start + n;
    std::string op(sql_.substr(start, n));
    if (op == "!=") op = "<>";
    return Make(TokenType::kOperator, std::move(op), start);
  }

  std::string_view sql_;
  size_t pos_ = 0;
  size_t counted_bytes_ = 0;
  int counted_chars_ = 0;
  // E'' strings: the first half of a UTF-16 surrogate pair written as a \u
  // escape, waiting for the second (0: none).
  uint32_t high_surrogate_ = 0;
};

}  // namespace

std::vector<Token> Tokenize(std::string_view sql) {
  // As PostgreSQL converting a client's text: the query must be UTF-8.
  if (Status valid = CheckUtf8(sql); !valid.ok()) throw Error::FromStatus(valid);
  return Lexer(sql).Run();
}

}  // namespace basalt::sql
