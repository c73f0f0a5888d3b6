// Parallel aggregation: marks the aggregates that several threads may run
// (execution/parallel_aggregate.h decides at run time, by the table's size,
// whether they do). An aggregate qualifies when
// - its aggregates merge (CanCombineAggregate) and it has no grouping sets;
// - its input leads, through filters, projections and the outer (probe)
//   side of inner, left, semi and anti joins, to one full scan of a table:
//   the parallel scan, whose key ranges the participants share;
// - the other sides of those joins are plain reads (each participant
//   reads them whole, as PostgreSQL's non-parallel Hash under a Parallel
//   Hash Join's probe side);
// - no expression in it reads the session (sequences, settings, locks,
//   random's seed), an enclosing query's row, or a subquery.
// Outer joins that return unmatched rows of the side read whole (right,
// full) would return them once per participant: they stop the search.
#include "common/stack_depth.h"
#include "sql/execution/aggregate_function.h"
#include "sql/planner/logical_aggregate.h"
#include "sql/planner/logical_get.h"
#include "sql/planner/logical_join.h"
#include "sql/planner/logical_values.h"
#include "sql/planner/optimizer.h"
#include "sql/planner/planner.h"

namespace basalt::sql {

namespace {

bool ParallelSafeFunction(ScalarFunction f) {
  return !IsLockFunction(f) && !IsSequenceFunction(f) && !IsSessionFunction(f) &&
         f != ScalarFunction::kRandom && f != ScalarFunction::kSetseed &&
         f != ScalarFunction::kPgSleep && f != ScalarFunction::kPgBackendPid &&
         f != ScalarFunction::kPgBlockingPids;
}

bool ParallelSafe(const BoundExpr& e) {
  CheckStackDepth();
  switch (e.kind) {
    case BoundExprKind::kOuterColumn:
    case BoundExprKind::kSubquery:
    case BoundExprKind::kWindow: return false;
    case BoundExprKind::kFunction:
      if (!ParallelSafeFunction(e.function)) return false;
      break;
    default: break;
  }
  for (const BoundExprPtr& child : e.children) {
    if (!ParallelSafe(*child)) return false;
  }
  return true;
}

// Whether every expression `op` itself holds is parallel-safe.
bool ExpressionsSafe(LogicalOperator& op) {
  bool safe = true;
  ForEachExpression(op,
                    [&](BoundExprPtr& e) { safe = safe && (e == nullptr || ParallelSafe(*e)); });
  return safe;
}

// A plain read every participant may make whole: stored tables (not the
// session's computed relations), constant rows, and filters, projections,
// joins and aggregates over them.
bool ReadableWhole(LogicalOperator& op) {
  CheckStackDepth();
  switch (op.kind) {
    case LogicalKind::kGet: {
      const auto& get = op.As<LogicalGet>();
      if (get.table->computed || get.table->def.relkind() == "S" || get.emit_key) return false;
      break;
    }
    case LogicalKind::kValues:
      if (op.As<LogicalValues>().computed != nullptr) return false;
      break;
    case LogicalKind::kJoin:
      if (!op.As<LogicalJoin>().lateral_values.empty()) return false;
      break;
    case LogicalKind::kFilter:
    case LogicalKind::kProject:
    case LogicalKind::kAggregate: break;
    default: return false;
  }
  if (!ExpressionsSafe(op)) return false;
  for (LogicalOperatorPtr& child : op.children) {
    if (!ReadableWhole(*child)) return false;
  }
  return true;
}

// The full scan `op` streams, through the outer sides of its joins, or null.
LogicalGet* ParallelScan(LogicalOperator& op) {
  CheckStackDepth();
  if (!ExpressionsSafe(op)) return nullptr;
  switch (op.kind) {
    case LogicalKind::kGet: {
      auto& get = op.As<LogicalGet>();
      const bool full_scan = !get.table->computed && get.table->def.relkind() != "S" &&
                             !get.emit_key && !get.by_primary_key() && get.index == nullptr;
      return full_scan ? &get : nullptr;
    }
    case LogicalKind::kFilter:
    case LogicalKind::kProject: return ParallelScan(*op.children[0]);
    case LogicalKind::kJoin: {
      const auto& join = op.As<LogicalJoin>();
      const JoinType type = join.join_type;
      if (!join.lateral_values.empty() || type == JoinType::kRight || type == JoinType::kFull) {
        return nullptr;
      }
      if (!ReadableWhole(*op.children[1])) return nullptr;
      return ParallelScan(*op.children[0]);
    }
    default: return nullptr;
  }
}

bool Qualifies(LogicalAggregate& aggregate) {
  if (!aggregate.grouping_sets.empty()) return false;
  for (const BoundExprPtr& call : aggregate.aggregates) {
    if (!CanCombineAggregate(*call)) return false;
  }
  return ExpressionsSafe(aggregate);
}

}  // namespace

LogicalOperatorPtr ParallelizeAggregates(LogicalOperatorPtr plan) {
  CheckStackDepth();
  if (plan->kind == LogicalKind::kAggregate) {
    auto& aggregate = plan->As<LogicalAggregate>();
    if (Qualifies(aggregate)) {
      if (LogicalGet* scan = ParallelScan(*plan->children[0])) {
        // Its input is the participants' alone: nothing below is marked.
        aggregate.parallel = true;
        scan->parallel_scan = true;
        return plan;
      }
    }
  }
  for (LogicalOperatorPtr& child : plan->children) child = ParallelizeAggregates(std::move(child));
  return plan;
}

}  // namespace basalt::sql
