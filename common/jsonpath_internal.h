// Shared by the jsonpath scanner (jsonpath_scan.cc) and grammar
// (jsonpath_parse.cc); not part of common/'s interface.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/jsonpath_parse.h"
#include "common/status.h"

namespace basalt::jsonpath_internal {

// A failure inside the parser, unwound to ParseJsonPath.
struct ParseFailure {
  Status status;
};

[[noreturn]] inline void Fail(Status status) {
  throw ParseFailure{std::move(status)};
}

// 42601 `<message> at or near "<yytext>" of jsonpath input`, or `at end
// of jsonpath input` for an empty yytext.
[[noreturn]] void SyntaxError(std::string_view message, const std::string& yytext);

enum class Tok {
  kEnd,
  kChar,  // a special character: `ch`
  kAnd,
  kOr,
  kNot,
  kAnyPath,  // **
  kLess,
  kLessEqual,
  kEqual,
  kNotEqual,
  kGreaterEqual,
  kGreater,
  kIdent,
  kString,
  kVariable,
  kNumeric,
  kInt,
  // keywords (also key names after '.')
  kTo,
  kNull,
  kTrue,
  kFalse,
  kIs,
  kUnknown,
  kExists,
  kStrict,
  kLax,
  kAbs,
  kSize,
  kType,
  kFloor,
  kDouble,
  kCeiling,
  kKeyValue,
  kLast,
  kStarts,
  kWith,
  kLikeRegex,
  kFlag,
  kDatetime,
};

struct Token {
  Tok kind = Tok::kEnd;
  char ch = 0;
  std::string value;  // identifier, string or variable name, number text
  std::string text;   // flex's yytext, for messages; empty: "at end"
};

// flex's scanner over one path text: Next() returns the tokens, then kEnd
// tokens; scanner errors are thrown as ParseFailure.
class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}
  Token Next();

 private:
  char At(size_t i) const { return i < s_.size() ? s_[i] : '\0'; }
  void SkipComment();
  std::optional<Token> ScanNumber();
  void ScanEscape(std::string* out);
  void ScanUnicode(std::string* out);
  std::string ScanQuoted();
  Token ScanIdentifier();

  std::string_view s_;
  size_t pos_ = 0;
};

// makeItemLikeRegex (jsonpath_regex.cc): `expr like_regex pattern flag
// flags` with the flags checked and the pattern compiled once.
std::unique_ptr<JsonPathItem> MakeLikeRegex(std::unique_ptr<JsonPathItem> expr,
                                            const std::string& pattern, const std::string& flags);

}  // namespace basalt::jsonpath_internal
