#include "common/json_parse.h"

#include <fmt/format.h>

#include "common/stack_depth.h"
#include "common/text_case.h"
#include "common/utf8.h"

namespace basalt {
namespace {

enum class Token {
  kEnd,
  kObjectStart,
  kObjectEnd,
  kArrayStart,
  kArrayEnd,
  kComma,
  kColon,
  kString,
  kNumber,
  kTrue,
  kFalse,
  kNull,
};

// PostgreSQL's JSON_ALPHANUMERIC_CHAR: the characters of a bad token.
bool IsTokenChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         (static_cast<unsigned char>(c) & 0x80) != 0;
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// The lexer and parser of PostgreSQL's common/jsonapi.c, one token of
// lookahead; `decode` (jsonb) also builds the value and decodes strings.
class JsonParser {
 public:
  JsonParser(std::string_view input, bool decode) : input_(input), decode_(decode) {}

  Status Parse(JsonbValue* out) {
    BASALT_RETURN_IF_ERROR(Lex());
    BASALT_RETURN_IF_ERROR(ParseValue(out));
    if (token_ != Token::kEnd) return ParseError("end of input");
    return Status::OK();
  }

 private:
  Status ParseValue(JsonbValue* out) {
    CheckStackDepth();
    switch (token_) {
      case Token::kObjectStart: return ParseObject(out);
      case Token::kArrayStart: return ParseArray(out);
      case Token::kString:
        if (decode_) *out = JsonbValue::String(std::move(string_));
        return Lex();
      case Token::kNumber:
        if (decode_) {
          BASALT_ASSIGN_OR_RETURN(std::string number, NormalizeJsonNumber(TokenText()));
          *out = JsonbValue::Number(std::move(number));
        }
        return Lex();
      case Token::kTrue:
      case Token::kFalse:
        if (decode_) *out = JsonbValue::Bool(token_ == Token::kTrue);
        return Lex();
      case Token::kNull:
        if (decode_) *out = JsonbValue::Null();
        return Lex();
      default: return ParseError("JSON value");
    }
  }

  Status ParseArray(JsonbValue* out) {
    if (decode_) *out = JsonbValue::Array();
    BASALT_RETURN_IF_ERROR(Lex());  // [
    if (token_ != Token::kArrayEnd) {
      while (true) {
        JsonbValue element;
        BASALT_RETURN_IF_ERROR(ParseValue(&element));
        if (decode_) out->elements.push_back(std::move(element));
        if (token_ != Token::kComma) break;
        BASALT_RETURN_IF_ERROR(Lex());
      }
    }
    if (token_ != Token::kArrayEnd) return ParseError("\",\" or \"]\"");
    return Lex();
  }

  Status ParseObject(JsonbValue* out) {
    if (decode_) *out = JsonbValue::Object();
    BASALT_RETURN_IF_ERROR(Lex());  // {
    if (token_ == Token::kString) {
      while (true) {
        if (token_ != Token::kString) return ParseError("string");
        std::string key = std::move(string_);
        BASALT_RETURN_IF_ERROR(Lex());
        if (token_ != Token::kColon) return ParseError("\":\"");
        BASALT_RETURN_IF_ERROR(Lex());
        JsonbValue value;
        BASALT_RETURN_IF_ERROR(ParseValue(&value));
        if (decode_) out->members.emplace_back(std::move(key), std::move(value));
        if (token_ != Token::kComma) break;
        BASALT_RETURN_IF_ERROR(Lex());
      }
    } else if (token_ != Token::kObjectEnd) {
      return ParseError("string or \"}\"");
    }
    if (token_ != Token::kObjectEnd) return ParseError("\",\" or \"}\"");
    if (decode_) out->SortMembers();
    return Lex();
  }

  std::string_view TokenText() const {
    return input_.substr(token_start_, token_end_ - token_start_);
  }

  // report_parse_error: the premature end, or `expected` naming the token.
  Status ParseError(std::string_view expected) {
    if (token_ == Token::kEnd) return Fail("The input string ended unexpectedly.");
    return Fail(fmt::format("Expected {}, but found \"{}\".", expected, TokenText()));
  }

