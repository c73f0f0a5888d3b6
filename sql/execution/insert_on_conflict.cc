// INSERT ... ON CONFLICT DO NOTHING | DO UPDATE: the row already holding
// the arbiter key's values is found under a lock on that key, so a
// concurrent inserter of the same values waits and then finds this one's
// row: no 23505 escapes, and DO UPDATE changes the newest committed version
// (READ COMMITTED) or fails with 40001 (snapshot isolation), as PostgreSQL.
#include "sql/execution/evaluate.h"
#include "sql/execution/modify_table.h"
#include "sql/execution/table_constraints.h"

namespace basalt::sql {

bool Insert::ResolveConflict(storage::TableStore& store, TableConstraints& constraints,
                             const Row& row, ExecContext& ctx,
                             std::unordered_set<std::string>& written) {
  while (true) {
    ctx.CheckForInterrupts();
    std::string key;
    Result<bool> found = store.FindConflict(ctx.txn, row, on_conflict_->arbiter, &key);
    if (!found.ok()) ThrowStatus(found.status());
    if (!*found) return false;
    if (!on_conflict_->do_update) return true;
    if (written.contains(key)) {
      throw Error(sqlstate::kCardinalityViolation,
                  "ON CONFLICT DO UPDATE command cannot affect row a second time")
          .WithHint(
              "Ensure that no rows proposed for insertion within the same command have "
              "duplicate constrained values.");
    }
    storage::LockedRow locked;
    Result<bool> live = store.LockRow(ctx.txn, key, &locked, storage::RowLockStrength::kUpdate);
    if (!live.ok()) ThrowStatus(live.status());
    if (!*live) continue;  // deleted while we waited: insert after all, or meet another
    // The existing row, then the proposed one (EXCLUDED).
    Row both = locked.row;
    both.insert(both.end(), row.begin(), row.end());
    if (on_conflict_->where != nullptr && !EvaluatePredicate(*on_conflict_->where, both, &ctx)) {
      return true;
    }
    Row new_row = locked.row;
    for (const BoundAssignment& a : on_conflict_->assignments) {
      new_row[static_cast<size_t>(a.column)] = Evaluate(*a.expr, both, &ctx);
    }
    WriteUpdatedRow(*table_, store, constraints, locked, new_row, ctx);
    CheckViewOptions(*table_, view_checks_, new_row, ctx);
    written.insert(key);
    ++ctx.rows_affected;
    returning_.Add(new_row, ctx);
    return true;
  }
}

}  // namespace basalt::sql
