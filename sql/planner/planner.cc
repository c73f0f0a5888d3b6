#include "sql/planner/planner.h"

#include "common/stack_depth.h"
#include "sql/binder/deparse_text.h"

#include "sql/planner/logical_aggregate.h"
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

namespace basalt::sql {

namespace {

LogicalOperatorPtr WithChild(LogicalOperatorPtr parent, LogicalOperatorPtr child) {
  parent->children.push_back(std::move(child));
  return parent;
}

LogicalOperatorPtr PlanGet(std::shared_ptr<const catalog::TableEntry> table, bool emit_key,
                           BoundExprPtr where) {
  auto get = std::make_unique<LogicalGet>();
  get->table = std::move(table);
  get->emit_key = emit_key;
  LogicalOperatorPtr plan = std::move(get);
  if (where != nullptr) {
    auto filter = std::make_unique<LogicalFilter>();
    filter->predicate = std::move(where);
    plan = WithChild(std::move(filter), std::move(plan));
  }
  return plan;
}

// A FROM item whose first column is at `offset` of the query's FROM row;
// its plan's rows start at that column (join conditions are rebased).
LogicalOperatorPtr PlanFrom(BoundTableRef& ref, int offset) {
  CheckStackDepth();
  switch (ref.kind) {
    case BoundTableRef::Kind::kTable: return PlanGet(ref.table, false, nullptr);
    case BoundTableRef::Kind::kSubquery:
      return ref.cte != nullptr ? PlanCteReference(ref) : PlanSelect(*ref.subquery);
    case BoundTableRef::Kind::kWorkTable: {
      auto scan = std::make_unique<LogicalWorkTableScan>();
      scan->work_table_id = ref.work_table_id;
      scan->types = ref.work_table_types;
      return scan;
    }
    case BoundTableRef::Kind::kFunction: {
      auto scan = std::make_unique<LogicalFunctionScan>();
      scan->function = ref.function;
      if (!ref.in_target_list) {
        scan->name = DeparsedTableFunctionName(ref);
        scan->alias = ref.alias;
      }
      scan->arguments = std::move(ref.arguments);
      scan->with_ordinality = ref.with_ordinality;
      scan->type = ref.function_type;
      scan->record_columns = ref.record_columns;
      for (std::unique_ptr<BoundTableRef>& member : ref.lockstep) {
        auto member_scan = std::make_unique<LogicalFunctionScan>();
        member_scan->function = member->function;
        member_scan->arguments = std::move(member->arguments);
        member_scan->type = member->function_type;
        member_scan->with_ordinality = member->with_ordinality;
        scan->lockstep.push_back(std::move(member_scan));
      }
      return scan;
    }
    case BoundTableRef::Kind::kJoin: break;
  }
  auto join = std::make_unique<LogicalJoin>();
  join->join_type = ref.join_type;
  join->left_width = ref.left->width;
  join->right_width = ref.right->width;
  join->condition = std::move(ref.condition);
  if (join->condition != nullptr) ShiftColumns(*join->condition, -offset);
  join->lateral_values = std::move(ref.lateral_values);
  for (BoundExprPtr& v : join->lateral_values) ShiftColumns(*v, -offset);
  join->children.push_back(PlanFrom(*ref.left, offset));
  join->children.push_back(PlanFrom(*ref.right, offset + ref.left->width));
  return join;
}

// The rows UPDATE, DELETE and MERGE act on: the target's rows with their
// storage key and stored value, joined with the FROM / USING items or
// MERGE's source (`from`, null: none), filtered by WHERE or MERGE's ON
// (see BoundUpdate). `join_type` kRight: MERGE with NOT MATCHED clauses,
// whose source rows come also without a target row, `where` being the
// join's condition.
LogicalOperatorPtr PlanTargetRows(std::shared_ptr<const catalog::TableEntry> table,
                                  BoundTableRef* from, BoundExprPtr where,
                                  JoinType join_type = JoinType::kInner) {
  if (from == nullptr) return PlanGet(std::move(table), /*emit_key=*/true, std::move(where));
  const int target_width = static_cast<int>(table->layout.column_types.size()) + 2;
  auto join = std::make_unique<LogicalJoin>();
  join->join_type = join_type;
  if (join_type != JoinType::kInner) join->condition = std::move(where);
  join->left_width = target_width;
  join->right_width = from->width;
  join->children.push_back(PlanGet(std::move(table), /*emit_key=*/true, nullptr));
  join->children.push_back(PlanFrom(*from, target_width));
  LogicalOperatorPtr plan = std::move(join);
  if (where == nullptr) return plan;
  auto filter = std::make_unique<LogicalFilter>();
  filter->predicate = std::move(where);
  return WithChild(std::move(filter), std::move(plan));
}

LogicalOperatorPtr PlanSetOperation(BoundSetOperation& operation,
                                    const std::vector<ResultColumn>& columns) {
  std::vector<DataType> types;
  for (const ResultColumn& c : columns) types.push_back(c.type);
  LogicalOperatorPtr op;
  if (operation.recursive) {
    auto recursive = std::make_unique<LogicalRecursiveUnion>();
    recursive->work_table_id = operation.work_table_id;
    recursive->all = operation.all;
    recursive->types = std::move(types);
    op = std::move(recursive);
  } else {
    auto set = std::make_unique<LogicalSetOperation>();
    set->operation = operation.kind;
    set->all = operation.all;
    set->types = std::move(types);
    op = std::move(set);
  }
  op->children.push_back(PlanSelect(*operation.left));
  op->children.push_back(PlanSelect(*operation.right));
  return op;
}

// Copies of the ORDER BY key expressions, when `wanted`.
std::vector<BoundExprPtr> OrderKeys(const std::vector<BoundOrderBy>& order_by, bool wanted) {
  std::vector<BoundExprPtr> keys;
  if (!wanted) return keys;
  for (const BoundOrderBy& key : order_by) keys.push_back(key.expr->Clone());
  return keys;
}

// SELECT DISTINCT ON over `sort`, a LogicalSort whose first `count` keys are
// the DISTINCT ON expressions (none: `sort` as it is).
LogicalOperatorPtr PlanDistinctOn(LogicalOperatorPtr sort, size_t count) {
  if (count == 0) return sort;
  auto distinct = std::make_unique<LogicalDistinctOn>();
  const std::vector<BoundOrderBy>& keys = sort->As<LogicalSort>().keys;
  for (size_t i = 0; i < count; ++i) distinct->keys.push_back(keys[i].expr->Clone());
  return WithChild(std::move(distinct), std::move(sort));
}

// The sort keys a window needs: PARTITION BY (ascending), then ORDER BY.
std::vector<BoundOrderBy> WindowSortKeys(const BoundExpr& call) {
  std::vector<BoundOrderBy> keys;
  const BoundWindow& w = call.window;
  for (size_t i = 0; i < w.partition_count; ++i) {
    keys.push_back(BoundOrderBy{call.children[w.PartitionBegin() + i]->Clone(), false, false});
  }
  for (size_t i = 0; i < w.order.size(); ++i) {
    keys.push_back(BoundOrderBy{call.children[w.OrderBegin() + i]->Clone(), w.order[i].descending,
                                w.order[i].nulls_first});
  }
  return keys;
}

// Whether rows sorted by `sorted` are also sorted by `wanted` (a prefix).
bool SortedBy(const std::vector<BoundOrderBy>& sorted, const std::vector<BoundOrderBy>& wanted) {
  if (wanted.size() > sorted.size()) return false;
  for (size_t i = 0; i < wanted.size(); ++i) {
    if (sorted[i].descending != wanted[i].descending ||
        sorted[i].nulls_first != wanted[i].nulls_first ||
        !sorted[i].expr->Equals(*wanted[i].expr)) {
      return false;
    }
  }
  return true;
}

// One WindowAgg per window (the binder made calls over one window
// adjacent), each over a Sort unless the rows below are sorted already;
// *sorted: the order the rows leave in.
LogicalOperatorPtr PlanWindows(LogicalOperatorPtr plan, std::vector<BoundExprPtr> calls,
                               std::vector<BoundOrderBy>* sorted_out) {
  std::vector<BoundOrderBy>& sorted = *sorted_out;
  for (size_t first = 0; first < calls.size();) {
    size_t end = first + 1;
    while (end < calls.size() && SameWindowDefinition(*calls[first], *calls[end])) ++end;
    std::vector<BoundOrderBy> keys = WindowSortKeys(*calls[first]);
    if (!keys.empty() && !SortedBy(sorted, keys)) {
      auto sort = std::make_unique<LogicalSort>();
      for (const BoundOrderBy& k : keys)
        sort->keys.push_back({k.expr->Clone(), k.descending, k.nulls_first});
      plan = WithChild(std::move(sort), std::move(plan));
      sorted = std::move(keys);
    }
    auto window = std::make_unique<LogicalWindow>();
    for (size_t i = first; i < end; ++i) window->functions.push_back(std::move(calls[i]));
    plan = WithChild(std::move(window), std::move(plan));
    first = end;
  }
  return plan;
}

}  // namespace

LogicalOperatorPtr PlanSelect(BoundSelect& select) {
  // Input rows -> WHERE -> [GROUP BY/aggregates -> HAVING] -> [DISTINCT] -> ORDER BY ->
  // LIMIT -> target list. Sorting and limiting before projecting saves
  // computing targets of rows the limit drops; with grouping, the sort keys
  // and targets read the grouped rows.
  CheckStackDepth();
  LogicalOperatorPtr plan;
  const std::shared_ptr<const catalog::TableEntry> locked_table =
      select.row_lock.has_value() ? select.SingleTable() : nullptr;
  const bool lock_rows = locked_table != nullptr;
  BoundExprPtr recheck = lock_rows && select.where != nullptr ? select.where->Clone() : nullptr;
  if (lock_rows) {
    plan = PlanGet(locked_table, /*emit_key=*/true, std::move(select.where));
  } else if (select.from != nullptr || select.set_operation != nullptr) {
    plan = select.from != nullptr ? PlanFrom(*select.from, 0)
                                  : PlanSetOperation(*select.set_operation, select.columns);
    if (select.where != nullptr) {
      auto filter = std::make_unique<LogicalFilter>();
      filter->predicate = std::move(select.where);
      plan = WithChild(std::move(filter), std::move(plan));
    }
  } else {
    auto values = std::make_unique<LogicalValues>();
    if (select.values.empty()) {
      values->rows.emplace_back();  // SELECT without FROM: one empty row
    } else {
      values->rows = std::move(select.values);
    }
    plan = std::move(values);
    if (select.where != nullptr) {
      auto filter = std::make_unique<LogicalFilter>();
      filter->predicate = std::move(select.where);
      plan = WithChild(std::move(filter), std::move(plan));
    }
  }
  if (select.grouped) {
    auto aggregate = std::make_unique<LogicalAggregate>();
    aggregate->groups = std::move(select.group_by);
    aggregate->aggregates = std::move(select.aggregates);
    aggregate->grouping_sets = std::move(select.grouping_sets);
    plan = WithChild(std::move(aggregate), std::move(plan));
    if (select.having != nullptr) {
      auto having = std::make_unique<LogicalFilter>();
      having->predicate = std::move(select.having);
      plan = WithChild(std::move(having), std::move(plan));
    }
  }
  // The rows' order after the windows' sorts, which may serve ORDER BY too.
  std::vector<BoundOrderBy> window_order;
  if (!select.windows.empty()) {
    plan = PlanWindows(std::move(plan), std::move(select.windows), &window_order);
  }
  if (!select.distinct.empty()) {
    auto distinct = std::make_unique<LogicalAggregate>();
    distinct->groups = std::move(select.distinct);
    plan = WithChild(std::move(distinct), std::move(plan));
  }
  // DISTINCT ON and WITH TIES compare the sorted rows on ORDER BY keys.
  std::vector<BoundExprPtr> tie_keys = OrderKeys(select.order_by, select.limit_with_ties);
  const bool sorted_by_windows = !window_order.empty() && select.distinct.empty() &&
                                 select.distinct_on == 0 && SortedBy(window_order, select.order_by);
  if (!select.order_by.empty() && !sorted_by_windows) {
    auto sort = std::make_unique<LogicalSort>();
    sort->keys = std::move(select.order_by);
    plan = WithChild(std::move(sort), std::move(plan));
    plan = PlanDistinctOn(std::move(plan), select.distinct_on);
  }
  if (lock_rows) {
    auto lock = std::make_unique<LogicalLockRows>();
    lock->table = locked_table;
    lock->lock = *select.row_lock;
    lock->recheck = std::move(recheck);
    lock->limited = select.limit != nullptr || select.offset != nullptr;
    plan = WithChild(std::move(lock), std::move(plan));
  }
  if (select.limit != nullptr || select.offset != nullptr) {
    auto limit = std::make_unique<LogicalLimit>();
    limit->limit = std::move(select.limit);
    limit->offset = std::move(select.offset);
    limit->ties = std::move(tie_keys);
    plan = WithChild(std::move(limit), std::move(plan));
  }
  auto project = std::make_unique<LogicalProject>();
  project->exprs = std::move(select.targets);
  return WithChild(std::move(project), std::move(plan));
}

LogicalOperatorPtr PlanInsert(BoundInsert& insert) {
  auto op = std::make_unique<LogicalInsert>();
  op->table = insert.table;
  op->row_exprs = std::move(insert.row_exprs);
  op->on_conflict = std::move(insert.on_conflict);
  op->returning = std::move(insert.returning.exprs);
  op->view_checks = std::move(insert.view_checks);
  return WithChild(std::move(op), PlanSelect(*insert.source));
}

LogicalOperatorPtr PlanUpdate(BoundUpdate& update) {
  auto op = std::make_unique<LogicalUpdate>();
  op->table = update.table;
  op->assignments = std::move(update.assignments);
  op->returning = std::move(update.returning.exprs);
  op->view_checks = std::move(update.view_checks);
  if (update.where != nullptr) op->recheck = update.where->Clone();
  op->joined = update.from != nullptr;
  return WithChild(std::move(op),
                   PlanTargetRows(update.table, update.from.get(), std::move(update.where)));
}

LogicalOperatorPtr PlanDelete(BoundDelete& del) {
  auto op = std::make_unique<LogicalDelete>();
  op->table = del.table;
  op->returning = std::move(del.returning.exprs);
  if (del.where != nullptr) op->recheck = del.where->Clone();
  op->joined = del.from != nullptr;
  return WithChild(std::move(op), PlanTargetRows(del.table, del.from.get(), std::move(del.where)));
}

namespace {

// `e` over a row whose two parts trade places: columns below `split` move
// up by `moved`, the others down by `split`.
void SwapRowParts(BoundExpr& e, int split, int moved) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kColumn) {
    e.column_index += e.column_index < split ? moved : -split;
  }
  for (BoundExprPtr& c : e.children) SwapRowParts(*c, split, moved);
}

