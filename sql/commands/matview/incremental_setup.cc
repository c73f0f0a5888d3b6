// What CREATE MATERIALIZED VIEW ... WITH (refresh_mode = ...) and DROP do
// for incremental views: the shape check, the hidden maintenance-key index,
// and change capture on the tables the view reads.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "sql/binder/binder.h"
#include "sql/commands/matview/incremental_shape.h"
#include "sql/execution/evaluate.h"
#include "sql/parser/ast_printer.h"
#include "sql/session_impl.h"

namespace basalt::sql {

namespace {

// A relation whose rows are stored and whose writes can be captured: a
// table or a materialized view.
bool IsStoredRelation(const catalog::TableEntry& t) {
  return !t.computed && (t.def.relkind() == "r" || t.def.relkind() == "m");
}

}  // namespace

void SessionImpl::SetRefreshMode(const std::string& mode, const BoundSelect& query,
                                 catalog::proto::Table* view) {
  view->set_refresh_mode(mode);
  if (mode == "full") return;
  const IncrementalShape shape = AnalyzeIncrementalShape(query);
  if (!shape.unsupported.empty()) {
    std::string reason = fmt::format(
        "{} does not support {}",
        mode == "immediate" ? "immediate maintenance" : "incremental refresh", shape.unsupported);
    if (mode != "auto") throw Error(sqlstate::kFeatureNotSupported, reason);
    view->set_refresh_mode_reason(std::move(reason));  // auto: refreshed fully
    return;
  }
  view->set_incremental(true);
  if (shape.key_columns.empty()) return;  // one row: no key to find it by
  catalog::proto::Index* key = view->add_indexes();
  key->set_hidden(true);
  for (int column : shape.key_columns) key->add_columns()->set_attnum(column + 1);
}

void SessionImpl::ChangeRefreshMode(const std::shared_ptr<const catalog::TableEntry>& view,
                                    const std::string& mode) {
  Binder binder(*writer_.View(), database_oid_, user_, {"pg_catalog", "pg_temp"});
  std::unique_ptr<BoundSelect> query = binder.BindViewQuery(view);
  if (view->def.incremental()) WatchTables(view->def, /*watch=*/false);
  if (MaintainedImmediately(view->def)) DeleteKeyLocks(*txn_, view->def.oid());
  Status st = writer_.AlterTableDefinition(*txn_, *view, [&](catalog::proto::Table* t) {
    auto* indexes = t->mutable_indexes();
    indexes->erase(std::remove_if(indexes->begin(), indexes->end(),
                                  [](const catalog::proto::Index& i) { return i.hidden(); }),
                   indexes->end());
    t->clear_incremental();
    t->clear_refresh_mode_reason();
    SetRefreshMode(mode, *query, t);
    return Status::OK();
  });
  if (!st.ok()) ThrowStatus(st);
  // Held: WatchTables publishes new catalog versions.
  const std::shared_ptr<const catalog::TableEntry> changed =
      writer_.View()->TableByOid(view->def.database_oid(), view->def.oid());
  if (changed->def.incremental()) WatchTables(changed->def, /*watch=*/true);
  DeleteChangeLogPlace(*txn_, changed->def.oid());
  // Maintained from now on, from rows that may be stale.
  if (MaintainedImmediately(changed->def) && changed->def.populated()) RecomputeMatView(changed);
}

std::vector<std::shared_ptr<const catalog::TableEntry>> TablesWatchedBy(
    const catalog::CatalogSnapshot& catalog, const catalog::proto::Table& view) {
  std::vector<std::shared_ptr<const catalog::TableEntry>> tables;
  std::set<Oid> seen;
  for (const catalog::proto::ViewReference& ref : view.view_references()) {
    if (!seen.insert(ref.oid()).second) continue;
    std::shared_ptr<const catalog::TableEntry> table =
        catalog.TableByOid(view.database_oid(), ref.oid());
    if (table != nullptr && IsStoredRelation(*table)) tables.push_back(std::move(table));
  }
  return tables;
}

std::string QualifiedViewName(const catalog::CatalogSnapshot& catalog,
                              const catalog::proto::Table& view) {
  const catalog::proto::Namespace* ns =
      catalog.NamespaceByOid(view.database_oid(), view.namespace_oid());
  return fmt::format("{}.{}", ast::QuoteName(ns ? ns->name() : ""), ast::QuoteName(view.name()));
}

std::string RefreshStatement(const catalog::CatalogSnapshot& catalog,
                             const catalog::proto::Table& view) {
  return "REFRESH MATERIALIZED VIEW " + QualifiedViewName(catalog, view);
}

std::vector<std::shared_ptr<const catalog::TableEntry>> SessionImpl::WatchedTables(
    const catalog::proto::Table& view) {
  return TablesWatchedBy(*writer_.View(), view);
}

ChangeLogPlace SessionImpl::FirstChangeLogPlace(const catalog::proto::Table& view) {
  return ReadPendingChanges(*txn_, WatchedTables(view), nullptr).next;
}

void SessionImpl::WatchTables(const catalog::proto::Table& view, bool watch) {
  std::set<Oid> seen;
  for (const catalog::proto::ViewReference& ref : view.view_references()) {
    if (!seen.insert(ref.oid()).second) continue;
    std::shared_ptr<const catalog::TableEntry> table =
        writer_.View()->TableByOid(view.database_oid(), ref.oid());
    if (table == nullptr || !IsStoredRelation(*table)) continue;
    // SHARE waits for the transactions writing the table: none of their
    // changes can then commit without a record.
    if (watch) LockRelation(*table, storage::LockLevel::kShare);
    Status st =
        writer_.SetWatchingView(*txn_, *table, view.oid(), watch, MaintainedImmediately(view));
    if (!st.ok()) ThrowStatus(st);
  }
}

}  // namespace basalt::sql
