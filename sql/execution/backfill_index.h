// The backfill of CREATE INDEX CONCURRENTLY: entries for the rows a table
// held before writers began maintaining the new index, written while those
// writers go on (docs/architecture.md, "Indexes built while writes go on").
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "catalog/catalog.h"
#include "storage/kv_store.h"
#include "storage/table_store.h"

namespace basalt::sql {

// How far a backfill got: committed with each batch of entries, so a build
// cut short (crash, cancel, a duplicate) resumes after `last_row_key`.
struct BackfillPosition {
  std::string last_row_key;  // empty: nothing done yet
  uint64_t rows_done = 0;
};

// The position recorded for the index stored in relation `index_relation`
// (nullopt: none, the backfill has not committed a batch).
Result<std::optional<BackfillPosition>> ReadBackfillPosition(storage::KvStore& store,
                                                             uint32_t index_relation);
// Removes the record (the build completed, or the index is dropped), in `txn`.
Status ForgetBackfillPosition(storage::Transaction& txn, uint32_t index_relation);

// Writes `index`'s entries for the table's rows after `*position`, in
// batches of their own transactions, each committing its entries with the
// new position. REQUIRES: every writer of the table maintains the index
// (it was published, and the writers that started before waited for), so
// only rows committed before a batch's snapshot lack entries.
//
// A batch runs under snapshot isolation: writing an entry that a writer
// changed after the batch's snapshot (it deleted or moved the row) fails
// with 40001, and the batch is redone, smaller, at a new snapshot; so is
// one that loses a deadlock to a writer. A unique index's entry held by another row
// fails with 23505 `could not create unique index` and the duplicated key
// in DETAIL. `options` gives the batches their lock owner, interrupt and
// lock timeout. `on_batch` hears each committed position.
void BackfillIndex(storage::KvStore& store, const storage::TransactionOptions& options,
                   const catalog::TableEntry& table, const storage::IndexLayout& index,
                   BackfillPosition* position,
                   const std::function<void(const BackfillPosition&)>& on_batch);

}  // namespace basalt::sql
