#include "sql/execution/values.h"

#include "sql/execution/evaluate.h"

namespace basalt::sql {

bool ValuesScan::Next(ExecContext& ctx, RowBatch* batch) {
  batch->clear();
  static const Row kNoInput;
  while (next_ < rows_.size() && batch->size() < kBatchSize) {
    Row row;
    row.reserve(rows_[next_].size());
    for (const BoundExprPtr& e : rows_[next_]) row.push_back(Evaluate(*e, kNoInput, &ctx));
    batch->push_back(std::move(row));
    ++next_;
  }
  return !batch->empty();
}

bool ComputedRowsScan::Next(ExecContext&, RowBatch* batch) {
  batch->clear();
  while (next_ < rows_.size() && batch->size() < kBatchSize) batch->push_back(rows_[next_++]);
  return !batch->empty();
}

}  // namespace basalt::sql
