#include "sql/execution/datetime_function.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <optional>

#include "common/datetime.h"
#include "common/datetime_fields.h"
#include "common/error.h"
#include "common/interval.h"
#include "common/time_of_day.h"
#include "common/time_tz.h"
#include "common/time_zone.h"
#include "common/to_char.h"
#include "common/zone_abbreviations.h"
#include "sql/execution/datetime_arithmetic.h"
#include "sql/execution/evaluate.h"

namespace basalt::sql {
namespace {

constexpr int64_t kUnixEpochSeconds = 946'684'800;  // 1970-01-01 -> 2000-01-01

bool Infinite(int64_t ts) {
  return ts == kTimestampNegInfinity || ts == kTimestampPosInfinity;
}

// C's %g as PostgreSQL's messages print seconds ("%02g": "05", "5.5").
std::string SecondsText(double seconds) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%02g", seconds);
  return buf;
}

// PostgreSQL's float_time_overflows.
bool TimeOverflows(int64_t hour, int64_t minute, double seconds) {
  if (hour < 0 || hour > 24 || minute < 0 || minute >= 60 || std::isnan(seconds)) return true;
  const double micros = std::rint(seconds * kMicrosPerSecond);
  if (micros < 0 || micros > 60.0 * kMicrosPerSecond) return true;
  return ((hour * 60 + minute) * 60) * kMicrosPerSecond + micros > kMicrosPerDay;
}

int64_t TimeMicros(int64_t hour, int64_t minute, double seconds) {
  return ((hour * 60 + minute) * 60) * kMicrosPerSecond +
         static_cast<int64_t>(std::rint(seconds * kMicrosPerSecond));
}

// ValidateDate for make_date / make_timestamp: a negative year is BC.
bool ValidCivil(int64_t year, int64_t month, int64_t day, int64_t* days) {
  if (year == 0 || month < 1 || month > 12) return false;
  const int64_t astronomical = year < 0 ? year + 1 : year;
  if (day < 1 || day > DaysInMonth(astronomical, static_cast<int>(month))) return false;
  *days = DaysFromCivil(astronomical, static_cast<int>(month), static_cast<int>(day));
  return true;
}

Value MakeDate(int64_t year, int64_t month, int64_t day) {
  int64_t days = 0;
  if (!ValidCivil(year, month, day, &days)) {
    // PostgreSQL prints the year after its BC conversion.
    const int64_t shown = year < 0 ? 1 + year : year;
    throw Error(sqlstate::kDatetimeFieldOverflow,
                fmt::format("date field value out of range: {}-{:02}-{:02}", shown, month, day));
  }
  if (days < kMinDate || days >= kEndDate) {
    throw Error(sqlstate::kDatetimeFieldOverflow,
                fmt::format("date out of range: {}-{:02}-{:02}", year, month, day));
  }
  return Value::Int(days);
}

Value MakeTime(int64_t hour, int64_t minute, double seconds) {
  if (TimeOverflows(hour, minute, seconds)) {
    throw Error(sqlstate::kDatetimeFieldOverflow,
                fmt::format("time field value out of range: {}:{:02}:{}", hour, minute,
                            SecondsText(seconds)));
  }
  return Value::Int(TimeMicros(hour, minute, seconds));
}

Value MakeTimestamp(const std::vector<Value>& a) {
  const int64_t year = a[0].AsInt(), month = a[1].AsInt(), day = a[2].AsInt();
  const int64_t hour = a[3].AsInt(), minute = a[4].AsInt();
  const double seconds = a[5].AsFloat();
  int64_t days = 0;
  if (!ValidCivil(year, month, day, &days)) {
    throw Error(sqlstate::kDatetimeFieldOverflow,
                fmt::format("date field value out of range: {}-{:02}-{:02}", year, month, day));
  }
  if (days < kMinDate || days >= kEndDate) {
    throw Error(sqlstate::kDatetimeFieldOverflow,
                fmt::format("date out of range: {}-{:02}-{:02}", year, month, day));
  }
  if (TimeOverflows(hour, minute, seconds)) {
    throw Error(sqlstate::kDatetimeFieldOverflow,
                fmt::format("time field value out of range: {}:{:02}:{}", hour, minute,
                            SecondsText(seconds)));
  }
  const int64_t result = days * kMicrosPerDay + TimeMicros(hour, minute, seconds);
  if (result < kMinTimestamp || result >= kEndTimestamp) {
    throw Error(sqlstate::kDatetimeFieldOverflow,
                fmt::format("timestamp out of range: {}-{:02}-{:02} {}:{:02}:{}", year, month, day,
                            hour, minute, SecondsText(seconds)));
  }
  return Value::Int(result);
}

[[noreturn]] void IntervalOverflow() {
  throw Error(sqlstate::kDatetimeFieldOverflow, "interval out of range");
}

Value MakeInterval(const std::vector<Value>& a) {
  auto arg = [&](size_t i) { return i < a.size() ? a[i].AsInt() : 0; };
  const double seconds = a.size() > 6 ? a[6].AsFloat() : 0.0;
  if (std::isinf(seconds) || std::isnan(seconds)) IntervalOverflow();
  Interval r;
  int32_t months = 0;
  int32_t days = 0;
  if (__builtin_mul_overflow(static_cast<int32_t>(arg(0)), 12, &months) ||
      __builtin_add_overflow(months, static_cast<int32_t>(arg(1)), &r.months) ||
      __builtin_mul_overflow(static_cast<int32_t>(arg(2)), 7, &days) ||
      __builtin_add_overflow(days, static_cast<int32_t>(arg(3)), &r.days)) {
    IntervalOverflow();
  }
  const double micros = std::rint(seconds * kMicrosPerSecond);
  if (!(micros >= -9.2233720368547758e18 && micros < 9.2233720368547758e18)) IntervalOverflow();
  int64_t time = 0;
  if (__builtin_mul_overflow(arg(4), 3600 * kMicrosPerSecond, &time) ||
      __builtin_add_overflow(time, arg(5) * 60 * kMicrosPerSecond, &time) ||
      __builtin_add_overflow(time, static_cast<int64_t>(micros), &time)) {
    IntervalOverflow();
  }
  r.micros = time;
  return Value::Span(r);
}

Value ToTimestampFromEpoch(double seconds) {
  if (std::isnan(seconds)) {
    throw Error(sqlstate::kDatetimeFieldOverflow, "timestamp cannot be NaN");
  }
  if (std::isinf(seconds)) {
    return Value::Int(seconds < 0 ? kTimestampNegInfinity : kTimestampPosInfinity);
  }
  auto out_of_range = [&] {
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%g", seconds);
    return Error(sqlstate::kDatetimeFieldOverflow,
                 fmt::format("timestamp out of range: \"{}\"", buf));
  };
  const double min = 86'400.0 * (kMinDate - (-10'957));
  const double end = 86'400.0 * (static_cast<double>(kEndTimestamp / kMicrosPerDay) - (-10'957));
  if (seconds < min || seconds >= end) throw out_of_range();
  const double micros = std::rint((seconds - kUnixEpochSeconds) * kMicrosPerSecond);
  const int64_t result = static_cast<int64_t>(micros);
  if (result < kMinTimestamp || result >= kEndTimestamp) throw out_of_range();
  return Value::Int(result);
}

