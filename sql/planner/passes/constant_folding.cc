// Constant folding: every subexpression that references no column, no
// parameter and nothing volatile is computed once at plan time. An
// expression whose evaluation fails is left alone, so the error is raised
// only if a row actually evaluates it.
#include "common/error.h"
#include "common/stack_depth.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/in_list.h"
#include "sql/planner/logical_aggregate.h"
#include "sql/planner/logical_filter.h"
#include "sql/planner/logical_get.h"
#include "sql/planner/logical_join.h"
#include "sql/planner/logical_limit.h"
#include "sql/planner/logical_modify.h"
#include "sql/planner/logical_project.h"
#include "sql/planner/logical_sort.h"
#include "sql/planner/logical_values.h"
#include "sql/planner/logical_window.h"
#include "sql/planner/optimizer.h"

namespace basalt::sql {

namespace {

enum class Folded {
  kNo,      // references a column, a parameter or something volatile
  kYes,     // now a constant
  kFailed,  // constant, but its evaluation failed: left for run time
};

// Kinds that may produce a value without evaluating every child (CASE,
// AND/OR short cuts, IN's first match, COALESCE): worth evaluating even when
// a child failed. Any other kind fails when a child does.
bool MaySkipChildren(const BoundExpr& e) {
  switch (e.kind) {
    case BoundExprKind::kCase:
    case BoundExprKind::kAnd:
    case BoundExprKind::kOr:
    case BoundExprKind::kIn:
    case BoundExprKind::kFunction: return true;
    default: return false;
  }
}

// Operators that are NULL when any operand is (PostgreSQL's strict
// functions): one with a NULL constant operand is NULL whatever the others
// compute, so `x / 0 = NULL` is NULL without dividing, as PostgreSQL folds it.
bool IsStrict(const BoundExpr& e) {
  switch (e.kind) {
    case BoundExprKind::kCompare:
    case BoundExprKind::kArithmetic:
    case BoundExprKind::kNegate:
    case BoundExprKind::kLike: return true;
    case BoundExprKind::kConcat: return !e.type.IsArray();  // array_cat: NULL || a is a
    default: return false;
  }
}

bool HasNullOperand(const BoundExpr& e) {
  for (const BoundExprPtr& c : e.children) {
    if (c->kind == BoundExprKind::kConstant && c->value.is_null()) return true;
  }
  return false;
}

// Bottom-up, so each node is looked at once: a chain of a million constant
// operators folds in linear time.
Folded Fold(BoundExprPtr& e) {
  CheckStackDepth();
  if (e == nullptr || e->kind == BoundExprKind::kConstant) return Folded::kYes;
  bool foldable = true;
  bool failed = false;
  for (BoundExprPtr& c : e->children) {
    Folded child = Fold(c);
    foldable = foldable && child != Folded::kNo;
    failed = failed || child == Folded::kFailed;
  }
  if (IsStrict(*e) && HasNullOperand(*e)) {
    const int position = e->position;
    e = BoundExpr::Constant(Value::Null(), e->type);
    e->position = position;
    return Folded::kYes;
  }
  if (!foldable || !e->IsFoldableNode()) {
    // `x IN (many constants)`: hashed once here, for every execution.
    if (e->kind == BoundExprKind::kIn && e->in_set == nullptr) e->in_set = HashInList(*e);
    return Folded::kNo;
  }
  if (failed && !MaySkipChildren(*e)) return Folded::kFailed;
  try {
    static const Row kNoInput;
    Value v = Evaluate(*e, kNoInput, nullptr);
    int position = e->position;
    e = BoundExpr::Constant(std::move(v), e->type);
    e->position = position;
    return Folded::kYes;
  } catch (const Error&) {
    return Folded::kFailed;  // left for run time
  }
}

}  // namespace

LogicalOperatorPtr FoldConstants(LogicalOperatorPtr plan) {
  CheckStackDepth();
  for (LogicalOperatorPtr& c : plan->children) c = FoldConstants(std::move(c));
  switch (plan->kind) {
    case LogicalKind::kGet:
      for (BoundExprPtr& e : plan->As<LogicalGet>().lookup_key) Fold(e);
      if (plan->As<LogicalGet>().lookup_in != nullptr) Fold(plan->As<LogicalGet>().lookup_in);
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
    case LogicalKind::kJoin: {
      auto& join = plan->As<LogicalJoin>();
      for (BoundExprPtr& v : join.lateral_values) Fold(v);
      if (join.condition != nullptr) {
        Fold(join.condition);
        if (join.condition->IsConstant() && !join.condition->value.is_null() &&
            join.condition->value.AsBool()) {
          join.condition = nullptr;  // ON true
        }
      }
      break;
    }
    case LogicalKind::kSetOperation:
    case LogicalKind::kRecursiveUnion:
    case LogicalKind::kWorkTableScan:
    case LogicalKind::kCteScan:
    case LogicalKind::kFunctionScan: break;
    case LogicalKind::kAggregate: {
      auto& aggregate = plan->As<LogicalAggregate>();
      for (BoundExprPtr& e : aggregate.groups) Fold(e);
      for (BoundExprPtr& call : aggregate.aggregates) {
        for (BoundExprPtr& arg : call->children) Fold(arg);
      }
      break;
    }
    case LogicalKind::kWindow:
      // The calls' arguments, keys and frame offsets; never the calls.
      for (BoundExprPtr& call : plan->As<LogicalWindow>().functions) {
        for (size_t i = 0; i < call->children.size(); ++i) {
          if (i == 0 && call->window_function == WindowFunction::kAggregate) {
            for (BoundExprPtr& arg : call->children[0]->children) Fold(arg);
            continue;
          }
          Fold(call->children[i]);
        }
      }
      break;
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
      for (BoundExprPtr& e : plan->As<LogicalInsert>().returning) Fold(e);
      if (auto& conflict = plan->As<LogicalInsert>().on_conflict) {
        for (BoundAssignment& a : conflict->assignments) Fold(a.expr);
        Fold(conflict->where);
      }
      break;
    case LogicalKind::kUpdate:
      for (BoundAssignment& a : plan->As<LogicalUpdate>().assignments) Fold(a.expr);
      for (BoundExprPtr& e : plan->As<LogicalUpdate>().returning) Fold(e);
      break;
    case LogicalKind::kDelete:
      for (BoundExprPtr& e : plan->As<LogicalDelete>().returning) Fold(e);
      break;
    case LogicalKind::kMerge:
      for (BoundMergeAction& action : plan->As<LogicalMerge>().actions) {
        Fold(action.condition);
        for (BoundAssignment& a : action.assignments) Fold(a.expr);
        for (BoundExprPtr& e : action.row_exprs) Fold(e);
      }
      break;
    case LogicalKind::kDistinctOn:
    case LogicalKind::kLockRows: break;
  }
  return plan;
}

}  // namespace basalt::sql
