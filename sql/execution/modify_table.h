// INSERT, UPDATE and DELETE operators. They drain their input, write through
// storage::TableStore in the statement's transaction, count the rows in
// ExecContext::rows_affected and return no rows. UPDATE and DELETE collect
// all target rows before writing, so a scan never meets rows the statement
// itself moved (the Halloween problem).
//
// UPDATE and DELETE lock each target row and act on the version the lock
// returns. Under READ COMMITTED that is the newest committed one: if it is
// not the version the scan saw, the WHERE clause is checked again on it and
// the row is skipped if it no longer qualifies or is gone (PostgreSQL's
// EvalPlanQual), so concurrent `SET v = v + 1` lose nothing. Under snapshot
// isolation the lock fails with 40001 instead.
#pragma once

#include <memory>
#include <vector>

#include "catalog/catalog.h"
#include "sql/binder/bound_statement.h"
#include "sql/execution/physical_operator.h"

namespace basalt::sql {

// 23502 `null value in column "a" of relation "t" violates not-null
// constraint`, DETAIL `Failing row contains (...).`, if `row` breaks one.
void CheckNotNull(const catalog::TableEntry& table, const Row& row);

// Raises a failed write of `row`; a 23505 from storage gets PostgreSQL's
// DETAIL `Key (id)=(1) already exists.` (storage knows no column names).
// `(a, b)=(1, 2)`: the key columns' names and the row's values, for 23505
// details.
std::string IndexKeyText(const catalog::TableEntry& table, const Row& row,
                         const std::vector<int>& columns);
[[noreturn]] void ThrowWriteFailure(const catalog::TableEntry& table, const Row& row,
                                    const Status& status);

class Insert : public PhysicalOperator {
 public:
  Insert(PhysicalOperatorPtr child, std::shared_ptr<const catalog::TableEntry> table,
         const std::vector<BoundExprPtr>& row_exprs)
      : table_(std::move(table)), row_exprs_(row_exprs) {
    children_.push_back(std::move(child));
  }
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "Insert on " + table_->def.name(); }

 private:
  std::shared_ptr<const catalog::TableEntry> table_;
  const std::vector<BoundExprPtr>& row_exprs_;
};

// Input rows carry their storage key and stored value as two trailing
// values (TableScan/PointLookup with emit_key). `recheck` is the WHERE
// clause over a table row (null: none).
class Update : public PhysicalOperator {
 public:
  Update(PhysicalOperatorPtr child, std::shared_ptr<const catalog::TableEntry> table,
         const std::vector<BoundAssignment>& assignments, const BoundExpr* recheck)
      : table_(std::move(table)), assignments_(assignments), recheck_(recheck) {
    children_.push_back(std::move(child));
  }
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "Update on " + table_->def.name(); }

 private:
  // The table row `old_row` becomes (`old_row` may carry more columns: a
  // scanned row's key and stored value).
  Row NewRow(const Row& old_row, ExecContext& ctx) const;

  std::shared_ptr<const catalog::TableEntry> table_;
  const std::vector<BoundAssignment>& assignments_;
  const BoundExpr* recheck_;
};

class Delete : public PhysicalOperator {
 public:
  Delete(PhysicalOperatorPtr child, std::shared_ptr<const catalog::TableEntry> table,
         const BoundExpr* recheck)
      : table_(std::move(table)), recheck_(recheck) {
    children_.push_back(std::move(child));
  }
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "Delete on " + table_->def.name(); }

 private:
  std::shared_ptr<const catalog::TableEntry> table_;
  const BoundExpr* recheck_;
};

}  // namespace basalt::sql
