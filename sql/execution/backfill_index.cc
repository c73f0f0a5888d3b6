#include "sql/execution/backfill_index.h"

#include <algorithm>
#include <memory>
#include <vector>

#include "sql/execution/build_index.h"
#include "sql/execution/evaluate.h"
#include "storage/coding.h"
#include "storage/index_key.h"
#include "storage/transaction.h"

namespace basalt::sql {

namespace {

// Small enough that a batch holds its entry locks (which a writer of the
// same keys waits for) for milliseconds only. A batch a writer came
// between is redone at half the size (down to kFewestRowsPerBatch), so rows
// written without pause cannot keep a large batch failing for ever.
constexpr size_t kRowsPerBatch = 1024;
constexpr size_t kFewestRowsPerBatch = 8;

std::string PositionKey(uint32_t index_relation) {
  std::string key = "index_backfill/";
  storage::AppendBigEndian32(index_relation, &key);
  return key;
}

std::string EncodePosition(const BackfillPosition& position) {
  std::string value;
  storage::AppendBigEndian64(position.rows_done, &value);
  value += position.last_row_key;
  return value;
}

void Check(const Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

// Whether a batch failed only because a writer came between: it is redone.
bool Retryable(const Status& status) {
  return status.code() == sqlstate::kSerializationFailure ||
         status.code() == sqlstate::kDeadlockDetected;
}

// One batch: the entries of up to `rows_per_batch` rows after *position,
// committed with the new position. Returns the rows it covered (0: the
// table ended), or a retryable failure.
Result<size_t> RunBatch(storage::KvStore& store, const storage::TransactionOptions& options,
                        const catalog::TableEntry& table, const storage::IndexLayout& index,
                        const std::vector<bool>& key_columns, size_t rows_per_batch,
                        BackfillPosition* position) {
  std::unique_ptr<storage::Transaction> txn = store.Begin(options);
  storage::TableStore rows(store, &table.layout);
  // The first key after the last one done: that key and a zero byte.
  std::unique_ptr<storage::RowIterator> it =
      position->last_row_key.empty()
          ? rows.Scan(*txn)
          : rows.ScanFrom(*txn, position->last_row_key + std::string(1, '\0'));
  Row row(table.layout.column_types.size());
  BackfillPosition next = *position;
  size_t covered = 0;
  while (covered < rows_per_batch) {
    BASALT_ASSIGN_OR_RETURN(bool more, it->Advance());
    if (!more) break;
    BASALT_RETURN_IF_ERROR(it->DecodeColumns(key_columns, &row));
    const std::string_view row_key = it->key();
    if (!storage::IndexCoversRow(index, row)) {  // left out by a partial index
      next.last_row_key.assign(row_key);
      ++covered;
      continue;
    }
    const std::string entry =
        storage::IndexEntryKey(index, table.layout.column_types, row, row_key);
    bool locked = false;
    if (storage::IndexEntryIsUnique(index, row)) {
      std::string holder;
      bool found = false;
      BASALT_RETURN_IF_ERROR(
          txn->GetForUpdate(storage::ColumnFamily::kData, entry, &holder, &found));
      if (found) {
        BASALT_ASSIGN_OR_RETURN(std::string_view holder_key,
                                storage::IndexEntryRowKey(index, holder));
        if (holder_key != row_key) ThrowDuplicateIndexKey(table, index, row);
      }
      locked = true;
    }
    BASALT_RETURN_IF_ERROR(
        txn->Put(storage::ColumnFamily::kData, entry,
                 storage::IndexEntryValue(index, table.layout.column_types, row, row_key), locked));
    next.last_row_key.assign(row_key);
    ++covered;
  }
  if (covered == 0) return size_t{0};
  next.rows_done += covered;
  BASALT_RETURN_IF_ERROR(
      txn->Put(storage::ColumnFamily::kMeta, PositionKey(index.relation_id), EncodePosition(next)));
  BASALT_RETURN_IF_ERROR(txn->Commit());
  *position = std::move(next);
  return covered;
}

}  // namespace

Result<std::optional<BackfillPosition>> ReadBackfillPosition(storage::KvStore& store,
                                                             uint32_t index_relation) {
  std::unique_ptr<storage::Transaction> txn = store.Begin();
  std::string value;
  bool found = false;
  BASALT_RETURN_IF_ERROR(
      txn->Get(storage::ColumnFamily::kMeta, PositionKey(index_relation), &value, &found));
  if (!found) return std::optional<BackfillPosition>();
  if (value.size() < 8) return Status::Corruption("index backfill position");
  return std::optional<BackfillPosition>(
      BackfillPosition{value.substr(8), storage::ReadBigEndian(value, 8)});
}

Status ForgetBackfillPosition(storage::Transaction& txn, uint32_t index_relation) {
  return txn.Delete(storage::ColumnFamily::kMeta, PositionKey(index_relation));
}

void BackfillIndex(storage::KvStore& store, const storage::TransactionOptions& options,
                   const catalog::TableEntry& table, const storage::IndexLayout& index,
                   BackfillPosition* position,
                   const std::function<void(const BackfillPosition&)>& on_batch) {
  storage::TransactionOptions batch_options = options;
  batch_options.isolation = storage::IsolationLevel::kRepeatableRead;
  // A crash loses at most the last batches, with their positions: the build
  // resumes before them. The build's final catalog commit syncs them all.
  batch_options.synchronous_commit = false;
  const std::vector<bool> key_columns =
      storage::IndexKeyColumns(index, table.layout.column_types.size());
  size_t rows_per_batch = kRowsPerBatch;
  while (true) {
    if (options.interrupt != nullptr) Check(options.interrupt->Check());
    Result<size_t> covered =
        RunBatch(store, batch_options, table, index, key_columns, rows_per_batch, position);
    if (!covered.ok()) {
      if (!Retryable(covered.status())) ThrowStatus(covered.status());
      rows_per_batch = std::max(rows_per_batch / 2, kFewestRowsPerBatch);
      continue;
    }
    if (*covered == 0) return;
    if (on_batch) on_batch(*position);
    if (*covered < rows_per_batch) return;
    rows_per_batch = std::min(rows_per_batch * 2, kRowsPerBatch);
  }
}

}  // namespace basalt::sql
