#include "sql/execution/index_scan.h"

#include <algorithm>

#include "catalog/catalog_rows.h"
#include "sql/activity_counts.h"
#include "sql/execution/evaluate.h"
#include "storage/index_key.h"
#include "storage/key_codec.h"

namespace basalt::sql {

namespace {

// Index key bytes after a column's NULL-first marker and before its
// NULL-last one: every non-NULL value (storage/index_key.cc).
constexpr char kValuesBegin = 0x01;
constexpr char kValuesEnd = 0x02;

}  // namespace

void IndexScan::ComputeRanges(ExecContext& ctx) {
  const storage::IndexLayout index = AccessedIndex(*table_, access_);
  static const Row kNoInput;
  // Rows are stored under their primary key's table encoding; index
  // entries under the index's (with NULL markers and DESC columns).
  auto append = [&](const Value& v, size_t k, std::string* key) {
    const DataType& type = storage::IndexKeyType(index.columns[k], table_->layout.column_types);
    if (access_.primary_key()) {
      storage::AppendKeyValue(v, type, key);
    } else {
      storage::AppendIndexKeyValue(v, type, index.columns[k], key);
    }
  };
  std::string prefix = storage::RelationPrefix(index.relation_id);
  for (size_t k = 0; k < access_.equal.size(); ++k) {
    Value v = Evaluate(*access_.equal[k], kNoInput, &ctx);
    if (v.is_null()) return;  // `a = NULL` is never true
    append(v, k, &prefix);
  }
  const size_t k = access_.equal.size();
  if (!access_.in_list.empty()) {
    auto add = [&](const Value& v) {
      if (v.is_null()) return;
      std::string point = prefix;
      append(v, k, &point);
      ranges_.emplace_back(point, storage::PrefixSuccessor(point));
    };
    for (const BoundExprPtr& e : access_.in_list) {
      Value v = Evaluate(*e, kNoInput, &ctx);
      if (!access_.in_array) {
        add(v);
      } else if (!v.is_null()) {
        for (const Value& element : v.AsArray()) add(element);
      }
    }
    // Key order (so an ORDER BY holds), each value once, as PostgreSQL's
    // `= ANY` index scans.
    std::sort(ranges_.begin(), ranges_.end());
    ranges_.erase(std::unique(ranges_.begin(), ranges_.end()), ranges_.end());
  } else if (access_.is_null) {
    std::string point = prefix;
    append(Value::Null(), k, &point);
    ranges_.emplace_back(point, storage::PrefixSuccessor(point));
  } else if (access_.lower == nullptr && access_.upper == nullptr) {
    ranges_.emplace_back(prefix, storage::PrefixSuccessor(prefix));
  } else {
    const bool descending = index.columns[k].descending;
    // (Primary-key columns hold no NULLs, and no markers.)
    std::string lower = access_.primary_key() ? prefix : prefix + kValuesBegin;
    std::string upper =
        access_.primary_key() ? storage::PrefixSuccessor(prefix) : prefix + kValuesEnd;
    // A bound on the value is a bound on the key, the other way round for a
    // DESC column; strict bounds step past every key holding the value.
    auto bound = [&](const BoundExprPtr& e, bool inclusive, bool is_lower) {
      Value v = Evaluate(*e, kNoInput, &ctx);
      if (v.is_null()) return false;
      std::string key = prefix;
      append(v, k, &key);
      if (is_lower != descending) {
        std::string start = inclusive ? key : storage::PrefixSuccessor(key);
        lower = std::max(lower, start);
      } else {
        std::string end = inclusive ? storage::PrefixSuccessor(key) : key;
        upper = std::min(upper, end);
      }
      return true;
    };
    if (access_.lower != nullptr && !bound(access_.lower, access_.lower_inclusive, true)) return;
    if (access_.upper != nullptr && !bound(access_.upper, access_.upper_inclusive, false)) return;
    if (lower < upper) ranges_.emplace_back(std::move(lower), std::move(upper));
  }
  if (access_.backward) std::reverse(ranges_.begin(), ranges_.end());
}

bool IndexScan::OpenNextRange(ExecContext& ctx) {
  if (next_range_ == ranges_.size()) return false;
  const auto& [lower, upper] = ranges_[next_range_++];
  it_ = access_.backward ? ctx.txn.ScanBackward(storage::ColumnFamily::kData, lower, upper)
                         : ctx.txn.Scan(storage::ColumnFamily::kData, lower, upper);
  return true;
}

IndexScan::~IndexScan() {
  if (!started_) return;
  const Oid index = access_.primary_key() ? catalog::PrimaryKeyIndexOid(table_->def)
                                          : table_->def.indexes(access_.index).oid();
  ServerActivityCounts().AddIndexScan(table_->def.oid(), index, entries_read_, rows_fetched_);
}

bool IndexScan::Next(ExecContext& ctx, RowBatch* batch) {
  batch->clear();
  if (done_) return false;
  if (!started_) {
    started_ = true;
    store_ = std::make_unique<storage::TableStore>(ctx.store, &table_->layout);
    ComputeRanges(ctx);
    if (!OpenNextRange(ctx)) {
      done_ = true;
      return false;
    }
  } else {
    it_->Next();
  }
  storage::StoredRow stored;
  size_t read = 0;
  while (true) {
    if (!it_->Valid()) {
      Status st = it_->status();
      if (!st.ok()) ThrowStatus(st);
      if (!OpenNextRange(ctx)) {
        done_ = true;
        break;
      }
      continue;
    }
    if (++read % kBatchSize == 0) ctx.CheckForInterrupts();
    Result<bool> found = ReadRow(ctx, &stored);
    if (!found.ok()) ThrowStatus(found.status());
    ++entries_read_;
    if (*found && !access_.index_only) ++rows_fetched_;
    // Entry and row are read at one snapshot, so the row is there; a
    // missing one is skipped rather than trusted.
    const bool passes =
        *found && (filter_ == nullptr || EvaluatePredicate(*filter_, stored.row, &ctx));
    if (*found && !passes) ++rows_removed_;
    if (passes) {
      if (emit_key_) {
        stored.row.push_back(Value::String(std::move(stored.key)));
        stored.row.push_back(Value::String(std::move(stored.value)));
      }
      batch->push_back(std::move(stored.row));
      if (batch->size() == batch_limit_) break;  // the iterator stays on this entry
    }
    it_->Next();
  }
  batch_limit_ = std::min(batch_limit_ * 4, kBatchSize);
  return !batch->empty();
}

Result<bool> IndexScan::ReadRow(ExecContext& ctx, storage::StoredRow* stored) {
  if (access_.index_only) {
    // The entry's key and INCLUDE values hold every column the plan reads;
    // the others stay NULL, as in a scan that decodes only the columns read.
    const storage::IndexLayout& index = table_->layout.indexes[static_cast<size_t>(access_.index)];
    stored->row.assign(table_->layout.column_types.size(), Value::Null());
    BASALT_RETURN_IF_ERROR(
        storage::DecodeIndexEntryKey(index, table_->layout.column_types, it_->key(), &stored->row));
    BASALT_RETURN_IF_ERROR(storage::DecodeIndexEntryIncluded(index, table_->layout.column_types,
                                                             it_->value(), &stored->row));
    return true;
  }
  if (!access_.primary_key()) {
    BASALT_ASSIGN_OR_RETURN(
        std::string_view row_key,
        storage::IndexEntryRowKey(table_->layout.indexes[static_cast<size_t>(access_.index)],
                                  it_->value()));
    return store_->Fetch(ctx.txn, row_key, stored);
  }
  // The entry is the row.
  stored->key.assign(it_->key());
  stored->value.assign(it_->value());
  BASALT_RETURN_IF_ERROR(storage::DecodeTableRow(table_->layout, stored->value, &stored->row));
  return true;
}

std::string IndexScan::Describe() const {
  return std::string(access_.index_only ? "Index Only Scan" : "Index Scan") + " using " +
         AccessedIndexName(*table_, access_) + " on " + table_->def.name();
}

}  // namespace basalt::sql
