// SELECT ... FOR UPDATE / SHARE: locks each row its input delivers (rows
// carrying their storage key and stored value, from a Get with emit_key).
#pragma once

#include "sql/binder/bound_statement.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

struct LogicalLockRows : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kLockRows;
  LogicalLockRows() : LogicalOperator(kKind) {}
  std::shared_ptr<const catalog::TableEntry> table;
  BoundRowLock lock;
  BoundExprPtr recheck;  // the WHERE clause, re-checked on rows changed concurrently
  // A LIMIT sits above: lock one row at a time, so no row past the limit is
  // locked.
  bool limited = false;
};

}  // namespace basalt::sql
