// current_setting, set_config and the transaction id functions: they read
// and change the session through ExecContext's setting, set_setting and
// transaction_id.
#pragma once

#include <vector>

#include "common/value.h"
#include "sql/binder/bound_expression.h"
#include "sql/execution/exec_context.h"

namespace basalt::sql {

// REQUIRES: IsSessionFunction(call.function).
Value EvaluateSessionFunction(const BoundExpr& call, const std::vector<Value>& args,
                              ExecContext* ctx);

}  // namespace basalt::sql
