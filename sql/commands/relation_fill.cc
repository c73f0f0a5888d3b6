#include "sql/commands/relation_fill.h"

#include "common/error.h"
#include "sql/execution/build_index.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/modify_table.h"
#include "storage/key_codec.h"
#include "storage/row_codec.h"
#include "storage/table_store.h"

namespace basalt::sql {

namespace {

constexpr size_t kRowsPerWrite = 4096;

void Check(const Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

}  // namespace

RelationFill::RelationFill(storage::KvStore& store, storage::Transaction& txn,
                           const catalog::TableEntry& table, Mode mode, const Interrupt& interrupt)
    : store_(store), txn_(txn), table_(table), mode_(mode), interrupt_(interrupt) {}

void RelationFill::Add(const RowBatch& rows) {
  const storage::TableLayout& layout = table_.layout;
  if (mode_ == Mode::kTransactional) {
    storage::TableStore store(store_, &layout);
    for (const Row& row : rows) {
      Status st = store.Insert(txn_, row);
      if (!st.ok()) ThrowWriteFailure(table_, row, st);
    }
    rows_ += rows.size();
    return;
  }
  for (const Row& row : rows) {
    // Hidden row ids from the relation's own counter, so later inserts
    // (a concurrent refresh) never reuse one.
    Result<uint64_t> row_id = store_.NextRowId(layout.relation_id);
    Check(row_id.status());
    std::string key = storage::RelationPrefix(layout.relation_id);
    storage::AppendRowId(*row_id, &key);
    std::string value;
    storage::EncodeTableRow(layout, row, &value);
    batch_.emplace_back(std::move(key), std::move(value));
    if (batch_.size() == kRowsPerWrite) Flush();
  }
  txn_.row_writes()[layout.TableId()].inserted += rows.size();  // as TableStore::Insert
  rows_ += rows.size();
}

void RelationFill::Flush() {
  Check(interrupt_.Check());
  Check(store_.WriteUnlocked(storage::ColumnFamily::kData, batch_, /*sync=*/false));
  batch_.clear();
}

uint64_t RelationFill::Finish() {
  if (mode_ == Mode::kTransactional) return rows_;
  if (!batch_.empty()) Flush();
  txn_.RefreshSnapshot();
  for (const storage::IndexLayout& index : table_.layout.indexes) {
    BuildIndex(store_, txn_, table_, index, interrupt_);
  }
  return rows_;
}

}  // namespace basalt::sql
