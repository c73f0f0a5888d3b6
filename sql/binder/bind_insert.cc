// INSERT: target columns, VALUES / SELECT source, assignment casts, DEFAULTs.
#include <fmt/format.h>

#include <algorithm>

#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"
#include "sql/planner/predicate_implication.h"

namespace basalt::sql {

std::unique_ptr<BoundInsert> Binder::BindInsert(const ast::InsertStmt& insert) {
  auto out = std::make_unique<BoundInsert>();
  // Through a view: the view's columns are named, its base table written.
  std::unique_ptr<ViewTarget> view;
  if (auto target = ResolveTable(insert.table); target->IsView()) {
    view = ResolveViewTarget(target, ViewWrite::kInsert);
    out->table = view->base;
    out->view_checks = std::move(view->checks);
  } else {
    out->table = ResolveTargetTable(insert.table, "insert into");
  }
  const catalog::TableEntry& table = *out->table;
  const int width = table.def.columns_size();

  // Target columns in the order the source provides them.
  InsertColumns insert_columns =
      BindInsertColumns(insert.columns, view != nullptr ? *view->view : table);
  const std::vector<int>& targets = insert_columns.columns;
  const std::vector<int>& target_positions = insert_columns.positions;
  auto column_name = [&](int c) { return table.def.columns(c).name(); };

  if (insert.default_values) {
    // One row of defaults: a VALUES row of full width.
    out->source = std::make_unique<BoundSelect>();
    std::vector<BoundExprPtr> row;
    for (int c = 0; c < width; ++c) row.push_back(BindColumnDefault(table, c));
    out->source->values.push_back(std::move(row));
  } else if (!insert.values.empty()) {
    // VALUES rows are bound straight to full table rows: each item cast to
    // its column (PostgreSQL resolves INSERT ... VALUES items against the
    // target columns), DEFAULT and unlisted columns filled in.
    out->source = std::make_unique<BoundSelect>();
    for (const ast::ExprList& items : insert.values) {
      // Rows are compared with each other before any is compared with the
      // target list (transformInsertStmt).
      if (items.size() != insert.values[0].size()) {
        ThrowAt(sqlstate::kSyntaxError, "VALUES lists must all be the same length",
                items.empty() ? insert.position : items[0]->position);
      }
    }
    if (view != nullptr) {
      insert_columns = ViewInsertColumns(insert_columns, insert.values[0].size(), *view);
    }
    for (const ast::ExprList& items : insert.values) {
      // Its table is invisible to VALUES but named in the error (42703).
      const ScopeItem item = TableScopeItem(table.def.name(), out->table, 0);
      ScopedFlag invisible(invisible_item_, &item);
      out->source->values.push_back(
          BindInsertValuesRow(items, insert_columns, insert.overriding, table, Scope{}));
    }
  } else {
    resolve_unknowns_ = false;
    try {
      out->source = BindSelect(*insert.select);
    } catch (...) {
      resolve_unknowns_ = true;
      throw;
    }
    resolve_unknowns_ = true;
    size_t n = out->source->targets.size();
    if (n > targets.size()) {
      ThrowAt(sqlstate::kSyntaxError, "INSERT has more expressions than target columns",
              insert.select->targets.size() > targets.size()
                  ? insert.select->targets[targets.size()].position
                  : insert.select->position);
    }
    if (n < targets.size() && !insert.columns.empty()) {
      ThrowAt(sqlstate::kSyntaxError, "INSERT has more target columns than expressions",
              target_positions[n]);
    }
    if (view != nullptr) insert_columns = ViewInsertColumns(insert_columns, n, *view);
    out->row_exprs.resize(width);
    for (size_t i = 0; i < n; ++i) {
      int c = targets[i];
      // An untyped literal of the query is read as its target column's type
      // right away (errors point at it), as PostgreSQL's transformInsertStmt.
      BoundExprPtr& source = out->source->targets[i];
      if (IsUnknownLiteral(*source)) {
        source = CoerceForAssignment(std::move(source), table.ColumnType(c), column_name(c));
        out->source->columns[i].type = source->type;
      }
      auto source_column = BoundExpr::Column(static_cast<int>(i), out->source->targets[i]->type);
      source_column->position = i < insert.select->targets.size()
                                    ? insert.select->targets[i].position
                                    : insert.select->position;
      out->row_exprs[c] = IdentityInsertValue(
          insert.overriding, table, c,
          CoerceForAssignment(std::move(source_column), table.ColumnType(c), column_name(c)));
    }
    for (int c = 0; c < width; ++c) {
      if (out->row_exprs[c] == nullptr) out->row_exprs[c] = BindColumnDefault(table, c);
    }
    BindOnConflict(insert, out.get(), view.get());
    BindInsertReturning(insert, out.get(), view.get());
    return out;
  }
  // VALUES and DEFAULT VALUES sources already produce table rows.
  for (int c = 0; c < width; ++c) {
    out->source->targets.push_back(BoundExpr::Column(c, table.ColumnType(c)));
    out->row_exprs.push_back(BoundExpr::Column(c, table.ColumnType(c)));
  }
  BindOnConflict(insert, out.get(), view.get());
  BindInsertReturning(insert, out.get(), view.get());
  return out;
}

Binder::InsertColumns Binder::ViewInsertColumns(const InsertColumns& columns, size_t n,
                                                const ViewTarget& view) {
  // A source of the wrong width is INSERT's own error, raised first.
  const size_t listed = columns.columns.size();
  const bool fits = n <= listed && (!columns.listed || n == listed);
  if (fits) {
    std::vector<bool> modified(view.base_columns.size(), false);
    for (size_t i = 0; i < n; ++i) modified[static_cast<size_t>(columns.columns[i])] = true;
    CheckViewColumns(view, std::move(modified), ViewWrite::kInsert);
  }
  InsertColumns out;
  out.listed = columns.listed;
  for (size_t i = 0; i < listed; ++i) {
    if (fits && i >= n) break;  // columns the source leaves to their defaults
    const int c = view.base_columns[static_cast<size_t>(columns.columns[i])];
    for (int before : out.columns) {
      if (fits && before == c) {  // two view columns showing one table column
        throw Error(sqlstate::kSyntaxError,
                    fmt::format("multiple assignments to same column \"{}\"",
                                view.base->def.columns(c).name()));
      }
    }
    out.columns.push_back(c);
    out.positions.push_back(columns.positions[i]);
  }
  return out;
}

namespace {
constexpr int kNoArbiter = -3;  // none found yet

// A deferrable unique constraint may hold duplicates for a while, so no
// conflict can be found by it (PostgreSQL's infer_arbiter_indexes).
[[noreturn]] void ThrowDeferrableArbiter() {
  throw Error(sqlstate::kObjectNotInPrerequisiteState,
              "ON CONFLICT does not support deferrable unique constraints/exclusion constraints "
              "as arbiters");
}
}  // namespace

void Binder::BindOnConflict(const ast::InsertStmt& insert, BoundInsert* out,
                            const ViewTarget* view) {
  if (insert.on_conflict == nullptr) return;
  const ast::OnConflictClause& clause = *insert.on_conflict;
  const catalog::TableEntry& table = *out->table;
  const storage::TableLayout& layout = table.layout;
  BoundOnConflict bound;
  bound.do_update = clause.do_update;
  if (!clause.constraint.empty() && view != nullptr) {
    // A view has no constraints of its own (PostgreSQL looks there).
    throw Error(sqlstate::kUndefinedObject,
                fmt::format("constraint \"{}\" for table \"{}\" does not exist", clause.constraint,
                            view->view->def.name()));
  }
  if (!clause.constraint.empty()) {
    bound.arbiter = kNoArbiter;
    if (clause.constraint == layout.primary_key_name && !layout.primary_key.empty()) {
      bound.arbiter = BoundOnConflict::kPrimaryKey;
    }
    for (size_t i = 0; i < layout.indexes.size(); ++i) {
      if (layout.indexes[i].name != clause.constraint) continue;
      if (layout.indexes[i].deferrable_unique) ThrowDeferrableArbiter();
      if (layout.indexes[i].unique) bound.arbiter = static_cast<int>(i);
    }
    if (bound.arbiter == kNoArbiter) {
      throw Error(sqlstate::kUndefinedObject,
                  fmt::format("constraint \"{}\" for table \"{}\" does not exist",
                              clause.constraint, table.def.name()));
    }
  } else if (!clause.columns.empty()) {
    // Inference: the unique key over exactly the columns written.
    std::vector<int> columns;
    for (const ast::Identifier& id : clause.columns) {
      // Through a view, its columns are named.
      int c = view != nullptr ? view->view->FindColumn(id.name) : table.FindColumn(id.name);
      if (c >= 0 && view != nullptr) c = view->base_columns[static_cast<size_t>(c)];
      if (c < 0) {
        ThrowAt(sqlstate::kUndefinedColumn, fmt::format("column \"{}\" does not exist", id.name),
                id.position);
      }
      columns.push_back(c);
    }
    std::sort(columns.begin(), columns.end());
    columns.erase(std::unique(columns.begin(), columns.end()), columns.end());
    auto matches = [&](std::vector<int> key) {
      std::sort(key.begin(), key.end());
      return key == columns;
    };
    // A partial unique index is an arbiter only when the inference WHERE
    // implies its predicate (PostgreSQL's infer_arbiter_indexes).
    std::vector<const BoundExpr*> index_where;
    BoundExprPtr bound_where;
    if (clause.index_where != nullptr) {
      bound_where = BindIndexPredicate(table.def, *clause.index_where);
      index_where = PredicateTerms(*bound_where);
    }
    bound.arbiter = kNoArbiter;
    if (!layout.primary_key.empty() && matches(layout.primary_key)) {
      bound.arbiter = BoundOnConflict::kPrimaryKey;
    }
    for (size_t i = 0; i < layout.indexes.size() && bound.arbiter == kNoArbiter; ++i) {
      std::vector<int> key;
      for (const storage::IndexLayout::KeyColumn& k : layout.indexes[i].columns) {
        key.push_back(k.column);
      }
      if (layout.indexes[i].unique && layout.indexes[i].readable && matches(key) &&
          IndexUsableFor(layout.indexes[i], index_where)) {
        bound.arbiter = static_cast<int>(i);
      }
      if (layout.indexes[i].deferrable_unique && matches(key)) ThrowDeferrableArbiter();
    }
    if (bound.arbiter == kNoArbiter) {
      throw Error(sqlstate::kInvalidColumnReference,
                  "there is no unique or exclusion constraint matching the ON CONFLICT "
                  "specification");
    }
  } else if (clause.do_update) {
    throw Error(sqlstate::kSyntaxError,
                "ON CONFLICT DO UPDATE requires inference specification or constraint name")
        .WithPosition(clause.position)
        .WithHint("For example, ON CONFLICT (column_name).");
  }
  if (clause.do_update) {
    // The existing row under the target's name, the proposed one as EXCLUDED.
    Scope scope;
    if (view != nullptr) {
      // Both rows show the view's columns, computed from the table's rows.
      const std::string name = insert.alias.empty() ? view->view->def.name() : insert.alias;
      scope.items.push_back(ViewScopeItem(name, *view));
      ScopeItem excluded = ViewScopeItem("excluded", *view);
      for (ScopeColumn& c : excluded.columns) {
        if (c.merged != nullptr) {
          BoundExprPtr shifted = c.merged->Clone();
          ShiftColumns(*shifted, table.def.columns_size());
          c.merged = std::move(shifted);
        } else {
          c.index += table.def.columns_size();
        }
      }
      scope.items.push_back(std::move(excluded));
    } else {
      const std::string name = insert.alias.empty() ? table.def.name() : insert.alias;
      scope.items.push_back(TableScopeItem(name, out->table, 0));
      scope.items.push_back(TableScopeItem("excluded", out->table, table.def.columns_size()));
    }
    // PostgreSQL words a view column DO UPDATE cannot set as INSERT's.
    bound.assignments = BindAssignments(clause.set, table, scope, view, ViewWrite::kInsert);
    if (clause.where != nullptr) {
      AggregateRulesScope rules(this, false, "WHERE");
      bound.where = BindCondition(*clause.where, scope, "WHERE");
    }
  }
  out->on_conflict = std::move(bound);
}

Binder::InsertColumns Binder::BindInsertColumns(const std::vector<ast::Identifier>& names,
                                                const catalog::TableEntry& table) {
  InsertColumns out;
  out.listed = !names.empty();
  const int width = table.def.columns_size();
  if (names.empty()) {
    for (int c = 0; c < width; ++c) {
      out.columns.push_back(c);
      out.positions.push_back(0);
    }
    return out;
  }
  std::vector<bool> seen(width, false);
  for (const ast::Identifier& id : names) {
    int c = table.FindColumn(id.name);
    if (c < 0) {
      ThrowAt(
          sqlstate::kUndefinedColumn,
          fmt::format("column \"{}\" of relation \"{}\" does not exist", id.name, table.def.name()),
          id.position);
    }
    if (seen[c]) {
      ThrowAt(sqlstate::kDuplicateColumn,
              fmt::format("column \"{}\" specified more than once", id.name), id.position);
    }
    seen[c] = true;
    out.columns.push_back(c);
    out.positions.push_back(id.position);
  }
  return out;
}

std::vector<BoundExprPtr> Binder::BindInsertValuesRow(const ast::ExprList& items,
                                                      const InsertColumns& targets, char overriding,
                                                      const catalog::TableEntry& table,
                                                      const Scope& scope) {
  if (items.size() > targets.columns.size()) {
    ThrowAt(sqlstate::kSyntaxError, "INSERT has more expressions than target columns",
            items[targets.columns.size()]->position);
  }
  if (items.size() < targets.columns.size() && targets.listed) {
    ThrowAt(sqlstate::kSyntaxError, "INSERT has more target columns than expressions",
            targets.positions[items.size()]);
  }
  AggregateRulesScope rules(this, false, "VALUES");
  const int width = table.def.columns_size();
  std::vector<BoundExprPtr> row(width);
  for (size_t i = 0; i < items.size(); ++i) {
    const int c = targets.columns[i];
    if (items[i]->kind() == ast::ExprKind::kDefault) {
      row[c] = BindColumnDefault(table, c);
      continue;
    }
    row[c] =
        IdentityInsertValue(overriding, table, c,
                            CoerceForAssignment(BindExpression(*items[i], scope),
                                                table.ColumnType(c), table.def.columns(c).name()));
  }
  for (int c = 0; c < width; ++c) {
    if (row[c] == nullptr) row[c] = BindColumnDefault(table, c);
  }
  return row;
}

BoundExprPtr Binder::IdentityInsertValue(char overriding, const catalog::TableEntry& table,
                                         int column, BoundExprPtr value) {
  const std::string& identity = table.def.columns(column).identity();
  if (identity.empty() || overriding == 's') return value;
  if (overriding == 'u') return BindColumnDefault(table, column);
  if (identity == "a") {
    const std::string& name = table.def.columns(column).name();
    throw Error(sqlstate::kGeneratedAlways,
                fmt::format("cannot insert a non-DEFAULT value into column \"{}\"", name))
        .WithDetail(
            fmt::format("Column \"{}\" is an identity column defined as GENERATED ALWAYS.", name))
        .WithHint("Use OVERRIDING SYSTEM VALUE to override.");
  }
  return value;
}

void Binder::BindInsertReturning(const ast::InsertStmt& insert, BoundInsert* out,
                                 const ViewTarget* view) {
  Scope scope;
  if (view != nullptr) {
    scope.items.push_back(
        ViewScopeItem(insert.alias.empty() ? view->view->def.name() : insert.alias, *view));
  } else {
    scope.items.push_back(TableScopeItem(
        insert.alias.empty() ? out->table->def.name() : insert.alias, out->table, 0));
  }
  out->returning = BindReturning(insert.returning, scope);
}

}  // namespace basalt::sql
