// LIMIT / OFFSET (int8 expressions; null when absent).
#pragma once

#include "sql/binder/bound_expression.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

struct LogicalLimit : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kLimit;
  LogicalLimit() : LogicalOperator(kKind) {}
  BoundExprPtr limit;
  BoundExprPtr offset;
};

}  // namespace basalt::sql
