// Decorrelation: a filter term `EXISTS (SELECT ... WHERE inner = outer ...)`
// becomes a semi join with the subquery's FROM, `NOT EXISTS (...)` an anti
// join, and `x IN (SELECT y ... WHERE ...correlated...)` a semi join on
// `x = y` too; the subquery's correlated WHERE terms become the join's
// condition, its other terms stay on its side. So the subquery runs once,
// as a (usually hash) join, instead of once per outer row. Only simple
// subqueries qualify: a FROM, a WHERE and an ORDER BY (which a semi join
// can ignore), nothing that reads outer values elsewhere; NOT IN keeps its
// NULL semantics by staying a subquery. Runs first, on the unoptimized
// plans of the subqueries, which the later passes then optimize with the
// query around them.
#include "common/stack_depth.h"
#include "sql/planner/logical_filter.h"
#include "sql/planner/logical_get.h"
#include "sql/planner/logical_join.h"
#include "sql/planner/logical_project.h"
#include "sql/planner/optimizer.h"
#include "sql/planner/planner.h"

namespace basalt::sql {

namespace {

bool ReadsOuterValues(const BoundExpr& e) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kOuterColumn) return true;
  for (const BoundExprPtr& c : e.children) {
    if (ReadsOuterValues(*c)) return true;
  }
  return false;
}

bool ReadsOuterValues(LogicalOperator& op) {
  CheckStackDepth();
  bool reads = false;
  ForEachExpression(op, [&](BoundExprPtr& e) { reads = reads || ReadsOuterValues(*e); });
  for (LogicalOperatorPtr& c : op.children) reads = reads || ReadsOuterValues(*c);
  return reads;
}

// Rewrites a term of the subquery into one over the joined row: its columns
// move right of the outer row's `outer_width`, its outer values become the
// expressions (over the outer row) the subquery node passed down.
void Rebase(BoundExprPtr& e, const std::vector<const BoundExpr*>& outer_values, int outer_width) {
  CheckStackDepth();
  if (e->kind == BoundExprKind::kOuterColumn) {
    e = outer_values[static_cast<size_t>(e->column_index)]->Clone();
    return;
  }
  if (e->kind == BoundExprKind::kColumn) e->column_index += outer_width;
  for (BoundExprPtr& c : e->children) Rebase(c, outer_values, outer_width);
}

// The subquery node of a decorrelatable term, with the join it becomes.
struct Candidate {
  BoundExpr* subquery = nullptr;
  JoinType type = JoinType::kSemi;
};

Candidate Recognize(BoundExpr& term) {
  BoundExpr* e = &term;
  bool negated = false;
  if (e->kind == BoundExprKind::kNot && e->children[0]->kind == BoundExprKind::kSubquery) {
    e = e->children[0].get();
    negated = true;
  }
  if (e->kind != BoundExprKind::kSubquery || e->subquery.use_count() != 1 ||
      e->subquery->plan == nullptr || e->subquery->optimized) {
    return {};
  }
  const bool in = IsInSubquery(*e);
  if (e->subquery_kind == SubqueryKind::kExists) {
    return {e, negated ? JoinType::kAnti : JoinType::kSemi};
  }
  if (in && !negated) return {e, JoinType::kSemi};
  return {};
}

// Whether `value` over the rows of `from` is its table's one-column primary
// key, read straight from the table.
bool InOverPrimaryKey(const LogicalOperator& from, const BoundExpr& value) {
  if (from.kind != LogicalKind::kGet || value.kind != BoundExprKind::kColumn) return false;
  const auto& get = from.As<LogicalGet>();
  if (get.table->computed || get.filter != nullptr || get.by_primary_key()) return false;
  const std::vector<int>& key = get.table->layout.primary_key;
  return key.size() == 1 && key[0] == value.column_index;
}

