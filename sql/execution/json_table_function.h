// The set-returning functions over json and jsonb: json[b]_array_elements
// (_text), json[b]_object_keys and json[b]_each(_text), whose rows
// FunctionScan hands out (function_scan.cc).
#pragma once

#include <vector>

#include "common/value.h"
#include "sql/binder/bound_statement.h"

namespace basalt::sql {

bool IsJsonTableFunction(TableFunction f);
// Whether the function's rows have a key column before the value
// (json[b]_each and json[b]_each_text).
bool HasJsonKeyColumn(TableFunction f);

// The rows of `f` over `json` (of `type`, json or jsonb): the first
// column's values, and for the each functions the value column in *values.
// PostgreSQL's 22023 errors for the wrong kind of value.
std::vector<Value> JsonTableFunctionRows(TableFunction f, const Value& json, const DataType& type,
                                         std::vector<Value>* values);

}  // namespace basalt::sql
