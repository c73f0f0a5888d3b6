// Join keys: the equalities of a join's condition between an expression of
// the left input and one of the right input become hash keys (the right
// one rebased onto the right input's row); a join with keys runs as a hash
// join, one without as a nested loop.
#include "common/stack_depth.h"
#include "sql/planner/logical_join.h"
#include "sql/planner/optimizer.h"

namespace basalt::sql {

LogicalOperatorPtr FindJoinKeys(LogicalOperatorPtr plan) {
  CheckStackDepth();
  for (LogicalOperatorPtr& c : plan->children) c = FindJoinKeys(std::move(c));
  if (plan->kind != LogicalKind::kJoin) return plan;
  auto& join = plan->As<LogicalJoin>();
  // A lateral join runs its right input per left row: no hash table.
  if (join.condition == nullptr || !join.lateral_values.empty()) return plan;
  const int left_width = join.left_width;
  const int width = join.left_width + join.right_width;
  auto reads_left = [&](const BoundExpr& e) {
    return ReadsColumns(e) && ReadsOnlyColumns(e, 0, left_width);
  };
  auto reads_right = [&](const BoundExpr& e) {
    return ReadsColumns(e) && ReadsOnlyColumns(e, left_width, width);
  };
  std::vector<BoundExprPtr> rest;
  for (BoundExprPtr& term : SplitConjuncts(std::move(join.condition))) {
    const bool equality =
        term->kind == BoundExprKind::kCompare && term->compare_op == CompareOp::kEqual;
    if (equality && reads_right(*term->children[0]) && reads_left(*term->children[1])) {
      std::swap(term->children[0], term->children[1]);
    }
    if (!equality || !reads_left(*term->children[0]) || !reads_right(*term->children[1])) {
      rest.push_back(std::move(term));
      continue;
    }
    ShiftColumns(*term->children[1], -left_width);
    join.left_keys.push_back(std::move(term->children[0]));
    join.right_keys.push_back(std::move(term->children[1]));
  }
  join.condition = MakeConjunction(std::move(rest));
  return plan;
}

}  // namespace basalt::sql
