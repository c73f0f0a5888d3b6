// Reads a table: a full scan, or (after the point_lookup pass) the one row
// whose primary key equals `lookup_key` (or the rows whose last key column
// is one of `lookup_in`'s values: an IN list), or (after index_selection) the rows
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
  std::vector<BoundExprPtr> lookup_key;  // primary key values; empty: full scan (or lookup_in)
  // Or the last primary key column is one of a list's values: the WHERE's
  // `col IN (values)` or `col = ANY (array)` term (over the table's row),
  // lookup_key then holding the columns before it. Null: no list.
  BoundExprPtr lookup_in;
  BoundExprPtr filter;                 // full scan: rows must satisfy it (null: all rows)
  std::vector<bool> columns;           // full scan: table columns decoded (empty: all)
  std::unique_ptr<IndexAccess> index;  // null: not through a secondary index
  // The full scan a parallel aggregate's participants share by key ranges
  // (LogicalAggregate::parallel).
  bool parallel_scan = false;

  // Whether the rows are read by primary key (PointLookup).
  bool by_primary_key() const { return !lookup_key.empty() || lookup_in != nullptr; }
};

}  // namespace basalt::sql
