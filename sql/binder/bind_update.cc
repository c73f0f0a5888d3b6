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

}  // namespace

std::unique_ptr<BoundTableRef> Binder::BindJoinedTables(const std::vector<ast::TableRefPtr>& from,
                                                        Scope& scope, bool merge_source) {
  if (from.empty()) return nullptr;
  // The items cannot see the target (not even LATERAL), as in PostgreSQL,
  // whose hint names it.
  const ScopeItem& target = scope.items[0];
  Scope outside;
  outside.unreachable.push_back(target.name);
  Scope items;
  items.unreachable.push_back(target.name);
  items.parent = &outside;
  const int target_width = static_cast<int>(target.columns.size());
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
                                                     const Scope& scope) {
  std::vector<BoundAssignment> out;
  std::vector<bool> seen(table.def.columns_size(), false);
  for (const ast::SetClause& set : set_clauses) {
    int c = table.FindColumn(set.column.name);
    if (c < 0) {
      ThrowAt(sqlstate::kUndefinedColumn,
              fmt::format("column \"{}\" of relation \"{}\" does not exist", set.column.name,
                          table.def.name()),
              set.column.position);
    }
    if (!set.fields.empty()) {
      ThrowAt(sqlstate::kDatatypeMismatch,
              fmt::format("cannot assign to field \"{}\" of column \"{}\" because its type {} is "
                          "not a composite type",
                          set.fields[0], set.column.name, TypeNameForMessage(table.ColumnType(c))),
              set.column.position);
    }
    if (seen[c]) {  // raised by PostgreSQL's rewriter, without a position
      throw Error(sqlstate::kSyntaxError,
                  fmt::format("multiple assignments to same column \"{}\"", set.column.name));
    }
    seen[c] = true;
    BoundAssignment a;
    a.column = c;
    if (set.value->kind() == ast::ExprKind::kDefault) {
      a.expr = BindColumnDefault(table, c);
    } else if (table.def.columns(c).identity() == "a") {
      throw Error(sqlstate::kGeneratedAlways,
                  fmt::format("column \"{}\" can only be updated to DEFAULT", set.column.name))
          .WithDetail(fmt::format(
              "Column \"{}\" is an identity column defined as GENERATED ALWAYS.", set.column.name));
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
  out->table = ResolveTargetTable(update.table, "update");
  const catalog::TableEntry& table = *out->table;
  Scope scope = TargetScope(out->table, update.alias);
  out->from = BindJoinedTables(update.from, scope);
  out->assignments = BindAssignments(update.set, table, scope);
  AggregateRulesScope rules(this, false, "WHERE");
  if (update.where != nullptr) out->where = BindCondition(*update.where, scope, "WHERE");
  out->returning = BindReturning(update.returning, scope);
  return out;
}

std::unique_ptr<BoundDelete> Binder::BindDelete(const ast::DeleteStmt& del) {
  auto out = std::make_unique<BoundDelete>();
  out->table = ResolveTargetTable(del.table, "delete from");
  Scope scope = TargetScope(out->table, del.alias);
  out->from = BindJoinedTables(del.using_tables, scope);
  AggregateRulesScope rules(this, false, "WHERE");
  if (del.where != nullptr) out->where = BindCondition(*del.where, scope, "WHERE");
  out->returning = BindReturning(del.returning, scope);
  return out;
}

}  // namespace basalt::sql
