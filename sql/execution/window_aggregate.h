// WindowAgg: the window functions over one window. Its input arrives
// sorted by the window's PARTITION BY then ORDER BY keys; it reads one
// partition at a time into a WindowPartition (spilled past work_mem) and
// returns its rows, each followed by the value of every call (row_number
// ... nth_value, and any aggregate over the frame), computed row by row as
// the frame moves through the partition.
//
// Ranking functions, lag/lead and aggregates whose frames start at the
// partition's first row take O(n) per partition (an aggregate's state grows
// with the frame); other frames are aggregated afresh per row.
#pragma once

#include <optional>
#include <vector>

#include "sql/binder/bound_expression.h"
#include "sql/execution/aggregate_function.h"
#include "sql/execution/physical_operator.h"
#include "sql/execution/query_memory.h"
#include "sql/execution/window_frame.h"
#include "sql/execution/window_partition.h"

namespace basalt::sql {

class WindowAggregate : public PhysicalOperator {
 public:
  // `functions`: kWindow calls over one window (their arguments, keys and
  // offsets over the input row); they belong to the plan and must outlive
  // the operator.
  WindowAggregate(PhysicalOperatorPtr child, const std::vector<BoundExprPtr>& functions);
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "WindowAgg"; }

 private:
  // What one call keeps from row to row of a partition.
  struct CallState {
    size_t stored_begin = 0;  // where its arguments are in the stored rows
    // ntile's walk through its buckets.
    bool ntile_started = false;
    int64_t ntile = 0;
    int64_t rows_in_bucket = 0;
    int64_t bucket_rows = 0;
    int64_t remainder = 0;
    // Aggregates: the state fed the frame's rows so far (frames growing
    // from the partition's start), or the last frame and its value.
    AggregateState state;
    size_t fed = 0;
    bool computed = false;
    FrameRows previous;
    Value value;
  };

  const BoundWindow& window() const { return functions_[0]->window; }
  // The frame offsets, evaluated once per run and checked (22004, 22013).
  void PrepareFrame(ExecContext& ctx);
  // The row as the partition keeps it: its ORDER BY keys, the calls'
  // arguments (evaluated once), then its own columns.
  Row StoredRow(ExecContext& ctx, Row row) const;
  // Reads the next partition; false when the input is done.
  bool ReadPartition(ExecContext& ctx);
  void BeginPartition();
  // Row i of the partition (the one after the last) with every call's value.
  Row OutputRow(ExecContext& ctx, size_t i);
  Value Ranking(const BoundExpr& call, CallState& state, const Row& current, ExecContext& ctx);
  Value Offset(const BoundExpr& call, const CallState& state, const Row& current,
               ExecContext& ctx);  // lag, lead
  Value FrameValue(const BoundExpr& call, const CallState& state, const Row& current,
                   ExecContext& ctx);  // first_value, last_value, nth_value
  Value Aggregate(const BoundExpr& call, CallState& state);
  // Feeds the stored row `row` to an aggregate's state (unless its FILTER
  // rejects the row); returns the bytes the state grew by.
  int64_t Accumulate(const BoundExpr& aggregate, size_t stored_begin, size_t row,
                     AggregateState* state);

  const std::vector<BoundExprPtr>& functions_;
  std::optional<WindowFrame> frame_;
  std::optional<WindowPartition> partition_;
  std::vector<CallState> calls_;
  size_t input_begin_ = 0;  // where a stored row's own columns start
  RowBatch input_;
  size_t input_next_ = 0;
  bool input_done_ = false;
  Row partition_keys_;  // of the partition being read
  size_t next_row_ = 0;
  // The growth of the aggregate states kept through a partition (frames
  // growing from its start: array_agg over a whole partition).
  OperatorMemory states_memory_{"WindowAgg"};
};

}  // namespace basalt::sql
