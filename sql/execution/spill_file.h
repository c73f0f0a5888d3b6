// Rows spilled by an operator to one encrypted temp file (storage's
// TempFileService): written in order, then read back in the same order,
// possibly several times. Rows are encoded without their SQL types (each
// value tagged with its Value::Kind), so any row an operator holds round-
// trips, arrays and NULLs included. The file is removed when the SpillFile
// is destroyed, so an operator's files go with its plan when the query
// ends, fails or is cancelled.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/value.h"
#include "sql/execution/exec_context.h"
#include "sql/execution/query_memory.h"

namespace basalt::storage {
class TempFile;
}

namespace basalt::sql {

// The encoding of a row in spill files (and its decoding; false when the
// bytes are not a complete row).
void EncodeSpillRow(const Row& row, std::string* out);
bool DecodeSpillRow(std::string_view input, Row* row);

class SpillFile {
 public:
  // A new file; counted in *stats (files, and bytes and rows as written).
  // `block_size`: what it buffers (0: the temp files' default). Errors are
  // thrown.
  SpillFile(ExecContext& ctx, SpillStats* stats, size_t block_size = 0);
  ~SpillFile();  // counted in pg_stat_database's temp_files
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  void Write(const Row& row);
  // Writing is over: the buffer is flushed and freed.
  void EndWrite();
  // Positions reading at the first row (writing is over).
  void Rewind();
  // The next row; false after the last.
  bool Read(Row* row);
  // The row that starts `offset` bytes into the file (0: the first row),
  // among those written before the last EndWrite; returns the offset of the
  // row after it. Writing may go on after it (RowStore).
  uint64_t ReadAt(uint64_t offset, Row* row);
  uint64_t rows() const { return rows_; }
  uint64_t bytes() const { return bytes_; }

 private:
  // The row whose encoding Read / ReadAt left in buffer_.
  void DecodeBuffer(Row* row) const;

  std::unique_ptr<storage::TempFile> file_;
  SpillStats* stats_;
  Oid database_;  // whose pg_stat_database counts the file
  uint64_t rows_ = 0;
  uint64_t bytes_ = 0;
  std::string buffer_;  // reused
};

// The buffer size for each of `open_files` spill files an operator writes
// or reads at once: together about `work_mem`, between 16 KiB and the temp
// files' default block.
size_t SpillBlockSize(int64_t work_mem, size_t open_files);

// Hash partitions of spilled rows (hash aggregation, set operations): 16,
// chosen by 4 bits of the key's hash. Each level of re-partitioning reads
// other bits, so a partition that spills again splits its keys further.
inline constexpr size_t kSpillPartitionBits = 4;
inline constexpr size_t kSpillPartitions = size_t{1} << kSpillPartitionBits;
inline size_t SpillPartitionOf(std::string_view key, int level) {
  const uint64_t hash = std::hash<std::string_view>{}(key);
  const auto shift = static_cast<unsigned>(level % 16) * kSpillPartitionBits;
  return static_cast<size_t>((hash >> shift) & (kSpillPartitions - 1));
}

}  // namespace basalt::sql
