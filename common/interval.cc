// interval output, comparison and arithmetic, following PostgreSQL 15's
// timestamp.c and datetime.c step by step (their rounding and overflow
// checks are part of the observable behaviour). The input function lives in
// interval_parse.cc.
#include "common/interval.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <limits>

#include "common/datetime.h"
#include "common/sqlstate.h"

namespace basalt {
namespace {

constexpr int kDaysPerMonth = 30;
constexpr double kSecondsPerDay = 86'400.0;

Status IntervalOutOfRange() {
  return Status::Error(sqlstate::kDatetimeFieldOverflow, "interval out of range");
}

Status TimestampOutOfRange() {
  return Status::Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
}

bool FitsInt32(int64_t v) {
  return v >= std::numeric_limits<int32_t>::min() && v <= std::numeric_limits<int32_t>::max();
}

bool FinitelyValidTimestamp(int64_t micros) {
  return micros >= kMinTimestamp && micros < kEndTimestamp;
}

// TSROUND: rounds to microsecond precision the fractions interval_mul and
// interval_div cascade, so 0.1 * 30 days gives whole days.
double RoundToMicros(double v) {
  return std::rint(v * 1'000'000.0) / 1'000'000.0;
}

// A timestamp split as PostgreSQL's timestamp2tm: the calendar day and the
// microseconds since midnight.
struct SplitTimestamp {
  CivilDate date;
  int64_t time_of_day = 0;
};

int64_t FloorDivide(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

SplitTimestamp Split(int64_t micros) {
  const int64_t days = FloorDivide(micros, kMicrosPerDay);
  return {CivilFromDays(days), micros - days * kMicrosPerDay};
}

Result<int64_t> Join(const CivilDate& date, int64_t time_of_day) {
  const int64_t days = DaysFromCivil(date.year, date.month, date.day);
  if (days < kMinDate || days >= kEndDate) return TimestampOutOfRange();
  const IntervalSpan micros = static_cast<IntervalSpan>(days) * kMicrosPerDay + time_of_day;
  if (micros < kMinTimestamp || micros >= kEndTimestamp) return TimestampOutOfRange();
  return static_cast<int64_t>(micros);
}

// The fractional-month and fractional-day cascade shared by interval_mul
// and interval_div: `months` and `days` are the exact products, `whole_*`
// what was kept of them.
Result<Interval> CascadeFractions(double months, double days, double micros, Interval result) {
  double month_remainder_days = RoundToMicros((months - result.months) * kDaysPerMonth);
  double sec_remainder = RoundToMicros(
      (days - result.days + month_remainder_days - static_cast<int>(month_remainder_days)) *
      kSecondsPerDay);
  if (std::fabs(sec_remainder) >= kSecondsPerDay) {
    const int extra_days = static_cast<int>(sec_remainder / kSecondsPerDay);
    if (__builtin_add_overflow(result.days, extra_days, &result.days)) return IntervalOutOfRange();
    sec_remainder -= extra_days * kSecondsPerDay;
  }
  if (__builtin_add_overflow(result.days, static_cast<int32_t>(month_remainder_days),
                             &result.days)) {
    return IntervalOutOfRange();
  }
  const double time = std::rint(micros + sec_remainder * kMicrosPerSecond);
  if (std::isnan(time) || time < -9.2233720368547758e18 || time >= 9.2233720368547758e18) {
    return IntervalOutOfRange();
  }
  result.micros = static_cast<int64_t>(time);
  return result;
}

Result<int32_t> Int32Product(double v) {
  if (std::isnan(v) || v > std::numeric_limits<int32_t>::max() ||
      v < std::numeric_limits<int32_t>::min()) {
    return IntervalOutOfRange();
  }
  return static_cast<int32_t>(v);
}

}  // namespace

IntervalSpan Interval::Span() const {
  const int64_t total_days = static_cast<int64_t>(months) * kDaysPerMonth + days;
  return static_cast<IntervalSpan>(total_days) * kMicrosPerDay + micros;
}

int Interval::Compare(const Interval& other) const {
  const IntervalSpan a = Span();
  const IntervalSpan b = other.Span();
  return a < b ? -1 : a > b ? 1 : 0;
}

std::string IntervalToText(const Interval& value) {
  std::string out;
  AppendIntervalText(value, &out);
  return out;
}

Result<Interval> AddIntervals(const Interval& a, const Interval& b) {
  Interval r;
  if (__builtin_add_overflow(a.months, b.months, &r.months) ||
      __builtin_add_overflow(a.days, b.days, &r.days) ||
      __builtin_add_overflow(a.micros, b.micros, &r.micros)) {
    return IntervalOutOfRange();
  }
  return r;
}

Result<Interval> SubtractIntervals(const Interval& a, const Interval& b) {
  Interval r;
  if (__builtin_sub_overflow(a.months, b.months, &r.months) ||
      __builtin_sub_overflow(a.days, b.days, &r.days) ||
      __builtin_sub_overflow(a.micros, b.micros, &r.micros)) {
    return IntervalOutOfRange();
  }
  return r;
}

Result<Interval> NegateInterval(const Interval& a) {
  return SubtractIntervals(Interval{}, a);
}

Result<Interval> MultiplyInterval(const Interval& a, double factor) {
  Interval r;
  BASALT_ASSIGN_OR_RETURN(r.months, Int32Product(a.months * factor));
  BASALT_ASSIGN_OR_RETURN(r.days, Int32Product(a.days * factor));
  return CascadeFractions(a.months * factor, a.days * factor,
                          static_cast<double>(a.micros) * factor, r);
}

Result<Interval> DivideInterval(const Interval& a, double divisor) {
  if (divisor == 0.0) return Status::Error(sqlstate::kDivisionByZero, "division by zero");
  Interval r;
  BASALT_ASSIGN_OR_RETURN(r.months, Int32Product(a.months / divisor));
  BASALT_ASSIGN_OR_RETURN(r.days, Int32Product(a.days / divisor));
  return CascadeFractions(a.months / divisor, a.days / divisor,
                          static_cast<double>(a.micros) / divisor, r);
}

Result<Interval> JustifyHours(const Interval& a) {
  Interval r = a;
  const int64_t whole_days = r.micros / kMicrosPerDay;
  r.micros -= whole_days * kMicrosPerDay;
  const int64_t days = r.days + whole_days;
  if (!FitsInt32(days)) return IntervalOutOfRange();
  r.days = static_cast<int32_t>(days);
  if (r.days > 0 && r.micros < 0) {
    r.micros += kMicrosPerDay;
    r.days--;
  } else if (r.days < 0 && r.micros > 0) {
    r.micros -= kMicrosPerDay;
    r.days++;
  }
  return r;
}

Result<Interval> JustifyDays(const Interval& a) {
  Interval r = a;
  const int32_t whole_months = r.days / kDaysPerMonth;
  r.days -= whole_months * kDaysPerMonth;
  if (__builtin_add_overflow(r.months, whole_months, &r.months)) return IntervalOutOfRange();
  if (r.months > 0 && r.days < 0) {
    r.days += kDaysPerMonth;
    r.months--;
  } else if (r.months < 0 && r.days > 0) {
    r.days -= kDaysPerMonth;
    r.months++;
  }
  return r;
}

Result<Interval> JustifyInterval(const Interval& a) {
  Interval r = a;
  // Days first when they and the time have one sign, so the sum below
  // cannot overflow (PostgreSQL's pre-justification).
  if ((r.days > 0 && r.micros > 0) || (r.days < 0 && r.micros < 0)) {
    const int32_t whole_months = r.days / kDaysPerMonth;
    r.days -= whole_months * kDaysPerMonth;
    if (__builtin_add_overflow(r.months, whole_months, &r.months)) return IntervalOutOfRange();
  }
  const int64_t whole_days = r.micros / kMicrosPerDay;
  r.micros -= whole_days * kMicrosPerDay;
  const int64_t days = r.days + whole_days;
  if (!FitsInt32(days)) return IntervalOutOfRange();
  r.days = static_cast<int32_t>(days);
  const int32_t whole_months = r.days / kDaysPerMonth;
  r.days -= whole_months * kDaysPerMonth;
  if (__builtin_add_overflow(r.months, whole_months, &r.months)) return IntervalOutOfRange();
  if (r.months > 0 && (r.days < 0 || (r.days == 0 && r.micros < 0))) {
    r.days += kDaysPerMonth;
    r.months--;
  } else if (r.months < 0 && (r.days > 0 || (r.days == 0 && r.micros > 0))) {
    r.days -= kDaysPerMonth;
    r.months++;
  }
  if (r.days > 0 && r.micros < 0) {
    r.micros += kMicrosPerDay;
    r.days--;
  } else if (r.days < 0 && r.micros > 0) {
    r.micros -= kMicrosPerDay;
    r.days++;
  }
  return r;
}

Result<int64_t> AddIntervalToTimestamp(int64_t timestamp, const Interval& span) {
  if (timestamp == kTimestampNegInfinity || timestamp == kTimestampPosInfinity) return timestamp;
  if (span.months != 0) {
    SplitTimestamp t = Split(timestamp);
    const int64_t month_index = t.date.year * 12 + (t.date.month - 1) + span.months;
    t.date.year = FloorDivide(month_index, 12);
    t.date.month = static_cast<int>(month_index - t.date.year * 12) + 1;
    t.date.day = std::min(t.date.day, DaysInMonth(t.date.year, t.date.month));
    BASALT_ASSIGN_OR_RETURN(timestamp, Join(t.date, t.time_of_day));
  }
  if (span.days != 0) {
    const SplitTimestamp t = Split(timestamp);
    const int64_t days = DaysFromCivil(t.date.year, t.date.month, t.date.day) + span.days;
    BASALT_ASSIGN_OR_RETURN(timestamp, Join(CivilFromDays(days), t.time_of_day));
  }
  int64_t result = 0;
  if (__builtin_add_overflow(timestamp, span.micros, &result) || !FinitelyValidTimestamp(result)) {
    return TimestampOutOfRange();
  }
  return result;
}

Result<Interval> SubtractTimestamps(int64_t a, int64_t b) {
  auto infinite = [](int64_t t) {
    return t == kTimestampNegInfinity || t == kTimestampPosInfinity;
  };
  if (infinite(a) || infinite(b)) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow, "cannot subtract infinite timestamps");
  }
  Interval r;
  if (__builtin_sub_overflow(a, b, &r.micros)) return IntervalOutOfRange();
  return JustifyHours(r);
}

