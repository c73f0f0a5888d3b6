// INSERT, UPDATE, DELETE and MERGE of one table.
#pragma once

#include "catalog/catalog.h"
#include "sql/binder/bound_statement.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

struct LogicalInsert : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kInsert;
  LogicalInsert() : LogicalOperator(kKind) {}
  std::shared_ptr<const catalog::TableEntry> table;
  std::vector<BoundExprPtr> row_exprs;  // over the child's rows
  std::optional<BoundOnConflict> on_conflict;
  std::vector<BoundExprPtr> returning;      // over the new row (BoundReturning)
  std::vector<BoundViewCheck> view_checks;  // over the new row
};

struct LogicalUpdate : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kUpdate;
  LogicalUpdate() : LogicalOperator(kKind) {}
  std::shared_ptr<const catalog::TableEntry> table;
  std::vector<BoundAssignment> assignments;
  BoundExprPtr recheck;                 // the WHERE clause, re-checked on rows changed concurrently
  std::vector<BoundExprPtr> returning;  // over the new row
  // UPDATE ... FROM: a target row may come joined with several FROM rows;
  // the first one updates it, the others are skipped (as in PostgreSQL).
  bool joined = false;
  std::vector<BoundViewCheck> view_checks;  // over the new row
};

struct LogicalDelete : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kDelete;
  LogicalDelete() : LogicalOperator(kKind) {}
  std::shared_ptr<const catalog::TableEntry> table;
  BoundExprPtr recheck;                 // as LogicalUpdate's
  std::vector<BoundExprPtr> returning;  // over the deleted row
  bool joined = false;                  // DELETE ... USING; as LogicalUpdate's
};

// MERGE: its child yields the target's rows (with storage key and stored
// value) joined to the source's by the ON condition; a source row without
// a target row comes with the target's part NULL when a NOT MATCHED clause
// exists (see BoundMergeAction).
struct LogicalMerge : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kMerge;
  LogicalMerge() : LogicalOperator(kKind) {}
  std::shared_ptr<const catalog::TableEntry> table;
  BoundExprPtr on;  // re-checked on a matched row changed concurrently
  std::vector<BoundMergeAction> actions;
};

}  // namespace basalt::sql
