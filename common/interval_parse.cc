// interval_in: PostgreSQL 15's ParseDateTime + DecodeInterval (fields read
// right to left, so a unit word applies to the number before it) and
// DecodeISO8601Interval for 'P...' durations.
#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <vector>

#include "common/datetime.h"
#include "common/datetime_units.h"
#include "common/interval.h"
#include "common/session_formats.h"
#include "common/sqlstate.h"

namespace basalt {
namespace {

enum class Outcome { kOk, kBadFormat, kFieldOverflow, kIntervalOverflow };

// PostgreSQL's pg_itm_in: the fields as they accumulate.
struct Accumulator {
  int64_t micros = 0;
  int32_t days = 0;
  int32_t months = 0;
};

bool AddFractionMicros(double fraction, int64_t scale, Accumulator* acc) {
  if (fraction == 0) return true;
  fraction *= static_cast<double>(scale);
  int64_t usec = static_cast<int64_t>(fraction);
  fraction -= static_cast<double>(usec);
  usec += static_cast<int64_t>(std::rint(fraction));
  return !__builtin_add_overflow(acc->micros, usec, &acc->micros);
}

bool AddFractionDays(double fraction, int scale, Accumulator* acc) {
  if (fraction == 0) return true;
  fraction *= scale;
  const int extra_days = static_cast<int>(fraction);
  if (__builtin_add_overflow(acc->days, extra_days, &acc->days)) return false;
  fraction -= extra_days;
  return AddFractionMicros(fraction, kMicrosPerDay, acc);
}

bool AddFractionYears(double fraction, int scale, Accumulator* acc) {
  const int extra_months = static_cast<int>(std::rint(fraction * scale * 12));
  return !__builtin_add_overflow(acc->months, extra_months, &acc->months);
}

bool AddMicros(int64_t value, double fraction, int64_t scale, Accumulator* acc) {
  if (__builtin_mul_overflow(value, scale, &value)) return false;
  if (__builtin_add_overflow(acc->micros, value, &acc->micros)) return false;
  return AddFractionMicros(fraction, scale, acc);
}

bool AddDays(int64_t value, int multiplier, Accumulator* acc) {
  int32_t days = 0;
  if (value < INT32_MIN || value > INT32_MAX) return false;
  return !__builtin_mul_overflow(static_cast<int32_t>(value), multiplier, &days) &&
         !__builtin_add_overflow(acc->days, days, &acc->days);
}

bool AddMonths(int64_t value, Accumulator* acc) {
  if (value < INT32_MIN || value > INT32_MAX) return false;
  return !__builtin_add_overflow(acc->months, static_cast<int32_t>(value), &acc->months);
}

bool AddYears(int64_t value, int scale, Accumulator* acc) {
  int32_t years = 0;
  if (value < INT32_MIN || value > INT32_MAX) return false;
  return !__builtin_mul_overflow(static_cast<int32_t>(value), scale, &years) &&
         !__builtin_mul_overflow(years, 12, &years) &&
         !__builtin_add_overflow(acc->months, years, &acc->months);
}

// Adds `value` (+ `fraction`, same sign) of `unit`.
bool AddUnit(DateUnit unit, int64_t value, double fraction, Accumulator* acc) {
  switch (unit) {
    case DateUnit::kMicrosecond: return AddMicros(value, fraction, 1, acc);
    case DateUnit::kMillisecond: return AddMicros(value, fraction, 1000, acc);
    case DateUnit::kSecond: return AddMicros(value, fraction, kMicrosPerSecond, acc);
    case DateUnit::kMinute: return AddMicros(value, fraction, kMicrosPerMinute, acc);
    case DateUnit::kHour: return AddMicros(value, fraction, kMicrosPerHour, acc);
    case DateUnit::kDay:
      return AddDays(value, 1, acc) && AddFractionMicros(fraction, kMicrosPerDay, acc);
    case DateUnit::kWeek: return AddDays(value, 7, acc) && AddFractionDays(fraction, 7, acc);
    case DateUnit::kMonth: return AddMonths(value, acc) && AddFractionDays(fraction, 30, acc);
    case DateUnit::kYear: return AddYears(value, 1, acc) && AddFractionYears(fraction, 1, acc);
    case DateUnit::kDecade: return AddYears(value, 10, acc) && AddFractionYears(fraction, 10, acc);
    case DateUnit::kCentury:
      return AddYears(value, 100, acc) && AddFractionYears(fraction, 100, acc);
    case DateUnit::kMillennium:
      return AddYears(value, 1000, acc) && AddFractionYears(fraction, 1000, acc);
    default: return false;
  }
}

// strtoi64-like: an optional sign and digits; nullopt on overflow.
std::optional<int64_t> ReadInteger(std::string_view s, size_t* i, bool* overflow) {
  size_t start = *i;
  bool negative = false;
  if (*i < s.size() && (s[*i] == '+' || s[*i] == '-')) negative = s[(*i)++] == '-';
  int64_t v = 0;
  size_t digits = 0;
  while (*i < s.size() && std::isdigit(static_cast<unsigned char>(s[*i]))) {
    if (__builtin_mul_overflow(v, 10, &v) ||
        __builtin_add_overflow(v, negative ? -(s[*i] - '0') : (s[*i] - '0'), &v)) {
      *overflow = true;
    }
    ++*i;
    ++digits;
  }
  if (digits == 0) {
    *i = start;
    return std::nullopt;
  }
  return v;
}

// ParseFraction: ".123" as a double in [0, 1).
bool ReadFraction(std::string_view s, size_t* i, double* fraction) {
  size_t start = *i;  // at '.'
  ++*i;
  while (*i < s.size() && std::isdigit(static_cast<unsigned char>(s[*i]))) ++*i;
  std::string text = "0" + std::string(s.substr(start, *i - start));
  *fraction = std::strtod(text.c_str(), nullptr);
  return true;
}

// DecodeTime for intervals: h:m[:s[.f]], or m:s.f; `minute_to_second`
// reads h:m as m:s.
Outcome DecodeTime(std::string_view s, bool minute_to_second, int64_t* micros) {
  size_t i = 0;
  bool overflow = false;
  std::optional<int64_t> hour = ReadInteger(s, &i, &overflow);
  if (!hour || i >= s.size() || s[i] != ':') return Outcome::kBadFormat;
  ++i;
  std::optional<int64_t> minute = ReadInteger(s, &i, &overflow);
  if (!minute) return Outcome::kBadFormat;
  int64_t h = *hour, m = *minute, sec = 0;
  int64_t fraction_micros = 0;
  auto fraction = [&]() {
    double f = 0;
    ReadFraction(s, &i, &f);
    fraction_micros = static_cast<int64_t>(std::rint(f * kMicrosPerSecond));
  };
  if (i == s.size()) {
    if (minute_to_second) {
      sec = m;
      m = h;
      h = 0;
    }
  } else if (s[i] == '.') {
    fraction();
    sec = m;
    m = h;
    h = 0;
  } else if (s[i] == ':') {
    ++i;
    std::optional<int64_t> second = ReadInteger(s, &i, &overflow);
    if (!second) return Outcome::kBadFormat;
    sec = *second;
    if (i < s.size() && s[i] == '.') fraction();
  } else {
    return Outcome::kBadFormat;
  }
  if (i != s.size()) return Outcome::kBadFormat;
  if (overflow || h < 0 || m < 0 || m > 59 || sec < 0 || sec > 60 || fraction_micros < 0 ||
      fraction_micros > kMicrosPerSecond) {
    return Outcome::kFieldOverflow;
  }
  int64_t total = 0;
  if (__builtin_mul_overflow(h, kMicrosPerHour, &total) ||
      __builtin_add_overflow(total, m * kMicrosPerMinute + sec * kMicrosPerSecond + fraction_micros,
                             &total)) {
    return Outcome::kFieldOverflow;
  }
  *micros = total;
  return Outcome::kOk;
}

struct Field {
  std::string text;
  enum Kind { kNumber, kTime, kSigned, kString } kind;
};

// ParseDateTime's split: numbers (with '-', '.', ':' inside), signed
// numbers, words; other punctuation ('@', ',') only separates.
std::optional<std::vector<Field>> SplitFields(std::string_view s) {
  std::vector<Field> fields;
  size_t i = 0;
  auto is_digit = [&](size_t k) {
    return k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]));
  };
  auto is_alpha = [&](size_t k) {
    return k < s.size() && std::isalpha(static_cast<unsigned char>(s[k]));
  };
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    const size_t start = i;
    if (std::isdigit(c) || c == '.' || c == '+' || c == '-') {
      if (c == '+' || c == '-') {
        ++i;
        if (!is_digit(i) && !(i < s.size() && s[i] == '.')) {
          // A sign before a word ("-infinity") or alone.
          if (!is_alpha(i)) return std::nullopt;
          while (is_alpha(i)) ++i;
          fields.push_back({std::string(s.substr(start, i - start)), Field::kString});
          continue;
        }
      }
      bool has_colon = false;
      while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.' ||
                              s[i] == ':' || s[i] == '-')) {
        if (s[i] == '-' && i > start && !is_digit(i + 1)) break;
        has_colon |= s[i] == ':';
        ++i;
      }
      const Field::Kind kind = c == '+' || c == '-' ? Field::kSigned
                               : has_colon          ? Field::kTime
                                                    : Field::kNumber;
      fields.push_back({std::string(s.substr(start, i - start)), kind});
      continue;
    }
    if (std::isalpha(c)) {
      while (is_alpha(i)) ++i;
      std::string word(s.substr(start, i - start));
      for (char& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      fields.push_back({std::move(word), Field::kString});
      continue;
    }
    if (std::ispunct(c)) {
      ++i;
      continue;
    }
    return std::nullopt;
  }
  return fields;
}