Value DateBin(const Interval& stride, int64_t ts, int64_t origin) {
  if (Infinite(ts)) return Value::Int(ts);
  if (Infinite(origin)) throw Error(sqlstate::kDatetimeFieldOverflow, "origin out of range");
  if (stride.months != 0) {
    throw Error(sqlstate::kFeatureNotSupported,
                "timestamps cannot be binned into intervals containing months or years");
  }
  int64_t stride_micros = 0;
  if (__builtin_mul_overflow(static_cast<int64_t>(stride.days), kMicrosPerDay, &stride_micros) ||
      __builtin_add_overflow(stride_micros, stride.micros, &stride_micros)) {
    throw Error(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  }
  if (stride_micros <= 0) {
    throw Error(sqlstate::kDatetimeFieldOverflow, "stride must be greater than zero");
  }
  int64_t diff = 0;
  if (__builtin_sub_overflow(ts, origin, &diff)) {
    throw Error(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  }
  int64_t delta = diff - diff % stride_micros;
  // The start of the bin also when the origin lies after the timestamp.
  if (origin > ts && stride_micros > 1 && diff % stride_micros != 0) delta -= stride_micros;
  int64_t result = 0;
  if (__builtin_add_overflow(origin, delta, &result) || result < kMinTimestamp ||
      result >= kEndTimestamp) {
    throw Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
  }
  return Value::Int(result);
}

// timeofday(): "Mon Nov 30 19:40:46.123456 2026 UTC".
std::string TimeOfDayText() {
  const auto now = std::chrono::system_clock::now();
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(micros / 1'000'000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char head[64];
  char tail[32];
  std::strftime(head, sizeof(head), "%a %b %d %H:%M:%S", &tm);
  std::strftime(tail, sizeof(tail), "%Y", &tm);
  return fmt::format("{}.{:06} {} UTC", head, micros % 1'000'000, tail);
}

int64_t TransactionTimestamp(ExecContext* ctx) {
  return ctx != nullptr ? ctx->transaction_timestamp : CurrentTimestamp();
}

// Today's midnight on the session zone's wall clock.
int64_t TodayMidnight(ExecContext* ctx) {
  return TimestampToDate(UtcToLocal(TransactionTimestamp(ctx))) * kMicrosPerDay;
}

// A zone named in AT TIME ZONE: 22023 when unknown.
std::shared_ptr<const TimeZone> NamedZone(const std::string& name) {
  std::shared_ptr<const TimeZone> zone = TimeZone::Find(name);
  if (zone == nullptr && (name == "z" || name == "Z")) zone = TimeZone::Find("UTC");
  if (zone == nullptr) {  // an abbreviation: its fixed offset
    if (std::optional<int32_t> offset = ZoneAbbreviationOffset(name)) {
      zone = TimeZone::FixedOffset(*offset);
    }
  }
  if (zone == nullptr) {
    throw Error(sqlstate::kInvalidParameterValue,
                fmt::format("time zone \"{}\" not recognized", name));
  }
  return zone;
}

// timestamp AT TIME ZONE z reads a wall clock in z (a timestamptz results);
// timestamptz AT TIME ZONE z gives z's wall clock at the instant.
Value AtTimeZone(const std::string& name, int64_t t, bool to_instant) {
  if (Infinite(t)) return Value::Int(t);
  const std::shared_ptr<const TimeZone> zone = NamedZone(name);
  const int64_t offset =
      int64_t{to_instant ? zone->OffsetForLocal(t) : zone->OffsetAt(t)} * kMicrosPerSecond;
  const int64_t result = to_instant ? t - offset : t + offset;
  if (result < kMinTimestamp || result >= kEndTimestamp) {
    throw Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
  }
  return Value::Int(result);
}

Value ToChar(const BoundExpr& call, const std::vector<Value>& a) {
  const std::string& format = a[1].AsString();
  const DataType& type = call.children[0]->type;
  switch (type.id) {
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      if (Infinite(a[0].AsInt())) return Value::Null();
      if (type.id == TypeId::kTimestampTz) {
        const TimeZone::LocalType& zone = SessionTimeZone().TypeAt(a[0].AsInt());
        return Value::String(OrThrow(FormatTimestamp(UtcToLocal(a[0].AsInt()), format, &zone)));
      }
      return Value::String(OrThrow(FormatTimestamp(a[0].AsInt(), format)));
    case TypeId::kInterval:
      return Value::String(OrThrow(FormatInterval(a[0].AsInterval(), format)));
    case TypeId::kFloat4:
    case TypeId::kFloat8: return Value::String(OrThrow(FormatFloat(a[0].AsFloat(), format)));
    case TypeId::kNumeric: return Value::String(OrThrow(FormatNumber(a[0].AsNumeric(), format)));
    default: return Value::String(OrThrow(FormatNumber(Numeric::FromInt64(a[0].AsInt()), format)));
  }
}

// PostgreSQL's overlaps_timestamp: an end may be NULL, an interval end
// counts from its start, and a pair is ordered first.
Value Overlaps(const BoundExpr& call, const std::vector<Value>& a) {
  std::optional<int64_t> v[4];
  for (size_t i = 0; i < 4; ++i) {
    if (a[i].is_null()) continue;
    if (call.children[i]->type.id != TypeId::kInterval) {
      v[i] = a[i].AsInt();
    } else if (!a[i - 1].is_null()) {
      const bool time = call.children[i - 1]->type.id == TypeId::kTime;
      if (time) {
        int64_t t = (a[i - 1].AsInt() + a[i].AsInterval().micros % kMicrosPerDay) % kMicrosPerDay;
        v[i] = t < 0 ? t + kMicrosPerDay : t;
      } else {
        v[i] = AddInterval(a[i - 1].AsInt(), a[i].AsInterval(), call.children[i - 1]->type.id);
      }
    }
  }
  auto order = [](std::optional<int64_t>& s, std::optional<int64_t>& e) {
    if (!s) {
      s = e;
      e.reset();
    } else if (e && *s > *e) {
      std::swap(s, e);
    }
  };
  if (!v[0] && !v[1]) return Value::Null();
  if (!v[2] && !v[3]) return Value::Null();
  order(v[0], v[1]);
  order(v[2], v[3]);
  if (*v[0] > *v[2]) {
    if (!v[3]) return Value::Null();
    if (*v[0] < *v[3]) return Value::Bool(true);
    if (!v[1]) return Value::Null();
    return Value::Bool(false);
  }
  if (*v[0] < *v[2]) {
    if (!v[1]) return Value::Null();
    if (*v[2] < *v[1]) return Value::Bool(true);
    if (!v[3]) return Value::Null();
    return Value::Bool(false);
  }
  if (!v[1] || !v[3]) return Value::Null();
  return Value::Bool(true);
}

}  // namespace

bool IsDatetimeFunction(ScalarFunction f) {
  return f >= ScalarFunction::kDatePart && f <= ScalarFunction::kLocalTime;
}

Value EvaluateDatetimeFunction(const BoundExpr& call, const std::vector<Value>& a,
                               ExecContext* ctx) {
  if (call.function == ScalarFunction::kOverlaps) return Overlaps(call, a);
  for (const Value& v : a) {
    if (v.is_null()) return Value::Null();  // every one of them is strict
  }
  auto arg_type = [&](size_t i) { return call.children[i]->type.id; };
  switch (call.function) {
    case ScalarFunction::kDatePart:
      return OrThrow(DatePartField(a[0].AsString(), a[1], arg_type(1)));
    case ScalarFunction::kExtract: return OrThrow(ExtractField(a[0].AsString(), a[1], arg_type(1)));
    case ScalarFunction::kDateTrunc:
      return OrThrow(TruncateToField(a[0].AsString(), a[1], arg_type(1)));
    case ScalarFunction::kToChar: return ToChar(call, a);
    case ScalarFunction::kToDate:
      return Value::Int(OrThrow(ParseDateWithFormat(a[0].AsString(), a[1].AsString())));
    case ScalarFunction::kToNumber:
      // An empty template gives NULL, as PostgreSQL's numeric_to_number.
      if (a[1].AsString().empty()) return Value::Null();
      return Value::Decimal(OrThrow(ParseNumberWithFormat(a[0].AsString(), a[1].AsString())));
    case ScalarFunction::kToTimestamp:
      if (a.size() == 1) return ToTimestampFromEpoch(a[0].AsFloat());
      return Value::Int(OrThrow(ParseTimestampWithFormat(a[0].AsString(), a[1].AsString())));
    case ScalarFunction::kMakeDate: return MakeDate(a[0].AsInt(), a[1].AsInt(), a[2].AsInt());
    case ScalarFunction::kMakeTime: return MakeTime(a[0].AsInt(), a[1].AsInt(), a[2].AsFloat());
    case ScalarFunction::kMakeTimestamp: {
      Value local = MakeTimestamp(a);
      if (call.type.id != TypeId::kTimestampTz) return local;
      if (a.size() == 7) return AtTimeZone(a[6].AsString(), local.AsInt(), true);
      return Value::Int(LocalToUtc(local.AsInt()));
    }
    case ScalarFunction::kMakeInterval: return MakeInterval(a);
    case ScalarFunction::kJustifyDays: return Value::Span(OrThrow(JustifyDays(a[0].AsInterval())));
    case ScalarFunction::kJustifyHours:
      return Value::Span(OrThrow(JustifyHours(a[0].AsInterval())));
    case ScalarFunction::kJustifyInterval:
      return Value::Span(OrThrow(JustifyInterval(a[0].AsInterval())));
    case ScalarFunction::kAge:
      // timestamptz_age compares the wall-clock fields.
      if (arg_type(0) == TypeId::kTimestampTz) {
        return Value::Span(
            OrThrow(TimestampAge(UtcToLocal(a[0].AsInt()), UtcToLocal(a[1].AsInt()))));
      }
      return Value::Span(OrThrow(TimestampAge(a[0].AsInt(), a[1].AsInt())));
    case ScalarFunction::kAgeFromToday: {
      const int64_t t =
          arg_type(0) == TypeId::kTimestampTz ? UtcToLocal(a[0].AsInt()) : a[0].AsInt();
      return Value::Span(OrThrow(TimestampAge(TodayMidnight(ctx), t)));
    }
    case ScalarFunction::kIsFinite:
      switch (arg_type(0)) {
        case TypeId::kDate:
          return Value::Bool(a[0].AsInt() != kDateNegInfinity && a[0].AsInt() != kDatePosInfinity);
        case TypeId::kInterval: return Value::Bool(true);
        default: return Value::Bool(!Infinite(a[0].AsInt()));
      }
    case ScalarFunction::kDateBin: return DateBin(a[0].AsInterval(), a[1].AsInt(), a[2].AsInt());
    case ScalarFunction::kOverlaps: break;  // not strict: above
    case ScalarFunction::kAtTimeZone:
      if (call.type.id == TypeId::kTimeTz) {
        // timetz_zone: the zone's offset now (at the transaction's start).
        const int32_t offset = NamedZone(a[0].AsString())->OffsetAt(TransactionTimestamp(ctx));
        return Value::Int(TimeTzAtOffset(a[1].AsInt(), offset));
      }
      return AtTimeZone(a[0].AsString(), a[1].AsInt(), call.type.id == TypeId::kTimestampTz);
    case ScalarFunction::kClockTimestamp: return Value::Int(CurrentTimestamp());
    case ScalarFunction::kStatementTimestamp:
      return Value::Int(ctx != nullptr ? ctx->statement_timestamp : CurrentTimestamp());
    case ScalarFunction::kTimeOfDay: return Value::String(TimeOfDayText());
    case ScalarFunction::kCurrentDate: return Value::Int(TodayMidnight(ctx) / kMicrosPerDay);
    case ScalarFunction::kCurrentTime:
      return Value::Int(TimeTzFromTimestampTz(TransactionTimestamp(ctx)));
    case ScalarFunction::kLocalTime: {
      const int64_t now = UtcToLocal(TransactionTimestamp(ctx));
      return Value::Int(now - TimestampToDate(now) * kMicrosPerDay);
    }
    default: break;
  }
  throw Error(sqlstate::kInternalError, "unknown date/time function");
}

}  // namespace basalt::sql
