// Logical -> physical: one physical operator per logical one for now; the
// place where join algorithms and index choices will be made. The physical
// tree is an execution's state (iterators, buffers); it reads the logical
// plan's expressions in place, so one immutable plan serves many executions.
#include <fmt/format.h>

#include "common/error.h"
#include "common/stack_depth.h"
#include "sql/execution/cte_scan.h"
#include "sql/execution/distinct_on.h"
#include "sql/execution/filter.h"
#include "sql/execution/function_scan.h"
#include "sql/execution/grouping_sets_aggregate.h"
#include "sql/execution/hash_aggregate.h"
#include "sql/execution/index_scan.h"
#include "sql/execution/instrumented_operator.h"
#include "sql/execution/join.h"
#include "sql/execution/limit.h"
#include "sql/execution/lock_rows.h"
#include "sql/execution/merge_join.h"
#include "sql/execution/modify_table.h"
#include "sql/execution/parallel_aggregate.h"
#include "sql/execution/point_lookup.h"
#include "sql/execution/project.h"
#include "sql/execution/recursive_union.h"
#include "sql/execution/set_operation.h"
#include "sql/execution/sort.h"
#include "sql/execution/system_scan.h"
#include "sql/execution/table_scan.h"
#include "sql/execution/values.h"
#include "sql/execution/window_aggregate.h"
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
#include "sql/planner/planner.h"