Result<Interval> TimestampAge(int64_t a, int64_t b) {
  auto infinite = [](int64_t t) {
    return t == kTimestampNegInfinity || t == kTimestampPosInfinity;
  };
  if (infinite(a) || infinite(b)) return TimestampOutOfRange();
  const SplitTimestamp t1 = Split(a);
  const SplitTimestamp t2 = Split(b);
  const bool flip = a < b;
  const int sign = flip ? -1 : 1;
  int64_t micros = sign * (t1.time_of_day - t2.time_of_day);
  int64_t days = sign * (t1.date.day - t2.date.day);
  int64_t months = sign * (t1.date.month - t2.date.month);
  int64_t years = sign * (t1.date.year - t2.date.year);
  // Borrow from the next larger field, a month's worth of days being the
  // length of the later timestamp's month, as timestamp_age.
  while (micros < 0) {
    micros += kMicrosPerDay;
    days--;
  }
  const CivilDate& reference = flip ? t1.date : t2.date;
  while (days < 0) {
    days += DaysInMonth(reference.year, reference.month);
    months--;
  }
  while (months < 0) {
    months += 12;
    years--;
  }
  const int64_t total_months = sign * (years * 12 + months);
  if (!FitsInt32(total_months) || !FitsInt32(days)) return IntervalOutOfRange();
  return Interval{static_cast<int32_t>(total_months), static_cast<int32_t>(sign * days),
                  sign * micros};
}

}  // namespace basalt
