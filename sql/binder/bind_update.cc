// UPDATE t SET c = e [FROM ...] [WHERE ...] and DELETE FROM t [USING ...]
// [WHERE ...].
#include <fmt/format.h>

#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"

namespace basalt::sql {

namespace {

Scope TargetScope(const std::shared_ptr<const catalog::TableEntry>& table,
                  const std::string& alias) {
  Scope scope;
  scope.items.push_back(TableScopeItem(alias.empty() ? table->def.name() : alias, table, 0));
  return scope;
}

// UPDATE's or DELETE's WHERE through a view: rows the view does not show
// are not touched (the views' WHERE ANDed after the statement's).
BoundExprPtr WithViewCondition(BoundExprPtr where, const ViewTarget& view) {
  if (view.where == nullptr) return where;
  std::vector<BoundExprPtr> terms;
  if (where != nullptr) terms.push_back(std::move(where));
  terms.push_back(view.where->Clone());
  return MakeConjunction(std::move(terms));
}

}  // namespace

std::unique_ptr<BoundTableRef> Binder::BindJoinedTables(const std::vector<ast::TableRefPtr>& from,
                                                        Scope& scope, bool merge_source,
                                                        int target_width) {
  if (from.empty()) return nullptr;
  // The items cannot see the target (not even LATERAL), as in PostgreSQL,
  // whose hint names it.
  const ScopeItem& target = scope.items[0];
  Scope outside;
  outside.unreachable.push_back(target.name);
  Scope items;
  items.unreachable.push_back(target.name);
  items.parent = &outside;
  if (target_width < 0) target_width = static_cast<int>(target.columns.size());
  std::unique_ptr<BoundTableRef> tree = BindFrom(from, items, target_width + 2);
  const std::string target_name = target.name;  // `target` moves as `scope` grows
  for (ScopeItem& item : items.items) {
    if (merge_source && item.name == target_name) {
      throw Error(sqlstate::kDuplicateAlias,
                  fmt::format("name \"{}\" specified more than once", target_name))
          .WithDetail("The name is used both as MERGE target table and data source.");
    }
    AddScopeItem(std::move(item), scope);
  }
  return tree;
}

BoundReturning Binder::BindReturning(const std::vector<ast::ResultTarget>& targets,
                                     const Scope& scope) {
  AggregateRulesScope rules(this, false, "RETURNING");
  BoundSelect list;
  BindTargets(targets, scope, &list);
  return BoundReturning{std::move(list.targets), std::move(list.columns)};
}

std::vector<BoundAssignment> Binder::BindAssignments(const std::vector<ast::SetClause>& set_clauses,
                                                     const catalog::TableEntry& table,
                                                     const Scope& scope, const ViewTarget* view,
                                                     ViewWrite write) {
  // Through a view: its columns are named, the base table's are written.
  const catalog::TableEntry& named = view != nullptr ? *view->view : table;
  auto find_column = [&](const ast::SetClause& set) {
    const int c = named.FindColumn(set.column.name);
    if (c < 0) {
      ThrowAt(sqlstate::kUndefinedColumn,
              fmt::format("column \"{}\" of relation \"{}\" does not exist", set.column.name,
                          named.def.name()),
              set.column.position);
    }
    return c;
  };
  if (view != nullptr) {
    std::vector<bool> modified(static_cast<size_t>(named.def.columns_size()), false);
    for (const ast::SetClause& set : set_clauses) {
      const int c = find_column(set);
      if (modified[c]) {  // the rewriter's check on the view's own columns comes first
        throw Error(sqlstate::kSyntaxError,
                    fmt::format("multiple assignments to same column \"{}\"", set.column.name));
      }
      modified[c] = true;
    }
    CheckViewColumns(*view, std::move(modified), write);
  }
  std::vector<BoundAssignment> out;
  std::vector<bool> seen(table.def.columns_size(), false);
  // Per column, the assignment to its fields (SET c.a = ..., c.b = ...).
  std::vector<int> field_assignment(table.def.columns_size(), -1);
  for (const ast::SetClause& set : set_clauses) {
    int c = find_column(set);
    if (view != nullptr) c = view->base_columns[static_cast<size_t>(c)];
    if (!set.fields.empty() && (!table.ColumnType(c).IsRowType() || view != nullptr)) {
      ThrowAt(sqlstate::kDatatypeMismatch,
              fmt::format("cannot assign to field \"{}\" of column \"{}\" because its type {} is "
                          "not a composite type",
                          set.fields[0], set.column.name, TypeNameForMessage(table.ColumnType(c))),
              set.column.position);
    }
    if (!set.fields.empty() && field_assignment[c] >= 0) {
      BoundAssignment& earlier = out[static_cast<size_t>(field_assignment[c])];
      earlier.expr = BindFieldAssignment(set, table.ColumnType(c), scope, std::move(earlier.expr));
      continue;
    }
    if (seen[c]) {  // raised by PostgreSQL's rewriter (on the table's names), no position
      throw Error(sqlstate::kSyntaxError, fmt::format("multiple assignments to same column \"{}\"",
                                                      table.def.columns(c).name()));
    }
    seen[c] = true;
    if (!set.fields.empty()) {
      field_assignment[c] = static_cast<int>(out.size());
      out.push_back(BoundAssignment{
          .column = c, .expr = BindFieldAssignment(set, table.ColumnType(c), scope, nullptr)});
      continue;
    }
    BoundAssignment a;
    a.column = c;
    // Through a view, DEFAULT is the view column's default, and views have
    // none: NULL, as PostgreSQL's rewriter makes it.
    const bool is_default = set.value->kind() == ast::ExprKind::kDefault;
    if (is_default && view == nullptr) {
      a.expr = BindColumnDefault(table, c);
    } else if (table.def.columns(c).identity() == "a") {
      throw Error(sqlstate::kGeneratedAlways,
                  fmt::format("column \"{}\" can only be updated to DEFAULT", set.column.name))
          .WithDetail(fmt::format(
              "Column \"{}\" is an identity column defined as GENERATED ALWAYS.", set.column.name));
    } else if (is_default) {
      a.expr = BoundExpr::Constant(Value::Null(), table.ColumnType(c));
    } else {
      AggregateRulesScope rules(this, false, "UPDATE");
      a.expr = CoerceForAssignment(BindExpression(*set.value, scope), table.ColumnType(c),
                                   set.column.name);
    }
    out.push_back(std::move(a));
  }
  return out;
}

std::unique_ptr<BoundUpdate> Binder::BindUpdate(const ast::UpdateStmt& update) {
  auto out = std::make_unique<BoundUpdate>();
  std::unique_ptr<ViewTarget> view;
  Scope scope;
  if (auto target = ResolveTable(update.table); target->IsView()) {
    view = ResolveViewTarget(target, ViewWrite::kUpdate);
    out->table = view->base;
    out->view_checks = std::move(view->checks);
    scope.items.push_back(
        ViewScopeItem(update.alias.empty() ? target->def.name() : update.alias, *view));
  } else {
    out->table = ResolveTargetTable(update.table, "update");
    scope = TargetScope(out->table, update.alias);
  }
  const catalog::TableEntry& table = *out->table;
  out->from = BindJoinedTables(update.from, scope, false, table.def.columns_size());
  out->assignments = BindAssignments(update.set, table, scope, view.get());
  AggregateRulesScope rules(this, false, "WHERE");
  if (update.where != nullptr) out->where = BindCondition(*update.where, scope, "WHERE");
  if (view != nullptr) out->where = WithViewCondition(std::move(out->where), *view);
  out->returning = BindReturning(update.returning, scope);
  return out;
}

std::unique_ptr<BoundDelete> Binder::BindDelete(const ast::DeleteStmt& del) {
  auto out = std::make_unique<BoundDelete>();
  std::unique_ptr<ViewTarget> view;
  Scope scope;
  if (auto target = ResolveTable(del.table); target->IsView()) {
    view = ResolveViewTarget(target, ViewWrite::kDelete);
    out->table = view->base;
    scope.items.push_back(ViewScopeItem(del.alias.empty() ? target->def.name() : del.alias, *view));
  } else {
    out->table = ResolveTargetTable(del.table, "delete from");
    scope = TargetScope(out->table, del.alias);
  }
  out->from = BindJoinedTables(del.using_tables, scope, false, out->table->def.columns_size());
  AggregateRulesScope rules(this, false, "WHERE");
  if (del.where != nullptr) out->where = BindCondition(*del.where, scope, "WHERE");
  if (view != nullptr) out->where = WithViewCondition(std::move(out->where), *view);
  out->returning = BindReturning(del.returning, scope);
  return out;
}

}  // namespace basalt::sql
