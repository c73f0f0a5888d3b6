// The relations of pg_catalog whose rows Basalt computes when they are read
// (sql/execution/system_scan.cc) instead of storing them: pg_locks, and the
// session's own pg_cursors, pg_prepared_statements and pg_settings; pg_class, pg_attribute and the
// other catalogs drivers read will join them. They exist in every database, with PostgreSQL 15's
// OIDs and columns, and are never written to storage.
#pragma once

#include <vector>

#include <string_view>

#include "catalog/builtin_types.h"
#include "catalog/proto/catalog.pb.h"
#include "common/data_type.h"

namespace basalt::catalog {

namespace oids {
inline constexpr Oid kPgStats = 12053;
inline constexpr Oid kPgLocks = 12073;
inline constexpr Oid kPgCursors = 12077;
inline constexpr Oid kPgPreparedStatements = 12095;
inline constexpr Oid kPgSettings = 12104;
inline constexpr Oid kPgStatAllTables = 12142;
inline constexpr Oid kPgStatSysTables = 12152;
inline constexpr Oid kPgStatUserTables = 12161;
inline constexpr Oid kPgStatioAllTables = 12170;
inline constexpr Oid kPgStatioSysTables = 12175;
inline constexpr Oid kPgStatioUserTables = 12179;
inline constexpr Oid kPgStatAllIndexes = 12183;
inline constexpr Oid kPgStatSysIndexes = 12188;
inline constexpr Oid kPgStatUserIndexes = 12192;
inline constexpr Oid kPgStatioAllIndexes = 12196;
inline constexpr Oid kPgStatioSysIndexes = 12201;
inline constexpr Oid kPgStatioUserIndexes = 12205;
inline constexpr Oid kPgStatioAllSequences = 12209;
inline constexpr Oid kPgStatioSysSequences = 12214;
inline constexpr Oid kPgStatioUserSequences = 12218;
inline constexpr Oid kPgStatDatabaseConflicts = 12271;
inline constexpr Oid kPgStatActivity = 12222;
inline constexpr Oid kPgStatSsl = 12249;
inline constexpr Oid kPgStatGssapi = 12253;
inline constexpr Oid kPgStatDatabase = 12266;
inline constexpr Oid kPgStatProgressCreateIndex = 12312;
// Basalt's own, with OIDs PostgreSQL 15 leaves free below 16384.
inline constexpr Oid kPgStatProgressRefreshMatview = 15000;
inline constexpr Oid kBasaltMatviewStatus = 15001;
}  // namespace oids

// The definitions of pg_catalog's relations in `database` (relation_id 0):
// the computed ones, whose rows catalog_rows.h or the session produce, and
// the system views (view_query set), bound like views when read.
std::vector<proto::Table> SystemRelations(Oid database);

// The information_schema domain column `attnum` of information_schema's
// view `view` is declared with (pg_attribute.atttypid), or nullptr.
const InformationSchemaDomain* InformationSchemaColumnDomain(std::string_view view, int attnum);

}  // namespace basalt::catalog