// MERGE's rows from a VALUES source: UPDATE ... FROM's shape (the
// target's row, storage key and stored value, then the source's columns),
// but the join reads the few source rows first and the target by `on`,
// left-joined when `not_matched` (a source row without a target row comes
// with the target's part NULL), so that the index_join pass reads the
// target through its key or an index per source row rather than scanning
// it. A projection puts the target's part first again.
LogicalOperatorPtr PlanMergeByValues(BoundMerge& merge, bool not_matched) {
  const int target_width = static_cast<int>(merge.table->layout.column_types.size()) + 2;
  const int source_width = merge.source->width;
  auto join = std::make_unique<LogicalJoin>();
  join->join_type = not_matched ? JoinType::kLeft : JoinType::kInner;
  join->left_width = source_width;
  join->right_width = target_width;
  join->condition = std::move(merge.on);
  SwapRowParts(*join->condition, target_width, source_width);
  join->children.push_back(PlanFrom(*merge.source, target_width));
  join->children.push_back(PlanGet(merge.table, /*emit_key=*/true, nullptr));
  const std::vector<DataType> source_types = OutputTypes(*join->children[0]);
  const std::vector<DataType> target_types = OutputTypes(*join->children[1]);
  auto project = std::make_unique<LogicalProject>();
  for (int c = 0; c < target_width; ++c) {
    project->exprs.push_back(
        BoundExpr::Column(source_width + c, target_types[static_cast<size_t>(c)]));
  }
  for (int c = 0; c < source_width; ++c) {
    project->exprs.push_back(BoundExpr::Column(c, source_types[static_cast<size_t>(c)]));
  }
  return WithChild(std::move(project), std::move(join));
}

}  // namespace

LogicalOperatorPtr PlanMerge(BoundMerge& merge) {
  auto op = std::make_unique<LogicalMerge>();
  op->table = merge.table;
  op->on = merge.on->Clone();
  op->actions = std::move(merge.actions);
  bool not_matched = false;
  for (const BoundMergeAction& action : op->actions) not_matched |= !action.matched;
  // A hash join keeps its right input in memory: the source, unless it is
  // a VALUES list, whose rows are few and read the target by key.
  const BoundTableRef& source = *merge.source;
  const bool values = source.kind == BoundTableRef::Kind::kSubquery &&
                      source.subquery->from == nullptr &&
                      source.subquery->set_operation == nullptr && !source.subquery->values.empty();
  if (values) return WithChild(std::move(op), PlanMergeByValues(merge, not_matched));
  return WithChild(std::move(op),
                   PlanTargetRows(merge.table, merge.source.get(), std::move(merge.on),
                                  not_matched ? JoinType::kRight : JoinType::kInner));
}

}  // namespace basalt::sql
