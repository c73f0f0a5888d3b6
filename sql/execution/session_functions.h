// current_setting, set_config, the transaction id functions and
// pg_cancel_backend / pg_terminate_backend: they read and change the
// session (or another) through ExecContext's setting, set_setting,
// transaction_id and signal_backend.
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