namespace basalt::sql {

namespace {

// How a plan is lowered: measured for EXPLAIN ANALYZE (`instr`), or as one
// participant of a parallel aggregate, whose parallel scan reads `ranges`.
struct Lowering {
  PlanInstrumentation* instr = nullptr;
  ScanRanges* ranges = nullptr;
};

PhysicalOperatorPtr Lower(const LogicalOperator& plan, const Lowering& lowering);

PhysicalOperatorPtr CreateOperator(const LogicalOperator& plan, const Lowering& lowering) {
  PlanInstrumentation* instr = lowering.instr;
  auto child = [&]() { return Lower(*plan.children[0], lowering); };
  switch (plan.kind) {
    case LogicalKind::kGet: {
      const auto& get = plan.As<LogicalGet>();
      // A sequence's one row is its state, not stored rows.
      if (get.table->computed || get.table->def.relkind() == "S") {
        return std::make_unique<SystemScan>(get.table, get.filter.get());
      }
      // At execution, not at binding, as PostgreSQL: a view or a plan over
      // an unpopulated materialized view can be made, not run.
      if (get.table->IsMaterializedView() && !get.table->def.populated()) {
        throw Error(
            sqlstate::kObjectNotInPrerequisiteState,
            fmt::format("materialized view \"{}\" has not been populated", get.table->def.name()))
            .WithHint("Use the REFRESH MATERIALIZED VIEW command.");
      }
      if (get.by_primary_key()) {
        return std::make_unique<PointLookup>(get.table, get.lookup_key, get.lookup_in.get(),
                                             get.emit_key);
      }
      if (get.index != nullptr) {
        return std::make_unique<IndexScan>(get.table, *get.index, get.emit_key, get.filter.get());
      }
      auto scan =
          std::make_unique<TableScan>(get.table, get.emit_key, get.filter.get(), get.columns);
      if (get.parallel_scan && lowering.ranges != nullptr) scan->ReadRanges(lowering.ranges);
      return scan;
    }
    case LogicalKind::kValues: {
      const auto& values = plan.As<LogicalValues>();
      if (values.computed) return std::make_unique<ComputedRowsScan>(*values.computed);
      return std::make_unique<ValuesScan>(values.rows);
    }
    case LogicalKind::kFilter:
      return std::make_unique<Filter>(child(), *plan.As<LogicalFilter>().predicate);
    case LogicalKind::kJoin: {
      const auto& join = plan.As<LogicalJoin>();
      PhysicalOperatorPtr left = Lower(*plan.children[0], lowering);
      if (!join.lateral_values.empty()) {
        return std::make_unique<LateralJoin>(std::move(left), *plan.children[1], join.join_type,
                                             join.lateral_values, join.condition.get(),
                                             join.left_width, join.right_width, join.memoize);
      }
      PhysicalOperatorPtr right = Lower(*plan.children[1], lowering);
      if (join.merge) {
        return std::make_unique<MergeJoin>(std::move(left), std::move(right), join.join_type,
                                           *join.left_keys[0], *join.right_keys[0]);
      }
      if (!join.left_keys.empty()) {
        return std::make_unique<HashJoin>(std::move(left), std::move(right), join.join_type,
                                          join.left_keys, join.right_keys, join.condition.get(),
                                          join.left_width, join.right_width);
      }
      return std::make_unique<NestedLoopJoin>(std::move(left), std::move(right), join.join_type,
                                              join.condition.get(), join.left_width,
                                              join.right_width);
    }
    case LogicalKind::kSetOperation: {
      const auto& op = plan.As<LogicalSetOperation>();
      return std::make_unique<SetOperation>(Lower(*plan.children[0], lowering),
                                            Lower(*plan.children[1], lowering), op.operation,
                                            op.all, op.types);
    }
    case LogicalKind::kRecursiveUnion: {
      const auto& op = plan.As<LogicalRecursiveUnion>();
      return std::make_unique<RecursiveUnion>(Lower(*plan.children[0], lowering), *plan.children[1],
                                              op.work_table_id, op.all, op.types);
    }
    case LogicalKind::kFunctionScan: {
      const auto& scan = plan.As<LogicalFunctionScan>();
      auto function_scan = std::make_unique<FunctionScan>(scan.function, scan.arguments,
                                                          scan.with_ordinality, scan.type);
      function_scan->SetRecordColumns(scan.record_columns);
      for (const auto& member : scan.lockstep) {
        function_scan->AddLockstep(std::make_unique<FunctionScan>(
            member->function, member->arguments, member->with_ordinality, member->type));
      }
      return function_scan;
    }
    case LogicalKind::kCteScan: {
      const auto& scan = plan.As<LogicalCteScan>();
      return std::make_unique<CteScan>(*scan.cte->plan, scan.cte.get(), scan.name);
    }
    case LogicalKind::kWorkTableScan:
      return std::make_unique<WorkTableScan>(plan.As<LogicalWorkTableScan>().work_table_id);
    case LogicalKind::kAggregate: {
      const auto& aggregate = plan.As<LogicalAggregate>();
      if (!aggregate.grouping_sets.empty()) {
        return std::make_unique<GroupingSetsAggregate>(
            child(), aggregate.groups, aggregate.aggregates, aggregate.grouping_sets);
      }
      // A participant's own copy of the input never nests another parallel
      // run.
      if (aggregate.parallel && lowering.ranges == nullptr) {
        if (const catalog::TableEntry* table = ParallelScanTable(*plan.children[0])) {
          return std::make_unique<ParallelAggregate>(*plan.children[0], *table, aggregate.groups,
                                                     aggregate.aggregates, instr);
        }
      }
      return std::make_unique<HashAggregate>(child(), aggregate.groups, aggregate.aggregates);
    }
    case LogicalKind::kWindow:
      return std::make_unique<WindowAggregate>(child(), plan.As<LogicalWindow>().functions);
    case LogicalKind::kProject:
      return std::make_unique<Project>(child(), plan.As<LogicalProject>().exprs);
    case LogicalKind::kSort: return std::make_unique<Sort>(child(), plan.As<LogicalSort>().keys);
    case LogicalKind::kLimit: {
      const auto& limit = plan.As<LogicalLimit>();
      return std::make_unique<Limit>(child(), limit.limit.get(), limit.offset.get(), limit.ties);
    }
    case LogicalKind::kDistinctOn:
      return std::make_unique<DistinctOn>(child(), plan.As<LogicalDistinctOn>().keys);
    case LogicalKind::kLockRows: {
      const auto& lock = plan.As<LogicalLockRows>();
      return std::make_unique<LockRows>(child(), lock.table, lock.lock, lock.recheck.get(),
                                        lock.limited);
    }
    case LogicalKind::kInsert: {
      const auto& insert = plan.As<LogicalInsert>();
      return std::make_unique<Insert>(child(), insert.table, insert.row_exprs,
                                      insert.on_conflict ? &*insert.on_conflict : nullptr,
                                      insert.returning, insert.view_checks);
    }
    case LogicalKind::kUpdate: {
      const auto& update = plan.As<LogicalUpdate>();
      return std::make_unique<Update>(child(), update.table, update.assignments,
                                      update.recheck.get(), update.returning, update.joined,
                                      update.view_checks);
    }
    case LogicalKind::kDelete: {
      const auto& del = plan.As<LogicalDelete>();
      return std::make_unique<Delete>(child(), del.table, del.recheck.get(), del.returning,
                                      del.joined);
    }
    case LogicalKind::kMerge: {
      const auto& merge = plan.As<LogicalMerge>();
      return std::make_unique<Merge>(child(), merge.table, merge.on.get(), merge.actions);
    }
  }
  return nullptr;
}

PhysicalOperatorPtr Lower(const LogicalOperator& plan, const Lowering& lowering) {
  CheckStackDepth();
  PhysicalOperatorPtr op = CreateOperator(plan, lowering);
  return lowering.instr == nullptr ? std::move(op) : lowering.instr->Wrap(plan, std::move(op));
}

}  // namespace

const catalog::TableEntry* ParallelScanTable(const LogicalOperator& plan) {
  CheckStackDepth();
  if (plan.kind == LogicalKind::kGet) {
    const auto& get = plan.As<LogicalGet>();
    return get.parallel_scan ? get.table.get() : nullptr;
  }
  for (const LogicalOperatorPtr& child : plan.children) {
    if (const catalog::TableEntry* table = ParallelScanTable(*child)) return table;
  }
  return nullptr;
}

PhysicalOperatorPtr CreatePhysicalPlan(const LogicalOperator& plan, PlanInstrumentation* instr) {
  return Lower(plan, Lowering{.instr = instr, .ranges = nullptr});
}

PhysicalOperatorPtr CreateParallelWorkerPlan(const LogicalOperator& plan, ScanRanges* ranges,
                                             PlanInstrumentation* instr) {
  return Lower(plan, Lowering{.instr = instr, .ranges = ranges});
}

}  // namespace basalt::sql
