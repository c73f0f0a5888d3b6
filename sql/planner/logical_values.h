// Rows given by expressions (VALUES, INSERT VALUES, SELECT without FROM).
#pragma once

#include "sql/binder/bound_expression.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

struct LogicalValues : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kValues;
  LogicalValues() : LogicalOperator(kKind) {}
  std::vector<std::vector<BoundExprPtr>> rows;
};

}  // namespace basalt::sql
