// Advisory lock functions (pg_advisory_lock and its shared, try, xact and
// unlock variants), pg_backend_pid and pg_blocking_pids: what they do with
// the session's storage::LockOwner.
#pragma once

#include <vector>

#include "common/value.h"
#include "sql/binder/bound_expression.h"
#include "sql/execution/exec_context.h"

namespace basalt::sql {

// REQUIRES: IsLockFunction(call.function), kPgBackendPid or kPgBlockingPids;
// `args` are the evaluated arguments (one int8 key or two int4 keys; a pid).
Value EvaluateLockFunction(const BoundExpr& call, const std::vector<Value>& args, ExecContext* ctx);

}  // namespace basalt::sql
