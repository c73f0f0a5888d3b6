#include "catalog/system_relations.h"

#include <utility>

#include "catalog/oids.h"

namespace basalt::catalog {
namespace {

proto::Table View(Oid database, Oid oid, const char* name,
                  std::vector<std::pair<const char*, TypeId>> columns) {
  proto::Table t;
  t.set_oid(oid);
  t.set_database_oid(database);
  t.set_namespace_oid(oids::kPgCatalogNamespace);
  t.set_name(name);
  t.set_relkind("v");
  t.set_owner_oid(oids::kBootstrapSuperuser);
  int attnum = 0;
  for (const auto& [column_name, type] : columns) {
    proto::Column* c = t.add_columns();
    c->set_attnum(++attnum);
    c->set_name(column_name);
    c->set_type_id(static_cast<uint32_t>(type));
    c->set_typmod(-1);
  }
  return t;
}

}  // namespace

std::vector<proto::Table> SystemRelations(Oid database) {
  return {
      View(database, oids::kPgLocks, "pg_locks",
           {{"locktype", TypeId::kText},
            {"database", TypeId::kOid},
            {"relation", TypeId::kOid},
            {"page", TypeId::kInt4},
            {"tuple", TypeId::kInt2},
            {"virtualxid", TypeId::kText},
            {"transactionid", TypeId::kXid},
            {"classid", TypeId::kOid},
            {"objid", TypeId::kOid},
            {"objsubid", TypeId::kInt2},
            {"virtualtransaction", TypeId::kText},
            {"pid", TypeId::kInt4},
            {"mode", TypeId::kText},
            {"granted", TypeId::kBool},
            {"fastpath", TypeId::kBool},
            {"waitstart", TypeId::kTimestampTz}}),
      View(database, oids::kPgCursors, "pg_cursors",
           {{"name", TypeId::kText},
            {"statement", TypeId::kText},
            {"is_holdable", TypeId::kBool},
            {"is_binary", TypeId::kBool},
            {"is_scrollable", TypeId::kBool},
            {"creation_time", TypeId::kTimestampTz}}),
      View(database, oids::kPgPreparedStatements, "pg_prepared_statements",
           {{"name", TypeId::kText},
            {"statement", TypeId::kText},
            {"prepare_time", TypeId::kTimestampTz},
            {"parameter_types", TypeId::kRegtypeArray},
            {"from_sql", TypeId::kBool},
            {"generic_plans", TypeId::kInt8},
            {"custom_plans", TypeId::kInt8}}),
      // The materialized-view refreshes running now (sql/commands/matview/
      // refresh_board.h).
      View(database, oids::kPgStatProgressRefreshMatview, "pg_stat_progress_refresh_matview",
           {{"pid", TypeId::kInt4},
            {"datid", TypeId::kOid},
            {"relid", TypeId::kOid},
            {"strategy", TypeId::kText},
            {"phase", TypeId::kText},
            {"rows_done", TypeId::kInt8},
            {"rows_total_estimate", TypeId::kInt8}}),
      // Each materialized view's last refresh since the server started.
      View(database, oids::kBasaltMatviewStatus, "basalt_matview_status",
           {{"relid", TypeId::kOid},
            {"strategy", TypeId::kText},
            {"last_refresh", TypeId::kTimestampTz},
            {"duration_ms", TypeId::kFloat8},
            {"rows_inserted", TypeId::kInt8},
            {"rows_deleted", TypeId::kInt8}}),
  };
}

}  // namespace basalt::catalog
