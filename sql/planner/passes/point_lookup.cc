// Point lookups: Filter(Get t) where the predicate's AND-ed conjuncts
// include `pk_col = constant` for every primary key column becomes a
// primary-key Get (one storage read instead of a scan); the remaining
// conjuncts stay in the filter. The benchmark's hot path. The last key
// column may instead be matched by a list, `pk_col IN (values)` or
// `pk_col = ANY (array)` (a constant or a parameter): one read per
// distinct non-NULL value, in key order.
#include "common/stack_depth.h"
#include "sql/planner/logical_filter.h"
#include "sql/planner/logical_get.h"
#include "sql/planner/optimizer.h"

namespace basalt::sql {

namespace {

// If `e` is `column = constant` (either side) with the column at `column`
// compared in the column's own type, the constant.
const BoundExpr* EqualityConstant(const BoundExpr& e, int column, const DataType& column_type) {
  if (e.kind != BoundExprKind::kCompare || e.compare_op != CompareOp::kEqual) return nullptr;
  if (!SameDomain(e.compare_type, column_type)) return nullptr;
  for (int side = 0; side < 2; ++side) {
    const BoundExpr& col = *e.children[side];
    const BoundExpr& other = *e.children[1 - side];
    if (col.kind == BoundExprKind::kColumn && col.column_index == column && IsValue(other)) {
      return &other;
    }
  }
  return nullptr;
}

// Whether `e` is `column IN (values)` or `column = ANY (array value)`,
// compared in the column's own type (so the values encode as its keys).
bool IsListOfValues(const BoundExpr& e, int column, const DataType& column_type) {
  if (e.kind != BoundExprKind::kIn && e.kind != BoundExprKind::kArrayCompare) return false;
  if (!SameDomain(e.compare_type, column_type)) return false;
  const BoundExpr& col = *e.children[0];
  if (col.kind != BoundExprKind::kColumn || col.column_index != column) return false;
  if (e.kind == BoundExprKind::kIn) {
    if (e.negated) return false;
    for (size_t i = 1; i < e.children.size(); ++i) {
      const BoundExpr& v = *e.children[i];
      if (!IsValue(v) || !SameDomain(v.type, column_type)) return false;
    }
    return true;
  }
  if (e.compare_op != CompareOp::kEqual || e.all) return false;
  return IsArrayOfValues(*e.children[1], column_type);
}

LogicalOperatorPtr Rewrite(LogicalOperatorPtr plan) {
  if (plan->kind != LogicalKind::kFilter || plan->children[0]->kind != LogicalKind::kGet) {
    return plan;
  }
  auto& filter = plan->As<LogicalFilter>();
  auto& get = plan->children[0]->As<LogicalGet>();
  const std::vector<int>& pk = get.table->layout.primary_key;
  if (pk.empty() || get.by_primary_key()) return plan;

  std::vector<BoundExprPtr> conjuncts;
  if (filter.predicate->kind == BoundExprKind::kAnd) {
    conjuncts = std::move(filter.predicate->children);
  } else {
    conjuncts.push_back(std::move(filter.predicate));
  }
  std::vector<BoundExprPtr> key(pk.size());
  std::vector<bool> used(conjuncts.size(), false);
  size_t list = SIZE_MAX;  // the conjunct listing the last column's values
  bool complete = true;
  for (size_t k = 0; k < pk.size() && complete; ++k) {
    for (size_t i = 0; i < conjuncts.size(); ++i) {
      if (used[i]) continue;
      const BoundExpr* value = EqualityConstant(*conjuncts[i], pk[k], get.table->ColumnType(pk[k]));
      if (value == nullptr) continue;
      key[k] = value->Clone();
      used[i] = true;
      break;
    }
    if (key[k] == nullptr && k + 1 == pk.size()) {
      for (size_t i = 0; i < conjuncts.size() && list == SIZE_MAX; ++i) {
        if (!used[i] && IsListOfValues(*conjuncts[i], pk[k], get.table->ColumnType(pk[k]))) {
          list = i;
        }
      }
      if (list != SIZE_MAX) {
        used[list] = true;
        key.pop_back();
        break;
      }
    }
    complete = key[k] != nullptr;
  }

  std::vector<BoundExprPtr> residual;
  for (size_t i = 0; i < conjuncts.size(); ++i) {
    if (!complete || !used[i]) residual.push_back(std::move(conjuncts[i]));
  }
  if (complete) {
    if (list != SIZE_MAX) get.lookup_in = std::move(conjuncts[list]);
    get.lookup_key = std::move(key);
  }
  if (residual.empty()) return std::move(plan->children[0]);
  if (residual.size() == 1) {
    filter.predicate = std::move(residual[0]);
  } else {
    filter.predicate = BoundExpr::Make(BoundExprKind::kAnd, DataType::Of(TypeId::kBool), 0);
    filter.predicate->children = std::move(residual);
  }
  return plan;
}

}  // namespace

LogicalOperatorPtr UsePointLookups(LogicalOperatorPtr plan) {
  CheckStackDepth();
  for (LogicalOperatorPtr& c : plan->children) c = UsePointLookups(std::move(c));
  return Rewrite(std::move(plan));
}

}  // namespace basalt::sql
