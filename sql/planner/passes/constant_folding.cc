// Constant folding: every subexpression that references no column, no
// parameter and nothing volatile is computed once at plan time. An
// expression whose evaluation fails is left alone, so the error is raised
// only if a row actually evaluates it.
#include "common/error.h"
#include "sql/execution/evaluate.h"
#include "sql/planner/logical_filter.h"
#include "sql/planner/logical_get.h"
#include "sql/planner/logical_limit.h"
#include "sql/planner/logical_modify.h"
#include "sql/planner/logical_project.h"
#include "sql/planner/logical_sort.h"
#include "sql/planner/logical_values.h"
#include "sql/planner/optimizer.h"

namespace basalt::sql {

namespace {

void Fold(BoundExprPtr& e) {
  if (e == nullptr || e->kind == BoundExprKind::kConstant) return;
  for (BoundExprPtr& c : e->children) Fold(c);
  if (!e->IsConstantFoldable()) return;
  try {
    static const Row kNoInput;
    Value v = Evaluate(*e, kNoInput, nullptr);
    int position = e->position;
    e = BoundExpr::Constant(std::move(v), e->type);
    e->position = position;
  } catch (const Error&) {
    // Left for run time.
  }
}

}  // namespace

LogicalOperatorPtr FoldConstants(LogicalOperatorPtr plan) {
  for (LogicalOperatorPtr& c : plan->children) c = FoldConstants(std::move(c));
  switch (plan->kind) {
    case LogicalKind::kGet:
      for (BoundExprPtr& e : plan->As<LogicalGet>().lookup_key) Fold(e);
      break;
    case LogicalKind::kValues:
      for (auto& row : plan->As<LogicalValues>().rows) {
        for (BoundExprPtr& e : row) Fold(e);
      }
      break;
    case LogicalKind::kFilter: {
      BoundExprPtr& p = plan->As<LogicalFilter>().predicate;
      Fold(p);
      if (p->IsConstant() && !p->value.is_null() && p->value.AsBool()) {
        return std::move(plan->children[0]);  // WHERE true
      }
      break;
    }
    case LogicalKind::kProject:
      for (BoundExprPtr& e : plan->As<LogicalProject>().exprs) Fold(e);
      break;
    case LogicalKind::kSort:
      for (BoundOrderBy& k : plan->As<LogicalSort>().keys) Fold(k.expr);
      break;
    case LogicalKind::kLimit:
      Fold(plan->As<LogicalLimit>().limit);
      Fold(plan->As<LogicalLimit>().offset);
      break;
    case LogicalKind::kInsert:
      for (BoundExprPtr& e : plan->As<LogicalInsert>().row_exprs) Fold(e);
      break;
    case LogicalKind::kUpdate:
      for (BoundAssignment& a : plan->As<LogicalUpdate>().assignments) Fold(a.expr);
      break;
    case LogicalKind::kLockRows:
    case LogicalKind::kDelete: break;
  }
  return plan;
}

}  // namespace basalt::sql
