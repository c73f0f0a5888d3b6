// Window functions over one window (PostgreSQL's WindowAgg): its input comes
// sorted by the window's PARTITION BY then ORDER BY keys (a Sort below it,
// unless the rows already are); each output row is an input row followed by
// the value of each call in `functions`.
#pragma once

#include <vector>

#include "sql/binder/bound_expression.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

struct LogicalWindow : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kWindow;
  LogicalWindow() : LogicalOperator(kKind) {}
  std::vector<BoundExprPtr> functions;  // kWindow calls over the input row, one window
};

}  // namespace basalt::sql