// A bare number counts in the qualifier's last field, seconds by default.
DateUnit DefaultUnit(const IntervalRange& range) {
  switch (range.to) {
    case IntervalField::kYear: return DateUnit::kYear;
    case IntervalField::kMonth: return DateUnit::kMonth;
    case IntervalField::kDay: return DateUnit::kDay;
    case IntervalField::kHour: return DateUnit::kHour;
    case IntervalField::kMinute: return DateUnit::kMinute;
    default: return DateUnit::kSecond;
  }
}

// Which of PostgreSQL's field-mask bits a unit sets: a unit given twice,
// or a time h:m:s beside hours, is a syntax error.
uint32_t UnitMask(DateUnit unit) {
  return 1u << static_cast<int>(unit);
}

constexpr uint32_t kTimeMask =
    (1u << static_cast<int>(DateUnit::kHour)) | (1u << static_cast<int>(DateUnit::kMinute)) |
    (1u << static_cast<int>(DateUnit::kSecond)) | (1u << static_cast<int>(DateUnit::kMillisecond)) |
    (1u << static_cast<int>(DateUnit::kMicrosecond));

Outcome DecodeNumber(const Field& f, DateUnit unit, Accumulator* acc, uint32_t* mask) {
  size_t i = 0;
  bool overflow = false;
  std::optional<int64_t> value = ReadInteger(f.text, &i, &overflow);
  if (!value) {
    if (i < f.text.size() && f.text[i] == '.') {
      value = 0;  // ".5"
    } else if (f.text.size() > 1 && (f.text[0] == '-' || f.text[0] == '+') && f.text[1] == '.') {
      value = 0;
      i = 1;
    } else {
      return Outcome::kBadFormat;
    }
  }
  if (overflow) return Outcome::kFieldOverflow;
  const bool negative = f.text[0] == '-';
  double fraction = 0;
  if (i < f.text.size() && f.text[i] == '-') {
    // SQL "years-months".
    ++i;
    bool overflow2 = false;
    size_t before = i;
    std::optional<int64_t> months = ReadInteger(f.text, &i, &overflow2);
    if (!months || before == i || f.text[before] == '+' || f.text[before] == '-') {
      return Outcome::kBadFormat;
    }
    if (overflow2 || *months < 0 || *months >= 12) return Outcome::kFieldOverflow;
    if (i != f.text.size()) return Outcome::kBadFormat;
    unit = DateUnit::kMonth;
    int64_t total = 0;
    if (__builtin_mul_overflow(*value, int64_t{12}, &total) ||
        __builtin_add_overflow(total, negative ? -*months : *months, &total)) {
      return Outcome::kFieldOverflow;
    }
    value = total;
  } else if (i < f.text.size() && f.text[i] == '.') {
    ReadFraction(f.text, &i, &fraction);
    if (i != f.text.size()) return Outcome::kBadFormat;
    if (negative) fraction = -fraction;
  } else if (i != f.text.size()) {
    return Outcome::kBadFormat;
  }
  if (unit > DateUnit::kMillennium || unit == DateUnit::kQuarter) return Outcome::kBadFormat;
  uint32_t bit = UnitMask(unit);
  if (unit == DateUnit::kSecond && fraction != 0) {
    bit |= UnitMask(DateUnit::kMillisecond) | UnitMask(DateUnit::kMicrosecond);
  }
  if (*mask & bit) return Outcome::kBadFormat;
  *mask |= bit;
  if (!AddUnit(unit, *value, fraction, acc)) return Outcome::kFieldOverflow;
  return Outcome::kOk;
}

