// pg_relation_size, pg_table_size, pg_indexes_size, pg_total_relation_size
// and pg_database_size: estimates of the bytes relations' keys take in
// RocksDB (SST files and memtables), not PostgreSQL's page counts
// (docs/sql-reference.md). Views and pg_catalog's relations take none; a
// primary key is the rows' own order, so its index takes none of its own.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/data_type.h"
#include "sql/catalog_names.h"
#include "sql/execution/exec_context.h"

namespace basalt::sql {

enum class RelationSizeKind {
  kRelation,  // the table's rows, or an index's entries
  kIndexes,   // the table's indexes
  kTotal,     // both
};

// nullopt (SQL NULL) when no relation has this OID.
std::optional<int64_t> RelationSize(const CatalogNames& names, Oid relation, RelationSizeKind kind,
                                    ExecContext& ctx);
// Every relation of the database; nullopt when no database has this OID.
std::optional<int64_t> DatabaseSize(const CatalogNames& names, Oid database, ExecContext& ctx);
// The database's OID; 3D000 when none has this name.
Oid DatabaseOidByName(const CatalogNames& names, std::string_view name);

}  // namespace basalt::sql
