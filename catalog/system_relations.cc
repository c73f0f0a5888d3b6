#include "catalog/system_relations.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "catalog/information_schema_views.h"
#include "catalog/oids.h"
#include "catalog/system_relation_specs.h"
#include "catalog/system_views.h"

namespace basalt::catalog {
namespace {

// A column type of PostgreSQL's catalogs as Basalt has it. Types Basalt
// lacks (bytea, pg_lsn, anyarray, inet, ...) are text;
// their columns are NULL in every row Basalt computes.
TypeId CatalogColumnType(std::string_view typname) {
  static constexpr std::pair<std::string_view, TypeId> kTypes[] = {
      {"bool", TypeId::kBool},
      {"int2", TypeId::kInt2},
      {"int4", TypeId::kInt4},
      {"int8", TypeId::kInt8},
      {"float4", TypeId::kFloat4},
      {"float8", TypeId::kFloat8},
      {"numeric", TypeId::kNumeric},
      {"text", TypeId::kText},
      {"oid", TypeId::kOid},
      {"xid", TypeId::kXid},
      {"name", TypeId::kName},
      {"char", TypeId::kChar},
      {"regproc", TypeId::kRegproc},
      {"regtype", TypeId::kRegtype},
      {"regclass", TypeId::kRegclass},
      {"pg_node_tree", TypeId::kPgNodeTree},
      {"timestamptz", TypeId::kTimestampTz},
      {"interval", TypeId::kInterval},
      {"_oid", TypeId::kOidArray},
      {"_int2", TypeId::kInt2Array},
      {"_text", TypeId::kTextArray},
      {"_name", TypeId::kNameArray},
      {"_char", TypeId::kCharArray},
      {"_bool", TypeId::kBoolArray},
      {"_float4", TypeId::kFloat4Array},
      {"_float8", TypeId::kFloat8Array},
      {"_regtype", TypeId::kRegtypeArray},
      {"int2vector", TypeId::kInt2Vector},
      {"oidvector", TypeId::kOidVector},
      {"_aclitem", TypeId::kAclItemArray},
      // information_schema's domains, as their base types.
      {"sql_identifier", TypeId::kName},
      {"cardinal_number", TypeId::kInt4},
      {"character_data", TypeId::kVarchar},
      {"yes_or_no", TypeId::kVarchar},
      {"time_stamp", TypeId::kTimestampTz},
  };
  for (const auto& [name, id] : kTypes) {
    if (name == typname) return id;
  }
  return TypeId::kText;
}

// A spec's columns as (name, PostgreSQL's type name) pairs, in order.
std::vector<std::pair<std::string_view, std::string_view>> SpecColumns(
    const SystemRelationSpec& spec) {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  std::string_view columns = spec.columns;
  while (!columns.empty()) {
    const size_t end = std::min(columns.find(','), columns.size());
    std::string_view column = columns.substr(0, end);
    columns.remove_prefix(std::min(end + 1, columns.size()));
    const size_t space = column.find(' ');
    out.emplace_back(column.substr(0, space), column.substr(space + 1));
  }
  return out;
}

proto::Table FromSpec(Oid database, Oid namespace_oid, const SystemRelationSpec& spec,
                      std::string_view view_query) {
  proto::Table t;
  t.set_oid(spec.oid);
  t.set_database_oid(database);
  t.set_namespace_oid(namespace_oid);
  t.set_name(spec.name);
  t.set_relkind(std::string(1, spec.relkind));
  t.set_owner_oid(oids::kBootstrapSuperuser);
  t.set_view_query(std::string(view_query));
  int attnum = 0;
  for (const auto& [name, type] : SpecColumns(spec)) {
    proto::Column* c = t.add_columns();
    c->set_attnum(++attnum);
    c->set_name(std::string(name));
    c->set_type_id(static_cast<uint32_t>(CatalogColumnType(type)));
    c->set_typmod(-1);
  }
  return t;
}

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
  std::vector<proto::Table> relations = {
      View(database, oids::kPgStats, "pg_stats",
           {{"schemaname", TypeId::kName},
            {"tablename", TypeId::kName},
            {"attname", TypeId::kName},
            {"inherited", TypeId::kBool},
            {"null_frac", TypeId::kFloat4},
            {"avg_width", TypeId::kInt4},
            {"n_distinct", TypeId::kFloat4},
            {"most_common_vals", TypeId::kTextArray},
            {"most_common_freqs", TypeId::kFloat4Array},
            {"histogram_bounds", TypeId::kTextArray},
            {"correlation", TypeId::kFloat4},
            {"most_common_elems", TypeId::kTextArray},
            {"most_common_elem_freqs", TypeId::kFloat4Array},
            {"elem_count_histogram", TypeId::kFloat4Array}}),
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
            {"rows_total_estimate", TypeId::kInt8},
            {"changes_done", TypeId::kInt8},
            {"changes_total", TypeId::kInt8}}),
      // Each materialized view: its settings, its last refresh since the
      // server started, what it has not applied, the automatic refresher's
      // state (sql/commands/matview/matview_status.cc).
      View(database, oids::kBasaltMatviewStatus, "basalt_matview_status",
           {{"relid", TypeId::kOid},
            {"schemaname", TypeId::kName},
            {"matviewname", TypeId::kName},
            {"refresh_mode", TypeId::kText},
            {"ispopulated", TypeId::kBool},
            {"auto_refresh", TypeId::kBool},
            {"refresh_interval", TypeId::kInterval},
            {"max_staleness", TypeId::kInterval},
            {"last_refresh_start", TypeId::kTimestampTz},
            {"last_refresh", TypeId::kTimestampTz},
            {"strategy", TypeId::kText},
            {"duration_ms", TypeId::kFloat8},
            {"rows_inserted", TypeId::kInt8},
            {"rows_deleted", TypeId::kInt8},
            {"pending_changes", TypeId::kInt8},
            {"pending_by_table", TypeId::kTextArray},
            {"fallback_reason", TypeId::kText},
            {"staleness", TypeId::kInterval},
            {"sequence_lag", TypeId::kInt8},
            {"auto_refresh_state", TypeId::kText},
            {"last_auto_refresh_error", TypeId::kText}}),
  };
  for (const auto* specs : {&CatalogTableSpecs(), &SystemViewSpecs()}) {
    for (const SystemRelationSpec& spec : *specs) {
      relations.push_back(
          FromSpec(database, oids::kPgCatalogNamespace, spec, SystemViewQuery(spec.name)));
    }
  }
  for (const SystemRelationSpec& spec : InformationSchemaSpecs()) {
    relations.push_back(FromSpec(database, oids::kInformationSchemaNamespace, spec,
                                 InformationSchemaViewQuery(spec.name)));
  }
  return relations;
}

const InformationSchemaDomain* InformationSchemaColumnDomain(std::string_view view, int attnum) {
  for (const SystemRelationSpec& spec : InformationSchemaSpecs()) {
    if (spec.name != view) continue;
    const auto columns = SpecColumns(spec);
    if (attnum < 1 || attnum > static_cast<int>(columns.size())) return nullptr;
    return InformationSchemaDomainByName(columns[attnum - 1].second);
  }
  return nullptr;
}

}  // namespace basalt::catalog
