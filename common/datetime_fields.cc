// extract, date_part and date_trunc after PostgreSQL 15's
// timestamp_part_common, extract_date, time_part_common,
// interval_part_common, timestamp_trunc and interval_trunc.
#include "common/datetime_fields.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <limits>
#include <string>

#include "common/datetime_units.h"
#include "common/interval.h"
#include "common/sqlstate.h"
#include "common/time_tz.h"
#include "common/time_zone.h"

namespace basalt {
namespace {

constexpr int64_t kJulianOfPostgresEpoch = 2'451'545;  // 2000-01-01
constexpr int64_t kUnixEpochSeconds = 946'684'800;     // 1970 -> 2000

int64_t FloorDivide(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Status NotRecognized(const std::string& field, TypeId type) {
  return Status::Error(
      sqlstate::kInvalidParameterValue,
      fmt::format("unit \"{}\" not recognized for type {}", field, DataType::Of(type).Name()));
}

Status NotSupported(const std::string& field, TypeId type) {
  return Status::Error(
      sqlstate::kFeatureNotSupported,
      fmt::format("unit \"{}\" not supported for type {}", field, DataType::Of(type).Name()));
}

// One field's value: exact (unscaled / 10^scale, or a computed numeric for
// julian) and as PostgreSQL's float8 path computes it.
struct FieldValue {
  enum Kind { kFinite, kNull, kPositiveInfinity, kNegativeInfinity } kind = kFinite;
  Numeric exact;
  double approx = 0;
};

FieldValue Whole(int64_t v) {
  return FieldValue{FieldValue::kFinite, Numeric(v, 0), static_cast<double>(v)};
}

FieldValue Scaled(int64_t unscaled, int scale) {
  double divisor = 1;
  for (int i = 0; i < scale; ++i) divisor *= 10;
  return FieldValue{FieldValue::kFinite, Numeric(unscaled, scale),
                    static_cast<double>(unscaled) / divisor};
}

int64_t SignedYear(int64_t year) {
  return year > 0 ? year : year - 1;
}
int64_t Decade(int64_t year) {
  return year >= 0 ? year / 10 : -((8 - (year - 1)) / 10);
}
int64_t Century(int64_t year) {
  return year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100);
}
int64_t Millennium(int64_t year) {
  return year > 0 ? (year + 999) / 1000 : -((999 - (year - 1)) / 1000);
}

// The date fields shared by date and timestamp; nullopt if `unit` is not one.
std::optional<FieldValue> DateField(DateUnit unit, int64_t days) {
  const CivilDate d = CivilFromDays(days);
  switch (unit) {
    case DateUnit::kDay: return Whole(d.day);
    case DateUnit::kMonth: return Whole(d.month);
    case DateUnit::kQuarter: return Whole((d.month - 1) / 3 + 1);
    case DateUnit::kWeek: return Whole(IsoWeek(days));
    case DateUnit::kYear: return Whole(SignedYear(d.year));
    case DateUnit::kDecade: return Whole(Decade(d.year));
    case DateUnit::kCentury: return Whole(Century(d.year));
    case DateUnit::kMillennium: return Whole(Millennium(d.year));
    case DateUnit::kIsoYear: {
      const int64_t y = IsoYear(days);
      return Whole(y > 0 ? y : y - 1);
    }
    case DateUnit::kDayOfWeek: return Whole(DayOfWeek(days));
    case DateUnit::kIsoDayOfWeek: {
      const int dow = DayOfWeek(days);
      return Whole(dow == 0 ? 7 : dow);
    }
    case DateUnit::kDayOfYear: return Whole(days - DaysFromCivil(d.year, 1, 1) + 1);
    default: return std::nullopt;
  }
}

bool GrowsWithTime(DateUnit unit) {
  return unit == DateUnit::kYear || unit == DateUnit::kDecade || unit == DateUnit::kCentury ||
         unit == DateUnit::kMillennium || unit == DateUnit::kJulian || unit == DateUnit::kIsoYear ||
         unit == DateUnit::kEpoch;
}

Result<FieldValue> TimestampField(const std::string& name, DateUnit unit, int64_t ts, TypeId type) {
  const bool with_zone = type == TypeId::kTimestampTz;
  const bool zone_unit = unit == DateUnit::kTimezone || unit == DateUnit::kTimezoneHour ||
                         unit == DateUnit::kTimezoneMinute;
  if (zone_unit && !with_zone) return NotSupported(name, type);
  if (ts == kTimestampNegInfinity || ts == kTimestampPosInfinity) {
    FieldValue v;
    v.kind = !GrowsWithTime(unit)          ? FieldValue::kNull
             : ts == kTimestampPosInfinity ? FieldValue::kPositiveInfinity
                                           : FieldValue::kNegativeInfinity;
    return v;
  }
  // A timestamptz's fields are its wall clock in the session's zone.
  const int32_t zone_offset = with_zone ? SessionTimeZone().OffsetAt(ts) : 0;
  const int64_t local = ts + int64_t{zone_offset} * kMicrosPerSecond;
  const TimestampFields f = FieldsOfTimestamp(local);
  const int64_t days = FloorDivide(local, kMicrosPerDay);
  const int64_t second_micros = f.second * kMicrosPerSecond + f.micros;
  switch (unit) {
    case DateUnit::kMicrosecond: return Whole(second_micros);
    case DateUnit::kMillisecond: {
      FieldValue v = Scaled(second_micros, 3);
      v.approx = f.second * 1000.0 + static_cast<double>(f.micros) / 1000.0;
      return v;
    }
    case DateUnit::kSecond: {
      FieldValue v = Scaled(second_micros, 6);
      v.approx = f.second + static_cast<double>(f.micros) / 1000000.0;
      return v;
    }
    case DateUnit::kMinute: return Whole(f.minute);
    case DateUnit::kHour: return Whole(f.hour);
    case DateUnit::kTimezone: return Whole(zone_offset);
    case DateUnit::kTimezoneHour: return Whole(zone_offset / 3600);
    case DateUnit::kTimezoneMinute: return Whole(zone_offset / 60 % 60);
    case DateUnit::kEpoch: {
      FieldValue v = Scaled(ts + kUnixEpochSeconds * kMicrosPerSecond, 6);
      v.approx = static_cast<double>(ts + kUnixEpochSeconds * kMicrosPerSecond) / 1000000.0;
      return v;
    }
    case DateUnit::kJulian: {
      const int64_t time_micros = local - days * kMicrosPerDay;
      Result<Numeric> fraction = Numeric(time_micros, 0).Divide(Numeric(kMicrosPerDay, 0));
      if (!fraction.ok()) return fraction.status();
      Result<Numeric> julian = Numeric(days + kJulianOfPostgresEpoch, 0).Add(*fraction);
      if (!julian.ok()) return julian.status();
      FieldValue v{FieldValue::kFinite, *julian, 0};
      v.approx =
          static_cast<double>(days + kJulianOfPostgresEpoch) +
          ((f.hour * 60 + f.minute) * 60 + f.second + static_cast<double>(f.micros) / 1000000.0) /
              86400.0;
      return v;
    }
    default: break;
  }
  if (std::optional<FieldValue> v = DateField(unit, days)) return *v;
  return NotSupported(name, type);
}

Result<FieldValue> DateValueField(const std::string& name, DateUnit unit, int64_t days) {
  if (days == kDateNegInfinity || days == kDatePosInfinity) {
    if (!DateField(unit, 0) && unit != DateUnit::kEpoch && unit != DateUnit::kJulian) {
      return NotSupported(name, TypeId::kDate);
    }
    FieldValue v;
    v.kind = !GrowsWithTime(unit)       ? FieldValue::kNull
             : days == kDatePosInfinity ? FieldValue::kPositiveInfinity
                                        : FieldValue::kNegativeInfinity;
    return v;
  }
  if (unit == DateUnit::kEpoch) return Whole(days * 86'400 + kUnixEpochSeconds);
  if (unit == DateUnit::kJulian) return Whole(days + kJulianOfPostgresEpoch);
  if (std::optional<FieldValue> v = DateField(unit, days)) return *v;
  return NotSupported(name, TypeId::kDate);
}

Result<FieldValue> TimeField(const std::string& name, DateUnit unit, int64_t micros) {
  const int64_t second_micros = micros % (60 * kMicrosPerSecond);
  switch (unit) {
    case DateUnit::kMicrosecond: return Whole(second_micros);
    case DateUnit::kMillisecond: return Scaled(second_micros, 3);
    case DateUnit::kSecond: return Scaled(second_micros, 6);
    case DateUnit::kMinute: return Whole(micros / (60 * kMicrosPerSecond) % 60);
    case DateUnit::kHour: return Whole(micros / (3600 * kMicrosPerSecond));
    case DateUnit::kEpoch: return Scaled(micros, 6);
    default: return NotSupported(name, TypeId::kTime);
  }
}

// timetz_part: the time's fields, the zone's, and the epoch of the
// UTC-equivalent time.
Result<FieldValue> TimeTzField(const std::string& name, DateUnit unit, int64_t packed) {
  const TimeTz t = UnpackTimeTz(packed);
  switch (unit) {
    case DateUnit::kTimezone: return Whole(t.offset_east);
    case DateUnit::kTimezoneHour: return Whole(t.offset_east / 3600);
    case DateUnit::kTimezoneMinute: return Whole(t.offset_east / 60 % 60);
    case DateUnit::kEpoch: return Scaled(t.micros - int64_t{t.offset_east} * kMicrosPerSecond, 6);
    case DateUnit::kMicrosecond:
    case DateUnit::kMillisecond:
    case DateUnit::kSecond:
    case DateUnit::kMinute:
    case DateUnit::kHour: return TimeField(name, unit, t.micros);
    default: return NotSupported(name, TypeId::kTimeTz);
  }
}

Result<FieldValue> IntervalField(const std::string& name, DateUnit unit, const Interval& span) {
  const int64_t years = span.months / 12;
  const int64_t months = span.months % 12;
  const int64_t hours = span.micros / (3600 * kMicrosPerSecond);
  const int64_t minutes = span.micros / (60 * kMicrosPerSecond) % 60;
  const int64_t second_micros = span.micros % (60 * kMicrosPerSecond);
  switch (unit) {
    case DateUnit::kMicrosecond: return Whole(second_micros);
    case DateUnit::kMillisecond: return Scaled(second_micros, 3);
    case DateUnit::kSecond: return Scaled(second_micros, 6);
    case DateUnit::kMinute: return Whole(minutes);
    case DateUnit::kHour: return Whole(hours);
    case DateUnit::kDay: return Whole(span.days);
    case DateUnit::kMonth: return Whole(months);
    case DateUnit::kQuarter: return Whole(months / 3 + 1);
    case DateUnit::kYear: return Whole(years);
    case DateUnit::kDecade: return Whole(years / 10);
    case DateUnit::kCentury: return Whole(years / 100);
    case DateUnit::kMillennium: return Whole(years / 1000);
    case DateUnit::kEpoch: {
      // 365.25 days a year, 30 a month, as PostgreSQL (counted in quarter
      // days so the sum stays integral).
      const IntervalSpan seconds = (static_cast<IntervalSpan>(1461) * years + 120 * months +
                                    static_cast<IntervalSpan>(4) * span.days) *
                                   (86'400 / 4);
      const IntervalSpan total = seconds * kMicrosPerSecond + span.micros;
      FieldValue v{FieldValue::kFinite, Numeric(total, 6), static_cast<double>(total) / 1e6};
      return v;
    }
    default: return NotSupported(name, TypeId::kInterval);
  }
}

Result<FieldValue> AnyField(std::string_view field, const Value& v, TypeId type) {
  const std::string name = Lower(field);
  std::optional<DateUnit> unit = DateFieldFromName(name);
  if (!unit) return NotRecognized(name, type);
  switch (type) {
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: return TimestampField(name, *unit, v.AsInt(), type);
    case TypeId::kDate: return DateValueField(name, *unit, v.AsInt());
    case TypeId::kTime: return TimeField(name, *unit, v.AsInt());
    case TypeId::kTimeTz: return TimeTzField(name, *unit, v.AsInt());
    case TypeId::kInterval: return IntervalField(name, *unit, v.AsInterval());
    default: return Status::Internal("extract from an unexpected type");
  }
}

}  // namespace

TimestampFields FieldsOfTimestamp(int64_t timestamp) {
  const int64_t days = FloorDivide(timestamp, kMicrosPerDay);
  int64_t rest = timestamp - days * kMicrosPerDay;
  TimestampFields f;
  f.date = CivilFromDays(days);
  f.hour = static_cast<int>(rest / (3600 * kMicrosPerSecond));
  rest -= f.hour * 3600 * kMicrosPerSecond;
  f.minute = static_cast<int>(rest / (60 * kMicrosPerSecond));
  rest -= f.minute * 60 * kMicrosPerSecond;
  f.second = static_cast<int>(rest / kMicrosPerSecond);
  f.micros = rest - f.second * kMicrosPerSecond;
  return f;
}

int DayOfWeek(int64_t days) {
  // 2000-01-01 was a Saturday.
  return static_cast<int>(days + 6 - FloorDivide(days + 6, 7) * 7);
}

// The Thursday of a date's ISO week decides the week's year.
int64_t IsoYear(int64_t days) {
  const int dow = DayOfWeek(days);
  const int64_t thursday = days - (dow == 0 ? 6 : dow - 1) + 3;
  return CivilFromDays(thursday).year;
}

int IsoWeek(int64_t days) {
  const int dow = DayOfWeek(days);
  const int64_t thursday = days - (dow == 0 ? 6 : dow - 1) + 3;
  const int64_t year = CivilFromDays(thursday).year;
  return static_cast<int>((thursday - DaysFromCivil(year, 1, 1)) / 7 + 1);
}

Result<Value> ExtractField(std::string_view field, const Value& v, TypeId type) {
  BASALT_ASSIGN_OR_RETURN(FieldValue f, AnyField(field, v, type));
  switch (f.kind) {
    case FieldValue::kFinite: return Value::Decimal(f.exact);
    case FieldValue::kNull: return Value::Null();
    case FieldValue::kPositiveInfinity: return Value::Decimal(Numeric::PosInfinity());
    case FieldValue::kNegativeInfinity: return Value::Decimal(Numeric::NegInfinity());
  }
  return Value::Null();
}

Result<Value> DatePartField(std::string_view field, const Value& v, TypeId type) {
  BASALT_ASSIGN_OR_RETURN(FieldValue f, AnyField(field, v, type));
  switch (f.kind) {
    case FieldValue::kFinite: return Value::Float(f.approx);
    case FieldValue::kNull: return Value::Null();
    case FieldValue::kPositiveInfinity:
      return Value::Float(std::numeric_limits<double>::infinity());
    case FieldValue::kNegativeInfinity:
      return Value::Float(-std::numeric_limits<double>::infinity());
  }
  return Value::Null();
}

Result<Value> TruncateToField(std::string_view field, const Value& v, TypeId type) {
  const std::string name = Lower(field);
  std::optional<DateUnit> unit = DateUnitFromName(name);
  if (!unit) return NotRecognized(name, type);
  if (type == TypeId::kInterval) {
    const Interval& span = v.AsInterval();
    int64_t years = span.months / 12;
    int64_t months = span.months % 12;
    int64_t days = span.days;
    int64_t micros = span.micros;
    const int64_t hour = 3600 * kMicrosPerSecond;
    const int64_t minute = 60 * kMicrosPerSecond;
    switch (*unit) {
      case DateUnit::kMillennium: years = years / 1000 * 1000; [[fallthrough]];
      case DateUnit::kCentury: years = years / 100 * 100; [[fallthrough]];
      case DateUnit::kDecade: years = years / 10 * 10; [[fallthrough]];
      case DateUnit::kYear: months = 0; [[fallthrough]];
      case DateUnit::kQuarter: months = 3 * (months / 3); [[fallthrough]];
      case DateUnit::kMonth: days = 0; [[fallthrough]];
      case DateUnit::kDay: micros = 0; [[fallthrough]];
      case DateUnit::kHour: micros = micros / hour * hour; [[fallthrough]];
      case DateUnit::kMinute: micros = micros / minute * minute; [[fallthrough]];
      case DateUnit::kSecond: micros = micros / kMicrosPerSecond * kMicrosPerSecond; break;
      case DateUnit::kMillisecond: micros = micros / 1000 * 1000; break;
      case DateUnit::kMicrosecond: break;
      default: {
        Status s = NotSupported(name, type);
        if (*unit == DateUnit::kWeek) return s.WithDetail("Months usually have fractional weeks.");
        return s;
      }
    }
    return Value::Span(
        Interval{static_cast<int32_t>(years * 12 + months), static_cast<int32_t>(days), micros});
  }
  const int64_t ts = v.AsInt();
  switch (*unit) {
    case DateUnit::kMicrosecond:
    case DateUnit::kMillisecond:
    case DateUnit::kSecond:
    case DateUnit::kMinute:
    case DateUnit::kHour:
    case DateUnit::kDay:
    case DateUnit::kWeek:
    case DateUnit::kMonth:
    case DateUnit::kQuarter:
    case DateUnit::kYear:
    case DateUnit::kDecade:
    case DateUnit::kCentury:
    case DateUnit::kMillennium: break;
    default: return NotSupported(name, type);
  }
  if (ts == kTimestampNegInfinity || ts == kTimestampPosInfinity) return v;
  // A timestamptz is truncated on the session zone's wall clock; units of a
  // day and more land on that day's local midnight (offset found anew),
  // finer units keep the instant's offset, as timestamptz_trunc.
  const int64_t offset =
      type == TypeId::kTimestampTz ? int64_t{SessionTimeZone().OffsetAt(ts)} * kMicrosPerSecond : 0;
  const bool keeps_offset = *unit == DateUnit::kHour || *unit == DateUnit::kMinute ||
                            *unit == DateUnit::kSecond || *unit == DateUnit::kMillisecond ||
                            *unit == DateUnit::kMicrosecond;
  auto instant = [&](int64_t local) {
    if (type != TypeId::kTimestampTz) return local;
    return keeps_offset ? local - offset : LocalToUtc(local);
  };
  TimestampFields f = FieldsOfTimestamp(ts + offset);
  int64_t& year = f.date.year;
  switch (*unit) {
    case DateUnit::kWeek: {
      const int64_t days = FloorDivide(ts + offset, kMicrosPerDay);
      const int dow = DayOfWeek(days);
      return Value::Int(instant((days - (dow == 0 ? 6 : dow - 1)) * kMicrosPerDay));
    }
    case DateUnit::kMillennium:
      year =
          year > 0 ? ((year + 999) / 1000) * 1000 - 999 : -((999 - (year - 1)) / 1000) * 1000 + 1;
      [[fallthrough]];
    case DateUnit::kCentury:
      year = year > 0 ? ((year + 99) / 100) * 100 - 99 : -((99 - (year - 1)) / 100) * 100 + 1;
      [[fallthrough]];
    case DateUnit::kDecade:
      if (*unit == DateUnit::kDecade) {
        year = year > 0 ? (year / 10) * 10 : -((8 - (year - 1)) / 10) * 10;
      }
      [[fallthrough]];
    case DateUnit::kYear: f.date.month = 1; [[fallthrough]];
    case DateUnit::kQuarter: f.date.month = 3 * ((f.date.month - 1) / 3) + 1; [[fallthrough]];
    case DateUnit::kMonth: f.date.day = 1; [[fallthrough]];
    case DateUnit::kDay: f.hour = 0; [[fallthrough]];
    case DateUnit::kHour: f.minute = 0; [[fallthrough]];
    case DateUnit::kMinute: f.second = 0; [[fallthrough]];
    case DateUnit::kSecond: f.micros = 0; break;
    case DateUnit::kMillisecond: f.micros = f.micros / 1000 * 1000; break;
    default: break;
  }
  const int64_t days = DaysFromCivil(f.date.year, f.date.month, f.date.day);
  if (days < kMinDate) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
  }
  return Value::Int(instant(days * kMicrosPerDay +
                            ((f.hour * 60 + f.minute) * 60 + f.second) * kMicrosPerSecond +
                            f.micros));
}

}  // namespace basalt
