// GROUP BY and aggregates: one output row per group (one row in all without
// group keys), holding the `groups` values then each aggregate's result.
#pragma once

#include <vector>

#include "sql/binder/bound_expression.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

struct LogicalAggregate : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kAggregate;
  LogicalAggregate() : LogicalOperator(kKind) {}
  std::vector<BoundExprPtr> groups;      // over the input row
  std::vector<BoundExprPtr> aggregates;  // kAggregate calls; arguments over the input row
  // Grouping sets (positions in `groups`); empty: one set of all groups.
  // With sets, each input row joins one group per set, whose row has NULL
  // for the keys outside its set.
  std::vector<std::vector<int>> grouping_sets;
  // Run by several threads when its table is large enough
  // (passes/parallel_aggregate.cc, execution/parallel_aggregate.h): its
  // input scans one table with a LogicalGet marked `parallel_scan`.
  bool parallel = false;
};

}  // namespace basalt::sql
