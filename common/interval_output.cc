// interval_out in each IntervalStyle (PostgreSQL's EncodeInterval).
#include <fmt/format.h>

#include <cstdlib>

#include "common/datetime.h"
#include "common/interval.h"
#include "common/session_formats.h"

namespace basalt {
namespace {

// An interval's fields as PostgreSQL splits it (interval2itm): each with
// the sign of the field it comes from.
struct IntervalParts {
  int64_t years, months, days, hours, minutes, seconds, micros;
};

IntervalParts Split(const Interval& value) {
  IntervalParts p;
  p.years = value.months / 12;
  p.months = value.months % 12;
  p.days = value.days;
  p.hours = value.micros / kMicrosPerHour;
  int64_t rest = value.micros - p.hours * kMicrosPerHour;
  p.minutes = rest / kMicrosPerMinute;
  rest -= p.minutes * kMicrosPerMinute;
  p.seconds = rest / kMicrosPerSecond;
  p.micros = rest - p.seconds * kMicrosPerSecond;
  return p;
}

// AppendSeconds: the seconds' magnitude (two digits when `pad`), and the
// fraction without trailing zeros.
void AppendSeconds(int64_t seconds, int64_t micros, bool pad, std::string* out) {
  if (pad) {
    fmt::format_to(std::back_inserter(*out), "{:02}", std::llabs(seconds));
  } else {
    fmt::format_to(std::back_inserter(*out), "{}", std::llabs(seconds));
  }
  if (micros == 0) return;
  std::string digits = fmt::format("{:06}", std::llabs(micros));
  digits.erase(digits.find_last_not_of('0') + 1);
  out->push_back('.');
  out->append(digits);
}

// AddPostgresIntPart: "3 days", " -1 years", " +2 mons" (a plus after a
// negative field, so the text reads back the same).
void AppendPostgresPart(int64_t value, std::string_view unit, bool* is_zero, bool* is_before,
                        std::string* out) {
  if (value == 0) return;
  fmt::format_to(std::back_inserter(*out), "{}{}{} {}{}", *is_zero ? "" : " ",
                 *is_before && value > 0 ? "+" : "", value, unit, value != 1 ? "s" : "");
  *is_before = value < 0;
  *is_zero = false;
}

// IntervalStyle postgres: "1 year 2 mons 3 days 04:05:06.5", "-1 days
// +02:00:00", "00:00:00".
void AppendPostgres(const Interval& value, const IntervalParts& p, std::string* out) {
  bool is_zero = true;
  bool is_before = false;
  AppendPostgresPart(p.years, "year", &is_zero, &is_before, out);
  AppendPostgresPart(p.months, "mon", &is_zero, &is_before, out);
  AppendPostgresPart(p.days, "day", &is_zero, &is_before, out);
  if (!is_zero && value.micros == 0) return;
  const bool minus = value.micros < 0;
  fmt::format_to(std::back_inserter(*out), "{}{}{:02}:{:02}:", is_zero ? "" : " ",
                 minus       ? "-"
                 : is_before ? "+"
                             : "",
                 std::llabs(p.hours), std::llabs(p.minutes));
  AppendSeconds(p.seconds, p.micros, true, out);
}

// AddVerboseIntPart: " 3 days"; the first field's sign becomes "ago".
void AppendVerbosePart(int64_t value, std::string_view unit, bool* is_zero, bool* is_before,
                       std::string* out) {
  if (value == 0) return;
  if (*is_zero) {
    *is_before = value < 0;
    value = std::llabs(value);
  } else if (*is_before) {
    value = -value;
  }
  fmt::format_to(std::back_inserter(*out), " {} {}{}", value, unit, value == 1 ? "" : "s");
  *is_zero = false;
}

// IntervalStyle postgres_verbose: "@ 1 year 2 mons 3 days 4 hours 5 mins
// 6.5 secs", "@ 1 day ago", "@ 0".
void AppendVerbose(const IntervalParts& p, std::string* out) {
  out->push_back('@');
  bool is_zero = true;
  bool is_before = false;
  AppendVerbosePart(p.years, "year", &is_zero, &is_before, out);
  AppendVerbosePart(p.months, "mon", &is_zero, &is_before, out);
  AppendVerbosePart(p.days, "day", &is_zero, &is_before, out);
  AppendVerbosePart(p.hours, "hour", &is_zero, &is_before, out);
  AppendVerbosePart(p.minutes, "min", &is_zero, &is_before, out);
  if (p.seconds != 0 || p.micros != 0) {
    out->push_back(' ');
    if (p.seconds < 0 || (p.seconds == 0 && p.micros < 0)) {
      if (is_zero) {
        is_before = true;
      } else if (!is_before) {
        out->push_back('-');
      }
    } else if (is_before) {
      out->push_back('-');
    }
    AppendSeconds(p.seconds, p.micros, false, out);
    out->append(std::llabs(p.seconds) != 1 || p.micros != 0 ? " secs" : " sec");
    is_zero = false;
  }
  if (is_zero) out->append(" 0");
  if (is_before) out->append(" ago");
}

// IntervalStyle sql_standard: "1-2", "3 4:05:06", "-1 2:00:00", and for
// values the standard cannot write (mixed signs, or years with days),
// every part signed: "+1-2 +3 +4:05:06".
void AppendSqlStandard(IntervalParts p, std::string* out) {
  const int64_t parts[] = {p.years, p.months, p.days, p.hours, p.minutes, p.seconds, p.micros};
  bool has_negative = false, has_positive = false;
  for (int64_t part : parts) {
    has_negative |= part < 0;
    has_positive |= part > 0;
  }
  const bool has_year_month = p.years != 0 || p.months != 0;
  const bool has_day_time =
      p.days != 0 || p.hours != 0 || p.minutes != 0 || p.seconds != 0 || p.micros != 0;
  const bool standard = !(has_negative && has_positive) && !(has_year_month && has_day_time);
  if (has_negative && standard) {
    out->push_back('-');
    p = {-p.years, -p.months, -p.days, -p.hours, -p.minutes, -p.seconds, -p.micros};
  }
  if (!has_negative && !has_positive) {
    out->push_back('0');
  } else if (!standard) {
    const char year_sign = p.years < 0 || p.months < 0 ? '-' : '+';
    const char day_sign = p.days < 0 ? '-' : '+';
    const char time_sign =
        p.hours < 0 || p.minutes < 0 || p.seconds < 0 || p.micros < 0 ? '-' : '+';
    fmt::format_to(std::back_inserter(*out), "{}{}-{} {}{} {}{}:{:02}:", year_sign,
                   std::llabs(p.years), std::llabs(p.months), day_sign, std::llabs(p.days),
                   time_sign, std::llabs(p.hours), std::llabs(p.minutes));
    AppendSeconds(p.seconds, p.micros, true, out);
  } else if (has_year_month) {
    fmt::format_to(std::back_inserter(*out), "{}-{}", p.years, p.months);
  } else {
    if (p.days != 0) fmt::format_to(std::back_inserter(*out), "{} ", p.days);
    fmt::format_to(std::back_inserter(*out), "{}:{:02}:", p.hours, p.minutes);
    AppendSeconds(p.seconds, p.micros, true, out);
  }
}

// IntervalStyle iso_8601: "P1Y2M3DT4H5M6.5S", "PT0S".
void AppendIso8601(const IntervalParts& p, std::string* out) {
  auto part = [out](int64_t value, char unit) {
    if (value != 0) fmt::format_to(std::back_inserter(*out), "{}{}", value, unit);
  };
  if (p.years == 0 && p.months == 0 && p.days == 0 && p.hours == 0 && p.minutes == 0 &&
      p.seconds == 0 && p.micros == 0) {
    out->append("PT0S");
    return;
  }
  out->push_back('P');
  part(p.years, 'Y');
  part(p.months, 'M');
  part(p.days, 'D');
  if (p.hours != 0 || p.minutes != 0 || p.seconds != 0 || p.micros != 0) out->push_back('T');
  part(p.hours, 'H');
  part(p.minutes, 'M');
  if (p.seconds != 0 || p.micros != 0) {
    if (p.seconds < 0 || p.micros < 0) out->push_back('-');
    AppendSeconds(p.seconds, p.micros, false, out);
    out->push_back('S');
  }
}

}  // namespace

void AppendIntervalText(const Interval& value, std::string* out) {
  const IntervalParts parts = Split(value);
  switch (CurrentSessionFormats().interval_style) {
    case IntervalStyle::kPostgres: return AppendPostgres(value, parts, out);
    case IntervalStyle::kPostgresVerbose: return AppendVerbose(parts, out);
    case IntervalStyle::kSqlStandard: return AppendSqlStandard(parts, out);
    case IntervalStyle::kIso8601: return AppendIso8601(parts, out);
  }
}

}  // namespace basalt
