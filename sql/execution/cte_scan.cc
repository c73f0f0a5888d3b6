#include "sql/execution/cte_scan.h"

#include "sql/planner/planner.h"

namespace basalt::sql {

bool CteScan::Reach(ExecContext& ctx, CteResult& result) {
  RowBatch input;
  while (cursor_.next >= result.rows.size() && result.producer != nullptr) {
    if (!result.producer->Next(ctx, &input)) {
      result.producer = nullptr;  // its operators' memory and files go now
      break;
    }
    ctx.CheckForInterrupts();
    for (Row& row : input) result.rows.Append(ctx, std::move(row));
  }
  return cursor_.next < result.rows.size();
}

bool CteScan::Next(ExecContext& ctx, RowBatch* batch) {
  batch->clear();
  std::shared_ptr<CteResult>& slot = ctx.cte_results[key_];
  if (slot == nullptr) {
    slot = std::make_shared<CteResult>();
    slot->rows.Attach(ctx);
    slot->producer = CreatePhysicalPlan(query_, ctx.instrumentation);
  }
  // Held here: the query's own scans may add WITH queries to the map.
  const std::shared_ptr<CteResult> result = slot;
  while (batch->size() < kBatchSize && Reach(ctx, *result)) {
    batch->push_back(result->rows.Read(cursor_));
  }
  return !batch->empty();
}

}  // namespace basalt::sql
