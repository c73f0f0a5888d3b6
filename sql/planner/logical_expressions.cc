// The expressions each logical operator holds, for code that must see them
// all (planning subqueries); and the planning of subqueries.
#include "common/stack_depth.h"
#include "sql/planner/logical_aggregate.h"
#include "sql/planner/logical_cte_scan.h"
#include "sql/planner/logical_distinct_on.h"
#include "sql/planner/logical_filter.h"
#include "sql/planner/logical_function_scan.h"
#include "sql/planner/logical_get.h"
#include "sql/planner/logical_join.h"
#include "sql/planner/logical_limit.h"
#include "sql/planner/logical_lock_rows.h"
#include "sql/planner/logical_modify.h"
#include "sql/planner/logical_project.h"
#include "sql/planner/logical_recursive_union.h"
#include "sql/planner/logical_set_operation.h"
#include "sql/planner/logical_sort.h"
#include "sql/planner/logical_values.h"
#include "sql/planner/logical_window.h"
#include "sql/planner/optimizer.h"
#include "sql/planner/planner.h"

namespace basalt::sql {

void ForEachExpression(LogicalOperator& op, const std::function<void(BoundExprPtr&)>& visit) {
  auto each = [&](std::vector<BoundExprPtr>& list) {
    for (BoundExprPtr& e : list) visit(e);
  };
  auto one = [&](BoundExprPtr& e) {
    if (e != nullptr) visit(e);
  };
  switch (op.kind) {
    case LogicalKind::kGet:
      each(op.As<LogicalGet>().lookup_key);
      one(op.As<LogicalGet>().lookup_in);
      one(op.As<LogicalGet>().filter);
      break;
    case LogicalKind::kValues:
      for (auto& row : op.As<LogicalValues>().rows) each(row);
      break;
    case LogicalKind::kFilter: one(op.As<LogicalFilter>().predicate); break;
    case LogicalKind::kJoin:
      each(op.As<LogicalJoin>().left_keys);
      each(op.As<LogicalJoin>().right_keys);
      one(op.As<LogicalJoin>().condition);
      each(op.As<LogicalJoin>().lateral_values);
      break;
    case LogicalKind::kFunctionScan:
      each(op.As<LogicalFunctionScan>().arguments);
      for (auto& member : op.As<LogicalFunctionScan>().lockstep) each(member->arguments);
      break;
    case LogicalKind::kSetOperation:
    case LogicalKind::kRecursiveUnion:
    case LogicalKind::kWorkTableScan:
    case LogicalKind::kCteScan: break;
    case LogicalKind::kAggregate:
      each(op.As<LogicalAggregate>().groups);
      each(op.As<LogicalAggregate>().aggregates);
      break;
    case LogicalKind::kWindow: each(op.As<LogicalWindow>().functions); break;
    case LogicalKind::kProject: each(op.As<LogicalProject>().exprs); break;
    case LogicalKind::kSort:
      for (BoundOrderBy& key : op.As<LogicalSort>().keys) one(key.expr);
      break;
    case LogicalKind::kLimit:
      one(op.As<LogicalLimit>().limit);
      one(op.As<LogicalLimit>().offset);
      each(op.As<LogicalLimit>().ties);
      break;
    case LogicalKind::kDistinctOn: each(op.As<LogicalDistinctOn>().keys); break;
    case LogicalKind::kLockRows: one(op.As<LogicalLockRows>().recheck); break;
    case LogicalKind::kInsert:
      each(op.As<LogicalInsert>().row_exprs);
      if (auto& conflict = op.As<LogicalInsert>().on_conflict) {
        for (BoundAssignment& a : conflict->assignments) one(a.expr);
        one(conflict->where);
      }
      each(op.As<LogicalInsert>().returning);
      for (BoundViewCheck& check : op.As<LogicalInsert>().view_checks) one(check.condition);
      break;
    case LogicalKind::kUpdate:
      for (BoundAssignment& a : op.As<LogicalUpdate>().assignments) one(a.expr);
      one(op.As<LogicalUpdate>().recheck);
      each(op.As<LogicalUpdate>().returning);
      for (BoundViewCheck& check : op.As<LogicalUpdate>().view_checks) one(check.condition);
      break;
    case LogicalKind::kDelete:
      one(op.As<LogicalDelete>().recheck);
      each(op.As<LogicalDelete>().returning);
      break;
    case LogicalKind::kMerge:
      one(op.As<LogicalMerge>().on);
      for (BoundMergeAction& action : op.As<LogicalMerge>().actions) {
        one(action.condition);
        for (BoundAssignment& a : action.assignments) one(a.expr);
        each(action.row_exprs);
      }
      break;
  }
}

std::vector<DataType> OutputTypes(const LogicalOperator& op) {
  CheckStackDepth();
  std::vector<DataType> types;
  auto of = [&](const std::vector<BoundExprPtr>& exprs) {
    for (const BoundExprPtr& e : exprs) types.push_back(e->type);
  };
  switch (op.kind) {
    case LogicalKind::kGet:
      types = op.As<LogicalGet>().table->layout.column_types;
      if (op.As<LogicalGet>().emit_key) {  // the storage key and stored value
        types.push_back(DataType::Of(TypeId::kText));
        types.push_back(DataType::Of(TypeId::kText));
      }
      return types;
    case LogicalKind::kValues:
      if (op.As<LogicalValues>().computed) return op.As<LogicalValues>().computed_types;
      if (!op.As<LogicalValues>().rows.empty()) of(op.As<LogicalValues>().rows[0]);
      return types;
    case LogicalKind::kJoin:
      types = OutputTypes(*op.children[0]);
      if (op.As<LogicalJoin>().join_type == JoinType::kSemi ||
          op.As<LogicalJoin>().join_type == JoinType::kAnti) {
        return types;  // the left row only
      }
      for (const DataType& t : OutputTypes(*op.children[1])) types.push_back(t);
      return types;
    case LogicalKind::kSetOperation: return op.As<LogicalSetOperation>().types;
    case LogicalKind::kRecursiveUnion: return op.As<LogicalRecursiveUnion>().types;
    case LogicalKind::kWorkTableScan: return op.As<LogicalWorkTableScan>().types;
    case LogicalKind::kCteScan: return op.As<LogicalCteScan>().types;
    case LogicalKind::kFunctionScan: {
      // Each function's columns: json[b]_each's text key before the value,
      // the ordinal after it; the lockstep members' after the first's.
      auto function_types = [&types](const LogicalFunctionScan& scan) {
        if (ReturnsPairs(scan.function)) types.push_back(DataType::Of(TypeId::kText));
        if (scan.record_columns.empty()) types.push_back(scan.type);
        for (const RecordColumn& c : scan.record_columns) types.push_back(c.type);
        if (scan.with_ordinality) types.push_back(DataType::Of(TypeId::kInt8));
      };
      const auto& scan = op.As<LogicalFunctionScan>();
      function_types(scan);
      for (const auto& member : scan.lockstep) function_types(*member);
      return types;
    }
    case LogicalKind::kAggregate:
      of(op.As<LogicalAggregate>().groups);
      of(op.As<LogicalAggregate>().aggregates);
      return types;
    case LogicalKind::kWindow:
      types = OutputTypes(*op.children[0]);
      of(op.As<LogicalWindow>().functions);
      return types;
    case LogicalKind::kProject: of(op.As<LogicalProject>().exprs); return types;
    case LogicalKind::kInsert: of(op.As<LogicalInsert>().returning); return types;
    case LogicalKind::kUpdate: of(op.As<LogicalUpdate>().returning); return types;
    case LogicalKind::kDelete: of(op.As<LogicalDelete>().returning); return types;
    case LogicalKind::kMerge: return types;        // PostgreSQL 15's MERGE returns no rows
    default: return OutputTypes(*op.children[0]);  // filters, sorts, limits
  }
}

namespace {

// Visits every kSubquery node in e (not inside subqueries' own plans).
void ForEachSubquery(BoundExpr& e, const std::function<void(BoundExpr&)>& visit) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kSubquery) visit(e);
  for (BoundExprPtr& c : e.children) ForEachSubquery(*c, visit);
}

