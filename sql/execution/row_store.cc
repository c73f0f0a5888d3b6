#include "sql/execution/row_store.h"

#include <algorithm>

namespace basalt::sql {

namespace {

// Blocks held in the cache of At: together about half of work_mem.
constexpr size_t kCachedBlocks = 8;
constexpr int64_t kMinBlockBytes = 8 * 1024;

}  // namespace

void RowStore::Append(ExecContext& ctx, Row row) {
  const int64_t bytes = RowMemory(row);
  memory_.Add(bytes);
  rows_bytes_ += bytes;
  rows_.push_back(std::move(row));
  if (memory_.OverWorkMem()) Spill(ctx);
}

void RowStore::Spill(ExecContext& ctx) {
  if (file_ == nullptr) {
    file_ =
        std::make_unique<SpillFile>(ctx, &memory_.spill(), SpillBlockSize(memory_.work_mem(), 1));
  }
  const int64_t block_bytes = std::max(kMinBlockBytes, memory_.work_mem() / 16);
  for (size_t r = 0; r < rows_.size(); ++r) {
    if (r == 0 || static_cast<int64_t>(file_->bytes() - blocks_.back().offset) >= block_bytes) {
      blocks_.push_back({spilled_rows_ + r, file_->bytes()});
    }
    file_->Write(rows_[r]);
  }
  file_->EndWrite();  // readers read only what is flushed
  spilled_rows_ += rows_.size();
  std::vector<Row>().swap(rows_);
  memory_.Add(-rows_bytes_);
  rows_bytes_ = 0;
}

void RowStore::Clear() {
  std::vector<Row>().swap(rows_);
  rows_bytes_ = 0;
  spilled_rows_ = 0;
  file_.reset();
  blocks_.clear();
  cache_.clear();
  memory_.ReleaseAll();
}

size_t RowStore::BlockOf(size_t row) const {
  auto block = std::upper_bound(blocks_.begin(), blocks_.end(), row,
                                [](size_t r, const SpilledBlock& b) { return r < b.first_row; });
  return static_cast<size_t>(block - blocks_.begin()) - 1;
}

void RowStore::Locate(Cursor& cursor) {
  // The block holding the row, then the rows before it in the block.
  const SpilledBlock& block = blocks_[BlockOf(cursor.next)];
  cursor.offset = block.offset;
  Row skipped;
  for (size_t row = block.first_row; row < cursor.next; ++row) {
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

RowStore::CachedBlock& RowStore::CachedBlockOf(size_t b) {
  for (CachedBlock& cached : cache_) {
    if (cached.block == b) {
      cached.last_use = ++uses_;
      return cached;
    }
  }
  CachedBlock* slot = nullptr;
  if (cache_.size() < kCachedBlocks) {
    slot = &cache_.emplace_back();
  } else {
    slot = &*std::min_element(
        cache_.begin(), cache_.end(),
        [](const CachedBlock& x, const CachedBlock& y) { return x.last_use < y.last_use; });
    memory_.Add(-slot->bytes);
  }
  const size_t end = b + 1 < blocks_.size() ? blocks_[b + 1].first_row : spilled_rows_;
  slot->block = b;
  slot->rows.assign(end - blocks_[b].first_row, Row{});
  slot->bytes = 0;
  uint64_t offset = blocks_[b].offset;
  for (Row& row : slot->rows) {
    offset = file_->ReadAt(offset, &row);
    slot->bytes += RowMemory(row);
  }
  slot->last_use = ++uses_;
  memory_.Add(slot->bytes);
  return *slot;
}

Row& RowStore::At(size_t i) {
  if (i >= spilled_rows_) return rows_[i - spilled_rows_];
  const size_t b = BlockOf(i);
  return CachedBlockOf(b).rows[i - blocks_[b].first_row];
}

}  // namespace basalt::sql
