// Walks over the view's plans that incremental refresh needs: its scans,
// its GROUP BY, its UNION ALL branches.
#include "sql/commands/matview/delta_plan_walk.h"

#include "sql/planner/logical_aggregate.h"
#include "sql/planner/logical_get.h"
#include "sql/planner/logical_project.h"
#include "sql/planner/logical_values.h"

namespace basalt::sql {

namespace {

// The tables of a plan's scans, in CollectScans' order.
void CollectScannedTables(const LogicalOperator& op, std::vector<ScannedTable>* out) {
  if (op.kind == LogicalKind::kGet) {
    const catalog::TableEntry& table = *op.As<LogicalGet>().table;
    out->push_back({table.def.oid(), table.def.name()});
  }
  for (const LogicalOperatorPtr& c : op.children) CollectScannedTables(*c, out);
}

// A nested UNION ALL's plan: its columns as they are over the union.
bool IsIdentityOverUnion(const LogicalOperator& op) {
  if (op.kind != LogicalKind::kProject || op.children[0]->kind != LogicalKind::kSetOperation) {
    return false;
  }
  const auto& exprs = op.As<LogicalProject>().exprs;
  for (size_t i = 0; i < exprs.size(); ++i) {
    if (exprs[i]->kind != BoundExprKind::kColumn || exprs[i]->column_index != static_cast<int>(i)) {
      return false;
    }
  }
  return true;
}

}  // namespace

void CollectScans(LogicalOperatorPtr& op, std::vector<LogicalOperatorPtr*>* out) {
  if (op->kind == LogicalKind::kGet) out->push_back(&op);
  for (LogicalOperatorPtr& c : op->children) CollectScans(c, out);
}

LogicalOperatorPtr& FindAggregate(LogicalOperatorPtr& root) {
  LogicalOperatorPtr* op = &root;
  while ((*op)->kind != LogicalKind::kAggregate) op = &(*op)->children[0];
  return *op;
}

void ReplaceScan(LogicalOperatorPtr* scan, RowsPtr rows, const catalog::TableEntry* changes_of,
                 int delta_input) {
  auto values = std::make_unique<LogicalValues>();
  values->changes_of = changes_of;
  values->delta_input = delta_input;
  values->computed_types = (*scan)->As<LogicalGet>().table->layout.column_types;
  values->computed = std::move(rows);
  *scan = std::move(values);
}

LogicalOperatorPtr* UnionNode(LogicalOperatorPtr& root) {
  LogicalOperatorPtr* op = &root;
  while ((*op)->kind != LogicalKind::kSetOperation) {
    if ((*op)->children.empty()) return nullptr;
    op = &(*op)->children[0];
  }
  return op;
}

std::vector<ScannedTable> ScannedTables(const LogicalOperator& plan) {
  std::vector<ScannedTable> tables;
  CollectScannedTables(plan, &tables);
  return tables;
}

bool ContainsSetOperation(const LogicalOperator& op) {
  if (op.kind == LogicalKind::kSetOperation) return true;
  for (const LogicalOperatorPtr& c : op.children) {
    if (ContainsSetOperation(*c)) return true;
  }
  return false;
}

void CollectBranches(const LogicalOperator& op, std::vector<int>* path,
                     std::vector<std::vector<int>>* out) {
  if (IsIdentityOverUnion(op)) {
    path->push_back(0);
    CollectBranches(*op.children[0], path, out);
    path->pop_back();
    return;
  }
  if (op.kind != LogicalKind::kSetOperation) {
    out->push_back(*path);
    return;
  }
  for (size_t i = 0; i < op.children.size(); ++i) {
    path->push_back(static_cast<int>(i));
    CollectBranches(*op.children[i], path, out);
    path->pop_back();
  }
}

}  // namespace basalt::sql
