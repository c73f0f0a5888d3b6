#include "sql/execution/lock_rows.h"

#include <fmt/format.h>

#include "sql/execution/evaluate.h"

namespace basalt::sql {

bool LockRows::Lock(storage::TableStore& store, ExecContext& ctx, Row& row) {
  const size_t width = row.size() - 2;
  storage::LockedRow locked;
  const auto wait = lock_.nowait ? storage::Transaction::LockWait::kNoWait
                                 : storage::Transaction::LockWait::kWait;
  // SKIP LOCKED tries without waiting and drops what it cannot have.
  Result<storage::RowLockResult> result = store.LockRow(
      ctx.txn, row[width].AsString(), &locked, lock_.strength,
      lock_.skip_locked ? storage::Transaction::LockWait::kNoWait : wait, lock_.skip_locked);
  if (!result.ok()) {
    if (result.status().code() == sqlstate::kLockNotAvailable && lock_.nowait) {
      throw Error(
          sqlstate::kLockNotAvailable,
          fmt::format("could not obtain lock on row in relation \"{}\"", table_->def.name()));
    }
    ThrowStatus(result.status());
  }
  if (*result != storage::RowLockResult::kLocked) return false;
  if (locked.value == row[width + 1].AsString()) return true;
  if (recheck_ != nullptr && !EvaluatePredicate(*recheck_, locked.row, &ctx)) return false;
  for (size_t c = 0; c < width; ++c) row[c] = std::move(locked.row[c]);
  row[width + 1] = Value::String(std::move(locked.value));
  return true;
}

bool LockRows::Next(ExecContext& ctx, RowBatch* batch) {
  batch->clear();
  storage::TableStore store(ctx.store, table_->layout);
  while (batch->size() < batch_limit_) {
    if (next_pending_ == pending_.size()) {
      next_pending_ = 0;
      if (!children_[0]->Next(ctx, &pending_)) break;
    }
    Row& row = pending_[next_pending_++];
    ctx.CheckForInterrupts();
    if (Lock(store, ctx, row)) batch->push_back(std::move(row));
  }
  return !batch->empty();
}

}  // namespace basalt::sql
