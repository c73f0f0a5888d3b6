// CREATE TABLE ... AS query and CREATE MATERIALIZED VIEW ... AS query: a
// new relation with the query's columns, filled with its rows unless WITH
// NO DATA. A materialized view also keeps its query as a view does (the
// text and the relations its names resolved to), for REFRESH.
#include <fmt/format.h>

#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"
#include "sql/binder/stored_literals.h"
#include "sql/commands/matview/auto_refresh_options.h"
#include "sql/commands/matview/incremental_shape.h"
#include "sql/execution/evaluate.h"
#include "sql/session_impl.h"

namespace basalt::sql {

namespace {

// Storage parameters PostgreSQL accepts for tables and materialized views;
// Basalt has no use for them yet but takes them, as scripts pass them.
bool IsStorageParameter(const std::string& name) {
  static const char* const kNames[] = {"fillfactor",
                                       "toast_tuple_target",
                                       "parallel_workers",
                                       "autovacuum_enabled",
                                       "vacuum_index_cleanup",
                                       "vacuum_truncate",
                                       "user_catalog_table",
                                       "autovacuum_vacuum_threshold",
                                       "autovacuum_vacuum_scale_factor",
                                       "autovacuum_analyze_threshold",
                                       "autovacuum_analyze_scale_factor",
                                       "autovacuum_vacuum_insert_threshold",
                                       "autovacuum_vacuum_insert_scale_factor",
                                       "autovacuum_vacuum_cost_delay",
                                       "autovacuum_vacuum_cost_limit",
                                       "autovacuum_freeze_min_age",
                                       "autovacuum_freeze_max_age",
                                       "autovacuum_freeze_table_age",
                                       "log_autovacuum_min_duration"};
  if (name.starts_with("toast.")) return IsStorageParameter(name.substr(6));
  for (const char* known : kNames) {
    if (name == known) return true;
  }
  return false;
}

// The relation's columns: the query's, renamed by the column list.
void SetQueryColumns(const ast::CreateTableAsStmt& stmt, const BoundSelect& query,
                     catalog::proto::Table* table) {
  if (stmt.columns.size() > query.columns.size()) {
    throw Error(sqlstate::kSyntaxError, "too many column names were specified");
  }
  for (size_t i = 0; i < query.columns.size(); ++i) {
    const ResultColumn& result = query.columns[i];
    const std::string& name = i < stmt.columns.size() ? stmt.columns[i].name : result.name;
    CheckNotPseudoType(name, result.type);
    if (!IsStorableType(result.type.id)) {
      throw Error(sqlstate::kFeatureNotSupported,
                  fmt::format("type {} is not supported yet", result.type.Name()));
    }
    for (const catalog::proto::Column& seen : table->columns()) {
      if (seen.name() == name) {
        throw Error(sqlstate::kDuplicateColumn,
                    fmt::format("column \"{}\" specified more than once", name));
      }
    }
    catalog::proto::Column* c = table->add_columns();
    c->set_attnum(static_cast<int32_t>(i + 1));
    c->set_name(name);
    c->set_type_id(static_cast<uint32_t>(result.type.id));
    c->set_typmod(result.type.typmod);
  }
}

}  // namespace

void SessionImpl::ExecuteCreateTableAs(const ast::CreateTableAsStmt& stmt, ResultSink& sink) {
  const char* const created = stmt.materialized ? "CREATE MATERIALIZED VIEW" : "CREATE TABLE AS";
  if (stmt.on_commit_position != 0 && !stmt.temporary) {
    throw Error(sqlstate::kInvalidTableDefinition,
                "ON COMMIT can only be used on temporary tables");
  }
  if (stmt.temporary) EnsureTempNamespace();
  std::string refresh_mode;
  std::vector<ast::RelationOption> auto_refresh_options;
  for (const ast::RelationOption& option : stmt.options) {
    if (stmt.materialized && option.name == "refresh_mode") {
      refresh_mode = CheckedRefreshMode(option.value);
      continue;
    }
    if (stmt.materialized && IsAutoRefreshOption(option.name)) {
      auto_refresh_options.push_back(option);
      continue;
    }
    if (!IsStorageParameter(option.name)) {
      throw Error(sqlstate::kInvalidParameterValue,
                  fmt::format("unrecognized parameter \"{}\"", option.name));
    }
  }
  std::unique_ptr<BoundSelect> query;
  catalog::proto::Table table;
  while (true) {
    std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
    Binder binder(*snapshot, database_oid_, user_, SearchPath());
    std::vector<catalog::proto::ViewReference> references;
    if (stmt.materialized) binder.RecordViewReferences(&references);
    query = binder.BindSelect(*stmt.query);
    table.Clear();
    table.set_database_oid(database_oid_);
    table.set_namespace_oid(binder.ResolveCreationNamespace(stmt.name, stmt.temporary));
    table.set_name(stmt.name.name);
    table.set_owner_oid(role_oid_);
    if (stmt.materialized) {
      table.set_relkind("m");
      table.set_view_query(
          WithLiteralTexts(stmt.query_text, stmt.query_position, DateTimeLiteralTexts(*query)));
      for (catalog::proto::ViewReference& ref : references) *table.add_view_references() = ref;
      table.set_populated(stmt.with_data);
    }
    SetQueryColumns(stmt, *query, &table);
    if (stmt.materialized) {
      SetRefreshMode(refresh_mode.empty() ? settings_.Get("default_matview_refresh_mode").value()
                                          : refresh_mode,
                     *query, &table);
      ApplyAutoRefreshOptions(auto_refresh_options, /*reset=*/false, &table);
    }
    for (const auto& read : binder.tables_read()) {
      LockRelation(*read, storage::LockLevel::kAccessShare);
    }
    if (writer_.View()->version() == snapshot->version()) break;
  }
  if (writer_.View()->RelationNameTaken(database_oid_, table.namespace_oid(), table.name())) {
    if (!stmt.if_not_exists) {
      throw Error(sqlstate::kDuplicateTable,
                  fmt::format("relation \"{}\" already exists", table.name()));
    }
    SendNotice(sink, sqlstate::kDuplicateTable,
               fmt::format("relation \"{}\" already exists, skipping", table.name()));
    sink.CommandComplete(created);
    return;
  }
  const Oid namespace_oid = table.namespace_oid();
  Status st = writer_.CreateTable(*txn_, std::move(table));
  if (!st.ok()) ThrowStatus(st);
  std::shared_ptr<const catalog::TableEntry> entry =
      writer_.View()->FindTable(database_oid_, namespace_oid, stmt.name.name);
  if (entry->def.incremental()) WatchTables(entry->def, /*watch=*/true);
  if (stmt.on_commit != ast::CreateTableStmt::OnCommit::kPreserveRows) {
    on_commit_[entry->def.oid()] = stmt.on_commit;
  }
  if (!stmt.with_data) {
    sink.CommandComplete(created);
    return;
  }
  if (!repeatable_read_) txn_->RefreshSnapshot();
  writer_.AddFilledRelation(entry->def.relation_id());
  for (const catalog::proto::Index& index : entry->def.indexes()) {
    writer_.AddFilledRelation(index.relation_id());
  }
  // An incremental view's place in the change log: what this snapshot sees.
  std::optional<ChangeLogPlace> place;
  if (entry->def.incremental() && !MaintainedImmediately(entry->def)) {
    place = FirstChangeLogPlace(entry->def);
  }
  RelationFill fill(store_, *txn_, *entry, FillMode(), interrupt_);
  RunBoundQuery(std::move(query), [&](const RowBatch& rows) { fill.Add(rows); });
  const uint64_t rows = fill.Finish();
  if (place) {
    place->view_rows = rows;
    WriteChangeLogPlace(*txn_, entry->def.oid(), *place);
  }
  sink.CommandComplete(fmt::format("SELECT {}", rows));
}

}  // namespace basalt::sql
