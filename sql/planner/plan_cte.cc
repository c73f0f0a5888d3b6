// WITH queries: expanded at each reference or computed once (CteUse).
#include "common/stack_depth.h"
#include "sql/planner/logical_cte_scan.h"
#include "sql/planner/logical_join.h"
#include "sql/planner/planner.h"

namespace basalt::sql {

namespace {

// What a WITH query's plan does that decides how it is planned.
struct QueryTraits {
  // Reads a value of an enclosing query: a kOuterColumn at the query's own
  // level, not one a LATERAL item of the query reads from its FROM row.
  bool reads_outer = false;
  bool calls_volatile = false;  // anywhere, subqueries included
};

void InspectPlan(LogicalOperator& op, bool own_level, QueryTraits* traits);

void InspectExpression(const BoundExpr& e, bool own_level, QueryTraits* traits) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kOuterColumn && own_level) traits->reads_outer = true;
  if (e.kind == BoundExprKind::kFunction && IsVolatileFunction(e.function)) {
    traits->calls_volatile = true;
  }
  // A subquery's own kOuterColumn nodes read the values its node passes
  // down, which are its children here.
  if (e.kind == BoundExprKind::kSubquery && e.subquery->plan != nullptr) {
    InspectPlan(*e.subquery->plan, false, traits);
  }
  for (const BoundExprPtr& c : e.children) {
    if (c != nullptr) InspectExpression(*c, own_level, traits);
  }
}

void InspectPlan(LogicalOperator& op, bool own_level, QueryTraits* traits) {
  CheckStackDepth();
  ForEachExpression(op, [&](BoundExprPtr& e) {
    if (e != nullptr) InspectExpression(*e, own_level, traits);
  });
  const bool lateral =
      op.kind == LogicalKind::kJoin && !op.As<LogicalJoin>().lateral_values.empty();
  for (size_t i = 0; i < op.children.size(); ++i) {
    InspectPlan(*op.children[i], own_level && !(lateral && i == 1), traits);
  }
}

bool ScanOnce(const CteUse& cte, const BoundSelect& query, LogicalOperator& plan) {
  QueryTraits traits;
  InspectPlan(plan, true, &traits);
  if (traits.reads_outer) return false;
  const bool recursive = query.set_operation != nullptr && query.set_operation->recursive;
  return cte.materialized == BoundCte::Materialized::kYes || recursive || traits.calls_volatile ||
         (cte.materialized == BoundCte::Materialized::kDefault && cte.references > 1);
}

}  // namespace

LogicalOperatorPtr PlanCteReference(BoundTableRef& ref) {
  CteUse& cte = *ref.cte;
  if (cte.decision == CteUse::Plan::kExpand) return PlanSelect(*ref.subquery);
  if (cte.decision == CteUse::Plan::kUndecided) {
    LogicalOperatorPtr plan = PlanSelect(*ref.subquery);
    PlanSubqueries(*plan);
    if (!ScanOnce(cte, *ref.subquery, *plan)) {
      cte.decision = CteUse::Plan::kExpand;
      return plan;
    }
    cte.decision = CteUse::Plan::kScan;
    cte.plan = std::move(plan);
  }
  auto scan = std::make_unique<LogicalCteScan>();
  scan->cte = ref.cte;
  scan->name = ref.cte_name;
  scan->alias = ref.alias;
  scan->column_names = ref.column_names;
  for (const ResultColumn& c : ref.subquery->columns) scan->types.push_back(c.type);
  return scan;
}

}  // namespace basalt::sql