Outcome DecodePostgres(std::string_view text, const IntervalRange& range, Accumulator* acc) {
  std::optional<std::vector<Field>> fields = SplitFields(text);
  if (!fields) return Outcome::kBadFormat;
  const bool minute_to_second =
      range.from == IntervalField::kMinute && range.to == IntervalField::kSecond;
  std::optional<DateUnit> unit;  // the unit word after the number being read
  bool ago = false;
  uint32_t mask = 0;
  bool any = false;
  for (size_t k = fields->size(); k-- > 0;) {
    const Field& f = (*fields)[k];
    if (f.kind == Field::kTime ||
        (f.kind == Field::kSigned && f.text.find(':') != std::string::npos)) {
      const bool signed_time = f.kind == Field::kSigned;
      int64_t micros = 0;
      Outcome o = DecodeTime(signed_time ? std::string_view(f.text).substr(1) : f.text,
                             minute_to_second, &micros);
      if (o != Outcome::kOk) return o;
      if (signed_time && f.text[0] == '-') micros = -micros;
      if (mask & kTimeMask) return Outcome::kBadFormat;
      mask |= kTimeMask;
      if (__builtin_add_overflow(acc->micros, micros, &acc->micros)) {
        return Outcome::kFieldOverflow;
      }
      unit = DateUnit::kDay;
      any = true;
      continue;
    }
    if (f.kind == Field::kString) {
      if (f.text == "ago") {
        if (ago) return Outcome::kBadFormat;
        ago = true;
        continue;
      }
      std::optional<DateUnit> u = DateUnitFromName(f.text);
      if (!u) return Outcome::kBadFormat;
      unit = *u;
      continue;
    }
    Outcome o = DecodeNumber(f, unit.value_or(DefaultUnit(range)), acc, &mask);
    if (o != Outcome::kOk) return o;
    any = true;
  }
  if (!any) return Outcome::kBadFormat;
  // IntervalStyle sql_standard reads '-1 1:00:00' as minus a day and an
  // hour: a leading minus applies to every field when no other is signed.
  if (CurrentSessionFormats().interval_style == IntervalStyle::kSqlStandard &&
      (*fields)[0].text[0] == '-') {
    bool more_signs = false;
    for (size_t k = 1; k < fields->size(); ++k) {
      more_signs |= (*fields)[k].text[0] == '-' || (*fields)[k].text[0] == '+';
    }
    if (!more_signs) {
      if (acc->micros > 0) acc->micros = -acc->micros;
      if (acc->days > 0) acc->days = -acc->days;
      if (acc->months > 0) acc->months = -acc->months;
    }
  }
  if (ago) {
    if (acc->micros == std::numeric_limits<int64_t>::min() ||
        acc->days == std::numeric_limits<int32_t>::min() ||
        acc->months == std::numeric_limits<int32_t>::min()) {
      return Outcome::kFieldOverflow;
    }
    acc->micros = -acc->micros;
    acc->days = -acc->days;
    acc->months = -acc->months;
  }
  return Outcome::kOk;
}

