#include "sql/execution/build_index.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "sql/activity_counts.h"
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

// An entry, and the row's place in the scan (duplicates are reported in
// scan order, as a build writing entries row by row would meet them).
struct Entry {
  std::string key;
  std::string value;
  uint64_t row = 0;
};

// A chunk of entries, sorted by key, handed to RocksDB as sorted files
// (KvStore::BeginSortedLoad): written once, never through the memtable.
// A unique index's keys are checked on the way: neighbours in the chunk,
// and for a chunk after the first, the chunks ingested before.
class ChunkWriter {
 public:
  ChunkWriter(storage::KvStore& store, storage::Transaction& txn, const catalog::TableEntry& table,
              const storage::IndexLayout& index)
      : store_(store), txn_(txn), table_(table), index_(index) {}

  void Write(std::vector<Entry>& chunk) {
    std::sort(chunk.begin(), chunk.end(), [](const Entry& a, const Entry& b) {
      return a.key != b.key ? a.key < b.key : a.row < b.row;
    });
    if (index_.unique) CheckUnique(chunk);
    Result<std::unique_ptr<storage::SortedLoad>> load =
        store_.BeginSortedLoad(storage::ColumnFamily::kData);
    Check(load.status());
    for (const Entry& entry : chunk) Check((*load)->Add(entry.key, entry.value));
    Check((*load)->Finish());
    if (earlier_ == nullptr) {
      earlier_ = store_.Begin();
    } else {
      earlier_->RefreshSnapshot();
    }
  }

 private:
  // 23505 for the first row in scan order whose key an earlier row had.
  void CheckUnique(const std::vector<Entry>& chunk) {
    const Entry* first = nullptr;
    for (size_t i = 0; i < chunk.size(); ++i) {
      bool found = i > 0 && chunk[i].key == chunk[i - 1].key;
      if (!found && earlier_ != nullptr) {
        std::string existing;
        Check(earlier_->Get(storage::ColumnFamily::kData, chunk[i].key, &existing, &found));
      }
      if (found && (first == nullptr || chunk[i].row < first->row)) first = &chunk[i];
    }
    if (first != nullptr) ThrowDuplicateOf(first->value);
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

// What an entry holds in memory beyond its bytes (the struct, two strings).
constexpr size_t kEntryOverhead = 88;

}  // namespace

void BuildIndex(storage::KvStore& store, storage::Transaction& txn,
                const catalog::TableEntry& table, const storage::IndexLayout& index,
                const Interrupt& interrupt, const std::function<void(uint64_t rows_done)>& on_batch,
                size_t memory_budget) {
  storage::TableStore rows(store, table.layout);
  std::unique_ptr<storage::RowIterator> it = rows.Scan(txn);
  ChunkWriter writer(store, txn, table, index);
  std::vector<Entry> chunk;
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
    const Entry& entry = chunk.emplace_back(
        Entry{storage::IndexEntryKey(index, table.layout.column_types, row, row_key),
              storage::IndexEntryValue(index, table.layout.column_types, row, row_key), rows_done});
    chunk_bytes += entry.key.size() + entry.value.size() + kEntryOverhead;
    if (chunk_bytes >= memory_budget) {
      writer.Write(chunk);
      chunk.clear();
      chunk_bytes = 0;
    }
  }
  Check(interrupt.Check());
  if (!chunk.empty()) writer.Write(chunk);
  if (on_batch) on_batch(rows_done);
  // As PostgreSQL's index builds, a sequential scan of the table.
  ServerActivityCounts().AddSeqScan(table.def.oid(), rows_done);
}

}  // namespace basalt::sql
