// Keeps the rows for which the predicate is TRUE.
#pragma once

#include "sql/binder/bound_expression.h"
#include "sql/execution/physical_operator.h"

namespace basalt::sql {

class Filter : public PhysicalOperator {
 public:
  Filter(PhysicalOperatorPtr child, const BoundExpr& predicate) : predicate_(predicate) {
    children_.push_back(std::move(child));
  }
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "Filter"; }

 private:
  const BoundExpr& predicate_;
};

}  // namespace basalt::sql
