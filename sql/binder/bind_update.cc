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

std::unique_ptr<BoundUpdate> Binder::BindUpdate(const ast::UpdateStmt& update) {
  if (!update.from.empty()) {
    ThrowAt(sqlstate::kFeatureNotSupported, "UPDATE ... FROM is not supported yet",
            update.from[0]->position);
  }
  if (!update.returning.empty()) {
    ThrowAt(sqlstate::kFeatureNotSupported, "RETURNING is not supported yet",
            update.returning[0].position);
  }
  auto out = std::make_unique<BoundUpdate>();
  out->table = ResolveTargetTable(update.table, "update");
  const catalog::TableEntry& table = *out->table;
  Scope scope = TargetScope(out->table, update.alias);
  std::vector<bool> seen(table.def.columns_size(), false);
  for (const ast::SetClause& set : update.set) {
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
    } else {
      AggregateRulesScope rules(this, false, "UPDATE");
      a.expr = CoerceForAssignment(BindExpression(*set.value, scope), table.ColumnType(c),
                                   set.column.name);
    }
    out->assignments.push_back(std::move(a));
  }
  AggregateRulesScope rules(this, false, "WHERE");
  if (update.where != nullptr) out->where = BindCondition(*update.where, scope, "WHERE");
  return out;
}

std::unique_ptr<BoundDelete> Binder::BindDelete(const ast::DeleteStmt& del) {
  if (!del.using_tables.empty()) {
    ThrowAt(sqlstate::kFeatureNotSupported, "DELETE ... USING is not supported yet",
            del.using_tables[0]->position);
  }
  if (!del.returning.empty()) {
    ThrowAt(sqlstate::kFeatureNotSupported, "RETURNING is not supported yet",
            del.returning[0].position);
  }
  auto out = std::make_unique<BoundDelete>();
  out->table = ResolveTargetTable(del.table, "delete from");
  Scope scope = TargetScope(out->table, del.alias);
  AggregateRulesScope rules(this, false, "WHERE");
  if (del.where != nullptr) out->where = BindCondition(*del.where, scope, "WHERE");
  return out;
}

}  // namespace basalt::sql
