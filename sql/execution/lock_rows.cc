#include "sql/execution/lock_rows.h"

#include <fmt/format.h>

#include "sql/execution/evaluate.h"

namespace basalt::sql {

bool LockScannedRow(const catalog::TableEntry& table, storage::TableStore& store,
                    const BoundRowLock& lock, const BoundExpr* recheck, const Row& scanned,
                    ExecContext& ctx, storage::LockedRow* locked) {
  // SKIP LOCKED tries without waiting, as NOWAIT, and drops what it cannot have.
  const auto wait = lock.nowait || lock.skip_locked ? storage::Transaction::LockWait::kNoWait
                                                    : storage::Transaction::LockWait::kWait;
  const size_t width = table.layout.column_types.size();
  Result<bool> found =
      store.LockRow(ctx.txn, scanned[width].AsString(), locked, lock.strength, wait);
  if (!found.ok()) {
    const bool held = found.status().code() == sqlstate::kLockNotAvailable &&
                      wait == storage::Transaction::LockWait::kNoWait;
    if (held && lock.skip_locked) return false;
    if (!held) ThrowStatus(found.status());
    throw Error(sqlstate::kLockNotAvailable,
                fmt::format("could not obtain lock on row in relation \"{}\"", table.def.name()));
  }
  if (!*found) return false;
  if (locked->value == scanned[width + 1].AsString() || recheck == nullptr) return true;
  return EvaluatePredicate(*recheck, WithLockedVersion(table, scanned, *locked), &ctx);
}

Row WithLockedVersion(const catalog::TableEntry& table, const Row& scanned,
                      const storage::LockedRow& locked) {
  const size_t width = table.layout.column_types.size();
  Row row = scanned;
  for (size_t c = 0; c < width; ++c) row[c] = locked.row[c];
  row[width + 1] = Value::String(locked.value);
  return row;
}

bool LockRows::Next(ExecContext& ctx, RowBatch* batch) {
  batch->clear();
  storage::TableStore store(ctx.store, &table_->layout);
  storage::LockedRow locked;
  while (batch->size() < batch_limit_) {
    if (next_pending_ == pending_.size()) {
      next_pending_ = 0;
      if (!children_[0]->Next(ctx, &pending_)) break;
    }
    Row& row = pending_[next_pending_++];
    ctx.CheckForInterrupts();
    if (!LockScannedRow(*table_, store, lock_, recheck_, row, ctx, &locked)) continue;
    // Pass on the locked version (the newest one under READ COMMITTED).
    const size_t width = row.size() - 2;
    for (size_t c = 0; c < width; ++c) row[c] = std::move(locked.row[c]);
    row.back() = Value::String(std::move(locked.value));
    batch->push_back(std::move(row));
  }
  return !batch->empty();
}

}  // namespace basalt::sql
