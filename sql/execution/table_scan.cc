#include "sql/execution/table_scan.h"

#include "common/stack_depth.h"
#include "sql/activity_counts.h"
#include "sql/execution/evaluate.h"

namespace basalt::sql {

namespace {

void MarkColumns(const BoundExpr& e, std::vector<bool>* columns) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kColumn && e.column_index >= 0 &&
      static_cast<size_t>(e.column_index) < columns->size()) {
    (*columns)[static_cast<size_t>(e.column_index)] = true;
  }
  for (const BoundExprPtr& c : e.children) MarkColumns(*c, columns);
}

void Check(const Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

}  // namespace

TableScan::TableScan(std::shared_ptr<const catalog::TableEntry> table, bool emit_key,
                     const BoundExpr* predicate, std::vector<bool> columns)
    : table_(std::move(table)),
      emit_key_(emit_key),
      predicate_(predicate),
      columns_(std::move(columns)) {
  const size_t width = table_->layout.column_types.size();
  if (columns_.size() != width) columns_.assign(width, true);
  for (size_t i = 0; i < width; ++i) {
    if (!columns_[i]) unread_columns_.push_back(i);
  }
  if (predicate_ != nullptr) {
    predicate_columns_.assign(width, false);
    MarkColumns(*predicate_, &predicate_columns_);
    scratch_.resize(width);
  }
}

TableScan::~TableScan() {
  if (started_) ServerActivityCounts().AddSeqScan(table_->def.oid(), rows_read_);
}

bool TableScan::Next(ExecContext& ctx, RowBatch* batch) {
  if (done_) {
    batch->clear();
    return false;
  }
  started_ = true;
  if (it_ == nullptr && ranges_ == nullptr) {
    store_ = std::make_unique<storage::TableStore>(ctx.store, &table_->layout);
    it_ = store_->Scan(ctx.txn);
  }
  ctx.CheckForInterrupts();
  const size_t width = columns_.size();
  // Rows are decoded into the rows of the batch the caller handed back
  // (those it did not move away): no allocation per row, and most Values
  // are overwritten in place by a value of the same kind.
  size_t count = 0;
  while (count < kBatchSize) {
    // A parallel scan goes on with the next range no one has taken.
    if (it_ == nullptr) it_ = ranges_->Take();
    if (it_ == nullptr) {
      done_ = true;
      break;
    }
    Result<bool> more = it_->Advance();
    if (!more.ok()) ThrowStatus(more.status());
    if (!*more) {
      if (ranges_ == nullptr) {
        done_ = true;
        break;
      }
      it_.reset();
      continue;
    }
    ++rows_read_;
    // Rows the predicate rejects cost only the decoding of its columns.
    if (predicate_ != nullptr) {
      Check(it_->DecodeColumns(predicate_columns_, &scratch_));
      if (!EvaluatePredicate(*predicate_, scratch_, &ctx)) {
        ++rows_removed_;
        continue;
      }
    }
    if (count == batch->size()) batch->emplace_back();
    Row& row = (*batch)[count++];
    row.resize(width + (emit_key_ ? 2 : 0));
    for (size_t column : unread_columns_) row[column].SetNull();
    Check(it_->DecodeColumns(columns_, &row));
    if (emit_key_) {
      row[width].SetString(it_->key());
      row[width + 1].SetString(it_->value());
    }
  }
  batch->resize(count);
  return count > 0;
}

std::string TableScan::Describe() const {
  return "Seq Scan on " + table_->def.name();
}

}  // namespace basalt::sql
