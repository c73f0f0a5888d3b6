// basalt_index_check(index regclass) -> bigint: whether an index holds
// exactly one entry per row of its table, as the calling statement's
// snapshot sees both (PostgreSQL's amcheck with heapallindexed, for
// Basalt's entries). The tests of CREATE INDEX CONCURRENTLY use it.
#pragma once

#include <cstdint>

#include "common/data_type.h"
#include "sql/catalog_names.h"
#include "sql/execution/exec_context.h"

namespace basalt::sql {

// The index's entry count. Fails with XX002 (index_corrupted) naming the
// first entry without its row or row without its entry, 42809 for a
// relation that is not an index, 42P01 for none. Reads the whole table and
// index; the expected entries are held in memory.
int64_t CheckIndexEntries(const CatalogNames& names, Oid index_oid, ExecContext& ctx);

}  // namespace basalt::sql
