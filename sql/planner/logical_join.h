// Joins two inputs: each output row is a left row followed by a right row
// (NULLs for the missing side of an outer join's unmatched rows). The
// condition reads that combined row; null means every pair matches (a
// cross join).
#pragma once

#include "sql/binder/bound_statement.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

struct LogicalJoin : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kJoin;
  LogicalJoin() : LogicalOperator(kKind) {}
  JoinType join_type = JoinType::kInner;
  // After the join_keys pass: equalities of the condition between a left
  // expression (over the left row) and a right one (over the right row),
  // which a hash join matches; `condition` keeps the rest.
  std::vector<BoundExprPtr> left_keys;
  std::vector<BoundExprPtr> right_keys;
  BoundExprPtr condition;
  // A LATERAL join: the values its right input reads (kOuterColumn) from
  // each left row, over the left row; the right input runs once per left
  // row (inner and left joins only).
  std::vector<BoundExprPtr> lateral_values;
  // The right input yields the same rows for the same lateral values (an
  // index join of passes/index_join.cc over deterministic filters): its
  // rows may be kept per value and reused, as PostgreSQL's Memoize.
  bool memoize = false;
  // A semi or anti join on one key (left_keys / right_keys) whose inputs
  // both come in the key's order (passes/merge_join.cc): merged, not hashed.
  bool merge = false;
  int left_width = 0;
  int right_width = 0;
};

}  // namespace basalt::sql
