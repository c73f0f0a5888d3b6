#include "sql/execution/lock_functions.h"

#include <fmt/format.h>

#include "common/error.h"
#include "sql/execution/evaluate.h"

namespace basalt::sql {
namespace {

using storage::LockLevel;
using storage::LockScope;

struct AdvisoryCall {
  enum class Action : uint8_t { kLock, kTry, kUnlock };
  Action action;
  bool shared;
  LockScope scope;
};

AdvisoryCall Describe(ScalarFunction f) {
  using A = AdvisoryCall::Action;
  constexpr LockScope kSession = LockScope::kSession;
  constexpr LockScope kXact = LockScope::kTransaction;
  switch (f) {
    case ScalarFunction::kAdvisoryLock: return {A::kLock, false, kSession};
    case ScalarFunction::kAdvisoryLockShared: return {A::kLock, true, kSession};
    case ScalarFunction::kTryAdvisoryLock: return {A::kTry, false, kSession};
    case ScalarFunction::kTryAdvisoryLockShared: return {A::kTry, true, kSession};
    case ScalarFunction::kAdvisoryXactLock: return {A::kLock, false, kXact};
    case ScalarFunction::kAdvisoryXactLockShared: return {A::kLock, true, kXact};
    case ScalarFunction::kTryAdvisoryXactLock: return {A::kTry, false, kXact};
    case ScalarFunction::kTryAdvisoryXactLockShared: return {A::kTry, true, kXact};
    case ScalarFunction::kAdvisoryUnlockShared: return {A::kUnlock, true, kSession};
    default: return {A::kUnlock, false, kSession};
  }
}

storage::LockOwner& OwnerOf(ExecContext* ctx) {
  if (ctx == nullptr || ctx->lock_owner == nullptr) {
    throw Error(sqlstate::kInternalError, "advisory locks need a session");
  }
  return *ctx->lock_owner;
}

}  // namespace

Value EvaluateLockFunction(const BoundExpr& call, const std::vector<Value>& args,
                           ExecContext* ctx) {
  storage::LockOwner& owner = OwnerOf(ctx);
  if (call.function == ScalarFunction::kPgBackendPid) return Value::Int(owner.pid());
  storage::LockManager& locks = owner.manager();
  if (call.function == ScalarFunction::kPgBlockingPids) {
    if (args[0].is_null()) return Value::Null();
    std::vector<Value> pids;
    for (int32_t pid : locks.BlockingPids(static_cast<int32_t>(args[0].AsInt()))) {
      pids.push_back(Value::Int(pid));
    }
    return Value::Array(std::move(pids));
  }
  if (call.function == ScalarFunction::kAdvisoryUnlockAll) {
    locks.ReleaseAllSession(owner);
    return Value::Bool(false);  // void
  }
  for (const Value& a : args) {
    if (a.is_null()) return Value::Null();  // strict
  }
  const storage::LockTag tag =
      args.size() == 1
          ? storage::LockTag::Advisory(owner.database(), args[0].AsInt())
          : storage::LockTag::Advisory(owner.database(), static_cast<int32_t>(args[0].AsInt()),
                                       static_cast<int32_t>(args[1].AsInt()));
  const AdvisoryCall what = Describe(call.function);
  const LockLevel level = what.shared ? LockLevel::kShare : LockLevel::kExclusive;
  switch (what.action) {
    case AdvisoryCall::Action::kLock: {
      storage::LockWaitPolicy policy{.lock_timeout_ms = ctx->lock_timeout_ms,
                                     .interrupt = ctx->interrupt};
      Status st = locks.Acquire(owner, tag, level, what.scope, policy, "advisory lock");
      if (!st.ok()) ThrowStatus(st);
      return Value::Bool(false);  // void
    }
    case AdvisoryCall::Action::kTry:
      return Value::Bool(locks.TryAcquire(owner, tag, level, what.scope));
    case AdvisoryCall::Action::kUnlock:
      if (locks.ReleaseSession(owner, tag, level)) return Value::Bool(true);
      if (ctx->warning) {
        ctx->warning(sqlstate::kWarning,
                     fmt::format("you don't own a lock of type {}", storage::LockLevelName(level)));
      }
      return Value::Bool(false);
  }
  return Value::Null();
}

}  // namespace basalt::sql
