// to_char for timestamps and intervals (PostgreSQL 15's DCH_to_char). The
// template is read left to right: a quoted string or a backslash escape is
// copied, FM / TM / FX prefixes and TH / th / SP suffixes modify the next
// pattern, the longest pattern at the position wins, anything else is
// copied as it is.
#include "common/to_char.h"

#include <fmt/format.h>

#include <cstdlib>
#include <optional>

#include "common/datetime.h"
#include "common/datetime_fields.h"
#include "common/sqlstate.h"
#include "common/to_char_pattern.h"

namespace basalt {
namespace {

constexpr const char* kMonthsFull[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};
constexpr const char* kDaysFull[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                     "Thursday", "Friday", "Saturday"};
constexpr const char* kRomanUpper[] = {"XII", "XI", "X",  "IX",  "VIII", "VII",
                                       "VI",  "V",  "IV", "III", "II",   "I"};
constexpr const char* kRomanLower[] = {"xii", "xi", "x",  "ix",  "viii", "vii",
                                       "vi",  "v",  "iv", "iii", "ii",   "i"};

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}
std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The fields to_char reads, as PostgreSQL's pg_tm for a timestamp
// (year astronomical) or an interval (hours unbounded, no weekday).
struct ToCharFields {
  bool is_interval = false;
  int64_t year = 0;
  int64_t month = 0;  // 1..12; an interval's months beyond its years
  int64_t day = 0;
  int64_t hour = 0;
  int64_t minute = 0;
  int64_t second = 0;
  int64_t micros = 0;
  int64_t days_since_2000 = 0;  // timestamps only
  // A timestamptz's zone at that instant; none for a timestamp.
  const TimeZone::LocalType* zone = nullptr;
};

int64_t AdjustYear(const ToCharFields& f) {
  return f.is_interval ? f.year : f.year <= 0 ? -(f.year - 1) : f.year;
}

// "%0*lld": zero-padded to `width` (a minus sign counted in it).
std::string Padded(int64_t v, int width) {
  std::string digits = std::to_string(std::llabs(v));
  const int sign = v < 0 ? 1 : 0;
  if (static_cast<int>(digits.size()) + sign < width) {
    digits.insert(0, static_cast<size_t>(width - sign - static_cast<int>(digits.size())), '0');
  }
  return v < 0 ? "-" + digits : digits;
}

// str_numth: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th.
std::string Ordinal(const std::string& number, bool upper) {
  if (number.empty()) return number;
  const char last = number.back();
  const bool teen = number.size() >= 2 && number[number.size() - 2] == '1';
  const char* suffix = "th";
  if (!teen && last == '1') suffix = "st";
  if (!teen && last == '2') suffix = "nd";
  if (!teen && last == '3') suffix = "rd";
  return number + (upper ? Upper(suffix) : std::string(suffix));
}

Status InvalidForInterval() {
  return Status::Error(sqlstate::kInvalidDatetimeFormat,
                       "invalid format specification for an interval value")
      .WithHint("Intervals are not tied to specific calendar dates.");
}

// Left-justified to 9 characters unless FM ("%-9s").
std::string Name(std::string name, bool fill_mode) {
  if (!fill_mode && name.size() < 9) name.append(9 - name.size(), ' ');
  return name;
}

Result<std::string> FormatFields(const ToCharFields& f, std::string_view format) {
  std::string out;
  out.reserve(format.size() + 32);
  // The same for every item: computed once per value (to_char runs per row).
  const int64_t hour12 = f.hour % 12 == 0 ? 12 : f.hour % 12;
  const bool pm = f.hour % 24 >= 12;
  const int32_t offset = f.zone != nullptr ? f.zone->offset : 0;
  const int32_t abs_offset = offset < 0 ? -offset : offset;
  const int64_t year = AdjustYear(f);
  auto calendar_only = [&]() -> Status {
    if (f.is_interval) return InvalidForInterval();
    return Status::OK();
  };
  const int dow = f.is_interval ? 0 : DayOfWeek(f.days_since_2000);
  const int64_t day_of_year =
      f.is_interval ? 0 : f.days_since_2000 - DaysFromCivil(f.year, 1, 1) + 1;
  for (const TemplateItem& item : CachedDateTemplate(format)) {
    if (item.pattern == DatePattern::kLiteral) {
      out += item.literal;
      continue;
    }
    const bool fm = item.fill_mode;
    std::string s;
    bool numeric = true;  // TH applies to numbers only
    auto width = [&](int w, int64_t v) { return fm ? 0 : (v >= 0 ? w : w + 1); };
    switch (item.pattern) {
      case DatePattern::kLiteral:
      case DatePattern::kFX: break;
      case DatePattern::kHH:
      case DatePattern::kHH12: s = Padded(hour12, width(2, f.hour)); break;
      case DatePattern::kHH24: s = Padded(f.hour, width(2, f.hour)); break;
      case DatePattern::kMI: s = Padded(f.minute, width(2, f.minute)); break;
      case DatePattern::kSS: s = Padded(f.second, width(2, f.second)); break;
      case DatePattern::kMS: s = Padded(f.micros / 1000, 3); break;
      case DatePattern::kUS: s = Padded(f.micros, 6); break;
      case DatePattern::kFF1:
      case DatePattern::kFF2:
      case DatePattern::kFF3:
      case DatePattern::kFF4:
      case DatePattern::kFF5:
      case DatePattern::kFF6: {
        const int digits = static_cast<int>(item.pattern) - static_cast<int>(DatePattern::kFF1) + 1;
        int64_t v = f.micros;
        for (int i = digits; i < 6; ++i) v /= 10;
        s = Padded(v, digits);
        break;
      }
      case DatePattern::kSSSS: s = std::to_string(f.hour * 3600 + f.minute * 60 + f.second); break;
      case DatePattern::kAM_upper:
      case DatePattern::kPM_upper:
        s = pm ? "PM" : "AM";
        numeric = false;
        break;
      case DatePattern::kAM_lower:
      case DatePattern::kPM_lower:
        s = pm ? "pm" : "am";
        numeric = false;
        break;
      case DatePattern::kA_M_upper:
      case DatePattern::kP_M_upper:
        s = pm ? "P.M." : "A.M.";
        numeric = false;
        break;
      case DatePattern::kA_M_lower:
      case DatePattern::kP_M_lower:
        s = pm ? "p.m." : "a.m.";
        numeric = false;
        break;
      case DatePattern::kTZ_upper:
      case DatePattern::kTZ_lower:
        BASALT_RETURN_IF_ERROR(calendar_only());
        if (f.zone != nullptr) {
          s = item.pattern == DatePattern::kTZ_upper ? Upper(f.zone->abbreviation)
                                                     : Lower(f.zone->abbreviation);
        }
        numeric = false;
        break;
      case DatePattern::kTZH:
        BASALT_RETURN_IF_ERROR(calendar_only());
        s = fmt::format("{}{:02}", offset < 0 ? '-' : '+', abs_offset / 3600);
        numeric = false;
        break;
      case DatePattern::kTZM:
        BASALT_RETURN_IF_ERROR(calendar_only());
        s = fmt::format("{:02}", abs_offset % 3600 / 60);
        numeric = false;
        break;
      case DatePattern::kOF:
        BASALT_RETURN_IF_ERROR(calendar_only());
        s = fmt::format("{}{:0{}}", offset < 0 ? '-' : '+', abs_offset / 3600, fm ? 0 : 2);
        if (abs_offset % 3600 != 0) s += fmt::format(":{:02}", abs_offset % 3600 / 60);
        numeric = false;
        break;
      case DatePattern::kAD_upper:
      case DatePattern::kBC_upper:
        BASALT_RETURN_IF_ERROR(calendar_only());
        s = f.year <= 0 ? "BC" : "AD";
        numeric = false;
        break;
      case DatePattern::kAD_lower:
      case DatePattern::kBC_lower:
        BASALT_RETURN_IF_ERROR(calendar_only());
        s = f.year <= 0 ? "bc" : "ad";
        numeric = false;
        break;
      case DatePattern::kA_D_upper:
      case DatePattern::kB_C_upper:
        BASALT_RETURN_IF_ERROR(calendar_only());
        s = f.year <= 0 ? "B.C." : "A.D.";
        numeric = false;
        break;
      case DatePattern::kA_D_lower:
      case DatePattern::kB_C_lower:
        BASALT_RETURN_IF_ERROR(calendar_only());
        s = f.year <= 0 ? "b.c." : "a.d.";
        numeric = false;
        break;
      case DatePattern::kMONTH:
      case DatePattern::kMonth:
      case DatePattern::kmonth:
      case DatePattern::kMON:
      case DatePattern::kMon:
      case DatePattern::kmon: {
        numeric = false;
        BASALT_RETURN_IF_ERROR(calendar_only());
        if (f.month == 0) break;
        if (f.month < 0) return Status::Error(sqlstate::kInvalidDatetimeFormat, "invalid month");
        std::string name = kMonthsFull[f.month - 1];
        const bool full = item.pattern == DatePattern::kMONTH ||
                          item.pattern == DatePattern::kMonth ||
                          item.pattern == DatePattern::kmonth;
        if (!full) name = name.substr(0, 3);
        if (item.pattern == DatePattern::kMONTH || item.pattern == DatePattern::kMON) {
          name = Upper(name);
        }
        if (item.pattern == DatePattern::kmonth || item.pattern == DatePattern::kmon) {
          name = Lower(name);
        }
        s = full ? Name(name, fm) : name;
        break;
      }
      case DatePattern::kMM: s = Padded(f.month, width(2, f.month)); break;
      case DatePattern::kDAY:
      case DatePattern::kDay:
      case DatePattern::kday:
      case DatePattern::kDY:
      case DatePattern::kDy:
      case DatePattern::kdy: {
        BASALT_RETURN_IF_ERROR(calendar_only());
        numeric = false;
        std::string name = kDaysFull[dow];
        const bool full = item.pattern == DatePattern::kDAY || item.pattern == DatePattern::kDay ||
                          item.pattern == DatePattern::kday;
        if (!full) name = name.substr(0, 3);
        if (item.pattern == DatePattern::kDAY || item.pattern == DatePattern::kDY)
          name = Upper(name);
        if (item.pattern == DatePattern::kday || item.pattern == DatePattern::kdy)
          name = Lower(name);
        s = full ? Name(name, fm) : name;
        break;
      }
      case DatePattern::kDDD: s = Padded(day_of_year, fm ? 0 : 3); break;
      case DatePattern::kIDDD: {
        BASALT_RETURN_IF_ERROR(calendar_only());
        // Days since the Monday of ISO week 1.
        const int64_t iso_year = IsoYear(f.days_since_2000);
        const int64_t jan4 = DaysFromCivil(iso_year, 1, 4);
        const int jan4_dow = DayOfWeek(jan4);
        const int64_t week1 = jan4 - (jan4_dow == 0 ? 6 : jan4_dow - 1);
        s = Padded(f.days_since_2000 - week1 + 1, fm ? 0 : 3);
        break;
      }
      case DatePattern::kDD: s = Padded(f.day, fm ? 0 : 2); break;
      case DatePattern::kD:
        BASALT_RETURN_IF_ERROR(calendar_only());
        s = std::to_string(dow + 1);
        break;
      case DatePattern::kID:
        BASALT_RETURN_IF_ERROR(calendar_only());
        s = std::to_string(dow == 0 ? 7 : dow);
        break;
      case DatePattern::kWW: s = Padded((day_of_year - 1) / 7 + 1, fm ? 0 : 2); break;
      case DatePattern::kIW:
        s = Padded(f.is_interval ? 0 : IsoWeek(f.days_since_2000), fm ? 0 : 2);
        break;
      case DatePattern::kQ:
        if (f.month == 0) break;
        s = std::to_string((f.month - 1) / 3 + 1);
        break;
      case DatePattern::kCC: {
        int64_t c = 0;
        if (f.is_interval) {
          c = f.year / 100;
        } else {
          c = f.year > 0 ? (f.year - 1) / 100 + 1 : f.year / 100 - 1;
        }
        s = c <= 99 && c >= -99 ? Padded(c, fm ? 0 : (c >= 0 ? 2 : 3)) : std::to_string(c);
        break;
      }
      case DatePattern::kY_YYY: {
        const int64_t thousands = year / 1000;
        s = fmt::format("{},{:03}", thousands, year - thousands * 1000);
        break;
      }
      case DatePattern::kYYYY:
      case DatePattern::kIYYY:
      case DatePattern::kYYY:
      case DatePattern::kIYY:
      case DatePattern::kYY:
      case DatePattern::kIY:
      case DatePattern::kY:
      case DatePattern::kI: {
        const bool iso = item.pattern == DatePattern::kIYYY || item.pattern == DatePattern::kIYY ||
                         item.pattern == DatePattern::kIY || item.pattern == DatePattern::kI;
        int64_t y = year;
        if (iso) {
          if (f.is_interval) return InvalidForInterval();
          const int64_t iy = IsoYear(f.days_since_2000);
          y = iy <= 0 ? -(iy - 1) : iy;
        }
        int digits = 4;
        if (item.pattern == DatePattern::kYYY || item.pattern == DatePattern::kIYY) digits = 3;
        if (item.pattern == DatePattern::kYY || item.pattern == DatePattern::kIY) digits = 2;
        if (item.pattern == DatePattern::kY || item.pattern == DatePattern::kI) digits = 1;
        std::string text = Padded(y, fm ? 0 : (y >= 0 ? digits : digits + 1));
        if (digits < 4 && static_cast<int>(text.size()) > digits) {
          text = text.substr(text.size() - static_cast<size_t>(digits));
        }
        s = text;
        break;
      }
      case DatePattern::kRM:
      case DatePattern::krm: {
        numeric = false;
        if (f.month == 0 && f.year == 0) break;
        int index = 0;
        if (f.month == 0) {
          index = f.year >= 0 ? 0 : 11;
        } else if (f.month < 0) {
          index = static_cast<int>(-1 * (f.month + 1));
        } else {
          index = static_cast<int>(12 - f.month);
        }
        std::string name =
            item.pattern == DatePattern::kRM ? kRomanUpper[index] : kRomanLower[index];
        if (!fm && name.size() < 4) name.append(4 - name.size(), ' ');
        s = name;
        break;
      }
      case DatePattern::kW: s = std::to_string((f.day - 1) / 7 + 1); break;
      case DatePattern::kJ:
        s = std::to_string(f.is_interval ? 0 : f.days_since_2000 + 2'451'545);
        break;
    }
    if (numeric && item.ordinal != 0) s = Ordinal(s, item.ordinal > 0);
    out += s;
  }
  return out;
}

}  // namespace

Result<std::string> FormatTimestamp(int64_t timestamp, std::string_view format,
                                    const TimeZone::LocalType* zone) {
  const TimestampFields t = FieldsOfTimestamp(timestamp);
  ToCharFields f;
  f.year = t.date.year;
  f.month = t.date.month;
  f.day = t.date.day;
  f.hour = t.hour;
  f.minute = t.minute;
  f.second = t.second;
  f.micros = t.micros;
  f.days_since_2000 = DaysFromCivil(t.date.year, t.date.month, t.date.day);
  f.zone = zone;
  return FormatFields(f, format);
}

Result<std::string> FormatInterval(const Interval& value, std::string_view format) {
  ToCharFields f;
  f.is_interval = true;
  f.year = value.months / 12;
  f.month = value.months % 12;
  f.day = value.days;
  f.hour = value.micros / (3600 * kMicrosPerSecond);
  int64_t rest = value.micros - f.hour * 3600 * kMicrosPerSecond;
  f.minute = rest / (60 * kMicrosPerSecond);
  rest -= f.minute * 60 * kMicrosPerSecond;
  f.second = rest / kMicrosPerSecond;
  f.micros = rest - f.second * kMicrosPerSecond;
  return FormatFields(f, format);
}

}  // namespace basalt
