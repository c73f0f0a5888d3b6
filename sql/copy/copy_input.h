// COPY FROM's input formats: client bytes in, records of fields out. Text
// and CSV read lines (PostgreSQL's CopyReadLine / CopyReadAttributes*);
// binary reads the PGCOPY header and tuples. Input arrives in pieces
// (CopyData messages cut anywhere), so records are cut from a buffer and the
// unfinished tail waits for the next piece.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sql/copy/copy_options.h"

namespace basalt::sql {

// One record: a field per COPY column, in order.
struct CopyRecord {
  std::vector<std::string> fields;  // text (text/CSV) or the binary value
  std::vector<bool> nulls;
};

class CopyInput {
 public:
  // `column_names`: the COPY's columns (for the header line and the field
  // count). Errors name `table` in their CONTEXT.
  CopyInput(const CopyOptions& options, std::vector<std::string> column_names, std::string table);

  void Append(std::string_view data) { buffer_.append(data); }
  // Cuts the next record from the input. False when more input is needed,
  // or when the data has ended (the `\.` line, the binary trailer).
  // `at_end`: no more input will come, so a last line without its newline
  // is a record. Throws basalt::Error (22P04, 22021) with its CONTEXT.
  bool Next(bool at_end, CopyRecord* record);
  // Drops the records already read from the buffer (call between pieces).
  void Compact();

  // The record's line number (binary: its tuple number), 1-based, and its
  // raw line (text and CSV), for the CONTEXT of conversion errors.
  uint64_t line() const { return line_; }
  std::string_view raw_line() const { return raw_line_; }
  bool binary() const { return options_.binary(); }
  // `COPY t, line 3` / `COPY t, line 3: "raw"` / `..., column b: "x"`.
  std::string Context(const std::string* column, const std::string* value, bool with_line) const;
  // Bytes left after the data ended, or a binary stream cut short: errors
  // at the end of input.
  void CheckEnd() const;

 private:
  bool NextTextOrCsv(bool at_end, CopyRecord* record);
  bool NextBinary(bool at_end, CopyRecord* record);
  // The end of the line starting at `start` (the offset of its newline), or
  // npos if it is not complete yet.
  size_t FindLineEnd(size_t start) const;
  void SplitText(std::string_view line, CopyRecord* record) const;
  void SplitCsv(std::string_view line, CopyRecord* record) const;
  // The header line, checked under HEADER MATCH.
  void CheckHeader(const CopyRecord& header) const;
  [[noreturn]] void Fail(std::string message, bool with_line) const;

  CopyOptions options_;
  std::vector<std::string> column_names_;
  std::string table_;
  std::string buffer_;
  size_t consumed_ = 0;  // bytes of buffer_ already read
  uint64_t line_ = 0;
  std::string_view raw_line_;  // into buffer_, until the next Compact()
  bool header_done_ = false;
  bool ended_ = false;  // saw `\.` or the binary trailer
};

}  // namespace basalt::sql
