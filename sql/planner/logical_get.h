// Reads a table: a full scan, or (after the point_lookup pass) the one row
// whose primary key equals `lookup_key`, or (after index_selection) the rows
// an index finds, `filter` then testing the rest of the WHERE. After the scan_pushdown pass a full
// scan may carry its WHERE predicate and the set of columns the plan reads.
#pragma once

#include "catalog/catalog.h"
#include "sql/binder/bound_expression.h"
#include "sql/planner/index_access.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

struct LogicalGet : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kGet;
  LogicalGet() : LogicalOperator(kKind) {}
  std::shared_ptr<const catalog::TableEntry> table;
  bool emit_key = false;  // rows carry their storage key and stored value (UPDATE/DELETE)
  std::vector<BoundExprPtr> lookup_key;  // empty: full scan
  BoundExprPtr filter;                   // full scan: rows must satisfy it (null: all rows)
  std::vector<bool> columns;             // full scan: table columns decoded (empty: all)
  std::unique_ptr<IndexAccess> index;    // null: not through a secondary index
};

}  // namespace basalt::sql
