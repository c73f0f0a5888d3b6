// ORDER BY.
#pragma once

#include "sql/binder/bound_statement.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

struct LogicalSort : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kSort;
  LogicalSort() : LogicalOperator(kKind) {}
  std::vector<BoundOrderBy> keys;
};

}  // namespace basalt::sql
