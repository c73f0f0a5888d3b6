#include "sql/execution/filter.h"

#include "sql/execution/evaluate.h"

namespace basalt::sql {

bool Filter::Next(ExecContext& ctx, RowBatch* batch) {
  // Pull until a batch has survivors, so callers never see empty batches
  // before the end.
  while (children_[0]->Next(ctx, batch)) {
    size_t kept = 0;
    for (Row& row : *batch) {
      if (EvaluatePredicate(predicate_, row, &ctx)) {
        if (&(*batch)[kept] != &row) (*batch)[kept] = std::move(row);
        ++kept;
      }
    }
    batch->resize(kept);
    if (kept > 0) return true;
  }
  return false;
}

}  // namespace basalt::sql
