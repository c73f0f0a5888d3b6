// Index joins: an inner or left join whose left input is known to be small
// (rows computed before the plan ran, such as an incremental refresh's
// changed rows, or primary-key lookups) and whose right input is a table
// with an index on the columns the join equates becomes a nested loop that
// reads the right table through that index once per left row: a LATERAL
// join whose right side filters on `column = <left value>`, which the
// point_lookup and index_selection passes then turn into key reads. The
// join's own condition stays (it rechecks the equalities). Runs after
// join_order (which puts small inputs first) and before join_keys.
#include <algorithm>
#include <limits>

#include "common/stack_depth.h"
#include "sql/planner/logical_aggregate.h"
#include "sql/planner/logical_filter.h"
#include "sql/planner/logical_get.h"
#include "sql/planner/logical_join.h"
#include "sql/planner/logical_values.h"
#include "sql/planner/optimizer.h"
#include "sql/planner/plan_statistics.h"

namespace basalt::sql {

namespace {

constexpr double kUnknown = std::numeric_limits<double>::infinity();

bool ReadsOuterValues(const BoundExpr& e) {
  if (e.kind == BoundExprKind::kOuterColumn || e.kind == BoundExprKind::kSubquery) return true;
  for (const BoundExprPtr& c : e.children) {
    if (ReadsOuterValues(*c)) return true;
  }
  return false;
}

// No volatile function or subquery: the same inputs give the same value.
bool IsDeterministic(const BoundExpr& e) {
  if (e.kind == BoundExprKind::kSubquery) return false;
  if (e.kind == BoundExprKind::kFunction && !e.IsFoldableNode()) return false;
  for (const BoundExprPtr& c : e.children) {
    if (!IsDeterministic(*c)) return false;
  }
  return true;
}

// The Get under a chain of Filters (the right input's shape after
// predicate pushdown), or null.
LogicalGet* ScanUnderFilters(LogicalOperator& op) {
  LogicalOperator* e = &op;
  while (e->kind == LogicalKind::kFilter) {
    if (ReadsOuterValues(*e->As<LogicalFilter>().predicate)) return nullptr;
    e = e->children[0].get();
  }
  if (e->kind != LogicalKind::kGet) return nullptr;
  auto& get = e->As<LogicalGet>();
  // A Get with emit_key is MERGE's target, read by key per source row too.
  const bool plain = !get.table->computed && !get.by_primary_key() && get.index == nullptr &&
                     get.filter == nullptr;
  return plain ? &get : nullptr;
}

// A right column `column = <left expression>` term: the column (in the
// right row) and the left expression, or -1.
int EquatedRightColumn(const BoundExpr& term, int left_width, int width, const LogicalGet& right,
                       const BoundExpr** left_side) {
  if (term.kind != BoundExprKind::kCompare || term.compare_op != CompareOp::kEqual) return -1;
  for (int side = 0; side < 2; ++side) {
    const BoundExpr& col = *term.children[static_cast<size_t>(side)];
    const BoundExpr& other = *term.children[static_cast<size_t>(1 - side)];
    if (col.kind != BoundExprKind::kColumn || col.column_index < left_width ||
        col.column_index >= width || !ReadsColumns(other) ||
        !ReadsOnlyColumns(other, 0, left_width) || ReadsOuterValues(other)) {
      continue;
    }
    const int column = col.column_index - left_width;
    const DataType type = right.table->ColumnType(column);
    // The key encodes the column's type: compare in it (most string types
    // compare as text).
    if (!DataType::CompareAlike(term.compare_type, type)) return -1;
    *left_side = &other;
    return column;
  }
  return -1;
}

// Whether reading `right` by the values of `columns` is a key read: the
// primary key's columns all given (unique: at most one row), or an index's
// first column.
bool KeyReadable(const catalog::TableEntry& table, const std::vector<int>& columns, bool* unique) {
  auto given = [&](int c) { return std::find(columns.begin(), columns.end(), c) != columns.end(); };
  const storage::TableLayout& layout = table.layout;
  *unique = !layout.primary_key.empty() &&
            std::all_of(layout.primary_key.begin(), layout.primary_key.end(), given);
  if (*unique) return true;
  for (const storage::IndexLayout& index : layout.indexes) {
    if (index.readable && !index.columns.empty() && given(index.columns[0].column)) return true;
  }
  return false;
}

// How many rows one key of `columns` reaches, by ANALYZE's statistics.
std::optional<double> RowsPerKey(const catalog::TableEntry& table,
                                 const std::vector<int>& columns) {
  // At most the rows of the most selective column's value.
  std::optional<double> per_key;
  for (int c : columns) {
    const std::optional<double> rows = RowsPerValue(table, c);
    if (rows && (!per_key || *rows < *per_key)) per_key = rows;
  }
  return per_key;
}

// An upper estimate of a plan's rows where it is known to be small.
double KnownRows(const LogicalOperator& op) {
  switch (op.kind) {
    case LogicalKind::kValues: {
      const auto& values = op.As<LogicalValues>();
      return static_cast<double>(values.computed ? values.computed->size() : values.rows.size());
    }
    case LogicalKind::kGet: {
      const auto& get = op.As<LogicalGet>();
      if (!get.by_primary_key()) {
        // ANALYZE's estimate, where there is one.
        if (!Analyzed(*get.table)) return kUnknown;
        const double rows = TableRows(*get.table);
        return get.filter != nullptr ? rows * FilterSelectivity(*get.filter, *get.table) : rows;
      }
      if (get.lookup_in == nullptr) return 1;
      return get.lookup_in->kind == BoundExprKind::kIn
                 ? static_cast<double>(get.lookup_in->children.size() - 1)
                 : kUnknown;
    }
    case LogicalKind::kFilter: {
      const LogicalOperator& input = *op.children[0];
      const double rows = KnownRows(input);
      if (input.kind != LogicalKind::kGet || rows == kUnknown) return rows;
      const auto& get = input.As<LogicalGet>();
      if (!Analyzed(*get.table) || get.by_primary_key()) return rows;
      return rows * FilterSelectivity(*op.As<LogicalFilter>().predicate, *get.table);
    }
    case LogicalKind::kProject:
    case LogicalKind::kSort:
    case LogicalKind::kAggregate: return KnownRows(*op.children[0]);
    case LogicalKind::kJoin: {
      const auto& join = op.As<LogicalJoin>();
      if (join.lateral_values.empty()) return kUnknown;
      // An index join of this pass: each left row reaches the rows of its
      // key (the equalities with outer values in the filters over the scan).
      const LogicalOperator* right = op.children[1].get();
      std::vector<int> columns;
      for (; right->kind == LogicalKind::kFilter; right = right->children[0].get()) {
        for (const BoundExprPtr& term :
             SplitConjuncts(right->As<LogicalFilter>().predicate->Clone())) {
          if (term->kind == BoundExprKind::kCompare &&
              term->children[0]->kind == BoundExprKind::kColumn &&
              term->children[1]->kind == BoundExprKind::kOuterColumn) {
            columns.push_back(term->children[0]->column_index);
          }
        }
      }
      std::optional<double> per_key;
      bool unique = false;
      if (right->kind == LogicalKind::kGet) {
        const catalog::TableEntry& table = *right->As<LogicalGet>().table;
        if (KeyReadable(table, columns, &unique)) {
          per_key = unique ? 1.0 : RowsPerKey(table, columns);
        }
      }
      return KnownRows(*op.children[0]) * per_key.value_or(10);
    }
    default: return kUnknown;
  }
}

void UseIndexJoin(LogicalOperatorPtr& plan) {
  auto& join = plan->As<LogicalJoin>();
  if ((join.join_type != JoinType::kInner && join.join_type != JoinType::kLeft) ||
      !join.lateral_values.empty() || !join.left_keys.empty() || join.condition == nullptr) {
    return;
  }
  const double left_rows = KnownRows(*plan->children[0]);
  if (left_rows > kIndexJoinRows) return;
  // Lateral values reach the right side through the outer-values stack:
  // it must read none of its own.
  LogicalGet* right = ScanUnderFilters(*plan->children[1]);
  if (right == nullptr) return;
  // A table not much larger than the left input is cheaper to hash.
  if (Analyzed(*right->table) && TableRows(*right->table) < 4 * left_rows) return;
  const int width = join.left_width + join.right_width;
  std::vector<int> columns;
  std::vector<BoundExprPtr> terms;
  std::vector<BoundExprPtr> lateral_values;
  for (const BoundExprPtr& term : SplitConjuncts(join.condition->Clone())) {
    const BoundExpr* left_side = nullptr;
    const int column = EquatedRightColumn(*term, join.left_width, width, *right, &left_side);
    if (column < 0 || std::find(columns.begin(), columns.end(), column) != columns.end()) continue;
    const DataType type = right->table->ColumnType(column);
    BoundExprPtr equal = BoundExpr::Make(BoundExprKind::kCompare, DataType::Of(TypeId::kBool), 0);
    equal->compare_op = CompareOp::kEqual;
    equal->compare_type = term->compare_type;
    equal->children.push_back(BoundExpr::Column(column, type));
    BoundExprPtr outer = BoundExpr::Make(BoundExprKind::kOuterColumn, left_side->type, 0);
    outer->column_index = static_cast<int>(lateral_values.size());
    equal->children.push_back(std::move(outer));
    columns.push_back(column);
    terms.push_back(std::move(equal));
    lateral_values.push_back(left_side->Clone());
  }
  if (columns.empty() || !IndexJoinPays(*right->table, columns, left_rows)) return;
  // The equalities join the lowest filter over the scan (or a new one), where
  // the key passes look for them.
  LogicalOperatorPtr* slot = &plan->children[1];
  while ((*slot)->kind == LogicalKind::kFilter &&
         (*slot)->children[0]->kind == LogicalKind::kFilter) {
    slot = &(*slot)->children[0];
  }
  if ((*slot)->kind == LogicalKind::kFilter) {
    auto& filter = (*slot)->As<LogicalFilter>();
    terms.push_back(std::move(filter.predicate));
    filter.predicate = MakeConjunction(std::move(terms));
  } else {
    auto filter = std::make_unique<LogicalFilter>();
    filter->predicate = MakeConjunction(std::move(terms));
    filter->children.push_back(std::move(*slot));
    *slot = std::move(filter);
  }
  join.lateral_values = std::move(lateral_values);
  join.memoize = true;
  for (const LogicalOperator* op = plan->children[1].get(); op->kind == LogicalKind::kFilter;
       op = op->children[0].get()) {
    join.memoize = join.memoize && IsDeterministic(*op->As<LogicalFilter>().predicate);
  }
}

}  // namespace

bool IndexJoinPays(const catalog::TableEntry& table, const std::vector<int>& columns,
                   double left_rows) {
  bool unique = false;
  if (!KeyReadable(table, columns, &unique)) return false;
  const std::optional<double> per_key = unique ? 1.0 : RowsPerKey(table, columns);
  if (!Analyzed(table) || !per_key) return true;
  // Key reads cost a seek per left row and a read per row reached; past a
  // fifth of the table's rows they cost more than hashing the table (one
  // pass, a row at a time), as PostgreSQL's costs would also find.
  return left_rows * (1 + *per_key) <= TableRows(table) / 5;
}

LogicalOperatorPtr UseIndexJoins(LogicalOperatorPtr plan) {
  CheckStackDepth();
  for (LogicalOperatorPtr& c : plan->children) c = UseIndexJoins(std::move(c));
  if (plan->kind == LogicalKind::kJoin) UseIndexJoin(plan);
  return plan;
}

}  // namespace basalt::sql