// DecodeISO8601Interval, designator format: P1Y2M3W4DT5H6M7.5S.
Outcome DecodeIso8601(std::string_view s, Accumulator* acc) {
  if (s.size() < 2 || s[0] != 'P') return Outcome::kBadFormat;
  size_t i = 1;
  bool time_part = false;
  bool any = false;
  while (i < s.size()) {
    if (s[i] == 'T') {
      if (time_part) return Outcome::kBadFormat;
      time_part = true;
      ++i;
      continue;
    }
    // A number: [sign]digits[.digits].
    const size_t start = i;
    if (s[i] == '+' || s[i] == '-') ++i;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
    if (i == start || i >= s.size()) return Outcome::kBadFormat;
    const std::string number(s.substr(start, i - start));
    const double whole_and_fraction = std::strtod(number.c_str(), nullptr);
    const double whole = std::trunc(whole_and_fraction);
    if (std::fabs(whole) > 9.2e18) return Outcome::kFieldOverflow;
    const int64_t value = static_cast<int64_t>(whole);
    const double fraction = whole_and_fraction - whole;
    const char designator = s[i++];
    DateUnit unit;
    if (!time_part) {
      switch (designator) {
        case 'Y': unit = DateUnit::kYear; break;
        case 'M': unit = DateUnit::kMonth; break;
        case 'W': unit = DateUnit::kWeek; break;
        case 'D': unit = DateUnit::kDay; break;
        default: return Outcome::kBadFormat;
      }
    } else {
      switch (designator) {
        case 'H': unit = DateUnit::kHour; break;
        case 'M': unit = DateUnit::kMinute; break;
        case 'S': unit = DateUnit::kSecond; break;
        default: return Outcome::kBadFormat;
      }
    }
    if (!AddUnit(unit, value, fraction, acc)) return Outcome::kFieldOverflow;
    any = true;
  }
  return any ? Outcome::kOk : Outcome::kBadFormat;
}

}  // namespace

