// The date/time functions' run time (bind_datetime_function.cc binds them).
#pragma once

#include <vector>

#include "common/value.h"
#include "sql/binder/bound_expression.h"
#include "sql/execution/exec_context.h"

namespace basalt::sql {

bool IsDatetimeFunction(ScalarFunction f);
// REQUIRES: IsDatetimeFunction(call.function); `args` are the evaluated
// children.
Value EvaluateDatetimeFunction(const BoundExpr& call, const std::vector<Value>& args,
                               ExecContext* ctx);

}  // namespace basalt::sql