  // report_json_context: the line of the error up to the token's end, at
  // most about 50 bytes of it.
  Status Fail(std::string detail, sqlstate::Code code = sqlstate::kInvalidTextRepresentation,
              std::string message = "invalid input syntax for type json") {
    size_t start = line_start_;
    const size_t end = token_end_;
    while (end - start >= 50) start += Utf8Length(input_[start]);
    if (start - line_start_ <= 3) start = line_start_;
    const bool suffix =
        token_ != Token::kEnd && end < input_.size() && input_[end] != '\n' && input_[end] != '\r';
    return Status::Error(code, std::move(message))
        .WithDetail(std::move(detail))
        .WithContext(fmt::format("JSON data, line {}: {}{}{}", line_number_,
                                 start > line_start_ ? "..." : "",
                                 input_.substr(start, end - start), suffix ? "..." : ""));
  }

  Status InvalidToken(size_t end) {
    token_end_ = end;
    token_ = Token::kNull;  // not kEnd: the context gets its "..."
    return Fail(fmt::format("Token \"{}\" is invalid.", TokenText()));
  }

  Status Lex() {
    size_t s = pos_;
    while (s < input_.size() &&
           (input_[s] == ' ' || input_[s] == '\t' || input_[s] == '\n' || input_[s] == '\r')) {
      if (input_[s] == '\n') {
        ++line_number_;
        line_start_ = s + 1;
      }
      ++s;
    }
    token_start_ = s;
    if (s >= input_.size()) {
      token_ = Token::kEnd;
      token_end_ = pos_ = s;
      return Status::OK();
    }
    token_end_ = s + 1;
    switch (input_[s]) {
      case '{': token_ = Token::kObjectStart; break;
      case '}': token_ = Token::kObjectEnd; break;
      case '[': token_ = Token::kArrayStart; break;
      case ']': token_ = Token::kArrayEnd; break;
      case ',': token_ = Token::kComma; break;
      case ':': token_ = Token::kColon; break;
      case '"': BASALT_RETURN_IF_ERROR(LexString(s)); break;
      case '-':
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7':
      case '8':
      case '9': BASALT_RETURN_IF_ERROR(LexNumber(s)); break;
      default: {
        size_t p = s;
        while (p < input_.size() && IsTokenChar(input_[p])) ++p;
        if (p == s) return InvalidToken(s + Utf8Length(input_[s]));
        const std::string_view word = input_.substr(s, p - s);
        if (word == "true") {
          token_ = Token::kTrue;
        } else if (word == "false") {
          token_ = Token::kFalse;
        } else if (word == "null") {
          token_ = Token::kNull;
        } else {
          return InvalidToken(p);
        }
        token_end_ = p;
      }
    }
    pos_ = token_end_;
    return Status::OK();
  }

  Status LexNumber(size_t s) {
    const size_t n = input_.size();
    bool error = false;
    if (input_[s] == '-') ++s;
    if (s < n && input_[s] == '0') {
      ++s;
    } else if (s < n && IsDigit(input_[s])) {
      while (s < n && IsDigit(input_[s])) ++s;
    } else {
      error = true;
    }
    if (s < n && input_[s] == '.') {
      ++s;
      if (s >= n || !IsDigit(input_[s])) error = true;
      while (s < n && IsDigit(input_[s])) ++s;
    }
    if (s < n && (input_[s] == 'e' || input_[s] == 'E')) {
      ++s;
      if (s < n && (input_[s] == '+' || input_[s] == '-')) ++s;
      if (s >= n || !IsDigit(input_[s])) error = true;
      while (s < n && IsDigit(input_[s])) ++s;
    }
    size_t p = s;
    while (p < n && IsTokenChar(input_[p])) ++p;
    if (p > s || error) return InvalidToken(p);
    token_ = Token::kNumber;
    token_end_ = s;
    return Status::OK();
  }

  Status StringError(size_t end, std::string detail,
                     sqlstate::Code code = sqlstate::kInvalidTextRepresentation,
                     std::string message = "invalid input syntax for type json") {
    token_end_ = end;
    token_ = Token::kString;
    return Fail(std::move(detail), code, std::move(message));
  }

