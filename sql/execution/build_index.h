// Fills a new index from its table's rows (CREATE INDEX on a populated
// table), in bounded batches.
#pragma once

#include <functional>

#include "catalog/catalog.h"
#include "common/interrupt.h"
#include "storage/kv_store.h"
#include "storage/table_store.h"
#include "storage/transaction.h"

namespace basalt::sql {

// Reads the table through `txn` (its snapshot plus its own writes) and
// writes one entry per row into `index`'s relation, every few thousand
// entries as one unlocked write of their own (KvStore::WriteUnlocked), so
// memory stays bounded whatever the table's size. The relation is new and not yet
// published, so nobody else reads it; the caller registers it with
// CatalogWriter::AddFilledRelation so a rollback removes it.
// REQUIRES: the table is locked against writers (SHARE).
// Throws 23505 `could not create unique index "t_a_key"` with DETAIL
// `Key (a)=(1) is duplicated.` for a unique index over duplicates (NULLs
// never conflict), or the interrupt's error (cancel, statement_timeout).
// 23505 `could not create unique index "i"` with DETAIL `Key (a)=(1) is
// duplicated.`: `row` (its key columns decoded) repeats another row's key.
[[noreturn]] void ThrowDuplicateIndexKey(const catalog::TableEntry& table,
                                         const storage::IndexLayout& index, const Row& row);

// `on_batch` hears the rows done after each batch.
void BuildIndex(storage::KvStore& store, storage::Transaction& txn,
                const catalog::TableEntry& table, const storage::IndexLayout& index,
                const Interrupt& interrupt,
                const std::function<void(uint64_t rows_done)>& on_batch = {});

}  // namespace basalt::sql
