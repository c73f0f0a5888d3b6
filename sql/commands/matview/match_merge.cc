#include "sql/commands/matview/match_merge.h"

#include <fmt/format.h>

#include <cctype>

#include "common/error.h"
#include "common/value_text.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/modify_table.h"
#include "storage/index_key.h"

namespace basalt::sql {

namespace {

// What a new row costs in memory beside its bytes: the hash node, its
// string header and the bucket.
constexpr int64_t kNewRowOverhead = 80;
// A queued delete's cost beside its bytes.
constexpr int64_t kDeleteOverhead = 64;
// Splits of one partition before it is matched in memory whatever its size
// (the hash has 16 levels of 4 bits).
constexpr int kMaxPartitionLevel = 8;

void Check(const Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

// A row as PostgreSQL's record_out prints it: `(1,,"a b")`.
std::string RecordText(const Row& row, const std::vector<DataType>& types) {
  std::string out = "(";
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out += ",";
    if (row[i].is_null()) continue;
    const std::string text = ValueToText(row[i], types[i]);
    bool quote = text.empty();
    for (char c : text) {
      if (c == '"' || c == '\\' || c == '(' || c == ')' || c == ',' ||
          std::isspace(static_cast<unsigned char>(c))) {
        quote = true;
      }
    }
    if (!quote) {
      out += text;
      continue;
    }
    out += '"';
    for (char c : text) {
      if (c == '"' || c == '\\') out += c;
      out += c;
    }
    out += '"';
  }
  return out + ")";
}

bool HasNull(const Row& row) {
  for (const Value& v : row) {
    if (v.is_null()) return true;
  }
  return false;
}

// The columns of the view's unique indexes: PostgreSQL joins old and new
// rows on them with `=`, so a row with NULL in one never matches.
std::vector<int> UniqueKeyColumns(const storage::TableLayout& layout) {
  std::vector<int> columns;
  for (const storage::IndexLayout& index : layout.indexes) {
    if (!index.unique || index.predicate != nullptr || storage::HasExpressions(index)) continue;
    for (const storage::IndexLayout::KeyColumn& c : index.columns) columns.push_back(c.column);
  }
  return columns;
}

Row Decode(const storage::TableLayout& layout, std::string_view bytes) {
  Row row;
  Check(storage::DecodeTableRow(layout, bytes, &row));
  return row;
}

// Spilled rows are pairs: a new row's bytes and count, or a stored row's
// key and bytes.
Row Pair(std::string first, Value second) {
  Row row;
  row.reserve(2);
  row.push_back(Value::String(std::move(first)));
  row.push_back(std::move(second));
  return row;
}

}  // namespace

MatchMerge::MatchMerge(ExecContext& ctx, const catalog::TableEntry& view)
    : ctx_(ctx), view_(view), key_columns_(UniqueKeyColumns(view.layout)) {
  memory_.Attach(ctx);
  delete_memory_.Attach(ctx);
}

MatchMerge::~MatchMerge() = default;

void MatchMerge::AddNew(const Row& row) {
  std::string bytes;
  storage::EncodeTableRow(view_.layout, row, &bytes);
  if (!new_partitions_.empty()) {
    SpillFile& file = *new_partitions_[SpillPartitionOf(bytes, 0)];
    file.Write(Pair(std::move(bytes), Value::Int(1)));
    return;
  }
  Count(std::move(bytes), 1);
  if (memory_.OverWorkMem()) SpillNewRows();
}

void MatchMerge::Count(std::string bytes, uint64_t count) {
  const int64_t size = static_cast<int64_t>(bytes.size()) + kNewRowOverhead;
  auto [it, added] = new_rows_.try_emplace(std::move(bytes));
  if (added) memory_.Add(size);
  const uint64_t before = it->second.count;
  it->second.count += count;
  if (before < 2 && it->second.count >= 2) CheckDuplicate(it->first);
}

void MatchMerge::CheckDuplicate(const std::string& bytes) const {
  const Row row = Decode(view_.layout, bytes);
  if (HasNull(row)) return;
  throw Error(sqlstate::kCardinalityViolation,
              fmt::format("new data for materialized view \"{}\" contains duplicate rows "
                          "without any null columns",
                          view_.def.name()))
      .WithDetail("Row: " + RecordText(row, view_.layout.column_types));
}

MatchMerge::NewRow* MatchMerge::Match(const std::string& stored_bytes, const Row* stored_row) {
  auto it = new_rows_.find(stored_bytes);
  if (it == new_rows_.end()) return nullptr;
  if (key_columns_.empty()) return &it->second;
  const Row decoded = stored_row != nullptr ? Row{} : Decode(view_.layout, stored_bytes);
  const Row& row = stored_row != nullptr ? *stored_row : decoded;
  for (int c : key_columns_) {
    if (row[static_cast<size_t>(c)].is_null()) return nullptr;
  }
  return &it->second;
}

MatchMerge::Partitions MatchMerge::NewPartitions() {
  Partitions files;
  const size_t block = SpillBlockSize(memory_.work_mem(), kSpillPartitions);
  for (size_t p = 0; p < kSpillPartitions; ++p) {
    files.push_back(std::make_unique<SpillFile>(ctx_, &memory_.spill(), block));
  }
  return files;
}

void MatchMerge::SpillNewRows() {
  new_partitions_ = NewPartitions();
  for (auto& [bytes, row] : new_rows_) {
    const size_t p = SpillPartitionOf(bytes, 0);
    new_partitions_[p]->Write(Pair(bytes, Value::Int(static_cast<int64_t>(row.count))));
  }
  ClearNewRows();
}

void MatchMerge::ClearNewRows() {
  new_rows_.clear();
  memory_.ReleaseAll();
}

uint64_t MatchMerge::DeleteUnmatched(storage::TableStore& table) {
  const bool spilled = !new_partitions_.empty();
  Partitions stored_partitions;
  if (spilled) {
    for (auto& file : new_partitions_) file->EndWrite();
    stored_partitions = NewPartitions();
  }
  // The scan only reads: rows are deleted after it (or from the partitions).
  std::unique_ptr<storage::RowIterator> it = table.Scan(ctx_.txn);
  storage::StoredRow stored;
  while (true) {
    Result<bool> more = it->Next(&stored);
    Check(more.status());
    if (!*more) break;
    ctx_.CheckForInterrupts();
    if (spilled) {
      const size_t p = SpillPartitionOf(stored.value, 0);
      stored_partitions[p]->Write(
          Pair(std::move(stored.key), Value::String(std::move(stored.value))));
    } else if (NewRow* match = Match(stored.value, &stored.row)) {
      match->matched = true;
    } else {
      QueueDelete(stored);
    }
    stored = {};
  }
  it.reset();
  if (!spilled) {
    DeleteQueued(table);
    return deleted_;
  }
  for (size_t p = 0; p < kSpillPartitions; ++p) {
    stored_partitions[p]->EndWrite();
    MatchPartition(table, *new_partitions_[p], *stored_partitions[p], 1);
    new_partitions_[p].reset();
    stored_partitions[p].reset();
  }
  return deleted_;
}

void MatchMerge::MatchPartition(storage::TableStore& table, SpillFile& new_rows,
                                SpillFile& stored_rows, int level) {
  Row row;
  new_rows.Rewind();
  while (new_rows.Read(&row)) {
    Count(row[0].AsString(), static_cast<uint64_t>(row[1].AsInt()));
    if (!memory_.OverWorkMem() || level >= kMaxPartitionLevel) continue;
    // Too large for memory: split both sides on further bits of the hash.
    ClearNewRows();
    Partitions new_parts = NewPartitions();
    Partitions stored_parts = NewPartitions();
    // A new row's bytes come first, a stored row's second (after its key).
    auto split = [&](SpillFile& from, Partitions& to, size_t bytes_column) {
      from.Rewind();
      while (from.Read(&row)) to[SpillPartitionOf(row[bytes_column].AsString(), level)]->Write(row);
      for (auto& file : to) file->EndWrite();
    };
    split(new_rows, new_parts, 0);
    split(stored_rows, stored_parts, 1);
    for (size_t p = 0; p < kSpillPartitions; ++p) {
      MatchPartition(table, *new_parts[p], *stored_parts[p], level + 1);
      new_parts[p].reset();
      stored_parts[p].reset();
    }
    return;
  }
  stored_rows.Rewind();
  while (stored_rows.Read(&row)) {
    ctx_.CheckForInterrupts();
    if (NewRow* match = Match(row[1].AsString(), nullptr)) {
      match->matched = true;
    } else {
      Delete(table, row[0].AsString(), row[1].AsString());
    }
  }
  KeepUnmatched();
}

void MatchMerge::KeepUnmatched() {
  if (unmatched_ == nullptr) {
    unmatched_ =
        std::make_unique<SpillFile>(ctx_, &memory_.spill(), SpillBlockSize(memory_.work_mem(), 1));
  }
  for (auto& [bytes, row] : new_rows_) {
    if (!row.matched) unmatched_->Write(Pair(bytes, Value::Int(static_cast<int64_t>(row.count))));
  }
  ClearNewRows();
}

void MatchMerge::QueueDelete(storage::StoredRow& stored) {
  if (deletes_file_ != nullptr) {
    deletes_file_->Write(Pair(std::move(stored.key), Value::String(std::move(stored.value))));
    return;
  }
  delete_memory_.Add(static_cast<int64_t>(stored.key.size() + stored.value.size()) +
                     kDeleteOverhead);
  deletes_.emplace_back(std::move(stored.key), std::move(stored.value));
  if (!delete_memory_.OverWorkMem()) return;
  deletes_file_ =
      std::make_unique<SpillFile>(ctx_, &memory_.spill(), SpillBlockSize(memory_.work_mem(), 1));
  for (auto& [key, value] : deletes_) {
    deletes_file_->Write(Pair(std::move(key), Value::String(std::move(value))));
  }
  deletes_.clear();
  delete_memory_.ReleaseAll();
}

void MatchMerge::DeleteQueued(storage::TableStore& table) {
  for (auto& [key, value] : deletes_) Delete(table, std::move(key), std::move(value));
  deletes_.clear();
  delete_memory_.ReleaseAll();
  if (deletes_file_ == nullptr) return;
  deletes_file_->EndWrite();
  deletes_file_->Rewind();
  Row row;
  while (deletes_file_->Read(&row)) Delete(table, row[0].AsString(), row[1].AsString());
  deletes_file_.reset();
}

void MatchMerge::Delete(storage::TableStore& table, std::string key, std::string value) {
  ctx_.CheckForInterrupts();
  storage::LockedRow old{std::move(key), std::move(value), {}};
  old.row = Decode(view_.layout, old.value);
  Check(table.Delete(ctx_.txn, old));
  ++deleted_;
}

uint64_t MatchMerge::InsertUnmatched(storage::TableStore& table) {
  if (unmatched_ == nullptr) {
    for (const auto& [bytes, row] : new_rows_) {
      if (!row.matched) Insert(table, bytes, row.count);
    }
    ClearNewRows();
    return inserted_;
  }
  unmatched_->EndWrite();
  unmatched_->Rewind();
  Row row;
  while (unmatched_->Read(&row)) {
    Insert(table, row[0].AsString(), static_cast<uint64_t>(row[1].AsInt()));
  }
  unmatched_.reset();
  return inserted_;
}

void MatchMerge::Insert(storage::TableStore& table, const std::string& bytes, uint64_t count) {
  ctx_.CheckForInterrupts();
  const Row row = Decode(view_.layout, bytes);
  for (uint64_t i = 0; i < count; ++i) {
    Status st = table.Insert(ctx_.txn, row);
    if (!st.ok()) ThrowWriteFailure(view_, row, st);
    ++inserted_;
  }
}

}  // namespace basalt::sql
