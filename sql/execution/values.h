// Rows given by expressions: VALUES lists, INSERT ... VALUES, and the single
// empty row of a SELECT without FROM.
#pragma once

#include <vector>

#include "sql/binder/bound_expression.h"
#include "sql/execution/physical_operator.h"

namespace basalt::sql {

// Rows computed before the plan ran (LogicalValues::computed).
class ComputedRowsScan : public PhysicalOperator {
 public:
  explicit ComputedRowsScan(const std::vector<Row>& rows) : rows_(rows) {}
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "Values Scan"; }

 private:
  const std::vector<Row>& rows_;
  size_t next_ = 0;
};

class ValuesScan : public PhysicalOperator {
 public:
  explicit ValuesScan(const std::vector<std::vector<BoundExprPtr>>& rows) : rows_(rows) {}
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "Values Scan"; }

 private:
  const std::vector<std::vector<BoundExprPtr>>& rows_;
  size_t next_ = 0;
};

}  // namespace basalt::sql
