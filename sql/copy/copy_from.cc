#include "sql/copy/copy_from.h"

#include <utility>

#include <fmt/format.h>

#include "common/error.h"
#include "common/value_binary.h"
#include "common/value_text.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/modify_table.h"
#include "storage/index_key.h"
#include "storage/key_codec.h"
#include "storage/row_codec.h"
#include "storage/table_store.h"

namespace basalt::sql {

namespace {

// Rows per write: large enough that per-batch costs vanish, small enough
// that a batch's memory stays modest (pgbench_accounts rows: ~100 bytes).
constexpr size_t kBatchRows = 2048;

void Check(const Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

}  // namespace

CopyFromLoader::CopyFromLoader(std::shared_ptr<const catalog::TableEntry> table,
                               std::vector<int> columns, std::vector<BoundExprPtr> defaults,
                               const CopyOptions& options, bool direct)
    : table_(std::move(table)),
      columns_(std::move(columns)),
      defaults_(std::move(defaults)),
      direct_(direct),
      input_(
          options,
          [&] {
            std::vector<std::string> names;
            for (int c : columns_) names.push_back(table_->def.columns(c).name());
            return names;
          }(),
          table_->def.name()) {
  listed_.assign(static_cast<size_t>(table_->def.columns_size()), false);
  for (int c : columns_) {
    listed_[static_cast<size_t>(c)] = true;
    column_types_.push_back(table_->ColumnType(c));
    column_names_.push_back(table_->def.columns(c).name());
  }
  batch_.reserve(kBatchRows);
}

void CopyFromLoader::Feed(std::string_view data, ExecContext& ctx) {
  input_.Append(data);
  LoadRecords(/*at_end=*/false, ctx);
  input_.Compact();
}

uint64_t CopyFromLoader::Finish(ExecContext& ctx) {
  LoadRecords(/*at_end=*/true, ctx);
  input_.CheckEnd();
  FlushBatch(ctx);
  if (sorted_load_ != nullptr) Check(sorted_load_->Finish());
  constraints_.Finish(ctx);
  return rows_;
}

void CopyFromLoader::LoadRecords(bool at_end, ExecContext& ctx) {
  while (input_.Next(at_end, &record_)) {
    // Rows of the batch are reused: their values' storage stays allocated.
    if (batch_rows_ == batch_.size()) batch_.emplace_back();
    Row& row = batch_[batch_rows_++];
    MakeRow(record_, ctx, &row);
    try {
      CheckNotNull(*table_, row);
      constraints_.BeforeInsert(row, ctx);
    } catch (Error& error) {
      throw error.WithContext(input_.Context(nullptr, nullptr, /*with_line=*/true));
    }
    batch_lines_.push_back(input_.line());
    if (batch_rows_ == kBatchRows) FlushBatch(ctx);
  }
}

void CopyFromLoader::MakeRow(const CopyRecord& record, ExecContext& ctx, Row* row) {
  const size_t width = static_cast<size_t>(table_->def.columns_size());
  row->resize(width);
  // Rows are reused, so every column the record does not fill is set.
  for (size_t c = 0; c < width; ++c) {
    if (defaults_[c] != nullptr) {
      (*row)[c] = Evaluate(*defaults_[c], Row{}, &ctx);
    } else if (!listed_[c]) {
      (*row)[c] = Value::Null();
    }
  }
  for (size_t i = 0; i < columns_.size(); ++i) {
    Value& out = (*row)[static_cast<size_t>(columns_[i])];
    if (record.nulls[i]) {
      out = Value::Null();
      continue;
    }
    Result<Value> value = input_.binary() ? ValueFromBinary(record.fields[i], column_types_[i])
                                          : ValueFromText(record.fields[i], column_types_[i]);
    if (!value.ok()) {
      throw Error::FromStatus(value.status())
          .WithContext(input_.Context(&column_names_[i],
                                      input_.binary() ? nullptr : &record.fields[i], false));
    }
    out = std::move(value).value();
  }
}

void CopyFromLoader::FlushBatch(ExecContext& ctx) {
  if (batch_rows_ == 0) return;
  ctx.CheckForInterrupts();
  const storage::TableLayout& layout = table_->layout;
  if (!direct_) {
    storage::TableStore store(ctx.store, &layout);
    for (size_t i = 0; i < batch_rows_; ++i) {
      Status st = store.Insert(ctx.txn, batch_[i]);
      if (!st.ok()) {
        try {
          ThrowWriteFailure(*table_, batch_[i], st);
        } catch (Error& error) {
          throw error.WithContext(
              fmt::format("COPY {}, line {}", table_->def.name(), batch_lines_[i]));
        }
      }
    }
  } else {
    // Rows go to sorted files in row-id order (ids only grow); index entries
    // (in index order, not row order) go as unlocked batches, unsynced: the
    // commit that publishes the relation syncs the WAL they are in.
    if (sorted_load_ == nullptr) {
      Result<std::unique_ptr<storage::SortedLoad>> load =
          ctx.store.BeginSortedLoad(storage::ColumnFamily::kData);
      Check(load.status());
      sorted_load_ = std::move(load).value();
    }
    std::vector<std::pair<std::string, std::string>> entries;
    std::string key;
    std::string value;
    for (size_t r = 0; r < batch_rows_; ++r) {
      const Row& row = batch_[r];
      Result<uint64_t> row_id = ctx.store.NextRowId(layout.relation_id);
      Check(row_id.status());
      key.clear();
      storage::AppendRelationPrefix(layout.relation_id, &key);
      storage::AppendRowId(*row_id, &key);
      value.clear();
      storage::EncodeTableRow(layout, row, &value);
      Check(sorted_load_->Add(key, value));
      for (const storage::IndexLayout& index : layout.indexes) {
        if (!storage::IndexCoversRow(index, row)) continue;
        entries.emplace_back(storage::IndexEntryKey(index, layout.column_types, row, key),
                             storage::IndexEntryValue(index, layout.column_types, row, key));
      }
    }
    if (!entries.empty()) {
      Check(ctx.store.WriteUnlocked(storage::ColumnFamily::kData, entries, /*sync=*/false));
    }
    ctx.txn.row_writes()[layout.TableId()].inserted += batch_rows_;  // as TableStore::Insert
  }
  rows_ += batch_rows_;
  batch_rows_ = 0;
  batch_lines_.clear();
}

}  // namespace basalt::sql
