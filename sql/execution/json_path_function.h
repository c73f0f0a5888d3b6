// The SQL/JSON path functions' run time (bound in bind_json_path.cc):
// jsonb_path_exists, _match, _query_array, _query_first and the operators
// @? and @@, over common/jsonpath_eval.h. jsonb_path_query's rows are the
// elements of jsonb_path_query_array's result.
#pragma once

#include <vector>

#include "common/value.h"
#include "sql/binder/bound_expression.h"

namespace basalt::sql {

bool IsJsonPathFunction(ScalarFunction f);
// REQUIRES: IsJsonPathFunction(call.function) and no argument is NULL (the
// functions are strict).
Value EvaluateJsonPathFunction(const BoundExpr& call, const std::vector<Value>& args);

}  // namespace basalt::sql
