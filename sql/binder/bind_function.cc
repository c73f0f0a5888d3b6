// Scalar functions resolved by name and argument types.
#include <fmt/format.h>

#include <optional>
#include <string_view>

#include "sql/binder/bind_array_function.h"
#include "sql/binder/bind_bytea_function.h"
#include "sql/binder/bind_datetime_function.h"
#include "sql/binder/bind_error.h"
#include "sql/binder/bind_json_function.h"
#include "sql/binder/bind_named_arguments.h"
#include "sql/binder/bind_string_function.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"

namespace basalt::sql {

void ThrowNoOperator(std::string_view op, const DataType& left, const DataType& right,
                     int position) {
  throw Error(sqlstate::kUndefinedFunction,
              fmt::format("operator does not exist: {} {} {}", TypeNameForMessage(left), op,
                          TypeNameForMessage(right)))
      .WithHint(
          "No operator matches the given name and argument types. You might need to add "
          "explicit type casts.")
      .WithPosition(position);
}

void ThrowNoFunction(const std::string& name, const std::vector<BoundExprPtr>& args, int position) {
  std::string types;
  for (const BoundExprPtr& a : args) {
    if (!types.empty()) types += ", ";
    types += TypeNameForMessage(a->type);
  }
  throw Error(sqlstate::kUndefinedFunction,
              fmt::format("function {}({}) does not exist", name, types))
      .WithHint(
          "No function matches the given name and argument types. You might need to add "
          "explicit type casts.")
      .WithPosition(position);
}

namespace {

[[noreturn]] void NoFunction(const std::string& name, const std::vector<BoundExprPtr>& args,
                             int position) {
  ThrowNoFunction(name, args, position);
}

bool IsWindowFunctionName(std::string_view name) {
  for (std::string_view window :
       {"row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead",
        "first_value", "last_value", "nth_value"}) {
    if (name == window) return true;
  }
  return false;
}

std::optional<AggregateFunction> AggregateByName(std::string_view name) {
  static constexpr std::pair<std::string_view, AggregateFunction> kAggregates[] = {
      {"count", AggregateFunction::kCount},
      {"sum", AggregateFunction::kSum},
      {"avg", AggregateFunction::kAvg},
      {"min", AggregateFunction::kMin},
      {"max", AggregateFunction::kMax},
      {"bool_and", AggregateFunction::kBoolAnd},
      {"every", AggregateFunction::kBoolAnd},
      {"bool_or", AggregateFunction::kBoolOr},
      {"string_agg", AggregateFunction::kStringAgg},
      {"array_agg", AggregateFunction::kArrayAgg},
      {"json_agg", AggregateFunction::kJsonAgg},
      {"jsonb_agg", AggregateFunction::kJsonbAgg},
      {"json_object_agg", AggregateFunction::kJsonObjectAgg},
      {"jsonb_object_agg", AggregateFunction::kJsonbObjectAgg},
      {"bit_and", AggregateFunction::kBitAnd},
      {"bit_or", AggregateFunction::kBitOr},
      {"var_pop", AggregateFunction::kVarPop},
      {"var_samp", AggregateFunction::kVarSamp},
      {"variance", AggregateFunction::kVariance},
      {"stddev_pop", AggregateFunction::kStddevPop},
      {"stddev_samp", AggregateFunction::kStddevSamp},
      {"stddev", AggregateFunction::kStddev},
      {"corr", AggregateFunction::kCorr},
      {"covar_pop", AggregateFunction::kCovarPop},
      {"covar_samp", AggregateFunction::kCovarSamp},
      {"regr_avgx", AggregateFunction::kRegrAvgX},
      {"regr_avgy", AggregateFunction::kRegrAvgY},
      {"regr_count", AggregateFunction::kRegrCount},
      {"regr_intercept", AggregateFunction::kRegrIntercept},
      {"regr_r2", AggregateFunction::kRegrR2},
      {"regr_slope", AggregateFunction::kRegrSlope},
      {"regr_sxx", AggregateFunction::kRegrSxx},
      {"regr_sxy", AggregateFunction::kRegrSxy},
      {"regr_syy", AggregateFunction::kRegrSyy},
      {"percentile_cont", AggregateFunction::kPercentileCont},
      {"percentile_disc", AggregateFunction::kPercentileDisc},
      {"mode", AggregateFunction::kMode},
      {"grouping", AggregateFunction::kGrouping},
  };
  for (const auto& [aggregate_name, function] : kAggregates) {
    if (name == aggregate_name) return function;
  }
  return std::nullopt;
}

// NULLIF(a, b) has the type a has as the left operand of PostgreSQL's `=`
// for a and b: cross-type operators keep integers, float4 and date/time
// types as they are (int28eq, float48eq, date_eq_timestamp), strings
// compare as text. `compared` is the type Basalt compares them in, which
// the result converts back from losslessly.
DataType NullIfResultType(const DataType& first, const DataType& compared) {
  if (compared.IsString() && compared.id != TypeId::kBpchar) return DataType::Of(TypeId::kText);
  if (first.id == TypeId::kUnknown || first.id == compared.id) return compared;
  if (first.IsInteger() && compared.IsInteger()) return first;
  if (first.id == TypeId::kFloat4 && compared.IsFloat()) return first;
  auto datetime = [](TypeId id) {
    return id == TypeId::kDate || id == TypeId::kTimestamp || id == TypeId::kTimestampTz;
  };
  if (datetime(first.id) && datetime(compared.id)) return first;
  return compared;
}

// The type every argument converts to (COALESCE, GREATEST, ...): 42804
// `COALESCE types integer and text cannot be matched` otherwise.
DataType UnifyArguments(std::vector<BoundExprPtr>& args, std::string_view what) {
  DataType type = DataType::Of(TypeId::kUnknown);
  bool literal = false;
  for (const BoundExprPtr& a : args) {
    if (a->type.id == TypeId::kUnknown) {
      literal = true;  // literals adapt afterwards
      continue;
    }
    std::optional<DataType> common = UnifyTypes(type, a->type);
    if (!common) {
      ThrowAt(sqlstate::kDatatypeMismatch,
              fmt::format("{} types {} and {} cannot be matched", what, TypeNameForMessage(type),
                          TypeNameForMessage(a->type)),
              a->position);
    }
    type = *common;
  }
  if (type.id == TypeId::kUnknown) type = DataType::Of(TypeId::kText);
  if (literal) type = WithoutTypeModifier(type);  // a literal has no length limit
  for (BoundExprPtr& a : args) a = CoerceOrThrow(std::move(a), type, CastContext::kImplicit);
  return type;
}

std::optional<ScalarFunction> AdvisoryLockFunction(std::string_view name) {
  static constexpr std::pair<std::string_view, ScalarFunction> kFunctions[] = {
      {"pg_advisory_lock", ScalarFunction::kAdvisoryLock},
      {"pg_advisory_lock_shared", ScalarFunction::kAdvisoryLockShared},
      {"pg_try_advisory_lock", ScalarFunction::kTryAdvisoryLock},
      {"pg_try_advisory_lock_shared", ScalarFunction::kTryAdvisoryLockShared},
      {"pg_advisory_xact_lock", ScalarFunction::kAdvisoryXactLock},
      {"pg_advisory_xact_lock_shared", ScalarFunction::kAdvisoryXactLockShared},
      {"pg_try_advisory_xact_lock", ScalarFunction::kTryAdvisoryXactLock},
      {"pg_try_advisory_xact_lock_shared", ScalarFunction::kTryAdvisoryXactLockShared},
      {"pg_advisory_unlock", ScalarFunction::kAdvisoryUnlock},
      {"pg_advisory_unlock_shared", ScalarFunction::kAdvisoryUnlockShared},
      {"pg_advisory_unlock_all", ScalarFunction::kAdvisoryUnlockAll},
  };
  for (const auto& [function_name, function] : kFunctions) {
    if (name == function_name) return function;
  }
  return std::nullopt;
}

}  // namespace

BoundExprPtr Binder::BindFunction(const ast::FunctionCall& call, const Scope& scope) {
  if (auto srf = srf_columns_.find(&call); srf != srf_columns_.end()) {
    // A set-returning call of the target list: its FROM item's column.
    return TargetFunctionValue(srf->second, call.position);
  }
  const std::string& name = call.name.back();
  if (call.name.size() == 2 && call.name[0] == "information_schema") {
    if (name == "_pg_expandarray") {
      // Set-returning: a FROM item or a target (bind_table_function.cc).
      ThrowAt(sqlstate::kFeatureNotSupported, "set-returning functions are not allowed here",
              call.position);
    }
    std::vector<BoundExprPtr> args;
    for (const ast::ExprPtr& arg : call.args) args.push_back(BindExpression(*arg, scope));
    ThrowNoFunction("information_schema." + name, args, call.position);
  }
  if (call.name.size() > 1 && call.name[0] != "pg_catalog") {
    ThrowAt(sqlstate::kInvalidSchemaName, fmt::format("schema \"{}\" does not exist", call.name[0]),
            call.position);
  }
  if (!call.arg_names.empty() && (call.over != nullptr || IsWindowFunctionName(name) ||
                                  AggregateByName(name) || call.within_group)) {
    // No aggregate or window function names its parameters.
    std::vector<BoundExprPtr> args;
    for (const ast::ExprPtr& a : call.args) args.push_back(BindExpression(*a, scope));
    ThrowNoNamedFunction(call, args);
  }
  if (call.over != nullptr || IsWindowFunctionName(name)) {
    return BindWindowCall(call, scope, AggregateByName(name));
  }
  if (std::optional<AggregateFunction> aggregate = AggregateByName(name)) {
    return BindAggregate(call, *aggregate, scope);
  }
  if (call.within_group) {
    // PostgreSQL looks for an aggregate of the arguments and the keys.
    std::vector<BoundExprPtr> args;
    for (const ast::ExprPtr& a : call.args) args.push_back(BindExpression(*a, scope));
    for (const ast::OrderByItem& item : call.order_by) {
      args.push_back(BindExpression(*item.expr, scope));
    }
    ThrowNoFunction(name, args, call.position);
  }
  if (call.distinct) {
    ThrowAt(sqlstate::kWrongObjectType,
            fmt::format("DISTINCT specified, but {} is not an aggregate function", name),
            call.position);
  }
  if (!call.order_by.empty() || call.filter != nullptr) {
    ThrowAt(sqlstate::kWrongObjectType,
            fmt::format("{} specified, but {} is not an aggregate function",
                        call.order_by.empty() ? "FILTER" : "ORDER BY", name),
            call.position);
  }
  if ((name == "row_to_json" || name == "to_json" || name == "to_jsonb") && call.args.size() == 1 &&
      call.args[0]->kind() == ast::ExprKind::kColumnRef) {
    auto bind = [&](const ast::Expr& e) { return BindExpression(e, scope); };
    const TypeId result = name == "to_jsonb" ? TypeId::kJsonb : TypeId::kJson;
    if (BoundExprPtr row = BindWholeRowJson(call.args[0]->As<ast::ColumnRef>(), call.position,
                                            result, scope, bind)) {
      return row;
    }
  }
  std::vector<BoundExprPtr> args;
  for (const ast::ExprPtr& a : call.args) args.push_back(BindExpression(*a, scope));
  if (!call.arg_names.empty()) args = ArrangeNamedArguments(call, std::move(args));
  if (name == "row_to_json" && args.size() == 1 && args[0]->type.IsRowType()) {
    // A row's fields as an object: to_json's rule for a record.
    BoundExprPtr e =
        BoundExpr::Make(BoundExprKind::kFunction, DataType::Of(TypeId::kJson), call.position);
    e->function = ScalarFunction::kToJson;
    e->children = std::move(args);
    return e;
  }

  BoundExprPtr e = BoundExpr::Make(BoundExprKind::kFunction, DataType(), call.position);
  auto finish = [&](ScalarFunction f, DataType type) {
    e->function = f;
    e->type = type;
    e->children = std::move(args);
    return std::move(e);
  };
  auto text_arg = [&](size_t i) {
    if (args[i]->type.id == TypeId::kUnknown || args[i]->type.IsString()) {
      args[i] =
          CoerceOrThrow(std::move(args[i]), DataType::Of(TypeId::kText), CastContext::kImplicit);
      return true;
    }
    return false;
  };

  if (BoundExprPtr bytea_call = BindByteaFunction(call, args)) return bytea_call;
  if (name == "pg_typeof" && args.size() == 1) {
    // The argument's type is known now, so the call is a constant; the
    // argument is never evaluated. PostgreSQL returns regtype, which has the
    // same text form: format_type without the typmod.
    auto constant =
        BoundExpr::Constant(Value::String(args[0]->type.BaseName()), DataType::Of(TypeId::kText));
    constant->position = call.position;
    return constant;
  }
  if (name == "abs" && args.size() == 1) {
    if (args[0]->type.id == TypeId::kUnknown) {
      args[0] =
          CoerceOrThrow(std::move(args[0]), DataType::Of(TypeId::kFloat8), CastContext::kImplicit);
    }
    if (!args[0]->type.IsNumeric()) NoFunction(name, args, call.position);
    DataType t = DataType::Of(args[0]->type.id);
    return finish(ScalarFunction::kAbs, t);
  }
  if ((name == "length" || name == "char_length" || name == "character_length") &&
      args.size() == 1) {
    if (!text_arg(0)) NoFunction(name, args, call.position);
    return finish(ScalarFunction::kLength, DataType::Of(TypeId::kInt4));
  }
  if ((name == "lower" || name == "upper") && args.size() == 1) {
    if (!text_arg(0)) NoFunction(name, args, call.position);
    return finish(name == "lower" ? ScalarFunction::kLower : ScalarFunction::kUpper,
                  DataType::Of(TypeId::kText));
  }
  if ((name == "btrim" || name == "ltrim" || name == "rtrim") &&
      (args.size() == 1 || args.size() == 2)) {
    for (size_t i = 0; i < args.size(); ++i) {
      if (!text_arg(i)) NoFunction(name, args, call.position);
    }
    return finish(name == "btrim"   ? ScalarFunction::kBtrim
                  : name == "ltrim" ? ScalarFunction::kLtrim
                                    : ScalarFunction::kRtrim,
                  DataType::Of(TypeId::kText));
  }
  if (name == "coalesce" && !args.empty()) {
    DataType t = UnifyArguments(args, "COALESCE");
    return finish(ScalarFunction::kCoalesce, t);
  }
  if ((name == "greatest" || name == "least") && !args.empty()) {
    DataType t = UnifyArguments(args, name == "greatest" ? "GREATEST" : "LEAST");
    return finish(name == "greatest" ? ScalarFunction::kGreatest : ScalarFunction::kLeast, t);
  }
  if (name == "nullif" && args.size() == 2) {
    // The result has the first argument's type; the comparison is resolved
    // like `=`.
    const DataType first = args[0]->type;
    BoundExprPtr cmp = BindComparison("=", args[0]->Clone(), std::move(args[1]), call.position);
    args[0] = std::move(cmp->children[0]);
    args[1] = std::move(cmp->children[1]);
    const DataType t = args[0]->type;
    BoundExprPtr nullif = finish(ScalarFunction::kNullIf, t);
    const DataType result = NullIfResultType(first, t);
    if (result == t) return nullif;
    return BoundExpr::Cast(std::move(nullif), result, CastContext::kExplicit);
  }
  if (name == "round" && (args.size() == 1 || args.size() == 2)) {
    if (args.size() == 1 && (args[0]->type.IsFloat())) {
      args[0] =
          CoerceOrThrow(std::move(args[0]), DataType::Of(TypeId::kFloat8), CastContext::kImplicit);
      return finish(ScalarFunction::kRound, DataType::Of(TypeId::kFloat8));
    }
    BoundExprPtr converted =
        TryCoerce(args[0]->Clone(), DataType::Of(TypeId::kNumeric), CastContext::kImplicit);
    if (converted == nullptr) NoFunction(name, args, call.position);
    args[0] = std::move(converted);
    if (args.size() == 2) {
      BoundExprPtr scale =
          TryCoerce(args[1]->Clone(), DataType::Of(TypeId::kInt4), CastContext::kImplicit);
      if (scale == nullptr) NoFunction(name, args, call.position);
      args[1] = std::move(scale);
    }
    return finish(ScalarFunction::kRound, DataType::Of(TypeId::kNumeric));
  }
  if ((name == "now" && args.empty() && !call.no_parens) ||
      (name == "current_timestamp" && call.no_parens)) {
    return finish(ScalarFunction::kNow, DataType::Of(TypeId::kTimestampTz));
  }
  if (name == "localtimestamp" && call.no_parens) {
    // With TimeZone UTC, local time is the same instant's UTC wall clock.
    return finish(ScalarFunction::kNow, DataType::Of(TypeId::kTimestamp));
  }
  if (name == "cardinality" && args.size() == 1) {
    if (!args[0]->type.IsArray()) NoFunction(name, args, call.position);
    return finish(ScalarFunction::kCardinality, DataType::Of(TypeId::kInt4));
  }
  if (((name == "enum_first" || name == "enum_last") && args.size() == 1) ||
      (name == "enum_range" && (args.size() == 1 || args.size() == 2))) {
    // anyenum: the arguments' one enum type (an untyped NULL takes the other's).
    if (args.size() == 2 && IsUnknownLiteral(*args[0]) != IsUnknownLiteral(*args[1])) {
      const size_t unknown = IsUnknownLiteral(*args[0]) ? 0 : 1;
      args[unknown] =
          CoerceOrThrow(std::move(args[unknown]), args[1 - unknown]->type, CastContext::kImplicit);
    }
    const DataType type = args[0]->type;
    for (const BoundExprPtr& a : args) {
      if (a->type.id != TypeId::kEnum || a->type != type) NoFunction(name, args, call.position);
    }
    if (name == "enum_range") return finish(ScalarFunction::kEnumRange, *type.ResultArrayType());
    return finish(name == "enum_first" ? ScalarFunction::kEnumFirst : ScalarFunction::kEnumLast,
                  type);
  }
  if (name == "array_length" && args.size() == 2) {
    BoundExprPtr dimension =
        TryCoerce(args[1]->Clone(), DataType::Of(TypeId::kInt4), CastContext::kImplicit);
    if (!args[0]->type.IsArray() || dimension == nullptr) {
      NoFunction(name, args, call.position);
    }
    args[1] = std::move(dimension);
    return finish(ScalarFunction::kArrayLength, DataType::Of(TypeId::kInt4));
  }
  if ((name == "current_user" || name == "current_role" || name == "session_user") &&
      call.no_parens) {
    // No SET ROLE / SET SESSION AUTHORIZATION yet: all three are the login
    // role, fixed for the session (PostgreSQL's type is name; text here).
    return BoundExpr::Constant(Value::String(user_), DataType::Of(TypeId::kText));
  }
  if (name == "pg_backend_pid" && args.empty()) {
    return finish(ScalarFunction::kPgBackendPid, DataType::Of(TypeId::kInt4));
  }
  if (name == "pg_blocking_pids" && args.size() == 1) {
    BoundExprPtr pid =
        TryCoerce(args[0]->Clone(), DataType::Of(TypeId::kInt4), CastContext::kImplicit);
    if (pid == nullptr) NoFunction(name, args, call.position);
    args[0] = std::move(pid);
    return finish(ScalarFunction::kPgBlockingPids, DataType::Of(TypeId::kInt4Array));
  }
  if (std::optional<ScalarFunction> lock = AdvisoryLockFunction(name)) {
    // One bigint key or two int4 keys, as PostgreSQL's two signatures.
    const bool no_key = *lock == ScalarFunction::kAdvisoryUnlockAll;
    if (no_key ? !args.empty() : args.empty() || args.size() > 2) {
      NoFunction(name, args, call.position);
    }
    const DataType key_type = DataType::Of(args.size() == 1 ? TypeId::kInt8 : TypeId::kInt4);
    for (BoundExprPtr& a : args) {
      BoundExprPtr key = TryCoerce(a->Clone(), key_type, CastContext::kImplicit);
      if (key == nullptr) NoFunction(name, args, call.position);
      a = std::move(key);
    }
    const bool returns_bool = name.starts_with("pg_try_") || name.starts_with("pg_advisory_unlock");
    return finish(*lock, DataType::Of(returns_bool && !no_key ? TypeId::kBool : TypeId::kVoid));
  }
  if (BoundExprPtr datetime_call = BindDatetimeFunction(call, args)) return datetime_call;
  if (BoundExprPtr string_call = BindStringFunction(call, args)) return string_call;
  if (BoundExprPtr array_call = BindArrayFunction(call, args)) return array_call;
  if (BoundExprPtr math_call = BindMathFunction(call, args)) return math_call;
  if (BoundExprPtr json_call = BindJsonFunction(call, args)) return json_call;
  if (BoundExprPtr catalog_call = BindCatalogFunction(call, args)) return catalog_call;
  if (name == "pg_sleep" && args.size() == 1) {
    BoundExprPtr seconds =
        TryCoerce(args[0]->Clone(), DataType::Of(TypeId::kFloat8), CastContext::kImplicit);
    if (seconds == nullptr) NoFunction(name, args, call.position);
    args[0] = std::move(seconds);
    return finish(ScalarFunction::kPgSleep, DataType::Of(TypeId::kVoid));
  }
  NoFunction(name, args, call.position);
}

}  // namespace basalt::sql
