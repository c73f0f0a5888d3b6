// Physical operators: a pull-based tree passing batches of rows. Each
// operator is one file in sql/execution/; the physical planner builds them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/value.h"
#include "sql/execution/exec_context.h"
#include "sql/execution/operator_stats.h"

namespace basalt::sql {

inline constexpr size_t kBatchSize = 1024;
using RowBatch = std::vector<Row>;

class PhysicalOperator {
 public:
  virtual ~PhysicalOperator() = default;
  // Replaces *batch with the next rows (at most kBatchSize). Returns false,
  // with *batch empty, once the operator is exhausted. Errors are thrown as
  // basalt::Error.
  virtual bool Next(ExecContext& ctx, RowBatch* batch) = 0;
  // One line for EXPLAIN.
  virtual std::string Describe() const = 0;
  // EXPLAIN ANALYZE: sets the fields of `stats` this operator keeps
  // counters for (operator_stats.h). Called once its run is over.
  virtual void ReportStats(OperatorStats* stats) const { (void)stats; }
  const std::vector<std::unique_ptr<PhysicalOperator>>& children() const { return children_; }

 protected:
  std::vector<std::unique_ptr<PhysicalOperator>> children_;
};

using PhysicalOperatorPtr = std::unique_ptr<PhysicalOperator>;

}  // namespace basalt::sql
