// Rows through a secondary index or the primary key (the index_selection
// pass's IndexAccess):
// the index entries in the key ranges its conditions give, in index order
// (or reversed), each row fetched by its storage key and tested against the
// rest of the WHERE (the primary key's entries are the rows themselves).
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "sql/binder/bound_expression.h"
#include "sql/execution/physical_operator.h"
#include "sql/planner/index_access.h"
#include "storage/table_store.h"

namespace basalt::sql {

class IndexScan : public PhysicalOperator {
 public:
  // `access` and `filter` (null: none) belong to the plan, which outlives
  // the operator. With `emit_key`, rows carry their storage key and stored
  // value as two trailing values (UPDATE, DELETE, FOR UPDATE).
  IndexScan(std::shared_ptr<const catalog::TableEntry> table, const IndexAccess& access,
            bool emit_key, const BoundExpr* filter)
      : table_(std::move(table)), access_(access), emit_key_(emit_key), filter_(filter) {}
  ~IndexScan() override;  // adds the scan to pg_stat_all_tables and _indexes
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override;
  void ReportStats(OperatorStats* stats) const override {
    stats->rows_removed_by_filter = rows_removed_;
  }

 private:
  // Evaluates the conditions' values: the key ranges to read, in order.
  void ComputeRanges(ExecContext& ctx);
  // The iterator over the next range; false when none is left.
  bool OpenNextRange(ExecContext& ctx);
  // The row of the iterator's entry: fetched by the key the entry holds, or
  // the entry itself when reading the primary key.
  Result<bool> ReadRow(ExecContext& ctx, storage::StoredRow* stored);

  std::shared_ptr<const catalog::TableEntry> table_;
  const IndexAccess& access_;
  bool emit_key_;
  const BoundExpr* filter_;
  uint64_t rows_removed_ = 0;  // by filter_
  // Execution state.
  std::vector<std::pair<std::string, std::string>> ranges_;  // [lower, upper)
  size_t next_range_ = 0;
  std::unique_ptr<storage::TableStore> store_;
  std::unique_ptr<storage::KvIterator> it_;
  size_t batch_limit_ = 16;  // grows: a LIMIT 1 above reads few rows
  uint64_t entries_read_ = 0;
  uint64_t rows_fetched_ = 0;  // from the table (none in an index-only scan)
  bool started_ = false;
  bool done_ = false;
};

}  // namespace basalt::sql
