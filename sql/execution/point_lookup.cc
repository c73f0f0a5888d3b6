#include "sql/execution/point_lookup.h"

#include <algorithm>

#include "catalog/catalog_rows.h"
#include "sql/activity_counts.h"
#include "sql/execution/evaluate.h"
#include "storage/key_codec.h"

namespace basalt::sql {

void PointLookup::ComputeKeys(ExecContext& ctx) {
  static const Row kNoInput;
  const storage::TableLayout& layout = table_->layout;
  auto column_type = [&](size_t k) {
    return layout.column_types[static_cast<size_t>(layout.primary_key[k])];
  };
  std::string prefix = storage::RelationPrefix(layout.relation_id);
  for (size_t k = 0; k < key_.size(); ++k) {
    Value v = Evaluate(*key_[k], kNoInput, &ctx);
    if (v.is_null()) return;  // pk = NULL matches nothing
    storage::AppendKeyValue(v, column_type(k), &prefix);
  }
  if (list_ == nullptr) {
    keys_.push_back(std::move(prefix));
    return;
  }
  const size_t k = key_.size();
  auto add = [&](const Value& v) {
    if (v.is_null()) return;  // matches nothing
    std::string key = prefix;
    storage::AppendKeyValue(v, column_type(k), &key);
    keys_.push_back(std::move(key));
  };
  if (list_->kind == BoundExprKind::kIn) {
    for (size_t i = 1; i < list_->children.size(); ++i) {
      add(Evaluate(*list_->children[i], kNoInput, &ctx));
    }
  } else {
    Value array = Evaluate(*list_->children[1], kNoInput, &ctx);
    if (array.is_null()) return;
    for (const Value& v : array.AsArray()) add(v);
  }
  // Key order, each row once, as PostgreSQL's `= ANY` index scans.
  std::sort(keys_.begin(), keys_.end());
  keys_.erase(std::unique(keys_.begin(), keys_.end()), keys_.end());
}

PointLookup::~PointLookup() {
  // As an index scan of the primary key: one entry per row found.
  if (started_) {
    ServerActivityCounts().AddIndexScan(table_->def.oid(), catalog::PrimaryKeyIndexOid(table_->def),
                                        rows_fetched_, rows_fetched_);
  }
}

bool PointLookup::Next(ExecContext& ctx, RowBatch* batch) {
  batch->clear();
  if (!started_) {
    started_ = true;
    ComputeKeys(ctx);
  }
  storage::TableStore store(ctx.store, &table_->layout);
  storage::StoredRow stored;
  while (next_key_ < keys_.size() && batch->size() < kBatchSize) {
    Result<bool> found = store.Fetch(ctx.txn, keys_[next_key_++], &stored);
    if (!found.ok()) ThrowStatus(found.status());
    if (!*found) continue;
    ++rows_fetched_;
    if (emit_key_) {
      stored.row.push_back(Value::String(std::move(stored.key)));
      stored.row.push_back(Value::String(std::move(stored.value)));
    }
    batch->push_back(std::move(stored.row));
    if (next_key_ % kBatchSize == 0) ctx.CheckForInterrupts();
  }
  return !batch->empty();
}

std::string PointLookup::Describe() const {
  return "Index Scan using " + table_->def.primary_key_name() + " on " + table_->def.name();
}

}  // namespace basalt::sql
