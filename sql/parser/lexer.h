// The SQL lexer: turns a query string into tokens, following PostgreSQL's
// scan.l with standard_conforming_strings on.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sql/parser/keywords.h"

namespace basalt::sql {

enum class TokenType {
  kIdentifier,        // unquoted word, folded to lower case (keywords included)
  kQuotedIdentifier,  // "Word", kept verbatim
  kInteger,           // 42
  kDecimal,           // 4.2, .5, 1e10
  kString,            // 'x', E'x', $$x$$ — text is the decoded value
  kParameter,         // $1 — text is the digits
  kOperator,          // + - * / < <= <> || :: ( ) , ; . [ ] and any other operator
  kEnd,               // end of input
};

struct Token {
  TokenType type = TokenType::kEnd;
  // kIdentifier: folded word; kQuotedIdentifier/kString: decoded value;
  // numbers: as written; kOperator: the operator ("!=" becomes "<>").
  std::string text;
  // Keyword category of an unquoted word; kNone otherwise.
  KeywordCategory keyword = KeywordCategory::kNone;
  int begin = 0;     // byte offset of the first byte
  int end = 0;       // byte offset one past the last byte
  int position = 0;  // 1-based character position of the first character
  // An identifier longer than 63 bytes: the whole name (folded), before
  // `text` was truncated; empty otherwise.
  std::string untruncated;

  // An unquoted word equal to `word` (lower case).
  bool IsWord(std::string_view word) const {
    return type == TokenType::kIdentifier && text == word;
  }
  bool IsOp(std::string_view op) const { return type == TokenType::kOperator && text == op; }
};

// Splits `sql` into tokens, ending with one kEnd token whose begin is the
// input's length and whose position is one past the last character.
// Throws basalt::Error (42601) for unterminated strings, quoted identifiers,
// comments, zero-length identifiers, junk after numbers and bad Unicode
// escapes, and 22021 for text (or an E'' string's escapes) not UTF-8.
std::vector<Token> Tokenize(std::string_view sql);

}  // namespace basalt::sql
