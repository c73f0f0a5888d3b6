#include "sql/execution/evaluate.h"
#include "sql/execution/lock_rows.h"
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

}  // namespace

bool Update::Next(ExecContext& ctx, RowBatch* batch) {
  std::vector<Row> targets = DrainTargets(*children_[0], ctx);
  storage::TableStore store(ctx.store, table_->layout);
  // An UPDATE that leaves the key alone does not conflict with FOR KEY SHARE.
  BoundRowLock lock{storage::RowLockStrength::kNoKeyUpdate};
  for (const BoundAssignment& a : assignments_) {
    for (int column : table_->layout.primary_key) {
      if (a.column == column) lock.strength = storage::RowLockStrength::kUpdate;
    }
  }
  storage::LockedRow locked;
  for (const Row& scanned : targets) {
    ctx.CheckForInterrupts();
    if (!LockScannedRow(*table_, store, lock, recheck_.get(), scanned, ctx, &locked)) continue;
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
    if (!LockScannedRow(*table_, store, BoundRowLock{storage::RowLockStrength::kUpdate},
                        recheck_.get(), scanned, ctx, &locked)) {
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
