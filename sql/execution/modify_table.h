// INSERT, UPDATE and DELETE operators. They drain their input, write through
// storage::TableStore in the statement's transaction, count the rows in
// ExecContext::rows_affected and return no rows. UPDATE and DELETE collect
// all target rows before writing, so a scan never meets rows the statement
// itself moved (the Halloween problem).
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
[[noreturn]] void ThrowWriteFailure(const catalog::TableEntry& table, const Row& row,
                                    const Status& status);

class Insert : public PhysicalOperator {
 public:
  Insert(PhysicalOperatorPtr child, std::shared_ptr<const catalog::TableEntry> table,
         std::vector<BoundExprPtr> row_exprs)
      : table_(std::move(table)), row_exprs_(std::move(row_exprs)) {
    children_.push_back(std::move(child));
  }
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "Insert on " + table_->def.name(); }

 private:
  std::shared_ptr<const catalog::TableEntry> table_;
  std::vector<BoundExprPtr> row_exprs_;
};

// Input rows carry their storage key as a trailing value (TableScan/PointLookup
// with emit_key).
class Update : public PhysicalOperator {
 public:
  Update(PhysicalOperatorPtr child, std::shared_ptr<const catalog::TableEntry> table,
         std::vector<BoundAssignment> assignments)
      : table_(std::move(table)), assignments_(std::move(assignments)) {
    children_.push_back(std::move(child));
  }
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "Update on " + table_->def.name(); }

 private:
  std::shared_ptr<const catalog::TableEntry> table_;
  std::vector<BoundAssignment> assignments_;
};

class Delete : public PhysicalOperator {
 public:
  Delete(PhysicalOperatorPtr child, std::shared_ptr<const catalog::TableEntry> table)
      : table_(std::move(table)) {
    children_.push_back(std::move(child));
  }
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "Delete on " + table_->def.name(); }

 private:
  std::shared_ptr<const catalog::TableEntry> table_;
};

}  // namespace basalt::sql
