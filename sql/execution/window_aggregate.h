// WindowAgg: the window functions over one window. Its input arrives
// sorted by the window's PARTITION BY then ORDER BY keys; it reads one
// partition at a time and returns its rows, each followed by the value of
// every call (row_number ... nth_value, and any aggregate over the frame).
//
// Ranking functions, lag/lead and aggregates whose frames start at the
// partition's first row take O(n) per partition (an aggregate's state grows
// with the frame); other frames are aggregated afresh per row.
#pragma once

#include <optional>
#include <vector>

#include "sql/binder/bound_expression.h"
#include "sql/execution/physical_operator.h"
#include "sql/execution/query_memory.h"
#include "sql/execution/window_frame.h"

namespace basalt::sql {

class WindowAggregate : public PhysicalOperator {
 public:
  // `functions`: kWindow calls over one window (their arguments, keys and
  // offsets over the input row); they belong to the plan and must outlive
  // the operator.
  WindowAggregate(PhysicalOperatorPtr child, const std::vector<BoundExprPtr>& functions)
      : functions_(functions) {
    children_.push_back(std::move(child));
  }
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "WindowAgg"; }

 private:
  const BoundWindow& window() const { return functions_[0]->window; }
  // The frame offsets, evaluated once per run and checked (22004, 22013).
  void PrepareFrame(ExecContext& ctx);
  // Reads the next partition into rows_; false when the input is done.
  bool ReadPartition(ExecContext& ctx);
  void ComputePartition(ExecContext& ctx);
  void ComputeRanking(const BoundExpr& call, const WindowPartition& partition, ExecContext& ctx);
  void ComputeOffset(const BoundExpr& call, ExecContext& ctx);  // lag, lead
  void ComputeFrameValue(const BoundExpr& call, const WindowPartition& partition,
                         ExecContext& ctx);  // first_value, last_value, nth_value
  void ComputeAggregate(const BoundExpr& call, const WindowPartition& partition, ExecContext& ctx);

  const std::vector<BoundExprPtr>& functions_;
  std::optional<WindowFrame> frame_;
  RowBatch input_;
  size_t input_next_ = 0;
  bool input_done_ = false;
  Row partition_keys_;  // of the partition being read
  std::vector<Row> rows_;
  size_t rows_next_ = 0;
  // The partition's rows are charged to the query (53200 past its limit);
  // a partition does not spill yet.
  OperatorMemory memory_{"WindowAgg"};
};

}  // namespace basalt::sql
