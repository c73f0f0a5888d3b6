// Full scan of a table in key order (storage::TableStore::Scan), optionally
// with a predicate tested on each stored row before the row is materialized.
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "catalog/catalog.h"
#include "sql/binder/bound_expression.h"
#include "sql/execution/physical_operator.h"

namespace basalt::sql {

// The key ranges of one table that a parallel query's participants scan
// (parallel_aggregate.h), opened by the leader, whose transaction is not
// thread-safe: each participant's TableScan takes the next range no one has
// taken until none is left, so a participant that gets the cheap ranges
// takes more of them.
class ScanRanges {
 public:
  explicit ScanRanges(std::vector<std::unique_ptr<storage::RowIterator>> ranges)
      : ranges_(std::move(ranges)) {}
  // Null once every range is taken.
  std::unique_ptr<storage::RowIterator> Take() {
    const size_t i = next_.fetch_add(1, std::memory_order_relaxed);
    return i < ranges_.size() ? std::move(ranges_[i]) : nullptr;
  }

 private:
  std::vector<std::unique_ptr<storage::RowIterator>> ranges_;
  std::atomic<size_t> next_{0};
};

class TableScan : public PhysicalOperator {
 public:
  // With `emit_key`, each row carries its storage key and its stored value
  // as two trailing string values (UPDATE and DELETE need them). Only rows satisfying `predicate`
  // (if any) are returned, and only the table columns `columns` marks (all when empty) are filled
  // in; the others are NULL.
  TableScan(std::shared_ptr<const catalog::TableEntry> table, bool emit_key,
            const BoundExpr* predicate = nullptr, std::vector<bool> columns = {});
  ~TableScan() override;  // adds the scan to pg_stat_all_tables
  // A participant of a parallel scan: reads the ranges it takes from
  // `ranges` (which must outlive it) instead of the whole table.
  void ReadRanges(ScanRanges* ranges) { ranges_ = ranges; }
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
  ScanRanges* ranges_ = nullptr;
  bool done_ = false;
  bool started_ = false;
  uint64_t rows_read_ = 0;
  uint64_t rows_removed_ = 0;  // by the predicate
};

}  // namespace basalt::sql
