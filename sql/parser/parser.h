// The SQL parser's facade: SQL text in, AST out. This is what the rest of
// sql/ includes; the lexer and the recursive-descent parser stay behind it.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "sql/parser/ast.h"

namespace basalt::sql {

// Parses every statement of `sql` (separated by semicolons). Empty statements
// (`;;`, whitespace, comments only) yield nothing, so an empty vector means
// an empty query. Each statement records its byte span in the text
// (Statement::text_begin/text_end).
// Throws basalt::Error with SQLSTATE 42601 (syntax_error) and a 1-based
// character position on invalid input, with PostgreSQL's messages
// (`syntax error at or near "x"`, `syntax error at end of input`,
// `unterminated quoted string at or near "'abc"`, ...).
std::vector<std::unique_ptr<ast::Statement>> ParseStatements(std::string_view sql);
// The same, and each identifier longer than 63 bytes adds PostgreSQL's
// NOTICE text (42622) `identifier "..." will be truncated to "..."`.
std::vector<std::unique_ptr<ast::Statement>> ParseStatements(std::string_view sql,
                                                             std::vector<std::string>* notices);

// Parses a single expression (for tests and for DEFAULT/CHECK text stored in
// the catalog). Throws like ParseStatements.
ast::ExprPtr ParseExpression(std::string_view sql);

}  // namespace basalt::sql
