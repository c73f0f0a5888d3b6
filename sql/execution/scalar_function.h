// Scalar functions (abs, length, lower, upper, coalesce, nullif, round, now,
// greatest, least, pg_sleep): scalar_function.cc.
#pragma once

#include "common/value.h"
#include "sql/binder/bound_expression.h"
#include "sql/execution/exec_context.h"

namespace basalt::sql {

Value EvaluateFunction(const BoundExpr& call, const Row& row, ExecContext* ctx);

}  // namespace basalt::sql
