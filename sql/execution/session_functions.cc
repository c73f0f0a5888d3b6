#include "sql/execution/session_functions.h"

#include <optional>
#include <string>

#include "common/error.h"
#include "sql/execution/evaluate.h"

namespace basalt::sql {
namespace {

void RequireSession(bool available) {
  if (!available) throw Error(sqlstate::kInternalError, "no session for this function");
}

std::string ValueOrThrow(Result<std::string> result) {
  if (!result.ok()) ThrowStatus(result.status());
  return std::move(result).value();
}

// current_setting(name [, missing_ok]): strict; a missing name is 42704,
// or NULL when missing_ok.
Value CurrentSetting(const std::vector<Value>& a, ExecContext& ctx) {
  for (const Value& v : a) {
    if (v.is_null()) return Value::Null();
  }
  RequireSession(static_cast<bool>(ctx.setting));
  Result<std::string> value = ctx.setting(a[0].AsString());
  if (!value.ok() && a.size() == 2 && a[1].AsBool() &&
      value.status().code() == sqlstate::kUndefinedObject) {
    return Value::Null();
  }
  return Value::String(ValueOrThrow(std::move(value)));
}

// set_config(name, value, is_local): not strict, as PostgreSQL's
// set_config_by_name: a NULL value resets the setting, a NULL is_local is
// false.
Value SetConfig(const std::vector<Value>& a, ExecContext& ctx) {
  if (a[0].is_null()) {
    throw Error(sqlstate::kNullValueNotAllowed, "SET requires parameter name");
  }
  RequireSession(static_cast<bool>(ctx.set_setting));
  const std::optional<std::string_view> value =
      a[1].is_null() ? std::nullopt : std::optional<std::string_view>(a[1].AsString());
  const bool local = !a[2].is_null() && a[2].AsBool();
  return Value::String(ValueOrThrow(ctx.set_setting(a[0].AsString(), value, local)));
}

}  // namespace

Value EvaluateSessionFunction(const BoundExpr& call, const std::vector<Value>& args,
                              ExecContext* ctx) {
  RequireSession(ctx != nullptr);
  switch (call.function) {
    case ScalarFunction::kCurrentSetting: return CurrentSetting(args, *ctx);
    case ScalarFunction::kSetConfig: return SetConfig(args, *ctx);
    case ScalarFunction::kTxidCurrent:
    case ScalarFunction::kTxidCurrentIfAssigned: {
      RequireSession(static_cast<bool>(ctx->transaction_id));
      const std::optional<uint64_t> id =
          ctx->transaction_id(call.function == ScalarFunction::kTxidCurrent);
      return id ? Value::Int(static_cast<int64_t>(*id)) : Value::Null();
    }
    case ScalarFunction::kCancelBackend:
    case ScalarFunction::kTerminateBackend: {
      // Strict, as PostgreSQL's.
      for (const Value& v : args) {
        if (v.is_null()) return Value::Null();
      }
      RequireSession(static_cast<bool>(ctx->signal_backend));
      const bool terminate = call.function == ScalarFunction::kTerminateBackend;
      return Value::Bool(ctx->signal_backend(static_cast<int32_t>(args[0].AsInt()), terminate,
                                             args.size() > 1 ? args[1].AsInt() : 0));
    }
    default: break;
  }
  throw Error(sqlstate::kInternalError, "unknown session function");
}

}  // namespace basalt::sql
