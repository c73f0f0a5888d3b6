// A debug form of the AST, close to SQL and fully parenthesized, so tests
// can assert tree shapes: `1 + 2 * 3 = a` prints as `((1 + (2 * 3)) = a)`.
// Not a faithful deparser: strings are re-quoted, names are quoted only when
// needed, and type names appear in their normalized spelling. A tree too
// deep to print fails with 54001.
#pragma once

#include <map>
#include <string>

#include "sql/parser/ast.h"

namespace basalt::sql::ast {

std::string ToString(const Expr& expr);
// String literals by source position -> the text to print for them instead
// of the one written (a date read under the DateStyle in force, in ISO
// form: sql/binder/stored_literals.h).
using LiteralTexts = std::map<int, std::string>;
std::string ToString(const Expr& expr, const LiteralTexts& literal_texts);
std::string ToString(const TypeName& type);
std::string ToString(const TableRef& ref);
std::string ToString(const Statement& statement);
std::string ToString(const AlterTableCommand& command);

// A name as SQL text: double-quoted unless it is lower-case letters, digits
// and underscores not starting with a digit; with `quote_keywords`, also
// when it is a keyword other than an unreserved one (PostgreSQL's
// quote_identifier).
std::string QuoteName(const std::string& name, bool quote_keywords = false);

}  // namespace basalt::sql::ast
