#include "sql/execution/build_index.h"

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

void BuildIndex(storage::KvStore& store, storage::Transaction& txn,
                const catalog::TableEntry& table, const storage::IndexLayout& index,
                const Interrupt& interrupt) {
  storage::TableStore rows(store, table.layout);
  std::unique_ptr<storage::RowIterator> it = rows.Scan(txn);
  std::unique_ptr<storage::Transaction> batch;
  size_t in_batch = 0;
  storage::StoredRow row;
  while (true) {
    Result<bool> more = it->Next(&row);
    Check(more.status());
    if (!*more) break;
    if (batch == nullptr) {
      Check(interrupt.Check());
      batch = store.Begin();
    }
    std::string key = storage::IndexEntryKey(index, table.layout.column_types, row.row, row.key);
    if (storage::IndexEntryIsUnique(index, row.row)) {
      // The batch sees its own entries and the batches committed before it.
      std::string existing;
      bool found = false;
      Check(batch->Get(storage::ColumnFamily::kData, key, &existing, &found));
      if (found) {
        std::vector<int> columns;
        for (const storage::IndexLayout::KeyColumn& c : index.columns) columns.push_back(c.column);
        throw Error(sqlstate::kUniqueViolation,
                    fmt::format("could not create unique index \"{}\"", index.name))
            .WithDetail(
                fmt::format("Key {} is duplicated.", IndexKeyText(table, row.row, columns)));
      }
    }
    Check(batch->Put(storage::ColumnFamily::kData, key, row.key));
    if (++in_batch == kEntriesPerBatch) {
      Check(batch->Commit());
      batch.reset();
      in_batch = 0;
    }
  }
  if (batch != nullptr) Check(batch->Commit());
}

}  // namespace basalt::sql
