#include <optional>
#include <string>
#include <unordered_set>

#include "sql/execution/evaluate.h"
#include "sql/execution/lock_rows.h"
#include "sql/execution/modify_table.h"
#include "sql/execution/table_constraints.h"

namespace basalt::sql {

std::vector<Row> DrainRows(PhysicalOperator& input, ExecContext& ctx) {
  std::vector<Row> rows;
  RowBatch batch;
  while (input.Next(ctx, &batch)) {
    for (Row& row : batch) rows.push_back(std::move(row));
  }
  return rows;
}

bool ChangesKey(const catalog::TableEntry& table, const Row& old_row, const Row& new_row) {
  for (int column : table.layout.primary_key) {
    const Value& before = old_row[static_cast<size_t>(column)];
    const Value& after = new_row[static_cast<size_t>(column)];
    if (before.is_null() != after.is_null()) return true;
    if (!before.is_null() &&
        CompareValues(before, after, table.layout.column_types[static_cast<size_t>(column)]) != 0) {
      return true;
    }
  }
  return false;
}

Row AssignedRow(const catalog::TableEntry& table, const std::vector<BoundAssignment>& assignments,
                const Row& old_row, ExecContext& ctx) {
  Row new_row(old_row.begin(),
              old_row.begin() + static_cast<std::ptrdiff_t>(table.layout.column_types.size()));
  for (const BoundAssignment& a : assignments) {
    new_row[static_cast<size_t>(a.column)] = Evaluate(*a.expr, old_row, &ctx);
  }
  return new_row;
}

void WriteUpdatedRow(const catalog::TableEntry& table, storage::TableStore& store,
                     TableConstraints& constraints, const storage::LockedRow& locked,
                     const Row& new_row, ExecContext& ctx) {
  CheckNotNull(table, new_row);
  constraints.BeforeUpdate(locked, new_row, ctx);
  Status st = store.Update(ctx.txn, locked, new_row);
  if (!st.ok()) ThrowWriteFailure(table, new_row, st);
}

void WriteDeletedRow(storage::TableStore& store, TableConstraints& constraints,
                     const storage::LockedRow& locked, ExecContext& ctx) {
  constraints.BeforeDelete(locked, ctx);
  Status st = store.Delete(ctx.txn, locked);
  if (!st.ok()) ThrowStatus(st);
}

Row Update::NewRow(const Row& old_row, ExecContext& ctx) const {
  return AssignedRow(*table_, assignments_, old_row, ctx);
}

void Update::Write(ExecContext& ctx) {
  std::vector<Row> targets = DrainRows(*children_[0], ctx);
  storage::TableStore store(ctx.store, &table_->layout);
  TableConstraints constraints(table_);
  const size_t width = table_->layout.column_types.size();
  bool sets_key = false;
  for (const BoundAssignment& a : assignments_) {
    for (int column : table_->layout.primary_key) sets_key = sets_key || a.column == column;
  }
  const BoundRowLock key_update{storage::RowLockStrength::kUpdate};
  const BoundRowLock no_key_update{storage::RowLockStrength::kNoKeyUpdate};
  storage::LockedRow locked;
  std::unordered_set<std::string> updated;  // joined_: the keys of the target rows done
  for (const Row& scanned : targets) {
    ctx.CheckForInterrupts();
    if (joined_ && updated.contains(scanned[width].AsString())) continue;
    // An UPDATE that leaves the key's values alone does not conflict with
    // FOR KEY SHARE: the new row, computed from the version the scan saw,
    // decides the lock.
    std::optional<Row> planned;
    if (sets_key) planned = NewRow(scanned, ctx);
    const bool key_changes = planned && ChangesKey(*table_, scanned, *planned);
    if (!LockScannedRow(*table_, store, key_changes ? key_update : no_key_update, recheck_, scanned,
                        ctx, &locked)) {
      continue;
    }
    // Unless the row changed while we waited, that new row stands; else the
    // expressions read the locked version (with the same FROM rows).
    const bool unchanged = locked.value == scanned[width + 1].AsString();
    Row source = unchanged ? Row() : WithLockedVersion(*table_, scanned, locked);
    Row new_row =
        unchanged && planned ? std::move(*planned) : NewRow(unchanged ? scanned : source, ctx);
    if (!key_changes && sets_key && ChangesKey(*table_, locked.row, new_row)) {
      // The row changed while we waited and now the key does: lock harder.
      if (!LockScannedRow(*table_, store, key_update, recheck_, scanned, ctx, &locked)) {
        continue;
      }
      source = WithLockedVersion(*table_, scanned, locked);
      new_row = NewRow(source, ctx);
    }
    WriteUpdatedRow(*table_, store, constraints, locked, new_row, ctx);
    CheckViewOptions(*table_, view_checks_, new_row, ctx);
    ++ctx.rows_affected;
    if (!joined_) {
      returning_.Add(new_row, ctx);
      continue;
    }
    updated.insert(scanned[width].AsString());
    // RETURNING reads the new row and the FROM rows it was joined with.
    Row returned = scanned;
    std::move(new_row.begin(), new_row.end(), returned.begin());
    returning_.Add(returned, ctx);
  }
  constraints.Finish(ctx);
}

void Delete::Write(ExecContext& ctx) {
  std::vector<Row> targets = DrainRows(*children_[0], ctx);
  storage::TableStore store(ctx.store, &table_->layout);
  TableConstraints constraints(table_);
  const size_t width = table_->layout.column_types.size();
  storage::LockedRow locked;
  std::unordered_set<std::string> deleted;  // joined_: the keys of the target rows done
  for (const Row& scanned : targets) {
    ctx.CheckForInterrupts();
    if (joined_ && deleted.contains(scanned[width].AsString())) continue;
    if (!LockScannedRow(*table_, store, BoundRowLock{storage::RowLockStrength::kUpdate}, recheck_,
                        scanned, ctx, &locked)) {
      continue;
    }
    WriteDeletedRow(store, constraints, locked, ctx);
    ++ctx.rows_affected;
    if (!joined_) {
      returning_.Add(locked.row, ctx);
      continue;
    }
    deleted.insert(scanned[width].AsString());
    returning_.Add(WithLockedVersion(*table_, scanned, locked), ctx);
  }
  constraints.Finish(ctx);
}

}  // namespace basalt::sql
