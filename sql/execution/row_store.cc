#include "sql/execution/row_store.h"

#include <algorithm>

namespace basalt::sql {

void RowStore::Append(ExecContext& ctx, Row row) {
  memory_.Add(RowMemory(row));
  rows_.push_back(std::move(row));
  if (memory_.OverWorkMem()) Spill(ctx);
}

void RowStore::Spill(ExecContext& ctx) {
  if (file_ == nullptr) {
    file_ =
        std::make_unique<SpillFile>(ctx, &memory_.spill(), SpillBlockSize(memory_.work_mem(), 1));
  }
  runs_.push_back({spilled_rows_, file_->bytes()});
  for (const Row& row : rows_) file_->Write(row);
  file_->EndWrite();  // readers read only what is flushed
  spilled_rows_ += rows_.size();
  std::vector<Row>().swap(rows_);
  memory_.ReleaseAll();
}

void RowStore::Locate(Cursor& cursor) {
  // The last run starting at or before the row, then the rows before it.
  auto run = std::upper_bound(runs_.begin(), runs_.end(), cursor.next,
                              [](size_t row, const SpilledRun& r) { return row < r.first_row; });
  --run;
  cursor.offset = run->offset;
  Row skipped;
  for (size_t row = run->first_row; row < cursor.next; ++row) {
    cursor.offset = file_->ReadAt(cursor.offset, &skipped);
  }
  cursor.offset_known = true;
}

Row RowStore::Read(Cursor& cursor) {
  if (cursor.next >= spilled_rows_) {
    cursor.offset_known = false;  // a later spill moves the row to the file
    return rows_[cursor.next++ - spilled_rows_];
  }
  if (!cursor.offset_known) Locate(cursor);
  Row row;
  cursor.offset = file_->ReadAt(cursor.offset, &row);
  ++cursor.next;
  return row;
}

}  // namespace basalt::sql
