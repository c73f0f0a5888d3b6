// Merge joins: a semi or anti join on one key whose inputs can both be read
// in that key's order for nothing — a table in its primary key's order (how
// it is stored), or the entries of an index led by the key — merges them
// instead of hashing the right input, as PostgreSQL does for a large right
// input with such indexes (`NOT EXISTS (SELECT 1 FROM orders o WHERE
// o.customer_id = c.id)` over customers' primary key and an index on
// orders.customer_id). Only where ANALYZE's statistics say the right input's
// hash table would pass the default work_mem; the key's type must compare
// as its stored encoding orders (integers, dates and timestamps). Runs after
// join_keys (the key) and scan_pushdown (the scans' filters and columns),
// before index_selection, which then finds a full index read index-only.
#include "common/stack_depth.h"
#include "sql/planner/index_access.h"
#include "sql/planner/logical_get.h"
#include "sql/planner/logical_join.h"
#include "sql/planner/optimizer.h"
#include "sql/planner/plan_statistics.h"

namespace basalt::sql {

namespace {

// Right inputs from this many rows hash past PostgreSQL's default work_mem
// (4MB at 64 bytes a row).
constexpr double kMergeJoinRows = 65536;

bool MergeableType(const DataType& type) {
  switch (type.id) {
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: return true;
    default: return false;
  }
}

// Whether `get` can yield its rows in ascending `column` order, NULLs
// last: in primary-key order as stored, or (returned in *index) through
// an index led by the column; -1 for the primary key.
bool ReadableInOrder(const LogicalGet& get, int column, int* index) {
  if (get.table->computed || get.by_primary_key() || get.index != nullptr || get.parallel_scan ||
      get.emit_key) {
    return false;
  }
  const storage::TableLayout& layout = get.table->layout;
  if (!layout.primary_key.empty() && layout.primary_key[0] == column) {
    *index = -1;
    return true;
  }
  // An index read replaces the scan's own filter (index_selection's).
  if (get.filter != nullptr) return false;
  for (size_t i = 0; i < layout.indexes.size(); ++i) {
    const storage::IndexLayout& candidate = layout.indexes[i];
    if (!candidate.readable || candidate.columns.empty() || candidate.predicate != nullptr) {
      continue;
    }
    const storage::IndexLayout::KeyColumn& first = candidate.columns[0];
    if (first.expression == nullptr && first.column == column && !first.descending &&
        !first.nulls_first) {
      *index = static_cast<int>(i);
      return true;
    }
  }
  return false;
}

void UseMergeJoin(LogicalOperator& plan) {
  auto& join = plan.As<LogicalJoin>();
  if ((join.join_type != JoinType::kSemi && join.join_type != JoinType::kAnti) ||
      join.left_keys.size() != 1 || join.condition != nullptr || !join.lateral_values.empty()) {
    return;
  }
  const BoundExpr& left_key = *join.left_keys[0];
  const BoundExpr& right_key = *join.right_keys[0];
  if (left_key.kind != BoundExprKind::kColumn || right_key.kind != BoundExprKind::kColumn ||
      !(left_key.type == right_key.type) || !MergeableType(left_key.type) ||
      plan.children[0]->kind != LogicalKind::kGet || plan.children[1]->kind != LogicalKind::kGet) {
    return;
  }
  auto& left = plan.children[0]->As<LogicalGet>();
  auto& right = plan.children[1]->As<LogicalGet>();
  if (!Analyzed(*right.table)) return;
  const double right_rows =
      TableRows(*right.table) *
      (right.filter != nullptr ? FilterSelectivity(*right.filter, *right.table) : 1.0);
  if (right_rows < kMergeJoinRows) return;
  int left_index = -1;
  int right_index = -1;
  if (!ReadableInOrder(left, left_key.column_index, &left_index) ||
      !ReadableInOrder(right, right_key.column_index, &right_index)) {
    return;
  }
  for (auto [get, index] : {std::pair{&left, left_index}, std::pair{&right, right_index}}) {
    if (index < 0) continue;
    get->index = std::make_unique<IndexAccess>();
    get->index->index = index;  // the whole index, for its order
  }
  join.merge = true;
}

}  // namespace

LogicalOperatorPtr UseMergeJoins(LogicalOperatorPtr plan) {
  CheckStackDepth();
  for (LogicalOperatorPtr& c : plan->children) c = UseMergeJoins(std::move(c));
  if (plan->kind == LogicalKind::kJoin) UseMergeJoin(*plan);
  return plan;
}

}  // namespace basalt::sql
