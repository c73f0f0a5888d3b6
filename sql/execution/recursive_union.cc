#include "sql/execution/recursive_union.h"

#include "common/error.h"
#include "sql/execution/aggregate_function.h"
#include "sql/planner/planner.h"

namespace basalt::sql {

void RecursiveUnion::Add(RowBatch& input, RowBatch* batch) {
  for (Row& row : input) {
    if (!all_) {
      key_.clear();
      for (size_t c = 0; c < types_.size(); ++c) AppendGroupKey(row[c], types_[c], &key_);
      if (!seen_.insert(key_).second) continue;
    }
    next_.push_back(row);
    batch->push_back(std::move(row));
  }
}

bool RecursiveUnion::Next(ExecContext& ctx, RowBatch* batch) {
  batch->clear();
  RowBatch input;
  while (!first_done_) {
    if (!children_[0]->Next(ctx, &input)) {
      first_done_ = true;
      break;
    }
    ctx.CheckForInterrupts();
    Add(input, batch);
    if (!batch->empty()) return true;
  }
  while (true) {
    if (round_ == nullptr) {
      // A new round over what the last one added; none added: done.
      previous_ = std::move(next_);
      next_.clear();
      if (previous_.empty()) return false;
      ctx.work_tables[work_table_id_] = &previous_;
      round_ = CreatePhysicalPlan(recursive_term_, ctx.instrumentation);
    }
    ctx.work_tables[work_table_id_] = &previous_;
    if (!round_->Next(ctx, &input)) {
      round_ = nullptr;
      continue;
    }
    ctx.CheckForInterrupts();
    Add(input, batch);
    if (!batch->empty()) return true;
  }
}

bool WorkTableScan::Next(ExecContext& ctx, RowBatch* batch) {
  batch->clear();
  auto it = ctx.work_tables.find(work_table_id_);
  if (it == ctx.work_tables.end()) throw Error(sqlstate::kInternalError, "work table not found");
  const std::vector<Row>& rows = *it->second;
  while (next_ < rows.size() && batch->size() < kBatchSize) batch->push_back(rows[next_++]);
  return !batch->empty();
}

}  // namespace basalt::sql
