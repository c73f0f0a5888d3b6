// A view in FROM: its stored query, parsed (once per text: a cache shared
// by all sessions) and bound as a subquery named after the view. The names the query wrote resolve
// through the view's references (the OIDs recorded at CREATE VIEW), not the reader's search_path,
// and the reader's CTEs stay invisible to it.
#include <fmt/format.h>

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"
#include "sql/parser/parser.h"

namespace basalt::sql {

// A view's query is parsed once, not at every statement that reads the view
// or every delta term of an incremental refresh: parsing was half the cost
// of binding one. The tree is immutable, and a bound query keeps nothing of
// it, so sessions share it. Keyed by the text, so a changed view (CREATE OR
// REPLACE, a column rename) finds its new text's tree.
std::shared_ptr<const ast::Statement> ParseViewQuery(const std::string& text) {
  // Distinct view texts are few; past this many the cache starts over.
  constexpr size_t kMaxEntries = 4096;
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<const ast::Statement>> parsed;
  {
    std::lock_guard lock(mutex);
    auto found = parsed.find(text);
    if (found != parsed.end()) return found->second;
  }
  std::vector<ast::StatementPtr> statements = ParseStatements(text);
  if (statements.size() != 1 || statements[0]->kind() != ast::StatementKind::kSelect) {
    return nullptr;
  }
  std::shared_ptr<const ast::Statement> tree(std::move(statements[0]));
  std::lock_guard lock(mutex);
  if (parsed.size() >= kMaxEntries) parsed.clear();
  parsed.emplace(text, tree);
  return tree;
}

std::unique_ptr<BoundSelect> Binder::BindViewQuery(
    const std::shared_ptr<const catalog::TableEntry>& view, int position) {
  const catalog::proto::Table& def = view->def;
  for (const catalog::TableEntry* outer : expanding_views_) {
    if (outer->def.oid() == def.oid()) {
      ThrowAt(sqlstate::kInvalidObjectDefinition,
              fmt::format("infinite recursion detected in rules for relation \"{}\"", def.name()),
              position);
    }
  }
  std::shared_ptr<const ast::Statement> parsed = ParseViewQuery(def.view_query());
  if (parsed == nullptr) {
    throw Error(sqlstate::kInternalError,
                fmt::format("the query of view \"{}\" is not a SELECT", def.name()));
  }
  // The view's query sees neither the reader's CTEs nor its FROM items.
  std::vector<CteFrame> cte_frames = std::move(cte_frames_);
  std::vector<WorkTable*> work_tables = std::move(work_tables_);
  cte_frames_.clear();
  work_tables_.clear();
  expanding_views_.push_back(view.get());
  struct Restore {
    Binder* binder;
    std::vector<CteFrame>* cte_frames;
    std::vector<WorkTable*>* work_tables;
    ~Restore() {
      binder->expanding_views_.pop_back();
      binder->cte_frames_ = std::move(*cte_frames);
      binder->work_tables_ = std::move(*work_tables);
    }
  } restore{this, &cte_frames, &work_tables};
  ScopedFlag resolve(resolve_unknowns_, true);
  std::unique_ptr<BoundSelect> query;
  try {
    query = BindSelect(parsed->As<ast::SelectStmt>());
  } catch (Error& e) {
    // A position in the stored text means nothing in the reader's query.
    e.WithPosition(0);
    throw;
  }
  if (static_cast<int>(query->columns.size()) != def.columns_size()) {
    throw Error(sqlstate::kInternalError,
                fmt::format("view \"{}\" has {} columns but its query returns {}", def.name(),
                            def.columns_size(), query->columns.size()));
  }
  return query;
}

std::unique_ptr<BoundTableRef> Binder::BindView(const ast::BaseTableRef& ref,
                                                std::shared_ptr<const catalog::TableEntry> view,
                                                Scope& scope, int* next_column) {
  const catalog::proto::Table& def = view->def;
  NoteTableRead(view);  // ACCESS SHARE on the view itself, as PostgreSQL
  auto out = std::make_unique<BoundTableRef>();
  out->kind = BoundTableRef::Kind::kSubquery;
  out->subquery = BindViewQuery(view, ref.position);
  out->width = static_cast<int>(out->subquery->columns.size());
  ScopeItem item;
  item.name = ref.alias.name.empty() ? ref.name.name : ref.alias.name;
  for (int c = 0; c < out->width; ++c) {
    // The view's own column names (CREATE VIEW v (a, b) renames), and the
    // view as the columns' origin, as PostgreSQL's RowDescription.
    item.columns.push_back(ScopeColumn{def.columns(c).name(), out->subquery->columns[c].type,
                                       *next_column + c, nullptr, def.oid(),
                                       static_cast<int16_t>(def.columns(c).attnum())});
  }
  RenameColumns(ref.alias, &item);
  out->alias = ref.alias.name;
  out->view = view;
  for (const ScopeColumn& c : item.columns) out->column_names.push_back(c.name);
  *next_column += out->width;
  AddScopeItem(std::move(item), scope);
  return out;
}

}  // namespace basalt::sql
