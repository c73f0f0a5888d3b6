// MERGE INTO target USING source ON condition WHEN ... : the target and the
// source bound as UPDATE ... FROM binds its target and FROM items, so the
// rows MERGE reads have UPDATE ... FROM's shape (see BoundMergeAction).
#include <fmt/format.h>

#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"

namespace basalt::sql {

namespace {

// PostgreSQL refuses views and materialized views as MERGE targets (it
// does not write through views for MERGE either), 42809 without a position.
void CheckMergeTarget(const catalog::TableEntry& table) {
  const char* kind = table.IsView()               ? "views"
                     : table.IsMaterializedView() ? "materialized views"
                                                  : nullptr;
  if (kind == nullptr) return;
  throw Error(sqlstate::kWrongObjectType,
              fmt::format("cannot execute MERGE on relation \"{}\"", table.def.name()))
      .WithDetail(fmt::format("This operation is not supported for {}.", kind));
}

// What a NOT MATCHED clause sees: the source only; the target's name is
// PostgreSQL's "cannot be referenced from this part of the query".
Scope SourceOnlyScope(const Scope& scope) {
  Scope source;
  source.items.assign(scope.items.begin() + 1, scope.items.end());
  source.unreachable.push_back(scope.items[0].name);
  return source;
}

}  // namespace

std::unique_ptr<BoundMerge> Binder::BindMerge(const ast::MergeStmt& merge) {
  // A clause after an unconditional one of its kind never runs: PostgreSQL
  // refuses it (42601, without a position) before it looks at any name.
  bool matched_always = false;
  bool not_matched_always = false;
  for (const ast::MergeWhenClause& clause : merge.when) {
    bool& always = clause.matched ? matched_always : not_matched_always;
    if (always) {
      throw Error(sqlstate::kSyntaxError,
                  "unreachable WHEN clause specified after unconditional WHEN clause");
    }
    always = clause.condition == nullptr;
  }
  auto out = std::make_unique<BoundMerge>();
  CheckMergeTarget(*ResolveTable(merge.table));
  out->table = ResolveTargetTable(merge.table, "merge into");
  const catalog::TableEntry& table = *out->table;
  Scope scope;
  scope.items.push_back(
      TableScopeItem(merge.alias.empty() ? table.def.name() : merge.alias, out->table, 0));
  out->source = BindJoinedTables(merge.source, scope, /*merge_source=*/true);
  {
    AggregateRulesScope rules(this, false, "JOIN conditions");
    out->on = BindCondition(*merge.on, scope, "JOIN/ON");
  }
  for (const ast::MergeWhenClause& clause : merge.when) {
    out->actions.push_back(BindMergeAction(clause, table, scope));
  }
  return out;
}

BoundMergeAction Binder::BindMergeAction(const ast::MergeWhenClause& clause,
                                         const catalog::TableEntry& table, const Scope& scope) {
  using Action = ast::MergeWhenClause::Action;
  BoundMergeAction out;
  out.matched = clause.matched;
  const Scope source_only = clause.matched ? Scope{} : SourceOnlyScope(scope);
  const Scope& visible = clause.matched ? scope : source_only;
  // A NOT MATCHED clause's names do not reach the target's columns; the
  // 42703 hint names them, as for INSERT ... VALUES.
  ScopedFlag invisible(invisible_item_, clause.matched ? nullptr : &scope.items[0]);
  if (clause.condition != nullptr) {
    AggregateRulesScope rules(this, false, "MERGE WHEN conditions");
    out.condition = BindCondition(*clause.condition, visible, "WHEN");
  }
  switch (clause.action) {
    case Action::kDoNothing: out.kind = BoundMergeAction::Kind::kDoNothing; break;
    case Action::kDelete: out.kind = BoundMergeAction::Kind::kDelete; break;
    case Action::kUpdate:
      out.kind = BoundMergeAction::Kind::kUpdate;
      out.assignments = BindAssignments(clause.set, table, visible);
      break;
    case Action::kInsert: {
      out.kind = BoundMergeAction::Kind::kInsert;
      if (clause.default_values) {
        for (int c = 0; c < table.def.columns_size(); ++c) {
          out.row_exprs.push_back(BindColumnDefault(table, c));
        }
        break;
      }
      const InsertColumns columns = BindInsertColumns(clause.columns, table);
      out.row_exprs =
          BindInsertValuesRow(clause.values, columns, clause.overriding, table, visible);
      break;
    }
  }
  return out;
}

}  // namespace basalt::sql
