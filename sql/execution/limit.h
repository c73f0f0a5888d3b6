// LIMIT / OFFSET. The counts are expressions evaluated once at the start:
// negative LIMIT fails with 2201W, negative OFFSET with 2201X; a NULL limit
// means no limit. With `ties` (FETCH ... WITH TIES: the ORDER BY keys), the
// rows after the limit that equal the last row returned on the keys come
// too.
#pragma once

#include <string>
#include <vector>

#include "sql/binder/bound_expression.h"
#include "sql/execution/physical_operator.h"

namespace basalt::sql {

class Limit : public PhysicalOperator {
 public:
  // The expressions belong to the plan and must outlive the operator.
  Limit(PhysicalOperatorPtr child, const BoundExpr* limit, const BoundExpr* offset,
        const std::vector<BoundExprPtr>& ties)
      : limit_expr_(limit), offset_expr_(offset), ties_(ties) {
    children_.push_back(std::move(child));
  }
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "Limit"; }

 private:
  const BoundExpr* limit_expr_;
  const BoundExpr* offset_expr_;
  const std::vector<BoundExprPtr>& ties_;
  bool started_ = false;
  // WITH TIES, once the limit is reached: the last row's key encoding; the
  // rows still equal to it are returned.
  bool in_ties_ = false;
  bool tied_all_ = false;  // every row read so far tied: read on
  std::string last_key_;

  std::string TieKey(ExecContext& ctx, const Row& row) const;
  bool NextTies(ExecContext& ctx, RowBatch* batch);
  int64_t remaining_ = -1;  // -1: unlimited
  int64_t to_skip_ = 0;
};

}  // namespace basalt::sql
