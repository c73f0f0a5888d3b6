// The rows of pg_stat_all_tables, pg_stat_user_tables, pg_statio_user_tables,
// pg_stat_all_indexes, pg_stat_user_indexes and pg_stat_database: the
// server's counts (sql/activity_counts.h) for the tables, materialized views
// and indexes of a database and for the databases, as PostgreSQL 15's views
// over its statistics functions.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "catalog/catalog_snapshot.h"
#include "common/value.h"

namespace basalt::sql {

// Null when `relation` is none of those.
std::optional<std::vector<Row>> TableActivityRows(Oid relation,
                                                  const catalog::CatalogSnapshot& snapshot,
                                                  Oid database);

// pg_stat_database: PostgreSQL's row for the shared catalogs (datid 0),
// then one per database; `backends`: the sessions in each database now.
std::vector<Row> DatabaseActivityRows(const catalog::CatalogSnapshot& snapshot,
                                      const std::map<Oid, int64_t>& backends);

}  // namespace basalt::sql
