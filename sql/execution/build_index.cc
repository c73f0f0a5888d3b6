#include "sql/execution/build_index.h"

#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "sql/execution/evaluate.h"
#include "sql/execution/modify_table.h"
#include "storage/index_key.h"

namespace basalt::sql {

namespace {

constexpr size_t kEntriesPerBatch = 4096;

void Check(const Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

}  // namespace

void ThrowDuplicateIndexKey(const catalog::TableEntry& table, const storage::IndexLayout& index,
                            const Row& row) {
  throw Error(sqlstate::kUniqueViolation,
              fmt::format("could not create unique index \"{}\"", index.name))
      .WithDetail(fmt::format("Key {} is duplicated.", IndexKeyText(table, index, row)));
}

void BuildIndex(storage::KvStore& store, storage::Transaction& txn,
                const catalog::TableEntry& table, const storage::IndexLayout& index,
                const Interrupt& interrupt,
                const std::function<void(uint64_t rows_done)>& on_batch) {
  storage::TableStore rows(store, table.layout);
  std::unique_ptr<storage::RowIterator> it = rows.Scan(txn);
  // Entries are written in unlocked batches (nobody else knows the relation
  // yet); a unique index checks each key against the batches written (read
  // through `written`, refreshed after each) and the batch being filled.
  std::unique_ptr<storage::Transaction> written = store.Begin();
  std::vector<std::pair<std::string, std::string>> batch;
  std::unordered_set<std::string> batch_keys;
  uint64_t rows_done = 0;
  auto flush = [&] {
    Check(interrupt.Check());
    Check(store.WriteUnlocked(storage::ColumnFamily::kData, batch, /*sync=*/false));
    rows_done += batch.size();
    if (on_batch) on_batch(rows_done);
    batch.clear();
    batch_keys.clear();
    written->RefreshSnapshot();
  };
  // Only the columns entries are made of are decoded; the others stay NULL.
  const std::vector<bool> key_columns =
      storage::IndexKeyColumns(index, table.layout.column_types.size());
  Row row(table.layout.column_types.size());
  while (true) {
    Result<bool> more = it->Advance();
    Check(more.status());
    if (!*more) break;
    Check(it->DecodeColumns(key_columns, &row));
    if (!storage::IndexCoversRow(index, row)) continue;
    const std::string_view row_key = it->key();
    std::string key = storage::IndexEntryKey(index, table.layout.column_types, row, row_key);
    if (storage::IndexEntryIsUnique(index, row)) {
      std::string existing;
      bool found = !batch_keys.insert(key).second;
      if (!found) Check(written->Get(storage::ColumnFamily::kData, key, &existing, &found));
      if (found) ThrowDuplicateIndexKey(table, index, row);
    }
    batch.emplace_back(std::move(key),
                       storage::IndexEntryValue(index, table.layout.column_types, row, row_key));
    if (batch.size() == kEntriesPerBatch) flush();
  }
  if (!batch.empty()) flush();
}

}  // namespace basalt::sql
