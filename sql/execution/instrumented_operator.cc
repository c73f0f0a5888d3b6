#include "sql/execution/instrumented_operator.h"

namespace basalt::sql {

PhysicalOperatorPtr PlanInstrumentation::Wrap(const LogicalOperator& node, PhysicalOperatorPtr op) {
  return std::make_unique<InstrumentedOperator>(std::move(op), &actuals_[&node], timing_);
}

const NodeActuals* PlanInstrumentation::Find(const LogicalOperator& node) const {
  auto it = actuals_.find(&node);
  return it == actuals_.end() || it->second.loops == 0 ? nullptr : &it->second;
}

void PlanInstrumentation::Add(const PlanInstrumentation& other) {
  for (const auto& [node, theirs] : other.actuals_) {
    NodeActuals& ours = actuals_[node];
    ours.loops += theirs.loops;
    ours.rows += theirs.rows;
    ours.startup_ms += theirs.startup_ms;
    ours.total_ms += theirs.total_ms;
    ours.stats.Add(theirs.stats);
  }
}

InstrumentedOperator::InstrumentedOperator(PhysicalOperatorPtr inner, NodeActuals* actuals,
                                           bool timing)
    : inner_(std::move(inner)), actuals_(actuals), timing_(timing) {}

InstrumentedOperator::~InstrumentedOperator() {
  if (!started_) return;
  OperatorStats stats;
  inner_->ReportStats(&stats);
  actuals_->stats.Add(stats);
}

bool InstrumentedOperator::Next(ExecContext& ctx, RowBatch* batch) {
  if (!started_) {
    started_ = true;
    ++actuals_->loops;
  }
  if (!timing_) {
    const bool more = inner_->Next(ctx, batch);
    actuals_->rows += batch->size();
    return more;
  }
  const Clock::time_point begin = Clock::now();
  const bool more = inner_->Next(ctx, batch);
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - begin).count();
  run_ms_ += ms;
  actuals_->total_ms += ms;
  actuals_->rows += batch->size();
  // Startup: until the first rows came out (or the run ended without any).
  if (!first_batch_seen_ && (!batch->empty() || !more)) {
    first_batch_seen_ = true;
    actuals_->startup_ms += run_ms_;
  }
  return more;
}

}  // namespace basalt::sql
