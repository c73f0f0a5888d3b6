// Texts the catalog keeps (a view's query, a column default, a CHECK, an
// index's expressions) are bound again each time they are used, under the
// DateStyle and IntervalStyle then in force; PostgreSQL keeps the values it
// read when the object was made. So the date and time literals of such a
// text are stored as the values the binder read, printed in ISO form, which
// every DateStyle reads alike: '01/02/2024' written under DMY is stored as
// '2024-02-01'.
#pragma once

#include <string>
#include <string_view>

#include "common/session_formats.h"
#include "sql/binder/bound_statement.h"
#include "sql/parser/ast_printer.h"

namespace basalt::sql {

// The string literals of `query` (or `expr`) the binder read as date /
// time values (date, time, timetz, timestamp, timestamptz, interval, or
// arrays of them), by source position, with the values' ISO text. Views
// the query reads are texts of their own and are not entered.
ast::LiteralTexts DateTimeLiteralTexts(const BoundSelect& query);
ast::LiteralTexts DateTimeLiteralTexts(const BoundExpr& expr);

// `text`, the part of a statement that begins at character position
// `first_position` (1-based, as source positions count), with each literal
// of `literals` replaced by its stored text. A literal's position is its
// string's, or for `date '...'` the type name's before it.
std::string WithLiteralTexts(std::string_view text, int first_position,
                             const ast::LiteralTexts& literals);

// The formats stored texts are printed in while it lives: the session's,
// with DateStyle ISO and IntervalStyle postgres, which read back the same
// under any setting (a deparsed index expression, a renamed view's query).
class ScopedStoredTextFormats {
 public:
  ScopedStoredTextFormats();

 private:
  static SessionFormats StoredFormats();
  ScopedSessionFormats scope_;
};

}  // namespace basalt::sql
