// MERGE's writes (see Merge in modify_table.h): the WHEN clauses choose, and
// the same write steps as INSERT, UPDATE and DELETE do the writing, so
// constraints, unique keys, sequences and change capture see MERGE's rows as
// theirs.
#include <optional>

#include "sql/execution/evaluate.h"
#include "sql/execution/lock_rows.h"
#include "sql/execution/modify_table.h"
#include "sql/execution/table_constraints.h"

namespace basalt::sql {

void Merge::Write(ExecContext& ctx) {
  std::vector<Row> rows = DrainRows(*children_[0], ctx);
  storage::TableStore store(ctx.store, &table_->layout);
  TableConstraints constraints(table_);
  const size_t width = table_->layout.column_types.size();
  std::unordered_set<std::string> changed;
  for (const Row& joined : rows) {
    ctx.CheckForInterrupts();
    const bool matched = !joined[width].is_null();
    if (matched && MergeMatched(store, constraints, joined, ctx, changed)) continue;
    MergeNotMatched(store, constraints, joined, ctx);
  }
  constraints.Finish(ctx);
}

const BoundMergeAction* Merge::ChooseAction(bool matched, const Row& row, ExecContext& ctx) const {
  for (const BoundMergeAction& action : actions_) {
    if (action.matched != matched) continue;
    if (action.condition == nullptr || EvaluatePredicate(*action.condition, row, &ctx)) {
      return &action;
    }
  }
  return nullptr;
}

bool Merge::MergeMatched(storage::TableStore& store, TableConstraints& constraints,
                         const Row& joined, ExecContext& ctx,
                         std::unordered_set<std::string>& changed) {
  const size_t width = table_->layout.column_types.size();
  const std::string key = joined[width].AsString();
  Row current = joined;  // the target's version the clauses read
  storage::LockedRow locked;
  while (true) {
    const BoundMergeAction* action = ChooseAction(/*matched=*/true, current, ctx);
    if (action == nullptr || action->kind == BoundMergeAction::Kind::kDoNothing) return true;
    if (changed.contains(key)) {
      throw Error(sqlstate::kCardinalityViolation, "MERGE command cannot affect row a second time")
          .WithHint("Ensure that not more than one source row matches any one target row.");
    }
    const bool update = action->kind == BoundMergeAction::Kind::kUpdate;
    std::optional<Row> new_row;
    if (update) new_row = AssignedRow(*table_, action->assignments, current, ctx);
    // As UPDATE: a new row that keeps the key's values does not conflict
    // with FOR KEY SHARE.
    const bool key_changes = !update || ChangesKey(*table_, current, *new_row);
    const BoundRowLock lock{key_changes ? storage::RowLockStrength::kUpdate
                                        : storage::RowLockStrength::kNoKeyUpdate};
    if (!LockScannedRow(*table_, store, lock, on_, current, ctx, &locked)) return false;
    if (locked.value != current[width + 1].AsString()) {
      // Changed by a concurrent commit and still matching: choose again
      // over the newest version (PostgreSQL 15's EvalPlanQual for MERGE).
      current = WithLockedVersion(*table_, current, locked);
      continue;
    }
    if (update) {
      WriteUpdatedRow(*table_, store, constraints, locked, *new_row, ctx);
    } else {
      WriteDeletedRow(store, constraints, locked, ctx);
    }
    changed.insert(key);
    ++ctx.rows_affected;
    return true;
  }
}

void Merge::MergeNotMatched(storage::TableStore& store, TableConstraints& constraints,
                            const Row& joined, ExecContext& ctx) {
  // The clauses read the source only; a row that stopped matching still
  // carries its target's columns, which they must not see.
  Row source = joined;
  const size_t target_width = table_->layout.column_types.size() + 2;
  for (size_t c = 0; c < target_width; ++c) source[c] = Value::Null();
  const BoundMergeAction* action = ChooseAction(/*matched=*/false, source, ctx);
  if (action == nullptr || action->kind == BoundMergeAction::Kind::kDoNothing) return;
  Row row;
  row.reserve(action->row_exprs.size());
  for (const BoundExprPtr& e : action->row_exprs) row.push_back(Evaluate(*e, source, &ctx));
  CheckNotNull(*table_, row);
  WriteNewRow(*table_, store, constraints, row, ctx);
  ++ctx.rows_affected;
}

}  // namespace basalt::sql
