// A bound query printed back as SQL text the way PostgreSQL 15's
// pg_get_viewdef prints a view's query (ruleutils.c's format): every
// column qualified by its FROM item, operators and boolean terms in
// parentheses (or, `pretty`, only where precedence needs them), constants
// with their types ('x'::text), the implicit casts an operator's or
// function's argument needed, and the clauses on lines of their own.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sql/binder/bound_statement.h"
#include "sql/catalog_names.h"

namespace basalt::sql {

class Binder;
namespace ast {
struct Expr;
}  // namespace ast

// The query's text, ending in ";", or nullopt for a query with a construct
// the printer does not know (a CTE reference whose WITH clause the binder
// did not keep, Binder::KeepWithClauses; VALUES with ORDER BY or LIMIT; a
// set operation with its own ORDER BY or LIMIT as an input of another; a
// comma list inside a join; a row lock over a join): the caller then shows
// the text as written.
// `column_names` are the view's column names (ALTER ... RENAME COLUMN may
// have changed them); relations are qualified where `names`' search_path
// would not find them.
// `rename`, when set, prints column `column` (0-based) of relation
// `relation` under `new_name`: ALTER ... RENAME COLUMN rewrites the views
// that read it, whose stored text names it.
struct ColumnRename {
  Oid relation = 0;
  int column = -1;
  std::string old_name;
  std::string new_name;
};
std::optional<std::string> DeparseQuery(const BoundSelect& query,
                                        const std::vector<std::string>& column_names,
                                        const CatalogNames& names, bool pretty,
                                        const ColumnRename* rename = nullptr);

// An expression over the columns of `table` (a CHECK constraint's), as
// pg_get_constraintdef prints it: columns unqualified, operators in
// parentheses (or, `pretty`, only where needed). Nullopt as DeparseQuery.
std::optional<std::string> DeparseTableExpression(const BoundExpr& expr,
                                                  const catalog::TableEntry& table,
                                                  const CatalogNames& names, bool pretty);

// An expression over a domain's VALUE (of type `base`), as
// pg_get_constraintdef prints a domain's CHECK and typdefault its DEFAULT.
std::optional<std::string> DeparseDomainExpression(const BoundExpr& expr, const DataType& base,
                                                   const CatalogNames& names, bool pretty);

// ALTER TABLE ... RENAME COLUMN: the stored CHECK expressions of `table`
// (Constraint.check_expr, in constraint order; empty for a foreign key)
// printed again with column `column` (0-based) named `new_name`, as
// PostgreSQL's constraints, bound to the column, go on. 0A000 if one
// cannot be printed.
// Either: each stored expression (one per item; empty text: none) bound
// over `table` by `bind`, printed again with the column renamed; 0A000
// `renaming a column read by <what> is not supported yet` where it cannot be.
struct StoredExpression {
  std::string text;
  std::string what;  // "check constraint \"c\"", "the predicate of index \"i\""
};
std::vector<std::string> RenamedExpressions(
    const CatalogNames& names, const catalog::TableEntry& table, int column,
    const std::string& new_name, const std::vector<StoredExpression>& stored, bool pretty,
    const std::function<BoundExprPtr(Binder&, const ast::Expr&)>& bind);
std::vector<std::string> RenamedIndexPredicates(const CatalogNames& names,
                                                const catalog::TableEntry& table, int column,
                                                const std::string& new_name);
// Every expression column of the table's indexes, index by index, column
// by column (empty for a table column).
std::vector<std::string> RenamedIndexExpressions(const CatalogNames& names,
                                                 const catalog::TableEntry& table, int column,
                                                 const std::string& new_name);
std::vector<std::string> RenamedCheckExpressions(const CatalogNames& names,
                                                 const catalog::TableEntry& table, int column,
                                                 const std::string& new_name);

}  // namespace basalt::sql
