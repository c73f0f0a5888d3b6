#include "sql/execution/scalar_function.h"
#include "common/text_case.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <limits>
#include <thread>

#include "common/error.h"
#include "sql/execution/arithmetic.h"
#include "sql/execution/array_function.h"
#include "sql/execution/array_shape.h"
#include "sql/execution/bytea_function.h"
#include "sql/execution/catalog_function.h"
#include "sql/execution/datetime_function.h"
#include "sql/execution/domain_checks.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/json_function.h"
#include "sql/execution/lock_functions.h"
#include "sql/execution/math_function.h"
#include "sql/execution/sequence_functions.h"
#include "sql/execution/session_functions.h"
#include "sql/execution/string_function.h"

namespace basalt::sql {

namespace {

// btrim / ltrim / rtrim: removes the characters of `set` from the start
// (`leading`) and the end (`trailing`) of `s`.
std::string TrimCharacters(std::string_view s, std::string_view set, bool leading, bool trailing) {
  const std::vector<std::string_view> chars = Utf8Characters(s);
  const std::vector<std::string_view> remove = Utf8Characters(set);
  auto removed = [&](std::string_view c) {
    return std::find(remove.begin(), remove.end(), c) != remove.end();
  };
  size_t begin = 0;
  size_t end = chars.size();
  while (leading && begin < end && removed(chars[begin])) ++begin;
  while (trailing && end > begin && removed(chars[end - 1])) --end;
  std::string out;
  for (size_t i = begin; i < end; ++i) out += chars[i];
  return out;
}

int64_t Utf8Length(const std::string& s) {
  int64_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

// pg_sleep: blocks this worker thread until the time is up or the statement
// is interrupted (cancel, statement_timeout). Zero, negative and NaN return
// at once.
void SleepSeconds(double seconds, ExecContext* ctx) {
  if (!(seconds > 0)) return;
  // Clamp before converting, so an absurd argument is not an overflow (UB).
  constexpr double kMaxSeconds = 1e9;  // ~31 years: "forever"
  const auto duration =
      std::chrono::microseconds(static_cast<int64_t>(std::min(seconds, kMaxSeconds) * 1e6));
  if (ctx == nullptr || ctx->interrupt == nullptr) {
    std::this_thread::sleep_for(duration);
    return;
  }
  Status status = ctx->interrupt->SleepFor(duration);
  if (!status.ok()) ThrowStatus(status);
}

}  // namespace

Value EvaluateFunction(const BoundExpr& call, const Row& row, ExecContext* ctx) {
  auto arg = [&](size_t i) { return Evaluate(*call.children[i], row, ctx); };
  switch (call.function) {
    case ScalarFunction::kAbs: {
      Value v = arg(0);
      if (v.is_null()) return v;
      if (call.type.IsInteger()) {
        return v.AsInt() < 0 ? Negate(v, call.type) : v;
      }
      if (call.type.IsFloat()) return Value::Float(std::fabs(v.AsFloat()));
      return Value::Decimal(v.AsNumeric().Abs());
    }
    case ScalarFunction::kCardinality: {
      Value v = arg(0);
      return v.is_null() ? v : Value::Int(static_cast<int64_t>(v.AsArray().size()));
    }
    case ScalarFunction::kArrayLength: {
      // One dimension: its length, NULL for any other dimension and for an
      // empty array (which has no dimensions).
      Value v = arg(0);
      Value dimension = arg(1);
      if (v.is_null() || dimension.is_null()) return Value::Null();
      const ArrayShape shape = ShapeOf(v, call.children[0]->type);
      const int64_t d = dimension.AsInt() - 1;
      if (d < 0 || d >= static_cast<int64_t>(shape.dims.size())) return Value::Null();
      return Value::Int(shape.dims[static_cast<size_t>(d)]);
    }
    case ScalarFunction::kLength: {
      Value v = arg(0);
      return v.is_null() ? v : Value::Int(Utf8Length(v.AsString()));
    }
    case ScalarFunction::kLower:
    case ScalarFunction::kUpper: {
      Value v = arg(0);
      if (v.is_null()) return v;
      return Value::String(call.function == ScalarFunction::kLower ? Utf8Lower(v.AsString())
                                                                   : Utf8Upper(v.AsString()));
    }
    case ScalarFunction::kBtrim:
    case ScalarFunction::kLtrim:
    case ScalarFunction::kRtrim: {
      Value v = arg(0);
      if (v.is_null()) return v;
      std::string characters = " ";
      if (call.children.size() == 2) {
        Value c = arg(1);
        if (c.is_null()) return c;
        characters = c.AsString();
      }
      return Value::String(TrimCharacters(v.AsString(), characters,
                                          call.function != ScalarFunction::kRtrim,
                                          call.function != ScalarFunction::kLtrim));
    }
    case ScalarFunction::kCoalesce:
      for (size_t i = 0; i < call.children.size(); ++i) {
        Value v = arg(i);
        if (!v.is_null()) return v;
      }
      return Value::Null();
    case ScalarFunction::kNullIf: {
      Value a = arg(0);
      Value b = arg(1);
      if (!a.is_null() && !b.is_null() && CompareValues(a, b, call.children[0]->type) == 0) {
        return Value::Null();
      }
      return a;
    }
    case ScalarFunction::kGreatest:
    case ScalarFunction::kLeast: {
      Value best;
      for (size_t i = 0; i < call.children.size(); ++i) {
        Value v = arg(i);
        if (v.is_null()) continue;
        int c = best.is_null() ? 0 : CompareValues(v, best, call.type);
        if (best.is_null() || (call.function == ScalarFunction::kGreatest ? c > 0 : c < 0)) {
          best = std::move(v);
        }
      }
      return best;
    }
    case ScalarFunction::kRound: {
      Value v = arg(0);
      if (v.is_null()) return v;
      if (call.type.IsFloat()) return Value::Float(std::rint(v.AsFloat()));
      int64_t scale = 0;
      if (call.children.size() == 2) {
        Value s = arg(1);
        if (s.is_null()) return s;
        scale = s.AsInt();
      }
      scale = std::clamp<int64_t>(scale, std::numeric_limits<int32_t>::min(),
                                  std::numeric_limits<int32_t>::max());
      Result<Numeric> out = v.AsNumeric().Round(static_cast<int>(scale));
      if (!out.ok()) ThrowStatus(out.status());
      return Value::Decimal(std::move(out).value());
    }
    case ScalarFunction::kRecordField: {
      Value record = arg(0);
      if (record.is_null()) return record;
      return record.AsArray()[static_cast<size_t>(call.children[1]->value.AsInt())];
    }
    case ScalarFunction::kNow: return Value::Int(ctx != nullptr ? ctx->transaction_timestamp : 0);
    case ScalarFunction::kPgSleep: {
      Value v = arg(0);
      if (v.is_null()) return v;
      SleepSeconds(v.AsFloat(), ctx);
      return Value::Bool(false);  // void
    }
    case ScalarFunction::kDomainCheck: {
      Value v = arg(0);
      if (ctx == nullptr || ctx->catalog == nullptr) {
        // Constant folding: left for run time.
        throw Error(sqlstate::kFeatureNotSupported, "domain checks need a running statement");
      }
      DomainChecks::Of(static_cast<Oid>(call.children[1]->value.AsInt()), *ctx).Check(v, *ctx);
      return v;
    }
    case ScalarFunction::kEnumFirst:
    case ScalarFunction::kEnumLast:
    case ScalarFunction::kEnumRange: {
      std::vector<Value> args;
      for (size_t i = 0; i < call.children.size(); ++i) args.push_back(arg(i));
      return EvaluateEnumFunction(call, args, ctx);
    }
    case ScalarFunction::kPgBackendPid:
    case ScalarFunction::kPgBlockingPids:
    case ScalarFunction::kAdvisoryLock:
    case ScalarFunction::kAdvisoryLockShared:
    case ScalarFunction::kTryAdvisoryLock:
    case ScalarFunction::kTryAdvisoryLockShared:
    case ScalarFunction::kAdvisoryXactLock:
    case ScalarFunction::kAdvisoryXactLockShared:
    case ScalarFunction::kTryAdvisoryXactLock:
    case ScalarFunction::kTryAdvisoryXactLockShared:
    case ScalarFunction::kAdvisoryUnlock:
    case ScalarFunction::kAdvisoryUnlockShared:
    case ScalarFunction::kAdvisoryUnlockAll: {
      std::vector<Value> args;
      for (size_t i = 0; i < call.children.size(); ++i) args.push_back(arg(i));
      return EvaluateLockFunction(call, args, ctx);
    }
    default: {
      std::vector<Value> args;
      for (size_t i = 0; i < call.children.size(); ++i) args.push_back(arg(i));
      if (IsSequenceFunction(call.function)) return EvaluateSequenceFunction(call, args, ctx);
      if (IsSessionFunction(call.function)) return EvaluateSessionFunction(call, args, ctx);
      if (IsDatetimeFunction(call.function)) return EvaluateDatetimeFunction(call, args, ctx);
      if (IsStringFunction(call.function)) return EvaluateStringFunction(call, args);
      if (IsByteaFunction(call.function)) return EvaluateByteaFunction(call, args);
      if (IsMathFunction(call.function)) return EvaluateMathFunction(call, args);
      if (IsJsonFunction(call.function)) return EvaluateJsonFunction(call, args);
      if (IsArrayFunction(call.function)) return EvaluateArrayFunction(call, args);
      return EvaluateCatalogFunction(call, args, ctx);
    }
  }
  throw Error(sqlstate::kInternalError, "unknown scalar function");
}

}  // namespace basalt::sql
