// Computes the output expressions of each row.
#pragma once

#include <vector>

#include "sql/binder/bound_expression.h"
#include "sql/execution/physical_operator.h"

namespace basalt::sql {

class Project : public PhysicalOperator {
 public:
  Project(PhysicalOperatorPtr child, const std::vector<BoundExprPtr>& exprs) : exprs_(exprs) {
    children_.push_back(std::move(child));
  }
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "Project"; }

 private:
  const std::vector<BoundExprPtr>& exprs_;
  RowBatch input_;
};

}  // namespace basalt::sql
