// Shared by the json run-time files (json_function.cc, json_operator.cc,
// json_path_update.cc, json_aggregate.cc): reading arguments and making
// results of json and jsonb.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/jsonb.h"
#include "common/value.h"
#include "sql/binder/bound_expression.h"

namespace basalt::sql {

// A jsonb Value as a tree, and back.
JsonbValue JsonbArg(const Value& v);
Value JsonbResult(const JsonbValue& v);
// A json or jsonb value (of `type`) as a jsonb tree.
JsonbValue JsonTree(const Value& v, const DataType& type);

// text[] path elements: each element's text, nullopt for a NULL element.
std::vector<std::optional<std::string>> PathArg(const Value& v);
// strtoint's reading of an array subscript in a path (`-1`, ` 2`).
std::optional<int64_t> PathIndex(std::string_view text);

// datum_to_json: a value of `type` as JSON text.
void AppendJsonValue(const Value& value, const DataType& type, std::string* out);

// The operators (json_operator.cc) and jsonb_set / jsonb_insert / #-
// (json_path_update.cc). REQUIRES: no argument is NULL (they are strict).
bool IsJsonOperator(ScalarFunction f);
Value EvaluateJsonOperator(const BoundExpr& call, const std::vector<Value>& args);
Value EvaluateJsonbPathUpdate(const BoundExpr& call, const std::vector<Value>& args);

}  // namespace basalt::sql
