// Keeps rows where the predicate is TRUE.
#pragma once

#include "sql/binder/bound_expression.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

struct LogicalFilter : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kFilter;
  LogicalFilter() : LogicalOperator(kKind) {}
  BoundExprPtr predicate;
};

}  // namespace basalt::sql
