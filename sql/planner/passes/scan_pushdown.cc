// Scan pushdown: Filter(Get t) over a full scan becomes a Get carrying the
// predicate, so the scan tests each stored row after decoding only the
// columns the predicate reads and materializes just the rows that pass. Then
// every full scan learns which columns the operators above it read (up to the
// nearest Project), so the other columns are never decoded; they stay NULL in
// the scan's rows, which keep the table's width and column positions.
#include "common/stack_depth.h"
#include "sql/planner/logical_aggregate.h"
#include "sql/planner/logical_distinct_on.h"
#include "sql/planner/logical_filter.h"
#include "sql/planner/logical_get.h"
#include "sql/planner/logical_join.h"
#include "sql/planner/logical_limit.h"
#include "sql/planner/logical_project.h"
#include "sql/planner/logical_sort.h"
#include "sql/planner/logical_window.h"
#include "sql/planner/optimizer.h"

namespace basalt::sql {

namespace {

void MarkColumns(const BoundExpr& e, std::vector<bool>* columns) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kColumn && e.column_index >= 0) {
    const auto index = static_cast<size_t>(e.column_index);
    if (index >= columns->size()) columns->resize(index + 1, false);
    (*columns)[index] = true;
  }
  for (const BoundExprPtr& c : e.children) MarkColumns(*c, columns);
}

LogicalOperatorPtr MergeFilters(LogicalOperatorPtr plan) {
  CheckStackDepth();
  for (LogicalOperatorPtr& c : plan->children) c = MergeFilters(std::move(c));
  if (plan->kind != LogicalKind::kFilter || plan->children[0]->kind != LogicalKind::kGet) {
    return plan;
  }
  auto& get = plan->children[0]->As<LogicalGet>();
  if (get.by_primary_key() || get.filter != nullptr) return plan;
  get.filter = std::move(plan->As<LogicalFilter>().predicate);
  return std::move(plan->children[0]);
}

// `needed`: the columns of `op`'s output rows its parent reads; null when
// the parent may read them all (INSERT's source, UPDATE, DELETE, the root).
void PruneColumns(LogicalOperator& op, const std::vector<bool>* needed) {
  CheckStackDepth();
  std::vector<bool> child_needs;
  switch (op.kind) {
    case LogicalKind::kGet: {
      auto& get = op.As<LogicalGet>();
      if (needed == nullptr || get.by_primary_key() || get.emit_key) return;
      std::vector<bool> columns = *needed;
      if (get.filter != nullptr) MarkColumns(*get.filter, &columns);
      columns.resize(get.table->layout.column_types.size(), false);
      get.columns = std::move(columns);
      return;
    }
    case LogicalKind::kProject:
      for (const BoundExprPtr& e : op.As<LogicalProject>().exprs) MarkColumns(*e, &child_needs);
      break;
    case LogicalKind::kJoin: {
      if (needed == nullptr) break;
      const auto& join = op.As<LogicalJoin>();
      std::vector<bool> both = *needed;
      if (join.condition != nullptr) MarkColumns(*join.condition, &both);
      both.resize(static_cast<size_t>(join.left_width + join.right_width), false);
      std::vector<bool> left(both.begin(), both.begin() + join.left_width);
      std::vector<bool> right(both.begin() + join.left_width, both.end());
      for (const BoundExprPtr& k : join.left_keys) MarkColumns(*k, &left);
      for (const BoundExprPtr& v : join.lateral_values) MarkColumns(*v, &left);
      for (const BoundExprPtr& k : join.right_keys) MarkColumns(*k, &right);
      PruneColumns(*op.children[0], &left);
      PruneColumns(*op.children[1], &right);
      return;
    }
    case LogicalKind::kAggregate:
      // Its output is new; its input needs what the keys and arguments read.
      for (const BoundExprPtr& e : op.As<LogicalAggregate>().groups) MarkColumns(*e, &child_needs);
      for (const BoundExprPtr& e : op.As<LogicalAggregate>().aggregates) {
        MarkColumns(*e, &child_needs);
      }
      break;
    case LogicalKind::kFilter:
      if (needed == nullptr) break;
      child_needs = *needed;
      MarkColumns(*op.As<LogicalFilter>().predicate, &child_needs);
      break;
    case LogicalKind::kSort:
      if (needed == nullptr) break;
      child_needs = *needed;
      for (const BoundOrderBy& key : op.As<LogicalSort>().keys)
        MarkColumns(*key.expr, &child_needs);
      break;
    case LogicalKind::kLimit: {
      if (needed == nullptr) break;
      child_needs = *needed;
      const auto& limit = op.As<LogicalLimit>();
      if (limit.limit != nullptr) MarkColumns(*limit.limit, &child_needs);
      if (limit.offset != nullptr) MarkColumns(*limit.offset, &child_needs);
      for (const BoundExprPtr& key : limit.ties) MarkColumns(*key, &child_needs);
      break;
    }
    case LogicalKind::kWindow:
      // Its input's columns pass through; its calls read more.
      if (needed == nullptr) break;
      child_needs = *needed;
      for (const BoundExprPtr& call : op.As<LogicalWindow>().functions) {
        MarkColumns(*call, &child_needs);
      }
      break;
    case LogicalKind::kDistinctOn:
      if (needed == nullptr) break;
      child_needs = *needed;
      for (const BoundExprPtr& key : op.As<LogicalDistinctOn>().keys) {
        MarkColumns(*key, &child_needs);
      }
      break;
    default:
      // Values and the modifying operators: their inputs are read whole.
      for (LogicalOperatorPtr& c : op.children) PruneColumns(*c, nullptr);
      return;
  }
  const bool passes_needs =
      op.kind == LogicalKind::kProject || op.kind == LogicalKind::kAggregate || needed != nullptr;
  for (LogicalOperatorPtr& c : op.children) PruneColumns(*c, passes_needs ? &child_needs : nullptr);
}

}  // namespace

LogicalOperatorPtr PushIntoScans(LogicalOperatorPtr plan) {
  plan = MergeFilters(std::move(plan));
  PruneColumns(*plan, nullptr);
  return plan;
}

}  // namespace basalt::sql
