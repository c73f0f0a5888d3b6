// SELECT ... FOR UPDATE | NO KEY UPDATE | SHARE | KEY SHARE [NOWAIT | SKIP
// LOCKED]: locks each input row (rows carry their storage key and stored
// value, see TableScan's emit_key) and passes on the version the lock
// returns. Under READ COMMITTED a row changed since the scan is re-checked
// against the WHERE clause and dropped if it no longer qualifies or is gone
// (EvalPlanQual); under snapshot isolation such a row fails with 40001.
// Sits below LIMIT, as in PostgreSQL, so skipped rows do not count.
#pragma once

#include <memory>

#include "catalog/catalog.h"
#include "sql/binder/bound_statement.h"
#include "sql/execution/physical_operator.h"

namespace basalt::sql {

// Locks the input row `scanned` — a table row followed by its storage key
// and stored value (TableScan and PointLookup with emit_key) — as `lock`
// says, and reads the version to act on into *locked. False: skip the row,
// because it is gone, or changed by a concurrent commit so that `recheck`
// (the WHERE clause; null: none) no longer holds (EvalPlanQual), or, with
// SKIP LOCKED, held by another transaction. NOWAIT on a held row: 55P03
// `could not obtain lock on row in relation "t"`. Shared by UPDATE, DELETE
// and SELECT FOR ...
// `scanned` may carry more columns after the stored value (UPDATE ...
// FROM's joined rows): `recheck` reads the whole row, the table's part
// replaced by the locked version.
bool LockScannedRow(const catalog::TableEntry& table, storage::TableStore& store,
                    const BoundRowLock& lock, const BoundExpr* recheck, const Row& scanned,
                    ExecContext& ctx, storage::LockedRow* locked);

// `scanned` (as above) with its table row and stored value replaced by the
// locked version's: what an UPDATE or DELETE evaluates its expressions over
// when the row changed after the scan (PostgreSQL's EvalPlanQual keeps the
// other tables' rows of the join).
Row WithLockedVersion(const catalog::TableEntry& table, const Row& scanned,
                      const storage::LockedRow& locked);

class LockRows : public PhysicalOperator {
 public:
  // `limited`: return one row per batch, so that a LIMIT above stops the
  // locking as soon as it has its rows.
  LockRows(PhysicalOperatorPtr child, std::shared_ptr<const catalog::TableEntry> table,
           BoundRowLock lock, const BoundExpr* recheck, bool limited)
      : table_(std::move(table)),
        lock_(lock),
        recheck_(recheck),
        batch_limit_(limited ? 1 : kBatchSize) {
    children_.push_back(std::move(child));
  }
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "LockRows"; }

 private:
  std::shared_ptr<const catalog::TableEntry> table_;
  BoundRowLock lock_;
  const BoundExpr* recheck_;
  size_t batch_limit_;
  RowBatch pending_;  // input rows not locked yet
  size_t next_pending_ = 0;
};

}  // namespace basalt::sql