// The join `term` becomes over `input` (of `width` columns), or null when
// it stays a filter term; consumes the subquery's plan when it succeeds.
LogicalOperatorPtr TryJoin(BoundExpr& term, LogicalOperatorPtr& input, int width,
                           bool uncorrelated_too) {
  Candidate candidate = Recognize(term);
  if (candidate.subquery == nullptr) return nullptr;
  BoundExpr& node = *candidate.subquery;
  BoundSubquery& subquery = *node.subquery;
  LogicalOperator* project = subquery.plan.get();
  if (project->kind != LogicalKind::kProject) return nullptr;
  LogicalOperatorPtr* below = &project->children[0];
  if ((*below)->kind == LogicalKind::kSort) below = &(*below)->children[0];
  LogicalFilter* filter =
      (*below)->kind == LogicalKind::kFilter ? &(*below)->As<LogicalFilter>() : nullptr;
  LogicalOperatorPtr& from = filter != nullptr ? (*below)->children[0] : *below;
  if (ReadsOuterValues(*from)) return nullptr;
  const bool in = node.subquery_kind == SubqueryKind::kAny;
  const BoundExprPtr& value = project->As<LogicalProject>().exprs[0];
  if (in && ReadsOuterValues(*value)) return nullptr;

  std::vector<BoundExprPtr> local;
  std::vector<BoundExprPtr> correlated;
  if (filter != nullptr) {
    for (BoundExprPtr& t : SplitConjuncts(filter->predicate->Clone())) {
      (ReadsOuterValues(*t) ? correlated : local).push_back(std::move(t));
    }
  }
  // Uncorrelated, the subquery runs once anyway, with its result kept;
  // but `x IN (SELECT key FROM t ...)` over t's one-column primary key is
  // an inner join (the keys are distinct and not NULL), which the planner
  // may turn around to read the outer table by its index for each key, as
  // PostgreSQL does.
  const bool unique_in = in && correlated.empty() && InOverPrimaryKey(*from, *value);
  if (correlated.empty() && !uncorrelated_too && !unique_in) return nullptr;

  // From here on the subquery's plan is taken apart.
  std::vector<const BoundExpr*> outer_values;
  for (size_t i = in ? 1 : 0; i < node.children.size(); ++i) {
    outer_values.push_back(node.children[i].get());
  }
  for (BoundExprPtr& t : correlated) Rebase(t, outer_values, width);
  if (in) {
    // The IN test, over (left operand, subquery value) -> over the joined row.
    BoundExprPtr test = subquery.test->Clone();
    BoundExprPtr right = value->Clone();
    Rebase(right, outer_values, width);
    auto substitute = [&](BoundExprPtr& e, auto&& self) -> void {
      CheckStackDepth();
      if (e->kind == BoundExprKind::kColumn) {
        e = e->column_index == 0 ? node.children[0]->Clone() : right->Clone();
        return;
      }
      for (BoundExprPtr& c : e->children) self(c, self);
    };
    substitute(test, substitute);
    correlated.push_back(std::move(test));
  }
  LogicalOperatorPtr right_plan = std::move(from);
  const int right_width = static_cast<int>(OutputTypes(*right_plan).size());
  if (!local.empty()) {
    auto local_filter = std::make_unique<LogicalFilter>();
    local_filter->predicate = MakeConjunction(std::move(local));
    local_filter->children.push_back(std::move(right_plan));
    right_plan = std::move(local_filter);
  }
  const std::vector<DataType> types = OutputTypes(*input);
  auto join = std::make_unique<LogicalJoin>();
  join->join_type = unique_in ? JoinType::kInner : candidate.type;
  join->condition = MakeConjunction(std::move(correlated));
  join->left_width = width;
  join->right_width = right_width;
  join->children.push_back(std::move(input));
  join->children.push_back(std::move(right_plan));
  if (!unique_in) return join;
  // The outer row alone, as the semi join gave it.
  auto outer_row = std::make_unique<LogicalProject>();
  for (int c = 0; c < width; ++c) {
    outer_row->exprs.push_back(BoundExpr::Column(c, types[static_cast<size_t>(c)]));
  }
  outer_row->children.push_back(std::move(join));
  return outer_row;
}

LogicalOperatorPtr DecorrelateTerms(LogicalOperatorPtr plan, bool uncorrelated_too) {
  CheckStackDepth();
  for (LogicalOperatorPtr& c : plan->children) c = DecorrelateTerms(std::move(c), uncorrelated_too);
  if (plan->kind != LogicalKind::kFilter) return plan;
  LogicalOperatorPtr input = std::move(plan->children[0]);
  const int width = static_cast<int>(OutputTypes(*input).size());
  std::vector<BoundExprPtr> kept;
  for (BoundExprPtr& term : SplitConjuncts(std::move(plan->As<LogicalFilter>().predicate))) {
    if (LogicalOperatorPtr join = TryJoin(*term, input, width, uncorrelated_too)) {
      input = std::move(join);
    } else {
      kept.push_back(std::move(term));
    }
  }
  if (kept.empty()) return input;
  plan->As<LogicalFilter>().predicate = MakeConjunction(std::move(kept));
  plan->children[0] = std::move(input);
  return plan;
}

}  // namespace

LogicalOperatorPtr Decorrelate(LogicalOperatorPtr plan) {
  return DecorrelateTerms(std::move(plan), /*uncorrelated_too=*/false);
}

LogicalOperatorPtr DecorrelateAll(LogicalOperatorPtr plan) {
  return DecorrelateTerms(std::move(plan), /*uncorrelated_too=*/true);
}

}  // namespace basalt::sql