IntervalRange IntervalRangeFromText(std::string_view text) {
  auto field = [](std::string_view word) {
    if (word == "year") return IntervalField::kYear;
    if (word == "month") return IntervalField::kMonth;
    if (word == "day") return IntervalField::kDay;
    if (word == "hour") return IntervalField::kHour;
    if (word == "minute") return IntervalField::kMinute;
    if (word == "second") return IntervalField::kSecond;
    return IntervalField::kNone;
  };
  IntervalRange range;
  if (text.empty()) return range;
  const size_t to = text.find(" to ");
  if (to == std::string_view::npos) {
    range.from = range.to = field(text);
  } else {
    range.from = field(text.substr(0, to));
    range.to = field(text.substr(to + 4));
  }
  return range;
}

Interval TruncateInterval(const Interval& value, IntervalRange range) {
  Interval r = value;
  switch (range.to) {
    case IntervalField::kYear:
      r.months = r.months / 12 * 12;
      r.days = 0;
      r.micros = 0;
      break;
    case IntervalField::kMonth:
      r.days = 0;
      r.micros = 0;
      break;
    case IntervalField::kDay: r.micros = 0; break;
    case IntervalField::kHour: r.micros = r.micros / kMicrosPerHour * kMicrosPerHour; break;
    case IntervalField::kMinute: r.micros = r.micros / kMicrosPerMinute * kMicrosPerMinute; break;
    default: break;
  }
  return r;
}

