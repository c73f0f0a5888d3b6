// COPY's options, checked as PostgreSQL's ProcessCopyOptions checks them
// (same order, same SQLSTATEs and messages), and the columns a COPY reads or
// writes.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "sql/parser/ast.h"

namespace basalt::sql {

enum class CopyFormat { kText, kCsv, kBinary };

struct CopyOptions {
  CopyFormat format = CopyFormat::kText;
  bool from = false;
  bool freeze = false;
  bool header = false;
  bool header_match = false;  // HEADER MATCH (COPY FROM only)
  char delimiter = '\t';
  std::string null_string = "\\N";
  char quote = '"';
  char escape = '"';
  // FORCE_QUOTE * (every column) or per column of the COPY's column list.
  bool force_quote_all = false;
  // Indexed like the COPY's columns.
  std::vector<bool> force_quote;
  std::vector<bool> force_not_null;
  std::vector<bool> force_null;

  bool csv() const { return format == CopyFormat::kCsv; }
  bool binary() const { return format == CopyFormat::kBinary; }
};

// The options of `stmt`. The FORCE_* column lists are resolved against
// `column_names` (the COPY's columns, in order) and, for names outside it,
// `table` (42703 for a column the table lacks, 42P10 for one the COPY does
// not list); `table` is null for COPY (query) TO.
CopyOptions ResolveCopyOptions(const ast::CopyStmt& stmt,
                               const std::vector<std::string>& column_names,
                               const catalog::TableEntry* table);

// The positions in `table` of the columns `columns` names (all of them,
// in order, when empty): 42703 for an unknown one, 42701 for a repeated one.
std::vector<int> ResolveCopyColumns(const catalog::TableEntry& table,
                                    const std::vector<ast::Identifier>& columns);

}  // namespace basalt::sql
