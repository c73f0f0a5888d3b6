// INSERT, UPDATE and DELETE through an automatically updatable view, as
// PostgreSQL's rewriteTargetView: the view's query (a single table or
// updatable view in FROM, no DISTINCT, grouping, set operation, WITH,
// LIMIT, aggregate, window or set-returning function) is bound and its
// columns become expressions over the base table's row. The statement is
// then bound against that table: its view columns read those expressions,
// the views' WHERE is ANDed to UPDATE's and DELETE's, and WITH CHECK OPTION
// becomes conditions each new row must pass. Constraints, sequences,
// indexes and change capture see an ordinary write of the table.
#include <fmt/format.h>

#include <cctype>

#include "common/stack_depth.h"
#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"

namespace basalt::sql {

namespace {

std::string_view Action(ViewWrite write) {
  switch (write) {
    case ViewWrite::kInsert: return "insert into";
    case ViewWrite::kUpdate: return "update";
    case ViewWrite::kDelete: return "delete from";
  }
  return "";
}

// 55000 with PostgreSQL's DETAIL (why) and HINT (what would make it work).
[[noreturn]] void ThrowNotUpdatable(const catalog::TableEntry& view, ViewWrite write,
                                    std::string_view detail) {
  const char* gerund = write == ViewWrite::kInsert   ? "inserting into"
                       : write == ViewWrite::kUpdate ? "updating"
                                                     : "deleting from";
  const char* event = write == ViewWrite::kInsert   ? "INSERT"
                      : write == ViewWrite::kUpdate ? "UPDATE"
                                                    : "DELETE";
  throw Error(sqlstate::kObjectNotInPrerequisiteState,
              fmt::format("cannot {} view \"{}\"", Action(write), view.def.name()))
      .WithDetail(std::string(detail))
      .WithHint(fmt::format("To enable {} the view, provide an INSTEAD OF {} trigger or an "
                            "unconditional ON {} DO INSTEAD rule.",
                            gerund, event, event));
}

// The reasons PostgreSQL's view_query_is_auto_updatable finds in the query
// as written, in its order; empty when none.
std::string_view WrittenShapeDetail(const ast::SelectStmt& select) {
  if (select.set_operation != ast::SetOperation::kNone) {
    return "Views containing UNION, INTERSECT, or EXCEPT are not automatically updatable.";
  }
  if (select.distinct || !select.distinct_on.empty()) {
    return "Views containing DISTINCT are not automatically updatable.";
  }
  if (!select.group_by.empty() || !select.grouping_sets.empty()) {
    return "Views containing GROUP BY are not automatically updatable.";
  }
  if (select.having != nullptr) return "Views containing HAVING are not automatically updatable.";
  if (!select.with.empty()) return "Views containing WITH are not automatically updatable.";
  if (select.limit != nullptr || select.offset != nullptr) {
    return "Views containing LIMIT or OFFSET are not automatically updatable.";
  }
  return {};
}

constexpr std::string_view kNotSingleTable =
    "Views that do not select from a single table or view are not automatically updatable.";

// `e` with each column of its input row replaced by `values[column]` (the
// row it read becomes the row those values are computed over). Outer values
// a subquery reads are over the same row; the subquery's own query is not.
void SubstituteColumns(BoundExprPtr& e, const std::vector<BoundExprPtr>& values) {
  CheckStackDepth();
  if (e->kind == BoundExprKind::kColumn) {
    const int position = e->position;
    e = values[static_cast<size_t>(e->column_index)]->Clone();
    e->position = position;
    return;
  }
  for (BoundExprPtr& child : e->children) SubstituteColumns(child, values);
}

// "local", "cascaded" or empty: the reloption is kept as written, in any
// case, as PostgreSQL keeps it.
std::string CheckOption(const catalog::proto::Table& view) {
  for (const std::string& option : view.reloptions()) {
    if (!option.starts_with("check_option=")) continue;
    std::string value = option.substr(13);
    for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return value;
  }
  return "";
}

}  // namespace

std::unique_ptr<BoundSelect> Binder::BindUpdatableViewQuery(
    const std::shared_ptr<const catalog::TableEntry>& view, bool check_columns,
    std::string* detail) {
  std::shared_ptr<const ast::Statement> parsed = ParseViewQuery(view->def.view_query());
  if (parsed == nullptr) {
    *detail = kNotSingleTable;
    return nullptr;
  }
  const auto& select = parsed->As<ast::SelectStmt>();
  *detail = WrittenShapeDetail(select);
  if (!detail->empty()) return nullptr;
  std::unique_ptr<BoundSelect> query = BindViewQuery(view);
  if (query->grouped || !query->aggregates.empty()) {
    *detail = "Views that return aggregate functions are not automatically updatable.";
    return nullptr;
  }
  if (!query->windows.empty()) {
    *detail = "Views that return window functions are not automatically updatable.";
    return nullptr;
  }
  for (const ast::ResultTarget& target : select.targets) {
    std::vector<const ast::FunctionCall*> calls;
    if (target.expr != nullptr) CollectSetReturningCalls(*target.expr, &calls);
    if (!calls.empty()) {
      *detail = "Views that return set-returning functions are not automatically updatable.";
      return nullptr;
    }
  }
  const BoundTableRef* from = query->from.get();
  const bool base_table = from != nullptr && from->kind == BoundTableRef::Kind::kTable &&
                          from->table != nullptr && !from->table->computed &&
                          (from->table->def.relkind() == "r" || from->table->def.relkind() == "p");
  const bool base_view = from != nullptr && from->kind == BoundTableRef::Kind::kSubquery &&
                         from->view != nullptr && from->view->IsView();
  if (!base_table && !base_view) {
    *detail = kNotSingleTable;
    return nullptr;
  }
  bool any_updatable = false;
  for (const BoundExprPtr& target : query->targets) {
    any_updatable = any_updatable || target->kind == BoundExprKind::kColumn;
  }
  if (check_columns && !any_updatable) {
    *detail = "Views that have no updatable columns are not automatically updatable.";
    return nullptr;
  }
  return query;
}

std::string Binder::ViewUpdatableDetail(const std::shared_ptr<const catalog::TableEntry>& view) {
  std::string detail;
  BindUpdatableViewQuery(view, /*check_columns=*/true, &detail);
  return detail;
}

int Binder::UpdatableEvents(const std::shared_ptr<const catalog::TableEntry>& table,
                            const std::vector<bool>* columns) {
  constexpr int kUpdate = 1 << 2, kInsert = 1 << 3, kDelete = 1 << 4;
  if (!table->computed && (table->def.relkind() == "r" || table->def.relkind() == "p")) {
    return kUpdate | kInsert | kDelete;
  }
  if (!table->IsView()) return 0;
  for (const catalog::TableEntry* outer : expanding_views_) {
    if (outer->def.oid() == table->def.oid()) return 0;
  }
  std::string detail;
  std::unique_ptr<BoundSelect> query;
  try {
    query = BindUpdatableViewQuery(table, /*check_columns=*/false, &detail);
  } catch (const Error&) {
    return 0;  // a view that no longer binds takes no writes
  }
  if (query == nullptr) return 0;
  // The columns below that this view's updatable (and asked about) ones are.
  const BoundTableRef& from = *query->from;
  const int below_width = from.kind == BoundTableRef::Kind::kTable ? from.table->def.columns_size()
                                                                   : from.view->def.columns_size();
  std::vector<bool> below(static_cast<size_t>(below_width), false);
  bool any = false;
  for (size_t c = 0; c < query->targets.size(); ++c) {
    if (query->targets[c]->kind != BoundExprKind::kColumn) continue;
    if (columns != nullptr && (c >= columns->size() || !(*columns)[c])) continue;
    below[static_cast<size_t>(query->targets[c]->column_index)] = true;
    any = true;
  }
  int events = any ? kUpdate | kInsert | kDelete : kDelete;
  if (from.kind == BoundTableRef::Kind::kSubquery) {
    expanding_views_.push_back(table.get());
    try {
      events &= UpdatableEvents(from.view, &below);
    } catch (...) {
      expanding_views_.pop_back();
      throw;
    }
    expanding_views_.pop_back();
  }
  return events;
}

std::unique_ptr<ViewTarget> Binder::ResolveViewTarget(
    const std::shared_ptr<const catalog::TableEntry>& view, ViewWrite write, bool cascaded) {
  NoteTableRead(view);
  std::string detail;
  std::unique_ptr<BoundSelect> query =
      BindUpdatableViewQuery(view, write != ViewWrite::kDelete, &detail);
  if (query == nullptr) ThrowNotUpdatable(*view, write, detail);
  const BoundTableRef* from = query->from.get();
  const bool base_table = from->kind == BoundTableRef::Kind::kTable;

  // A column is updatable when it is a column of the relation below.
  ViewTarget::Level level;
  level.view = view;
  for (const BoundExprPtr& target : query->targets) {
    level.inner.push_back(target->kind == BoundExprKind::kColumn ? target->column_index : -1);
  }

  // WITH CHECK OPTION; a CASCADED one above applies to this view too.
  const std::string option = CheckOption(view->def);
  const bool checked = cascaded || !option.empty();
  cascaded = cascaded || option == "cascaded";

  std::unique_ptr<ViewTarget> out;
  if (base_table) {
    out = std::make_unique<ViewTarget>();
    out->base = from->table;
    for (int c = 0; c < from->table->def.columns_size(); ++c) out->base_columns.push_back(c);
  } else {
    out = ResolveViewTarget(from->view, write, cascaded);
    for (BoundExprPtr& target : query->targets) SubstituteColumns(target, out->columns);
    if (query->where != nullptr) SubstituteColumns(query->where, out->columns);
  }
  // This view's columns over the base row, and which base column each is.
  std::vector<int> base_columns;
  for (size_t c = 0; c < query->targets.size(); ++c) {
    base_columns.push_back(
        level.inner[c] < 0 ? -1 : out->base_columns[static_cast<size_t>(level.inner[c])]);
  }
  out->base_columns = std::move(base_columns);
  out->columns = std::move(query->targets);
  out->levels.insert(out->levels.begin(), std::move(level));
  if (query->where != nullptr) {
    if (checked && write != ViewWrite::kDelete) {
      out->checks.push_back(BoundViewCheck{view->def.name(), query->where->Clone()});
    }
    std::vector<BoundExprPtr> terms;
    if (out->where != nullptr) terms.push_back(std::move(out->where));
    terms.push_back(std::move(query->where));
    out->where = MakeConjunction(std::move(terms));
  }
  out->view = view;
  return out;
}

void Binder::CheckViewColumns(const ViewTarget& target, std::vector<bool> modified,
                              ViewWrite write) {
  // Level by level, as PostgreSQL rewrites a view over a view: a column of
  // the outer view is checked there, then as the inner view's column.
  for (size_t l = 0; l < target.levels.size(); ++l) {
    const ViewTarget::Level& level = target.levels[l];
    const size_t next_width = l + 1 < target.levels.size()
                                  ? target.levels[l + 1].inner.size()
                                  : static_cast<size_t>(target.base->def.columns_size());
    std::vector<bool> below(next_width, false);
    for (size_t c = 0; c < level.inner.size() && c < modified.size(); ++c) {
      if (!modified[c]) continue;
      const int inner = level.inner[c];
      if (inner < 0) {
        throw Error(sqlstate::kFeatureNotSupported,
                    fmt::format("cannot {} column \"{}\" of view \"{}\"",
                                write == ViewWrite::kInsert ? "insert into" : "update",
                                level.view->def.columns(static_cast<int>(c)).name(),
                                level.view->def.name()))
            .WithDetail(
                "View columns that are not columns of their base relation are not updatable.");
      }
      below[static_cast<size_t>(inner)] = true;
    }
    modified = std::move(below);
  }
}

ScopeItem Binder::ViewScopeItem(std::string name, const ViewTarget& target) {
  ScopeItem item;
  item.name = std::move(name);
  const catalog::proto::Table& def = target.view->def;
  for (int c = 0; c < def.columns_size(); ++c) {
    const BoundExprPtr& value = target.columns[static_cast<size_t>(c)];
    ScopeColumn column{def.columns(c).name(),
                       value->type,
                       -1,
                       nullptr,
                       def.oid(),
                       static_cast<int16_t>(def.columns(c).attnum())};
    if (value->kind == BoundExprKind::kColumn) {
      column.index = value->column_index;
    } else {
      column.merged = value->Clone();
    }
    item.columns.push_back(std::move(column));
  }
  return item;
}

}  // namespace basalt::sql
