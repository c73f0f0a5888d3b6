// Fills a new index from its table's rows (CREATE INDEX on a populated
// table), in sorted chunks of bounded size.
#pragma once

#include <functional>

#include "catalog/catalog.h"
#include "common/interrupt.h"
#include "storage/kv_store.h"
#include "storage/table_store.h"
#include "storage/transaction.h"

namespace basalt::sql {

// Reads the table through `txn` (its snapshot plus its own writes) and
// writes one entry per row into `index`'s relation: entries are gathered up
// to `memory_budget` bytes (maintenance_work_mem), sorted, and ingested as
// sorted files (KvStore::BeginSortedLoad), as PostgreSQL sorts before it
// writes its btree. The relation is new and not yet published, so nobody
// else reads it; the caller registers it with
// CatalogWriter::AddFilledRelation so a rollback removes it.
// REQUIRES: the table is locked against writers (SHARE).
// Throws 23505 `could not create unique index "t_a_key"` with DETAIL
// `Key (a)=(1) is duplicated.` for a unique index over duplicates (NULLs
// never conflict), or the interrupt's error (cancel, statement_timeout).
// 23505 `could not create unique index "i"` with DETAIL `Key (a)=(1) is
// duplicated.`: `row` (its key columns decoded) repeats another row's key.
[[noreturn]] void ThrowDuplicateIndexKey(const catalog::TableEntry& table,
                                         const storage::IndexLayout& index, const Row& row);

// PostgreSQL's default maintenance_work_mem.
inline constexpr size_t kDefaultMaintenanceWorkMem = size_t{64} << 20;

// `on_batch` hears the rows read every few thousand rows and at the end.
void BuildIndex(storage::KvStore& store, storage::Transaction& txn,
                const catalog::TableEntry& table, const storage::IndexLayout& index,
                const Interrupt& interrupt,
                const std::function<void(uint64_t rows_done)>& on_batch = {},
                size_t memory_budget = kDefaultMaintenanceWorkMem);

}  // namespace basalt::sql
