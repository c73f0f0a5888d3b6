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
// FirstNormalObjectId: every object created after bootstrap.
inline constexpr Oid kFirstUserOid = 16384;

}  // namespace basalt::catalog::oids
