#include "sql/execution/evaluate.h"
#include "sql/execution/modify_table.h"

namespace basalt::sql {

bool Update::Next(ExecContext& ctx, RowBatch* batch) {
  std::vector<Row> targets;
  RowBatch input;
  while (children_[0]->Next(ctx, &input)) {
    for (Row& row : input) targets.push_back(std::move(row));
  }
  storage::TableStore store(ctx.store, table_->layout);
  const size_t width = static_cast<size_t>(table_->def.columns_size());
  for (Row& old_row : targets) {
    std::string key = old_row.back().AsString();
    Row new_row(old_row.begin(), old_row.begin() + static_cast<std::ptrdiff_t>(width));
    // Every SET expression sees the old row, as in PostgreSQL.
    for (const BoundAssignment& a : assignments_) {
      new_row[a.column] = Evaluate(*a.expr, old_row, &ctx);
    }
    CheckNotNull(*table_, new_row);
    Status st = store.Update(ctx.txn, key, new_row);
    if (!st.ok()) ThrowWriteFailure(*table_, new_row, st);
    ++ctx.rows_affected;
  }
  batch->clear();
  return false;
}

bool Delete::Next(ExecContext& ctx, RowBatch* batch) {
  std::vector<std::string> keys;
  RowBatch input;
  while (children_[0]->Next(ctx, &input)) {
    for (Row& row : input) keys.push_back(row.back().AsString());
  }
  storage::TableStore store(ctx.store, table_->layout);
  for (const std::string& key : keys) {
    Status st = store.Delete(ctx.txn, key);
    if (!st.ok()) ThrowStatus(st);
    ++ctx.rows_affected;
  }
  batch->clear();
  return false;
}

}  // namespace basalt::sql
