// The math functions' run time (bind_math_function.cc binds them).
#pragma once

#include <vector>

#include "common/value.h"
#include "sql/binder/bound_expression.h"

namespace basalt::sql {

bool IsMathFunction(ScalarFunction f);
// REQUIRES: IsMathFunction(call.function); `args` are the evaluated
// children. Every one of them is strict.
Value EvaluateMathFunction(const BoundExpr& call, const std::vector<Value>& args);

}  // namespace basalt::sql
