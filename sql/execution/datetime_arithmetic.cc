#include "sql/execution/datetime_arithmetic.h"

#include "common/datetime.h"
#include "common/error.h"
#include "common/interval.h"
#include "common/time_of_day.h"
#include "common/time_tz.h"
#include "common/time_zone.h"
#include "sql/execution/evaluate.h"

namespace basalt::sql {
namespace {

bool IsDatetimeType(TypeId id) {
  return id == TypeId::kTimestamp || id == TypeId::kTimestampTz || id == TypeId::kInterval ||
         id == TypeId::kTime || id == TypeId::kTimeTz;
}

bool IsIntervalValue(const Value& v) {
  return v.is_interval();
}

// time_pl_interval: only the interval's time part counts, modulo a day.
int64_t AddToTime(int64_t time, int64_t micros) {
  int64_t result = (time + micros % kMicrosPerDay) % kMicrosPerDay;
  return result < 0 ? result + kMicrosPerDay : result;
}

// timetz_pl_interval: the time moves as time's, the zone stays.
int64_t AddToTimeTz(int64_t packed, int64_t micros) {
  TimeTz t = UnpackTimeTz(packed);
  t.micros = AddToTime(t.micros, micros);
  return PackTimeTz(t);
}

Value TimestampOfDateAndTime(int64_t days, int64_t time) {
  const int64_t midnight = OrThrow(DateToTimestamp(days));
  if (midnight == kTimestampNegInfinity || midnight == kTimestampPosInfinity) {
    return Value::Int(midnight);
  }
  return Value::Int(midnight + time);
}

// datetimetz_timestamptz: the date at a time in that time's zone.
Value TimestampTzOfDateAndTimeTz(int64_t days, int64_t packed) {
  const TimeTz t = UnpackTimeTz(packed);
  const Value local = TimestampOfDateAndTime(days, t.micros);
  const int64_t micros = local.AsInt();
  if (micros == kTimestampNegInfinity || micros == kTimestampPosInfinity) return local;
  return Value::Int(micros - int64_t{t.offset_east} * kMicrosPerSecond);
}

}  // namespace

bool IsDatetimeArithmetic(const DataType& left_type, const DataType& result_type) {
  return IsDatetimeType(left_type.id) || IsDatetimeType(result_type.id);
}

int64_t AddInterval(int64_t timestamp, const Interval& span, TypeId type) {
  if (type != TypeId::kTimestampTz || (span.months == 0 && span.days == 0)) {
    return OrThrow(AddIntervalToTimestamp(timestamp, span));
  }
  // timestamptz_pl_interval: months and days move the wall clock of the
  // session's zone (a day across a DST change is 23 or 25 hours), the time
  // part moves the instant.
  const int64_t local =
      OrThrow(AddIntervalToTimestamp(UtcToLocal(timestamp), Interval{span.months, span.days, 0}));
  return OrThrow(AddIntervalToTimestamp(LocalToUtc(local), Interval{0, 0, span.micros}));
}

Value NegateInterval(const Value& v) {
  if (v.is_null()) return v;
  return Value::Span(OrThrow(basalt::NegateInterval(v.AsInterval())));
}

Value DatetimeArithmetic(ArithmeticOp op, const Value& a, const Value& b, const DataType& left_type,
                         const DataType& result_type) {
  const bool subtract = op == ArithmeticOp::kSubtract;
  switch (left_type.id) {
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: {
      if (!IsIntervalValue(b))
        return Value::Span(OrThrow(SubtractTimestamps(a.AsInt(), b.AsInt())));
      Interval span = b.AsInterval();
      if (subtract) span = OrThrow(basalt::NegateInterval(span));
      return Value::Int(AddInterval(a.AsInt(), span, left_type.id));
    }
    case TypeId::kInterval: {
      const Interval& span = a.AsInterval();
      if (IsIntervalValue(b)) {
        return Value::Span(OrThrow(subtract ? SubtractIntervals(span, b.AsInterval())
                                            : AddIntervals(span, b.AsInterval())));
      }
      if (op == ArithmeticOp::kMultiply)
        return Value::Span(OrThrow(MultiplyInterval(span, b.AsFloat())));
      if (op == ArithmeticOp::kDivide)
        return Value::Span(OrThrow(DivideInterval(span, b.AsFloat())));
      if (result_type.id == TypeId::kTime) return Value::Int(AddToTime(b.AsInt(), span.micros));
      if (result_type.id == TypeId::kTimeTz) return Value::Int(AddToTimeTz(b.AsInt(), span.micros));
      return Value::Int(AddInterval(b.AsInt(), span, result_type.id));
    }
    case TypeId::kFloat8:
      return Value::Span(OrThrow(MultiplyInterval(b.AsInterval(), a.AsFloat())));
    case TypeId::kTime: {
      if (IsIntervalValue(b)) {
        const int64_t micros = b.AsInterval().micros % kMicrosPerDay;
        return Value::Int(AddToTime(a.AsInt(), subtract ? -micros : micros));
      }
      if (result_type.id == TypeId::kInterval)
        return Value::Span(Interval{0, 0, a.AsInt() - b.AsInt()});
      return TimestampOfDateAndTime(b.AsInt(), a.AsInt());  // time + date
    }
    case TypeId::kTimeTz: {
      if (!IsIntervalValue(b)) return TimestampTzOfDateAndTimeTz(b.AsInt(), a.AsInt());  // + date
      const int64_t micros = b.AsInterval().micros % kMicrosPerDay;
      return Value::Int(AddToTimeTz(a.AsInt(), subtract ? -micros : micros));
    }
    case TypeId::kDate:
      if (result_type.id == TypeId::kTimestampTz)
        return TimestampTzOfDateAndTimeTz(a.AsInt(), b.AsInt());
      return TimestampOfDateAndTime(a.AsInt(), b.AsInt());  // date + time
    default: break;
  }
  throw Error(sqlstate::kInternalError, "unexpected date/time arithmetic");
}

}  // namespace basalt::sql
