// UPDATE t SET c = e [WHERE ...] and DELETE FROM t [WHERE ...].
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
  if (!update.from.empty()) {
    ThrowAt(sqlstate::kFeatureNotSupported, "UPDATE ... FROM is not supported yet",
            update.from[0]->position);
  }
  auto out = std::make_unique<BoundUpdate>();
  out->table = ResolveTargetTable(update.table, "update");
  const catalog::TableEntry& table = *out->table;
  Scope scope = TargetScope(out->table, update.alias);
  out->assignments = BindAssignments(update.set, table, scope);
  AggregateRulesScope rules(this, false, "WHERE");
  if (update.where != nullptr) out->where = BindCondition(*update.where, scope, "WHERE");
  out->returning = BindReturning(update.returning, scope);
  return out;
}

std::unique_ptr<BoundDelete> Binder::BindDelete(const ast::DeleteStmt& del) {
  if (!del.using_tables.empty()) {
    ThrowAt(sqlstate::kFeatureNotSupported, "DELETE ... USING is not supported yet",
            del.using_tables[0]->position);
  }
  auto out = std::make_unique<BoundDelete>();
  out->table = ResolveTargetTable(del.table, "delete from");
  Scope scope = TargetScope(out->table, del.alias);
  AggregateRulesScope rules(this, false, "WHERE");
  if (del.where != nullptr) out->where = BindCondition(*del.where, scope, "WHERE");
  out->returning = BindReturning(del.returning, scope);
  return out;
}

}  // namespace basalt::sql
