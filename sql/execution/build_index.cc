#include "sql/execution/build_index.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "sql/execution/evaluate.h"
#include "sql/execution/modify_table.h"
#include "storage/index_key.h"

namespace basalt::sql {

namespace {

constexpr uint64_t kRowsPerProgress = 4096;  // rows between interrupt checks

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

namespace {

// A chunk of entries, sorted by key, handed to RocksDB as sorted files
// (KvStore::BeginSortedLoad): written once, never through the memtable.
// A unique index's keys are checked on the way: neighbours in the chunk,
// and for a chunk after the first, the chunks ingested before.
class ChunkWriter {
 public:
  ChunkWriter(storage::KvStore& store, storage::Transaction& txn, const catalog::TableEntry& table,
              const storage::IndexLayout& index)
      : store_(store), txn_(txn), table_(table), index_(index) {}

  void Write(std::vector<std::pair<std::string, std::string>>& chunk) {
    std::sort(chunk.begin(), chunk.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    if (index_.unique) CheckUnique(chunk);
    Result<std::unique_ptr<storage::SortedLoad>> load =
        store_.BeginSortedLoad(storage::ColumnFamily::kData);
    Check(load.status());
    for (const auto& [key, value] : chunk) Check((*load)->Add(key, value));
    Check((*load)->Finish());
    if (earlier_ == nullptr) {
      earlier_ = store_.Begin();
    } else {
      earlier_->RefreshSnapshot();
    }
  }

 private:
  void CheckUnique(const std::vector<std::pair<std::string, std::string>>& chunk) {
    for (size_t i = 0; i < chunk.size(); ++i) {
      bool found = i > 0 && chunk[i].first == chunk[i - 1].first;
      if (!found && earlier_ != nullptr) {
        std::string existing;
        Check(earlier_->Get(storage::ColumnFamily::kData, chunk[i].first, &existing, &found));
      }
      if (found) ThrowDuplicateOf(chunk[i].second);
    }
  }

  // 23505 naming the key of the row the entry value `value` leads to.
  [[noreturn]] void ThrowDuplicateOf(std::string_view value) {
    storage::TableStore rows(store_, table_.layout);
    storage::StoredRow stored;
    Result<bool> found =
        rows.Fetch(txn_, OrThrow(storage::IndexEntryRowKey(index_, value)), &stored);
    Check(found.status());
    ThrowDuplicateIndexKey(table_, index_, stored.row);
  }

  storage::KvStore& store_;
  storage::Transaction& txn_;
  const catalog::TableEntry& table_;
  const storage::IndexLayout& index_;
  std::unique_ptr<storage::Transaction> earlier_;  // reads the chunks written
};

// What an entry holds in memory beyond its bytes (the pair, two strings).
constexpr size_t kEntryOverhead = 80;

}  // namespace

void BuildIndex(storage::KvStore& store, storage::Transaction& txn,
                const catalog::TableEntry& table, const storage::IndexLayout& index,
                const Interrupt& interrupt, const std::function<void(uint64_t rows_done)>& on_batch,
                size_t memory_budget) {
  storage::TableStore rows(store, table.layout);
  std::unique_ptr<storage::RowIterator> it = rows.Scan(txn);
  ChunkWriter writer(store, txn, table, index);
  std::vector<std::pair<std::string, std::string>> chunk;
  size_t chunk_bytes = 0;
  uint64_t rows_done = 0;
  // Only the columns entries are made of are decoded; the others stay NULL.
  const std::vector<bool> key_columns =
      storage::IndexKeyColumns(index, table.layout.column_types.size());
  Row row(table.layout.column_types.size());
  while (true) {
    Result<bool> more = it->Advance();
    Check(more.status());
    if (!*more) break;
    if (++rows_done % kRowsPerProgress == 0) {
      Check(interrupt.Check());
      if (on_batch) on_batch(rows_done);
    }
    Check(it->DecodeColumns(key_columns, &row));
    if (!storage::IndexCoversRow(index, row)) continue;
    const std::string_view row_key = it->key();
    auto& entry = chunk.emplace_back(
        storage::IndexEntryKey(index, table.layout.column_types, row, row_key),
        storage::IndexEntryValue(index, table.layout.column_types, row, row_key));
    chunk_bytes += entry.first.size() + entry.second.size() + kEntryOverhead;
    if (chunk_bytes >= memory_budget) {
      writer.Write(chunk);
      chunk.clear();
      chunk_bytes = 0;
    }
  }
  Check(interrupt.Check());
  if (!chunk.empty()) writer.Write(chunk);
  if (on_batch) on_batch(rows_done);
}

}  // namespace basalt::sql
