// Predicate pushdown: each AND term of a WHERE (or of a join's ON) moves to
// the lowest operator that has every column it reads, so joins combine
// fewer rows and their equalities become join conditions (then hash join
// keys). Terms never move into the side an outer join fills with NULLs'
// opposite: a LEFT JOIN's left input keeps every row, so only terms of the
// WHERE reach it, and only ON terms reach its right input.
#include "common/stack_depth.h"
#include "sql/planner/logical_filter.h"
#include "sql/planner/logical_join.h"
#include "sql/planner/optimizer.h"

namespace basalt::sql {

namespace {

LogicalOperatorPtr PushDown(LogicalOperatorPtr plan, std::vector<BoundExprPtr> terms);

LogicalOperatorPtr WithFilter(LogicalOperatorPtr plan, std::vector<BoundExprPtr> terms) {
  if (terms.empty()) return plan;
  auto filter = std::make_unique<LogicalFilter>();
  filter->predicate = MakeConjunction(std::move(terms));
  filter->children.push_back(std::move(plan));
  return filter;
}

LogicalOperatorPtr PushIntoJoin(LogicalOperatorPtr plan, std::vector<BoundExprPtr> terms) {
  auto& join = plan->As<LogicalJoin>();
  const int left_width = join.left_width;
  const int width = join.left_width + join.right_width;
  const JoinType type = join.join_type;
  // WHERE terms may filter a side whose rows the join does not preserve.
  const bool semi = type == JoinType::kSemi || type == JoinType::kAnti;
  // (A semi or anti join returns left rows only: WHERE terms read only them.)
  const bool where_to_left = type == JoinType::kInner || type == JoinType::kLeft || semi;
  const bool where_to_right = type == JoinType::kInner || type == JoinType::kRight;
  // ON terms may filter the input whose unmatched rows are dropped anyway.
  const bool on_to_left =
      type == JoinType::kInner || type == JoinType::kRight || type == JoinType::kSemi;
  const bool on_to_right = type == JoinType::kInner || type == JoinType::kLeft || semi;

  std::vector<BoundExprPtr> left;
  std::vector<BoundExprPtr> right;
  std::vector<BoundExprPtr> condition;
  std::vector<BoundExprPtr> above;
  auto place = [&](BoundExprPtr term, bool to_left, bool to_right, bool into_condition) {
    if (to_left && ReadsOnlyColumns(*term, 0, left_width)) {
      left.push_back(std::move(term));
    } else if (to_right && ReadsColumns(*term) && ReadsOnlyColumns(*term, left_width, width)) {
      ShiftColumns(*term, -left_width);
      right.push_back(std::move(term));
    } else if (into_condition) {
      condition.push_back(std::move(term));
    } else {
      above.push_back(std::move(term));
    }
  };
  if (join.condition != nullptr) {
    for (BoundExprPtr& term : SplitConjuncts(std::move(join.condition))) {
      place(std::move(term), on_to_left, on_to_right, true);
    }
  }
  for (BoundExprPtr& term : terms) {
    place(std::move(term), where_to_left, where_to_right, type == JoinType::kInner);
  }
  join.condition = MakeConjunction(std::move(condition));
  plan->children[0] = PushDown(std::move(plan->children[0]), std::move(left));
  plan->children[1] = PushDown(std::move(plan->children[1]), std::move(right));
  return WithFilter(std::move(plan), std::move(above));
}

// Pushes `terms` (over plan's output row) into plan; returns the new plan.
LogicalOperatorPtr PushDown(LogicalOperatorPtr plan, std::vector<BoundExprPtr> terms) {
  CheckStackDepth();
  switch (plan->kind) {
    case LogicalKind::kFilter: {
      for (BoundExprPtr& term : SplitConjuncts(std::move(plan->As<LogicalFilter>().predicate))) {
        terms.push_back(std::move(term));
      }
      return PushDown(std::move(plan->children[0]), std::move(terms));
    }
    case LogicalKind::kJoin: return PushIntoJoin(std::move(plan), std::move(terms));
    default:
      for (LogicalOperatorPtr& c : plan->children) c = PushDown(std::move(c), {});
      return WithFilter(std::move(plan), std::move(terms));
  }
}

}  // namespace

LogicalOperatorPtr PushDownPredicates(LogicalOperatorPtr plan) {
  return PushDown(std::move(plan), {});
}

}  // namespace basalt::sql
