// LIMIT / OFFSET (int8 expressions; null when absent), FETCH ... WITH TIES.
#pragma once

#include <vector>

#include "sql/binder/bound_expression.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

struct LogicalLimit : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kLimit;
  LogicalLimit() : LogicalOperator(kKind) {}
  BoundExprPtr limit;
  BoundExprPtr offset;
  // FETCH ... WITH TIES: the ORDER BY keys (over the input row); rows after
  // the limit that equal the last one returned on them are returned too.
  // Empty otherwise.
  std::vector<BoundExprPtr> ties;
};

}  // namespace basalt::sql
