// EXPLAIN ANALYZE's measurements. When a plan runs under EXPLAIN ANALYZE,
// CreatePhysicalPlan wraps each operator it makes in an InstrumentedOperator
// that counts the rows and runs of its node and, with TIMING, the time spent
// inside its Next (children included, as PostgreSQL's times are). Operators
// made during the run for the same plan node (a LATERAL join's inside, a
// recursive union's rounds) add to that node's NodeActuals, so its loops
// are its runs, as PostgreSQL's. An operator's own counters (ReportStats)
// are added when its wrapper is destroyed, so the plan's operators must be
// gone before the actuals are read.
#pragma once

#include <chrono>
#include <unordered_map>

#include "sql/execution/operator_stats.h"
#include "sql/execution/physical_operator.h"

namespace basalt::sql {

struct LogicalOperator;

// The measurements of one execution's plan nodes, by logical operator.
class PlanInstrumentation {
 public:
  explicit PlanInstrumentation(bool timing) : timing_(timing) {}
  PlanInstrumentation(const PlanInstrumentation&) = delete;
  PlanInstrumentation& operator=(const PlanInstrumentation&) = delete;

  // `op`, made for `node`, measured into node's actuals.
  PhysicalOperatorPtr Wrap(const LogicalOperator& node, PhysicalOperatorPtr op);
  // Null for a node that never ran (or was never made).
  const NodeActuals* Find(const LogicalOperator& node) const;
  // Adds what `other` measured (a parallel aggregate's participant, whose
  // operators must be gone) to the same nodes here: loops count each
  // participant's run, as PostgreSQL's workers'.
  void Add(const PlanInstrumentation& other);
  bool timing() const { return timing_; }

 private:
  const bool timing_;
  // Node-based: the wrappers keep pointers to the values.
  std::unordered_map<const LogicalOperator*, NodeActuals> actuals_;
};

class InstrumentedOperator : public PhysicalOperator {
 public:
  InstrumentedOperator(PhysicalOperatorPtr inner, NodeActuals* actuals, bool timing);
  ~InstrumentedOperator() override;
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return inner_->Describe(); }

 private:
  using Clock = std::chrono::steady_clock;

  PhysicalOperatorPtr inner_;
  NodeActuals* actuals_;
  const bool timing_;
  bool started_ = false;
  bool first_batch_seen_ = false;
  double run_ms_ = 0;  // this run's time so far
};

}  // namespace basalt::sql
