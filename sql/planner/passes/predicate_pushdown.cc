// Predicate pushdown: each AND term of a WHERE (or of a join's ON) moves to
// the lowest operator that has every column it reads, so joins combine
// fewer rows and their equalities become join conditions (then hash join
// keys). Terms never move into the side an outer join fills with NULLs'
// opposite: a LEFT JOIN's left input keeps every row, so only terms of the
// WHERE reach it, and only ON terms reach its right input. An inner join's
// column equalities carry constants across (PostgreSQL's equivalence
// classes): `a = b AND a = 5` gains `b = 5`, so both inputs
// read by their keys.
#include <map>

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

// `column = value` where the value is a constant or a parameter: the
// column term, or null.
const BoundExpr* ConstantEqualityColumn(const BoundExpr& term) {
  if (term.kind != BoundExprKind::kCompare || term.compare_op != CompareOp::kEqual) return nullptr;
  for (int side = 0; side < 2; ++side) {
    const BoundExpr& column = *term.children[static_cast<size_t>(side)];
    const BoundExpr& value = *term.children[static_cast<size_t>(1 - side)];
    if (column.kind == BoundExprKind::kColumn &&
        (value.kind == BoundExprKind::kConstant || value.kind == BoundExprKind::kParameter)) {
      return &column;
    }
  }
  return nullptr;
}

// `column = column` of one type.
bool IsColumnEquality(const BoundExpr& term) {
  return term.kind == BoundExprKind::kCompare && term.compare_op == CompareOp::kEqual &&
         term.children[0]->kind == BoundExprKind::kColumn &&
         term.children[1]->kind == BoundExprKind::kColumn &&
         term.children[0]->type == term.children[1]->type;
}

// Adds `b = v` for each `a = b` and `a = v` among an inner join's terms (in
// the comparison's type, so the equalities are transitive). `a = b` stays:
// it is still the join's condition, which an index join reads by.
void AddImpliedEqualities(std::vector<BoundExprPtr>* terms) {
  std::map<int, size_t> source_of;  // column -> a `column = value` term
  for (size_t i = 0; i < terms->size(); ++i) {
    if (const BoundExpr* column = ConstantEqualityColumn(*(*terms)[i])) {
      source_of.emplace(column->column_index, i);
    }
  }
  for (bool added = !source_of.empty(); added;) {
    added = false;
    for (size_t i = 0; i < terms->size(); ++i) {
      const BoundExpr& equality = *(*terms)[i];
      if (!IsColumnEquality(equality)) continue;
      const int a = equality.children[0]->column_index;
      const int b = equality.children[1]->column_index;
      const auto from_a = source_of.find(a);
      const auto from_b = source_of.find(b);
      if ((from_a == source_of.end()) == (from_b == source_of.end())) continue;
      const auto from = from_a != source_of.end() ? from_a : from_b;
      const size_t source = from->second;
      if ((*terms)[source]->compare_type != equality.compare_type) continue;
      BoundExprPtr implied = (*terms)[source]->Clone();
      const int target = from == from_a ? b : a;
      for (BoundExprPtr& child : implied->children) {
        if (child->kind == BoundExprKind::kColumn) child->column_index = target;
      }
      source_of.emplace(target, source);
      terms->push_back(std::move(implied));
      added = true;
    }
  }
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
  if (type == JoinType::kInner) {
    // An inner join's ON terms are WHERE terms.
    if (join.condition != nullptr) {
      for (BoundExprPtr& term : SplitConjuncts(std::move(join.condition))) {
        terms.push_back(std::move(term));
      }
    }
    AddImpliedEqualities(&terms);
  } else if (join.condition != nullptr) {
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