namespace {

// INTERVAL_MASK bits, in field order (year, month, day, hour, minute, second).
constexpr int32_t kFieldMasks[] = {1 << 2, 1 << 1, 1 << 3, 1 << 10, 1 << 11, 1 << 12};
constexpr int32_t kFullRange = 0x7FFF;
constexpr int32_t kFullPrecision = 0xFFFF;

int FieldIndex(IntervalField field) {
  return static_cast<int>(field) - static_cast<int>(IntervalField::kYear);
}

}  // namespace

int32_t IntervalTypmod(IntervalRange range, int32_t precision) {
  int32_t mask = kFullRange;
  if (range.from != IntervalField::kNone) {
    mask = 0;
    for (int i = FieldIndex(range.from); i <= FieldIndex(range.to); ++i) mask |= kFieldMasks[i];
  }
  if (mask == kFullRange && precision < 0) return -1;
  return (mask << 16) | (precision < 0 ? kFullPrecision : precision);
}

IntervalRange IntervalTypmodRange(int32_t typmod) {
  IntervalRange range;
  const int32_t mask = typmod < 0 ? kFullRange : typmod >> 16;
  if (mask == kFullRange) return range;
  for (int i = 0; i < 6; ++i) {
    if ((mask & kFieldMasks[i]) == 0) continue;
    const auto field = static_cast<IntervalField>(i + 1);  // kYear is 1
    if (range.from == IntervalField::kNone) range.from = field;
    range.to = field;
  }
  return range;
}

std::string IntervalTypmodText(int32_t typmod) {
  if (typmod < 0) return "";
  static constexpr std::string_view kNames[] = {"year", "month", "day", "hour", "minute", "second"};
  const IntervalRange range = IntervalTypmodRange(typmod);
  std::string text;
  if (range.from != IntervalField::kNone) {
    text = " " + std::string(kNames[FieldIndex(range.from)]);
    if (range.to != range.from) text += " to " + std::string(kNames[FieldIndex(range.to)]);
  }
  const int32_t precision = typmod & 0xFFFF;
  if (precision != kFullPrecision) text += fmt::format("({})", precision);
  return text;
}

Interval AdjustIntervalForTypmod(const Interval& value, int32_t typmod) {
  if (typmod < 0) return value;
  Interval r = TruncateInterval(value, IntervalTypmodRange(typmod));
  const int32_t precision = typmod & 0xFFFF;
  if (precision < 6) {
    int64_t scale = 1;
    for (int i = precision; i < 6; ++i) scale *= 10;
    const int64_t half = scale / 2;
    r.micros =
        r.micros >= 0 ? (r.micros + half) / scale * scale : -((-r.micros + half) / scale * scale);
  }
  return r;
}

Result<Interval> ParseInterval(std::string_view text, IntervalRange range) {
  Accumulator acc;
  Outcome outcome = DecodePostgres(text, range, &acc);
  if (outcome == Outcome::kBadFormat) {
    size_t begin = 0;
    while (begin < text.size() && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
    size_t end = text.size();
    while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
    acc = Accumulator{};
    outcome = DecodeIso8601(text.substr(begin, end - begin), &acc);
  }
  switch (outcome) {
    case Outcome::kOk: break;
    case Outcome::kBadFormat:
      return Status::Error(sqlstate::kInvalidDatetimeFormat,
                           fmt::format("invalid input syntax for type interval: \"{}\"", text));
    case Outcome::kFieldOverflow:
      return Status::Error(sqlstate::kIntervalFieldOverflow,
                           fmt::format("interval field value out of range: \"{}\"", text));
    case Outcome::kIntervalOverflow:
      return Status::Error(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  }
  return TruncateInterval(Interval{acc.months, acc.days, acc.micros}, range);
}

}  // namespace basalt
