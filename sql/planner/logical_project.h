// Computes the output columns.
#pragma once

#include "sql/binder/bound_expression.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

struct LogicalProject : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kProject;
  LogicalProject() : LogicalOperator(kKind) {}
  std::vector<BoundExprPtr> exprs;
};

}  // namespace basalt::sql
