// LIMIT / OFFSET. The counts are expressions evaluated once at the start:
// negative LIMIT fails with 2201W, negative OFFSET with 2201X; a NULL limit
// means no limit.
#pragma once

#include "sql/binder/bound_expression.h"
#include "sql/execution/physical_operator.h"

namespace basalt::sql {

class Limit : public PhysicalOperator {
 public:
  Limit(PhysicalOperatorPtr child, const BoundExpr* limit, const BoundExpr* offset)
      : limit_expr_(limit), offset_expr_(offset) {
    children_.push_back(std::move(child));
  }
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "Limit"; }

 private:
  const BoundExpr* limit_expr_;
  const BoundExpr* offset_expr_;
  bool started_ = false;
  int64_t remaining_ = -1;  // -1: unlimited
  int64_t to_skip_ = 0;
};

}  // namespace basalt::sql
