// Rows written once and read by several readers, each at its own pace
// (PostgreSQL's tuplestore): a WITH query's result, read by every CTE Scan
// of it while it is still being computed, and a window partition, read by
// row number. The rows stay in memory up to work_mem; past it those in
// memory go to the end of one encrypted spill file, and so on, so what the
// store holds in memory stays near work_mem however many rows it has.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "sql/execution/query_memory.h"
#include "sql/execution/spill_file.h"

namespace basalt::sql {

class RowStore {
 public:
  // A reader's place: the next row it reads, and where that row starts in
  // the spill file when it is there and the reader has been reading the
  // file (`offset_known`).
  struct Cursor {
    size_t next = 0;
    uint64_t offset = 0;
    bool offset_known = false;
  };

  // `operator_name`: the operator charged for the rows (53200's DETAIL).
  explicit RowStore(const char* operator_name) : memory_(operator_name) {}

  // Joins the query of `ctx`: its work_mem and memory limit apply.
  void Attach(ExecContext& ctx) { memory_.Attach(ctx); }
  void Append(ExecContext& ctx, Row row);
  size_t size() const { return spilled_rows_ + rows_.size(); }
  // The row at cursor.next (< size()), and the cursor moved past it.
  Row Read(Cursor& cursor);
  // Row i (< size()), read in place: valid until the next call of At or
  // Append. The caller may move out values it will not read again.
  // Spilled rows are read a block at a time into a small cache, so rows
  // read near each other, or in a few runs at once, cost little.
  Row& At(size_t i);
  // Empties the store for new rows (its file removed).
  void Clear();
  const SpillStats& spill() const { return memory_.spill(); }

 private:
  // Spilled rows in blocks of about a sixteenth of work_mem: each block's
  // first row number and byte offset.
  struct SpilledBlock {
    size_t first_row = 0;
    uint64_t offset = 0;
  };
  struct CachedBlock {
    size_t block = 0;
    std::vector<Row> rows;
    int64_t bytes = 0;
    uint64_t last_use = 0;
  };
  void Spill(ExecContext& ctx);
  // The block holding spilled row i.
  size_t BlockOf(size_t row) const;
  // Sets cursor.offset to where row cursor.next starts in the file.
  void Locate(Cursor& cursor);
  // A cache slot holding block b's rows (loaded, evicting the least
  // recently used block when the cache is full).
  CachedBlock& CachedBlockOf(size_t b);

  OperatorMemory memory_;
  std::vector<Row> rows_;  // rows [spilled_rows_, size())
  int64_t rows_bytes_ = 0;
  size_t spilled_rows_ = 0;
  std::unique_ptr<SpillFile> file_;  // rows [0, spilled_rows_)
  std::vector<SpilledBlock> blocks_;
  std::vector<CachedBlock> cache_;
  uint64_t uses_ = 0;  // the clock of last_use
};

}  // namespace basalt::sql
