// COPY TO's output formats: one row at a time into the bytes of a CopyData
// message, as PostgreSQL's CopyOneRowTo writes them.
#pragma once

#include <string>
#include <vector>

#include "common/data_type.h"
#include "common/value.h"
#include "sql/copy/copy_options.h"

namespace basalt::sql {

class CopyOutput {
 public:
  CopyOutput(const CopyOptions& options, std::vector<DataType> types)
      : options_(options), types_(std::move(types)) {}

  // What comes before the rows: the binary signature and header, or the
  // header line of column names (HEADER); empty when nothing does.
  std::string Start(const std::vector<std::string>& column_names) const;
  // One row, ending with its newline (text, CSV) or as one binary tuple.
  void AppendRow(const Row& row, std::string* out) const;
  // What comes after the rows: the binary trailer; empty otherwise.
  std::string Finish() const;

 private:
  void AppendText(std::string_view value, std::string* out) const;
  void AppendCsv(std::string_view value, bool force_quote, std::string* out) const;

  CopyOptions options_;
  std::vector<DataType> types_;
};

}  // namespace basalt::sql