void ForEachSubquery(LogicalOperator& plan, const std::function<void(BoundExpr&)>& visit) {
  CheckStackDepth();
  ForEachExpression(plan, [&](BoundExprPtr& e) { ForEachSubquery(*e, visit); });
  for (LogicalOperatorPtr& c : plan.children) ForEachSubquery(*c, visit);
}

// The WITH queries computed once that plan's CTE scans read (not inside
// subqueries' own plans).
void ForEachCte(LogicalOperator& plan, const std::function<void(CteUse&)>& visit) {
  CheckStackDepth();
  if (plan.kind == LogicalKind::kCteScan) visit(*plan.As<LogicalCteScan>().cte);
  for (LogicalOperatorPtr& c : plan.children) ForEachCte(*c, visit);
}

}  // namespace

void PlanSubqueries(LogicalOperator& plan) {
  ForEachSubquery(plan, [](BoundExpr& e) {
    if (e.subquery->plan != nullptr) return;  // a clone's, planned already
    e.subquery->plan = PlanSelect(*e.subquery->select);
    PlanSubqueries(*e.subquery->plan);
  });
}

void OptimizeSubqueries(LogicalOperator& plan, const std::vector<std::string>& disabled) {
  ForEachSubquery(plan, [&](BoundExpr& e) {
    if (e.subquery->optimized) return;
    e.subquery->optimized = true;
    e.subquery->plan = Optimize(std::move(e.subquery->plan), disabled);
    OptimizeSubqueries(*e.subquery->plan, disabled);
  });
  ForEachCte(plan, [&](CteUse& cte) {
    if (cte.optimized) return;
    cte.optimized = true;
    cte.plan = Optimize(std::move(cte.plan), disabled);
    OptimizeSubqueries(*cte.plan, disabled);
  });
}

}  // namespace basalt::sql
