// Unique semi joins: `EXISTS (SELECT ... WHERE inner.k = outer.x ...)` as a
// semi join hashes the inner rows on k; when k repeats (common values fill
// the hash table's buckets) PostgreSQL instead makes the inner rows unique
// on k (a HashAggregate) and joins them as an inner join, which hashes each
// key once. Chosen by the same hash-join costs as join_order's build side,
// from ANALYZE's statistics of the inner table; tables never analyzed keep
// their semi joins. Runs after decorrelation (which makes the semi joins)
// and before join_order (which may then reorder the inner join).
#include <algorithm>
#include <optional>

#include "common/stack_depth.h"
#include "sql/planner/logical_aggregate.h"
#include "sql/planner/logical_filter.h"
#include "sql/planner/logical_get.h"
#include "sql/planner/logical_join.h"
#include "sql/planner/logical_project.h"
#include "sql/planner/optimizer.h"
#include "sql/planner/plan_statistics.h"
#include "sql/planner/planner.h"

namespace basalt::sql {

namespace {

// The rows of an analyzed table's scan under filters, and the table.
std::optional<double> AnalyzedRows(const LogicalOperator& op, const catalog::TableEntry** table) {
  const LogicalOperator* e = &op;
  double selectivity = 1;
  std::vector<const BoundExpr*> filters;
  while (e->kind == LogicalKind::kFilter) {
    filters.push_back(e->As<LogicalFilter>().predicate.get());
    e = e->children[0].get();
  }
  if (e->kind != LogicalKind::kGet) return std::nullopt;
  const auto& get = e->As<LogicalGet>();
  if (get.table->computed || get.by_primary_key() || !Analyzed(*get.table)) return std::nullopt;
  for (const BoundExpr* f : filters) selectivity *= FilterSelectivity(*f, *get.table);
  *table = get.table.get();
  return std::max(TableRows(*get.table) * selectivity, 1.0);
}

// The right columns of `condition`'s terms, when every term is `left
// expression = right column` compared in the column's type; else empty.
std::vector<int> RightKeyColumns(const BoundExpr& condition, int left_width,
                                 const std::vector<DataType>& right_types) {
  std::vector<int> keys;
  for (const BoundExprPtr& term : SplitConjuncts(condition.Clone())) {
    if (term->kind != BoundExprKind::kCompare || term->compare_op != CompareOp::kEqual) return {};
    int key = -1;
    for (int side = 0; side < 2 && key < 0; ++side) {
      const BoundExpr& column = *term->children[static_cast<size_t>(side)];
      const BoundExpr& other = *term->children[static_cast<size_t>(1 - side)];
      if (column.kind == BoundExprKind::kColumn && column.column_index >= left_width &&
          ReadsColumns(other) && ReadsOnlyColumns(other, 0, left_width) &&
          term->compare_type ==
              right_types[static_cast<size_t>(column.column_index - left_width)]) {
        key = column.column_index - left_width;
      }
    }
    if (key < 0) return {};
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  return keys;
}

// Whether hashing the inner rows made unique on `keys` costs less than
// hashing them all (join_order's costs: 5 a built row, 1 a probe and half
// a unit per row of its bucket; 2 a row aggregated).
bool UniqueCostsLess(const catalog::TableEntry& table, const std::vector<int>& keys,
                     double right_rows, double left_rows) {
  const std::optional<double> share = HashBucketShare(table, keys[0]);
  if (!share) return false;
  double distinct = 1;
  for (int k : keys) {
    const std::optional<double> per_value = RowsPerValue(table, k);
    if (!per_value || *per_value <= 0) return false;
    distinct = std::max(distinct, TableRows(table) / *per_value);
  }
  distinct = std::min(distinct, right_rows);
  const double semi =
      5 * right_rows + left_rows * (1 + 0.5 * right_rows * std::max(*share, 1 / right_rows));
  const double unique = 2 * right_rows + 5 * distinct + left_rows * 1.5;
  return unique < semi;
}

void Uniquify(LogicalOperatorPtr& plan) {
  auto& join = plan->As<LogicalJoin>();
  if (join.join_type != JoinType::kSemi || join.condition == nullptr ||
      !join.lateral_values.empty() || !join.left_keys.empty()) {
    return;
  }
  const catalog::TableEntry* table = nullptr;
  const std::optional<double> right_rows = AnalyzedRows(*plan->children[1], &table);
  if (!right_rows) return;
  const std::vector<DataType> right_types = OutputTypes(*plan->children[1]);
  const std::vector<int> keys = RightKeyColumns(*join.condition, join.left_width, right_types);
  if (keys.empty()) return;
  const catalog::TableEntry* left_table = nullptr;
  const double left_rows =
      AnalyzedRows(*plan->children[0], &left_table).value_or(kGuessedTableRows);
  if (!UniqueCostsLess(*table, keys, *right_rows, left_rows)) return;

  auto unique = std::make_unique<LogicalAggregate>();
  for (int k : keys) {
    unique->groups.push_back(BoundExpr::Column(k, right_types[static_cast<size_t>(k)]));
  }
  unique->children.push_back(std::move(plan->children[1]));
  // The condition's right columns are now the aggregate's keys.
  const int left_width = join.left_width;
  auto remap = [&](BoundExpr& e, auto&& self) -> void {
    CheckStackDepth();
    if (e.kind == BoundExprKind::kColumn && e.column_index >= left_width) {
      const auto at = std::find(keys.begin(), keys.end(), e.column_index - left_width);
      e.column_index = left_width + static_cast<int>(at - keys.begin());
    }
    for (BoundExprPtr& c : e.children) self(*c, self);
  };
  remap(*join.condition, remap);
  const std::vector<DataType> left_types = OutputTypes(*plan->children[0]);
  join.join_type = JoinType::kInner;
  join.right_width = static_cast<int>(keys.size());
  plan->children[1] = std::move(unique);
  // The left row alone, as the semi join gave it.
  auto left_row = std::make_unique<LogicalProject>();
  for (int c = 0; c < left_width; ++c) {
    left_row->exprs.push_back(BoundExpr::Column(c, left_types[static_cast<size_t>(c)]));
  }
  left_row->children.push_back(std::move(plan));
  plan = std::move(left_row);
}

}  // namespace

LogicalOperatorPtr UniquifySemiJoins(LogicalOperatorPtr plan) {
  CheckStackDepth();
  for (LogicalOperatorPtr& c : plan->children) c = UniquifySemiJoins(std::move(c));
  if (plan->kind == LogicalKind::kJoin) Uniquify(plan);
  return plan;
}

}  // namespace basalt::sql
