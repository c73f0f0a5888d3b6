#include "sql/execution/point_lookup.h"

#include "sql/execution/evaluate.h"

namespace basalt::sql {

bool PointLookup::Next(ExecContext& ctx, RowBatch* batch) {
  batch->clear();
  if (done_) return false;
  done_ = true;
  Row key;
  key.reserve(key_.size());
  static const Row kNoInput;
  for (const BoundExprPtr& e : key_) {
    key.push_back(Evaluate(*e, kNoInput, &ctx));
    if (key.back().is_null()) return false;  // pk = NULL matches nothing
  }
  storage::TableStore store(ctx.store, &table_->layout);
  storage::StoredRow stored;
  Result<bool> found = store.Lookup(ctx.txn, key, &stored);
  if (!found.ok()) ThrowStatus(found.status());
  if (!*found) return false;
  if (emit_key_) {
    stored.row.push_back(Value::String(std::move(stored.key)));
    stored.row.push_back(Value::String(std::move(stored.value)));
  }
  batch->push_back(std::move(stored.row));
  return true;
}

std::string PointLookup::Describe() const {
  return "Index Scan using " + table_->def.primary_key_name() + " on " + table_->def.name();
}

}  // namespace basalt::sql
