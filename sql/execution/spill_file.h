// Rows spilled by an operator to one encrypted temp file (storage's
// TempFileService): written in order, then read back in the same order,
// possibly several times. Rows are encoded without their SQL types (each
// value tagged with its Value::Kind), so any row an operator holds round-
// trips, arrays and NULLs included. The file is removed when the SpillFile
// is destroyed, so an operator's files go with its plan when the query
// ends, fails or is cancelled.
#pragma once

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
  ~SpillFile();
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  void Write(const Row& row);
  // Positions reading at the first row (writing is over).
  void Rewind();
  // The next row; false after the last.
  bool Read(Row* row);
  uint64_t rows() const { return rows_; }

 private:
  std::unique_ptr<storage::TempFile> file_;
  SpillStats* stats_;
  uint64_t rows_ = 0;
  std::string buffer_;  // reused
};

}  // namespace basalt::sql
