// The json constructors' run time (bind_json_function.cc binds them):
// values become JSON as PostgreSQL's datum_to_json makes them.
#pragma once

#include <vector>

#include "common/value.h"
#include "sql/binder/bound_expression.h"

namespace basalt::sql {

bool IsJsonFunction(ScalarFunction f);
// REQUIRES: IsJsonFunction(call.function); `args` are the evaluated
// children (NULLs included: these functions are not strict).
Value EvaluateJsonFunction(const BoundExpr& call, const std::vector<Value>& args);

}  // namespace basalt::sql
