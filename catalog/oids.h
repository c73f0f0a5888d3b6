// PostgreSQL's fixed OIDs for the bootstrap objects, so pg_catalog queries and
// drivers that hard-code them (pg_catalog = 11, public = 2200) keep working.
#pragma once

#include "common/data_type.h"

namespace basalt::catalog::oids {

inline constexpr Oid kBootstrapSuperuser = 10;  // role `basalt`
inline constexpr Oid kPgCatalogNamespace = 11;
inline constexpr Oid kPublicNamespace = 2200;
// Namespaces every PostgreSQL database has besides pg_catalog and public.
// Basalt adds them to each database when it loads the catalog (they are
// never stored): pg_toast stays empty, information_schema holds the
// information_schema views (catalog/information_schema_views.cc).
inline constexpr Oid kPgToastNamespace = 99;
inline constexpr Oid kInformationSchemaNamespace = 13207;
inline constexpr Oid kPostgresDatabase = 5;
// initdb's template databases: pg_database rows with datistemplate; no
// session may connect to template0 (datallowconn false), nor may DROP
// DATABASE remove either. CREATE DATABASE makes every database as
// template1 would, whichever template it names.
inline constexpr Oid kTemplate1Database = 1;
inline constexpr Oid kTemplate0Database = 4;
inline constexpr bool IsTemplateDatabase(Oid database) {
  return database == kTemplate1Database || database == kTemplate0Database;
}
inline constexpr bool DatabaseAllowsConnections(Oid database) {
  return database != kTemplate0Database;
}
// FirstNormalObjectId: every object created after bootstrap.
inline constexpr Oid kFirstUserOid = 16384;

}  // namespace basalt::catalog::oids
