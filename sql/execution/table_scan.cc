#include "sql/execution/table_scan.h"

#include "sql/execution/evaluate.h"

namespace basalt::sql {

bool TableScan::Next(ExecContext& ctx, RowBatch* batch) {
  batch->clear();
  if (done_) return false;
  if (it_ == nullptr) {
    store_ = std::make_unique<storage::TableStore>(ctx.store, table_->layout);
    it_ = store_->Scan(ctx.txn);
  }
  storage::StoredRow stored;
  while (batch->size() < kBatchSize) {
    Result<bool> more = it_->Next(&stored);
    if (!more.ok()) ThrowStatus(more.status());
    if (!*more) {
      done_ = true;
      break;
    }
    if (emit_key_) stored.row.push_back(Value::String(std::move(stored.key)));
    batch->push_back(std::move(stored.row));
  }
  return !batch->empty();
}

std::string TableScan::Describe() const {
  return "Seq Scan on " + table_->def.name();
}

}  // namespace basalt::sql
