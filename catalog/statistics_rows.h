// pg_stats: a row per analyzed column (ANALYZE's statistics, kept in each
// table's definition: sql/commands/analyze.h), in PostgreSQL 15's columns.
// most_common_vals and histogram_bounds are text[] where PostgreSQL's are
// anyarray: the same text when printed.
#pragma once

#include <vector>

#include "catalog/catalog_snapshot.h"
#include "common/value.h"

namespace basalt::catalog {

std::vector<Row> PgStatsRows(const CatalogSnapshot& snapshot, Oid database);

}  // namespace basalt::catalog
