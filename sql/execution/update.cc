#include "sql/execution/evaluate.h"
#include "sql/execution/modify_table.h"

namespace basalt::sql {

namespace {

// The rows an UPDATE or DELETE targets, as its input delivered them: the
// row, then its storage key and stored value (see modify_table.h).
std::vector<Row> DrainTargets(PhysicalOperator& input, ExecContext& ctx) {
  std::vector<Row> targets;
  RowBatch batch;
  while (input.Next(ctx, &batch)) {
    for (Row& row : batch) targets.push_back(std::move(row));
  }
  return targets;
}

// Locks the target row `scanned` and returns the version to act on, or
// false to skip it: gone, or changed by a concurrent commit so that the
// WHERE clause no longer holds (EvalPlanQual).
bool LockTarget(storage::TableStore& store, const BoundExpr* recheck, const Row& scanned,
                storage::RowLockStrength strength, ExecContext& ctx, storage::LockedRow* locked) {
  const std::string& key = scanned[scanned.size() - 2].AsString();
  const std::string& scanned_value = scanned.back().AsString();
  Result<bool> found = store.LockRow(ctx.txn, key, locked, strength);
  if (!found.ok()) ThrowStatus(found.status());
  if (!*found) return false;
  if (locked->value == scanned_value || recheck == nullptr) return true;
  return EvaluatePredicate(*recheck, locked->row, &ctx);
}

}  // namespace

bool Update::Next(ExecContext& ctx, RowBatch* batch) {
  std::vector<Row> targets = DrainTargets(*children_[0], ctx);
  storage::TableStore store(ctx.store, table_->layout);
  // An UPDATE that leaves the key alone does not conflict with FOR KEY SHARE.
  auto strength = storage::RowLockStrength::kNoKeyUpdate;
  for (const BoundAssignment& a : assignments_) {
    for (int column : table_->layout.primary_key) {
      if (a.column == column) strength = storage::RowLockStrength::kUpdate;
    }
  }
  storage::LockedRow locked;
  for (const Row& scanned : targets) {
    ctx.CheckForInterrupts();
    if (!LockTarget(store, recheck_.get(), scanned, strength, ctx, &locked)) continue;
    Row new_row = locked.row;
    // Every SET expression sees the old row, as in PostgreSQL.
    for (const BoundAssignment& a : assignments_) {
      new_row[a.column] = Evaluate(*a.expr, locked.row, &ctx);
    }
    CheckNotNull(*table_, new_row);
    Status st = store.Update(ctx.txn, locked, new_row);
    if (!st.ok()) ThrowWriteFailure(*table_, new_row, st);
    ++ctx.rows_affected;
  }
  batch->clear();
  return false;
}

bool Delete::Next(ExecContext& ctx, RowBatch* batch) {
  std::vector<Row> targets = DrainTargets(*children_[0], ctx);
  storage::TableStore store(ctx.store, table_->layout);
  storage::LockedRow locked;
  for (const Row& scanned : targets) {
    ctx.CheckForInterrupts();
    if (!LockTarget(store, recheck_.get(), scanned, storage::RowLockStrength::kUpdate, ctx,
                    &locked)) {
      continue;
    }
    Status st = store.Delete(ctx.txn, locked);
    if (!st.ok()) ThrowStatus(st);
    ++ctx.rows_affected;
  }
  batch->clear();
  return false;
}

}  // namespace basalt::sql
