// The names an expression can reference: the FROM items of its query (each
// with its columns at positions of the operator's input row) and, through
// `parent`, those of the queries it is nested in (correlated subqueries).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "sql/binder/bound_expression.h"

namespace basalt::sql {

struct ScopeColumn {
  std::string name;
  DataType type;
  // Its position in the input row; -1 when `merged` computes it.
  int index = -1;
  // A USING / NATURAL column merged from both sides of a join: the left
  // value (inner and left joins), the right one (right joins) or COALESCE of
  // both (full joins), cast to their common type.
  std::shared_ptr<const BoundExpr> merged;
  // The table column it shows, for RowDescription (0: none).
  Oid table_oid = 0;
  int16_t attnum = 0;
};

// A FROM item: a table, a subquery, a VALUES list, a function, or a join
// whose columns are referenced as a whole (USING, NATURAL, an alias).
struct ScopeItem {
  std::string name;  // alias or table name; empty: no qualifier reaches it
  std::vector<ScopeColumn> columns;
  // False for the two sides of a USING join: their columns are reached only
  // with a qualifier; unqualified names find the join's item.
  bool columns_visible = true;
  std::shared_ptr<const catalog::TableEntry> table;  // a base table, else null
  // A function of one column in FROM (unnest, jsonb_array_elements_text):
  // its whole-row reference is that column's value, not a record.
  bool scalar_function = false;
};

struct Scope {
  std::vector<ScopeItem> items;  // empty: no FROM
  // Names of FROM items of the query this part cannot reference (a JOIN's
  // ON sees only the join's sides), for PostgreSQL's hint.
  std::vector<std::string> unreachable;
  // The enclosing query's scope, for outer references; null at the top.
  const Scope* parent = nullptr;
  // Where a subquery collects the values it reads from `parent`'s row
  // (expressions over that row), whose positions kOuterColumn nodes name;
  // binding an expression in this scope may add one. Null at the top.
  std::vector<BoundExprPtr>* outer_values = nullptr;
};

// A table's FROM item, its columns from `offset` of the input row.
ScopeItem TableScopeItem(std::string name, std::shared_ptr<const catalog::TableEntry> table,
                         int offset);

struct BoundTableRef;
// `left` joined with every row of `right` (a LATERAL `right` runs per left
// row: its lateral values move to the join).
std::unique_ptr<BoundTableRef> CrossJoin(std::unique_ptr<BoundTableRef> left,
                                         std::unique_ptr<BoundTableRef> right);

// The column shown at `index` of the input row (the first item that has
// it), or null (a merged column, or none).
const ScopeColumn* FindScopeColumn(const Scope& scope, int index);

}  // namespace basalt::sql
