#include "catalog/system_views.h"

#include <utility>

namespace basalt::catalog {
namespace {

// Each query returns the view's columns (system_view_specs.cc) in order
// and with their types.
constexpr std::pair<std::string_view, std::string_view> kSystemViews[] = {
    {"pg_roles",
     "SELECT a.rolname, a.rolsuper, a.rolinherit, a.rolcreaterole, a.rolcreatedb, "
     "a.rolcanlogin, a.rolreplication, a.rolconnlimit, '********'::text AS rolpassword, "
     "a.rolvaliduntil, a.rolbypassrls, NULL::text[] AS rolconfig, a.oid "
     "FROM pg_catalog.pg_authid a"},
    {"pg_shadow",
     "SELECT a.rolname AS usename, a.oid AS usesysid, a.rolcreatedb AS usecreatedb, "
     "a.rolsuper AS usesuper, a.rolreplication AS userepl, a.rolbypassrls AS usebypassrls, "
     "a.rolpassword AS passwd, a.rolvaliduntil AS valuntil, NULL::text[] AS useconfig "
     "FROM pg_catalog.pg_authid a WHERE a.rolcanlogin"},
    {"pg_user",
     "SELECT s.usename, s.usesysid, s.usecreatedb, s.usesuper, s.userepl, s.usebypassrls, "
     "'********'::text AS passwd, s.valuntil, s.useconfig FROM pg_catalog.pg_shadow s"},
    {"pg_tables",
     "SELECT n.nspname AS schemaname, c.relname AS tablename, "
     "pg_catalog.pg_get_userbyid(c.relowner) AS tableowner, NULL::name AS tablespace, "
     "c.relhasindex AS hasindexes, c.relhasrules AS hasrules, "
     "c.relhastriggers AS hastriggers, c.relrowsecurity AS rowsecurity "
     "FROM pg_catalog.pg_class c "
     "LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
     "WHERE c.relkind IN ('r', 'p')"},
    {"pg_views",
     "SELECT n.nspname AS schemaname, c.relname AS viewname, "
     "pg_catalog.pg_get_userbyid(c.relowner) AS viewowner, "
     "pg_catalog.pg_get_viewdef(c.oid) AS definition "
     "FROM pg_catalog.pg_class c "
     "LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
     "WHERE c.relkind = 'v'"},
    // Basalt has no security label providers: pg_seclabel and
    // pg_shseclabel are empty, and so is this view over them.
    {"pg_seclabels",
     "SELECT l.objoid, l.classoid, l.objsubid, NULL::text AS objtype, NULL::oid AS objnamespace, "
     "NULL::text AS objname, l.provider, l.label FROM pg_catalog.pg_seclabel l "
     "UNION ALL SELECT l.objoid, l.classoid, 0, NULL::text, NULL::oid, NULL::text, l.provider, "
     "l.label FROM pg_catalog.pg_shseclabel l"},
    {"pg_matviews",
     "SELECT n.nspname AS schemaname, c.relname AS matviewname, "
     "pg_catalog.pg_get_userbyid(c.relowner) AS matviewowner, NULL::name AS tablespace, "
     "c.relhasindex AS hasindexes, c.relispopulated AS ispopulated, "
     "pg_catalog.pg_get_viewdef(c.oid) AS definition "
     "FROM pg_catalog.pg_class c "
     "LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
     "WHERE c.relkind = 'm'"},
    {"pg_indexes",
     "SELECT n.nspname AS schemaname, c.relname AS tablename, i.relname AS indexname, "
     "NULL::name AS tablespace, pg_catalog.pg_get_indexdef(i.oid) AS indexdef "
     "FROM pg_catalog.pg_index x "
     "JOIN pg_catalog.pg_class c ON c.oid = x.indrelid "
     "JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid "
     "LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
     "WHERE c.relkind IN ('r', 'm', 'p') AND i.relkind IN ('i', 'I')"},
    {"pg_sequences",
     "SELECT n.nspname AS schemaname, c.relname AS sequencename, "
     "pg_catalog.pg_get_userbyid(c.relowner) AS sequenceowner, "
     "s.seqtypid::regtype AS data_type, s.seqstart AS start_value, s.seqmin AS min_value, "
     "s.seqmax AS max_value, s.seqincrement AS increment_by, s.seqcycle AS cycle, "
     "s.seqcache AS cache_size, pg_catalog.pg_sequence_last_value(c.oid) AS last_value "
     "FROM pg_catalog.pg_sequence s "
     "JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid "
     "LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
     "WHERE c.relkind = 'S'"},
};

}  // namespace

std::string_view SystemViewQuery(std::string_view name) {
  for (const auto& [view, query] : kSystemViews) {
    if (view == name) return query;
  }
  return {};
}

}  // namespace basalt::catalog
