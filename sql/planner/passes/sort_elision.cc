// Sort elision: a full scan returns a table's rows in primary-key order (the
// keys are memcomparable: storage/key_codec.h), so an ORDER BY of a prefix of
// the primary key, ascending, needs no Sort over the scan. LIMIT above it
// then stops the scan early, and a cursor over it can scroll.
#include "common/stack_depth.h"
#include "sql/planner/logical_get.h"
#include "sql/planner/logical_sort.h"
#include "sql/planner/optimizer.h"

namespace basalt::sql {

namespace {

bool InKeyOrder(const LogicalSort& sort, const LogicalGet& get) {
  // An IN list on the primary key reads its rows in key order too.
  if (get.table->computed || (get.by_primary_key() && get.lookup_in == nullptr) ||
      get.index != nullptr) {
    return false;
  }
  const std::vector<int>& pk = get.table->layout.primary_key;
  if (sort.keys.empty() || sort.keys.size() > pk.size()) return false;
  for (size_t i = 0; i < sort.keys.size(); ++i) {
    const BoundOrderBy& key = sort.keys[i];
    // ASC is NULLS LAST, the key order; primary-key columns hold no NULLs.
    if (key.descending || key.nulls_first || key.expr->kind != BoundExprKind::kColumn ||
        key.expr->column_index != pk[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

LogicalOperatorPtr ElideSorts(LogicalOperatorPtr plan) {
  CheckStackDepth();
  for (LogicalOperatorPtr& child : plan->children) child = ElideSorts(std::move(child));
  if (plan->kind == LogicalKind::kSort && plan->children[0]->kind == LogicalKind::kGet &&
      InKeyOrder(plan->As<LogicalSort>(), plan->children[0]->As<LogicalGet>())) {
    return std::move(plan->children[0]);
  }
  return plan;
}

}  // namespace basalt::sql
