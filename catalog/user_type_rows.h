// pg_catalog rows of the user-defined types of a database (CREATE TYPE).
#pragma once

#include <vector>

#include "catalog/catalog_snapshot.h"
#include "common/value.h"

namespace basalt::catalog {

// pg_type's rows of the database's types and their array types.
std::vector<Row> UserTypeRows(const CatalogSnapshot& snapshot, Oid database);
// pg_enum's rows: each label of each enum.
std::vector<Row> PgEnumRows(const CatalogSnapshot& snapshot, Oid database);

}  // namespace basalt::catalog
