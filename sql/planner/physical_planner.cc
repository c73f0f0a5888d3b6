// Logical -> physical: one physical operator per logical one for now; the
// place where join algorithms and index choices will be made.
#include "common/stack_depth.h"
#include "sql/execution/filter.h"
#include "sql/execution/limit.h"
#include "sql/execution/lock_rows.h"
#include "sql/execution/modify_table.h"
#include "sql/execution/point_lookup.h"
#include "sql/execution/project.h"
#include "sql/execution/sort.h"
#include "sql/execution/system_scan.h"
#include "sql/execution/table_scan.h"
#include "sql/execution/values.h"
#include "sql/planner/logical_filter.h"
#include "sql/planner/logical_get.h"
#include "sql/planner/logical_limit.h"
#include "sql/planner/logical_lock_rows.h"
#include "sql/planner/logical_modify.h"
#include "sql/planner/logical_project.h"
#include "sql/planner/logical_sort.h"
#include "sql/planner/logical_values.h"
#include "sql/planner/planner.h"

namespace basalt::sql {

PhysicalOperatorPtr CreatePhysicalPlan(LogicalOperatorPtr plan) {
  CheckStackDepth();
  auto child = [&]() { return CreatePhysicalPlan(std::move(plan->children[0])); };
  switch (plan->kind) {
    case LogicalKind::kGet: {
      auto& get = plan->As<LogicalGet>();
      if (get.table->computed)
        return std::make_unique<SystemScan>(get.table, std::move(get.filter));
      if (!get.lookup_key.empty()) {
        return std::make_unique<PointLookup>(get.table, std::move(get.lookup_key), get.emit_key);
      }
      return std::make_unique<TableScan>(get.table, get.emit_key, std::move(get.filter),
                                         std::move(get.columns));
    }
    case LogicalKind::kValues:
      return std::make_unique<ValuesScan>(std::move(plan->As<LogicalValues>().rows));
    case LogicalKind::kFilter:
      return std::make_unique<Filter>(child(), std::move(plan->As<LogicalFilter>().predicate));
    case LogicalKind::kProject:
      return std::make_unique<Project>(child(), std::move(plan->As<LogicalProject>().exprs));
    case LogicalKind::kSort:
      return std::make_unique<Sort>(child(), std::move(plan->As<LogicalSort>().keys));
    case LogicalKind::kLimit: {
      auto& limit = plan->As<LogicalLimit>();
      return std::make_unique<Limit>(child(), std::move(limit.limit), std::move(limit.offset));
    }
    case LogicalKind::kLockRows: {
      auto& lock = plan->As<LogicalLockRows>();
      return std::make_unique<LockRows>(child(), lock.table, lock.lock, std::move(lock.recheck),
                                        lock.limited);
    }
    case LogicalKind::kInsert: {
      auto& insert = plan->As<LogicalInsert>();
      return std::make_unique<Insert>(child(), insert.table, std::move(insert.row_exprs));
    }
    case LogicalKind::kUpdate: {
      auto& update = plan->As<LogicalUpdate>();
      return std::make_unique<Update>(child(), update.table, std::move(update.assignments),
                                      std::move(update.recheck));
    }
    case LogicalKind::kDelete: {
      auto& del = plan->As<LogicalDelete>();
      return std::make_unique<Delete>(child(), del.table, std::move(del.recheck));
    }
  }
  return nullptr;
}

}  // namespace basalt::sql
