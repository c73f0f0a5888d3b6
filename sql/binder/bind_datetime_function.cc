#include "sql/binder/bind_datetime_function.h"

#include <fmt/format.h>

#include <string_view>

#include "sql/binder/bind_error.h"
#include "sql/binder/coerce.h"
#include "sql/binder/function_resolver.h"

namespace basalt::sql {
namespace {

bool IsTimestampType(TypeId id) {
  return id == TypeId::kTimestamp || id == TypeId::kTimestampTz;
}

// The second argument of date_part / extract / date_trunc: its type among
// `allowed` (date becomes `date_as` when date is not allowed itself).
bool DatetimeArgument(Resolver& r, size_t i, bool date_allowed, TypeId date_as) {
  const TypeId t = r.Type(i);
  if (t == TypeId::kUnknown) r.Ambiguous();
  if (IsTimestampType(t) || t == TypeId::kInterval || t == TypeId::kTime) return true;
  if (t == TypeId::kTimeTz) return true;
  if (t == TypeId::kDate) return date_allowed || r.Coerce(i, date_as);
  return false;
}

// Both timestamps of age / date_bin / OVERLAPS-like pairs: one type, a
// literal taking the other's, timestamptz when they differ.
bool TimestampPair(Resolver& r, size_t a, size_t b) {
  TypeId ta = r.Type(a);
  TypeId tb = r.Type(b);
  if (ta == TypeId::kUnknown && tb == TypeId::kUnknown) r.Ambiguous();
  if (ta == TypeId::kUnknown) ta = tb == TypeId::kDate ? TypeId::kTimestampTz : tb;
  if (tb == TypeId::kUnknown) tb = ta == TypeId::kDate ? TypeId::kTimestampTz : ta;
  auto ok = [](TypeId t) { return IsTimestampType(t) || t == TypeId::kDate; };
  if (!ok(ta) || !ok(tb)) return false;
  const TypeId common = ta == TypeId::kTimestamp && tb == TypeId::kTimestamp ? TypeId::kTimestamp
                                                                             : TypeId::kTimestampTz;
  return r.Coerce(a, common) && r.Coerce(b, common);
}

}  // namespace

BoundExprPtr BindDatetimeFunction(const ast::FunctionCall& call, std::vector<BoundExprPtr>& args) {
  Resolver r(call, args);
  const std::string& name = r.name();
  using enum TypeId;
  if (call.no_parens) {
    if (name == "current_date") return r.Call(ScalarFunction::kCurrentDate, kDate);
    if (name == "localtime" && args.empty()) return r.Call(ScalarFunction::kLocalTime, kTime);
    if (name == "current_time") return r.Call(ScalarFunction::kCurrentTime, kTimeTz);
    return nullptr;
  }
  if (name == "date_part" || name == "extract") {
    const bool extract = name == "extract";
    if (r.size() != 2 || !r.Text(0) || !DatetimeArgument(r, 1, extract, kTimestamp)) {
      r.NoFunction();
    }
    return extract ? r.Call(ScalarFunction::kExtract, kNumeric)
                   : r.Call(ScalarFunction::kDatePart, kFloat8);
  }
  if (name == "date_trunc") {
    if (r.size() == 3) {
      ThrowAt(sqlstate::kFeatureNotSupported, "date_trunc with a time zone is not supported yet",
              call.position);
    }
    if (r.size() != 2 || !r.Text(0) || !DatetimeArgument(r, 1, false, kTimestampTz)) {
      r.NoFunction();
    }
    if (r.Type(1) == kTime && !r.Coerce(1, kInterval)) r.NoFunction();
    return r.Call(ScalarFunction::kDateTrunc, r.Type(1));
  }
  if (name == "to_char") {
    if (r.size() != 2 || !r.Text(1)) r.NoFunction();
    const TypeId t = r.Type(0);
    if (t == kUnknown) r.Ambiguous();
    if (t == kDate && !r.Coerce(0, kTimestampTz)) r.NoFunction();
    if (t == kInt2 && !r.Coerce(0, kInt4)) r.NoFunction();
    const TypeId v = r.Type(0);
    if (!IsTimestampType(v) && v != kInterval && !DataType::Of(v).IsNumeric()) r.NoFunction();
    return r.Call(ScalarFunction::kToChar, kText);
  }
  if (name == "to_date") {
    if (r.size() != 2 || !r.Text(0) || !r.Text(1)) r.NoFunction();
    return r.Call(ScalarFunction::kToDate, kDate);
  }
  if (name == "to_timestamp") {
    if (r.size() == 2) {
      if (!r.Text(0) || !r.Text(1)) r.NoFunction();
    } else if (r.size() != 1 || !r.Coerce(0, kFloat8)) {
      r.NoFunction();
    }
    return r.Call(ScalarFunction::kToTimestamp, kTimestampTz);
  }
  if (name == "make_date") {
    if (!r.Signature({kInt4, kInt4, kInt4})) r.NoFunction();
    return r.Call(ScalarFunction::kMakeDate, kDate);
  }
  if (name == "make_time") {
    if (!r.Signature({kInt4, kInt4, kFloat8})) r.NoFunction();
    return r.Call(ScalarFunction::kMakeTime, kTime);
  }
  if (name == "make_timestamp" || name == "make_timestamptz") {
    const bool zoned = name == "make_timestamptz" && r.size() == 7;
    if (!(zoned ? r.Signature({kInt4, kInt4, kInt4, kInt4, kInt4, kFloat8, kText})
                : r.Signature({kInt4, kInt4, kInt4, kInt4, kInt4, kFloat8}))) {
      r.NoFunction();
    }
    return r.Call(ScalarFunction::kMakeTimestamp,
                  name == "make_timestamp" ? kTimestamp : kTimestampTz);
  }
  if (name == "make_interval") {
    if (r.size() > 7) r.NoFunction();
    for (size_t i = 0; i < r.size(); ++i) {
      if (!r.Coerce(i, i == 6 ? kFloat8 : kInt4)) r.NoFunction();
    }
    return r.Call(ScalarFunction::kMakeInterval, kInterval);
  }
  if (name == "justify_days" || name == "justify_hours" || name == "justify_interval") {
    if (!r.Signature({kInterval})) r.NoFunction();
    return r.Call(name == "justify_days"    ? ScalarFunction::kJustifyDays
                  : name == "justify_hours" ? ScalarFunction::kJustifyHours
                                            : ScalarFunction::kJustifyInterval,
                  kInterval);
  }
  if (name == "age") {
    if (r.size() == 1) {
      if (r.Type(0) == kUnknown) r.Ambiguous();
      const TypeId t = r.Type(0) == kTimestamp ? kTimestamp : kTimestampTz;
      if (!r.Coerce(0, t)) r.NoFunction();
      return r.Call(ScalarFunction::kAgeFromToday, kInterval);
    }
    if (r.size() != 2 || !TimestampPair(r, 0, 1)) r.NoFunction();
    return r.Call(ScalarFunction::kAge, kInterval);
  }
  if (name == "isfinite") {
    if (r.size() != 1) r.NoFunction();
    const TypeId t = r.Type(0);
    if (t == kUnknown) r.Ambiguous();
    if (t != kDate && !IsTimestampType(t) && t != kInterval) r.NoFunction();
    return r.Call(ScalarFunction::kIsFinite, kBool);
  }
  if (name == "date_bin") {
    if (r.size() != 3 || !r.Coerce(0, kInterval) || !TimestampPair(r, 1, 2)) r.NoFunction();
    return r.Call(ScalarFunction::kDateBin, r.Type(1));
  }
  if (name == "overlaps" && r.size() == 4) {
    // Each pair is (start, end) or (start, interval); the starts and ends
    // share one type: time, timestamp, or timestamptz.
    auto kind = [&](size_t i) { return r.Type(i); };
    const bool times = kind(0) == kTime || kind(2) == kTime;
    for (size_t i : {1, 3}) {
      if (kind(i) == kInterval) continue;
      if (!times && !TimestampPair(r, i - 1, i)) r.NoFunction();
    }
    const TypeId common = times                                              ? kTime
                          : (kind(0) == kTimestamp && kind(2) == kTimestamp) ? kTimestamp
                                                                             : kTimestampTz;
    for (size_t i = 0; i < 4; ++i) {
      if (kind(i) == kInterval) continue;
      if (!r.Coerce(i, common)) r.NoFunction();
    }
    return r.Call(ScalarFunction::kOverlaps, kBool);
  }
  if (name == "timezone" && r.size() == 2) {
    // AT TIME ZONE with TimeZone UTC: only UTC itself is supported.
    if (!r.Text(0)) r.NoFunction();
    const TypeId t = r.Type(1);
    if (t == kUnknown || t == kDate) {
      if (!r.Coerce(1, kTimestampTz)) r.NoFunction();
    }
    if (t == kTime && !r.Coerce(1, kTimeTz)) r.NoFunction();  // time becomes timetz first
    if (r.Type(1) == kTimeTz) return r.Call(ScalarFunction::kAtTimeZone, kTimeTz);
    if (!IsTimestampType(r.Type(1))) r.NoFunction();
    return r.Call(ScalarFunction::kAtTimeZone, r.Type(1) == kTimestamp ? kTimestampTz : kTimestamp);
  }
  if (name == "transaction_timestamp" && args.empty()) {
    return r.Call(ScalarFunction::kNow, kTimestampTz);
  }
  if (name == "statement_timestamp" && args.empty()) {
    return r.Call(ScalarFunction::kStatementTimestamp, kTimestampTz);
  }
  if (name == "clock_timestamp" && args.empty()) {
    return r.Call(ScalarFunction::kClockTimestamp, kTimestampTz);
  }
  if (name == "timeofday" && args.empty()) return r.Call(ScalarFunction::kTimeOfDay, kText);
  return nullptr;
}

}  // namespace basalt::sql
