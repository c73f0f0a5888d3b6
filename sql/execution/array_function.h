// The array functions and operators' run time (sql/binder/bind_array_function.cc
// binds them): one-dimensional arrays, elements equal as their type's `=`
// (NULLs equal each other where PostgreSQL uses IS NOT DISTINCT FROM).
#pragma once

#include <vector>

#include "common/value.h"
#include "sql/binder/bound_expression.h"

namespace basalt::sql {

bool IsArrayFunction(ScalarFunction f);
// REQUIRES: IsArrayFunction(call.function); `args` are the evaluated
// children, NULLs included (array_cat, array_append, ... are not strict).
Value EvaluateArrayFunction(const BoundExpr& call, const std::vector<Value>& args);

}  // namespace basalt::sql
