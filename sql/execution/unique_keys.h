// Deferrable UNIQUE constraints at run time. Their index keeps its entries
// as a non-unique index does — the key values, then the row key — so a
// statement or a transaction may hold duplicates for a while (PostgreSQL's
// UNIQUE_CHECK_PARTIAL); each key a writer gives such an index is checked
// at the statement's end, or at COMMIT while the constraint is deferred
// (deferred_constraints.h): at most one row may have it then.
#pragma once

#include <optional>

#include "catalog/catalog.h"
#include "sql/execution/exec_context.h"
#include "storage/table_store.h"

namespace basalt::sql {

// The values of `index`'s columns in `row`, in the index's order, or
// nullopt with a NULL among them (NULLs never conflict, unless the index
// is NULLS NOT DISTINCT).
std::optional<Row> UniqueKeyOf(const storage::IndexLayout& index, const Row& row);

// 23505 `duplicate key value violates unique constraint` with PostgreSQL's
// DETAIL unless at most one row of `table` has `key` in `index`, among the
// newest committed rows and this transaction's. The key is locked first
// (until the transaction ends), so two transactions checking one key are
// ordered and the second sees the first's row once it committed.
void CheckUniqueKey(const catalog::TableEntry& table, const storage::IndexLayout& index,
                    const Row& key, ExecContext& ctx);

// The same for every key of `index` (ALTER TABLE ADD UNIQUE ... DEFERRABLE
// over existing rows).
void CheckUniqueIndex(const catalog::TableEntry& table, const storage::IndexLayout& index,
                      ExecContext& ctx);

}  // namespace basalt::sql