  Status LexString(size_t s) {
    const size_t n = input_.size();
    string_.clear();
    int64_t high_surrogate = -1;
    ++s;
    while (true) {
      if (s >= n) return InvalidToken(s);
      const char c = input_[s];
      if (c == '"') break;
      if (static_cast<unsigned char>(c) < 0x20) {
        return StringError(s, fmt::format("Character with value 0x{:02x} must be escaped.",
                                          static_cast<unsigned char>(c)));
      }
      if (c != '\\') {
        if (high_surrogate != -1 && decode_) {
          return StringError(s + 1, "Unicode low surrogate must follow a high surrogate.");
        }
        if (decode_) string_.push_back(c);
        ++s;
        continue;
      }
      ++s;
      if (s >= n) return InvalidToken(s);
      if (input_[s] == 'u') {
        uint32_t ch = 0;
        for (int i = 0; i < 4; ++i) {
          ++s;
          if (s >= n) return InvalidToken(s);
          const char h = input_[s];
          const int digit = IsDigit(h)               ? h - '0'
                            : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                            : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                                     : -1;
          if (digit < 0) {
            return StringError(s + Utf8Length(h),
                               "\"\\u\" must be followed by four hexadecimal digits.");
          }
          ch = ch * 16 + static_cast<uint32_t>(digit);
        }
        ++s;
        if (!decode_) continue;
        if (ch >= 0xD800 && ch <= 0xDBFF) {
          if (high_surrogate != -1) {
            return StringError(s, "Unicode high surrogate must not follow a high surrogate.");
          }
          high_surrogate = ch;
          continue;
        }
        if (ch >= 0xDC00 && ch <= 0xDFFF) {
          if (high_surrogate == -1) {
            return StringError(s, "Unicode low surrogate must follow a high surrogate.");
          }
          ch = 0x10000 + ((static_cast<uint32_t>(high_surrogate) - 0xD800) << 10) + (ch - 0xDC00);
          high_surrogate = -1;
        }
        if (high_surrogate != -1) {
          return StringError(s, "Unicode low surrogate must follow a high surrogate.");
        }
        if (ch == 0) {
          return StringError(s, "\\u0000 cannot be converted to text.",
                             sqlstate::kUntranslatableCharacter,
                             "unsupported Unicode escape sequence");
        }
        AppendUtf8(static_cast<char32_t>(ch), &string_);
        continue;
      }
      if (high_surrogate != -1 && decode_) {
        return StringError(s + 1, "Unicode low surrogate must follow a high surrogate.");
      }
      char decoded;
      switch (input_[s]) {
        case '"':
        case '\\':
        case '/': decoded = input_[s]; break;
        case 'b': decoded = '\b'; break;
        case 'f': decoded = '\f'; break;
        case 'n': decoded = '\n'; break;
        case 'r': decoded = '\r'; break;
        case 't': decoded = '\t'; break;
        default: {
          const size_t len = Utf8Length(input_[s]);
          return StringError(
              s + len, fmt::format("Escape sequence \"\\{}\" is invalid.", input_.substr(s, len)));
        }
      }
      if (decode_) string_.push_back(decoded);
      ++s;
    }
    if (high_surrogate != -1 && decode_) {
      return StringError(s + 1, "Unicode low surrogate must follow a high surrogate.");
    }
    token_ = Token::kString;
    token_end_ = s + 1;
    return Status::OK();
  }

  std::string_view input_;
  bool decode_;
  size_t pos_ = 0;
  int line_number_ = 1;
  size_t line_start_ = 0;
  Token token_ = Token::kEnd;
  size_t token_start_ = 0;
  size_t token_end_ = 0;
  std::string string_;  // the current string token, decoded
};

}  // namespace

Status ValidateJson(std::string_view text) {
  JsonbValue ignored;
  return JsonParser(text, false).Parse(&ignored);
}

Result<JsonbValue> ParseJsonb(std::string_view text) {
  JsonbValue value;
  BASALT_RETURN_IF_ERROR(JsonParser(text, true).Parse(&value));
  return value;
}

}  // namespace basalt
