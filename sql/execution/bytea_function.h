// The bytea and uuid functions' run time (bind_bytea_function.cc binds
// them). bytea is counted in bytes.
#pragma once

#include <vector>

#include "common/value.h"
#include "sql/binder/bound_expression.h"

namespace basalt::sql {

bool IsByteaFunction(ScalarFunction f);
// REQUIRES: IsByteaFunction(call.function); `args` are the evaluated
// children. Strict: a NULL argument gives NULL.
Value EvaluateByteaFunction(const BoundExpr& call, const std::vector<Value>& args);

}  // namespace basalt::sql
