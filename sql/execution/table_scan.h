// Full scan of a table in key order (storage::TableStore::Scan), optionally
// with a predicate tested on each stored row before the row is materialized.
#pragma once

#include <memory>
#include <vector>

#include "catalog/catalog.h"
#include "sql/binder/bound_expression.h"
#include "sql/execution/physical_operator.h"

namespace basalt::sql {

class TableScan : public PhysicalOperator {
 public:
  // With `emit_key`, each row carries its storage key and its stored value
  // as two trailing string values (UPDATE and DELETE need them). Only rows satisfying `predicate`
  // (if any) are returned, and only the table columns `columns` marks (all when empty) are filled
  // in; the others are NULL.
  TableScan(std::shared_ptr<const catalog::TableEntry> table, bool emit_key,
            const BoundExpr* predicate = nullptr, std::vector<bool> columns = {});
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override;
  void ReportStats(OperatorStats* stats) const override {
    stats->rows_removed_by_filter = rows_removed_;
  }

 private:
  std::shared_ptr<const catalog::TableEntry> table_;
  bool emit_key_;
  const BoundExpr* predicate_;
  std::vector<bool> columns_;            // decoded for returned rows
  std::vector<size_t> unread_columns_;   // the others: NULL in returned rows
  std::vector<bool> predicate_columns_;  // decoded to test the predicate
  Row scratch_;                          // a row being tested
  std::unique_ptr<storage::TableStore> store_;
  std::unique_ptr<storage::RowIterator> it_;
  bool done_ = false;
  uint64_t rows_removed_ = 0;  // by the predicate
};

}  // namespace basalt::sql
