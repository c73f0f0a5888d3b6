// SELECT DISTINCT ON: of its sorted input, the first row of each run of
// rows with equal `keys` (NULLs equal to each other).
#pragma once

#include <vector>

#include "sql/binder/bound_expression.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

struct LogicalDistinctOn : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kDistinctOn;
  LogicalDistinctOn() : LogicalOperator(kKind) {}
  std::vector<BoundExprPtr> keys;  // over the input row
};

}  // namespace basalt::sql
