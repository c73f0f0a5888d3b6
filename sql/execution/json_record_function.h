// json[b]_to_record and json[b]_to_recordset: the rows FunctionScan hands
// out for a FROM item's column definition list (function_scan.cc).
#pragma once

#include <vector>

#include "common/value.h"
#include "sql/binder/bound_statement.h"

namespace basalt::sql {

// The rows of `f` over `json` (of `type`, json or jsonb): one value per
// column of `columns`, each object member converted to its column's type
// as PostgreSQL's populate_record does (a missing key or a JSON null is
// NULL; a string's contents, or the value's text, through the type's input
// function; a JSON array into an array column element by element), with
// PostgreSQL's 22023 and 22P02 errors. A NULL `json` is one row of NULLs
// for json[b]_to_record and none for json[b]_to_recordset. Without columns
// (a call in a target list) json[b]_to_record of NULL is one NULL column;
// other calls fail with 0A000 as PostgreSQL's.
std::vector<Row> JsonToRecordRows(TableFunction f, const Value& json, const DataType& type,
                                  const std::vector<RecordColumn>& columns);

}  // namespace basalt::sql
