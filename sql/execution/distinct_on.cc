#include "sql/execution/distinct_on.h"

#include "sql/execution/aggregate_function.h"
#include "sql/execution/evaluate.h"

namespace basalt::sql {

bool DistinctOn::Next(ExecContext& ctx, RowBatch* batch) {
  while (children_[0]->Next(ctx, batch)) {
    size_t kept = 0;
    for (Row& row : *batch) {
      key_.clear();
      for (const BoundExprPtr& k : keys_) AppendGroupKey(Evaluate(*k, row, &ctx), k->type, &key_);
      if (!first_ && key_ == last_key_) continue;
      first_ = false;
      std::swap(last_key_, key_);
      if (&(*batch)[kept] != &row) (*batch)[kept] = std::move(row);
      ++kept;
    }
    batch->resize(kept);
    if (!batch->empty()) return true;
  }
  return false;
}

}  // namespace basalt::sql
