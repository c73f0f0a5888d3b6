// Calendar arithmetic, output functions and date <-> timestamp conversions.
// The parser lives in datetime_parse.cc.
#include "common/datetime.h"

#include <fmt/format.h>

#include <chrono>

#include "common/session_formats.h"
#include "common/time_of_day.h"
#include "common/time_zone.h"

namespace basalt {
namespace {

// 1970-01-01 (the civil algorithm's origin) counted from 2000-01-01.
constexpr int64_t kUnixEpochDays = -10'957;

int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// The year as printed: astronomical year 0 is 1 BC, so BC years count
// from 1 and take a " BC" suffix.
int64_t DisplayYear(const CivilDate& date) {
  return date.year > 0 ? date.year : 1 - date.year;
}

// EncodeDateOnly without the era: the date in the formats' DateStyle.
void AppendDateFields(const CivilDate& date, const SessionFormats& formats, std::string* out) {
  const int64_t year = DisplayYear(date);
  const bool day_first = formats.date_order == DateOrder::kDmy;
  const int first = day_first ? date.day : date.month;
  const int second = day_first ? date.month : date.day;
  auto to = std::back_inserter(*out);
  switch (formats.date_style) {
    case DateStyle::kIso:
    case DateStyle::kXsd:
      fmt::format_to(to, "{:04}-{:02}-{:02}", year, date.month, date.day);
      return;
    case DateStyle::kSql: fmt::format_to(to, "{:02}/{:02}/{:04}", first, second, year); return;
    case DateStyle::kGerman:
      fmt::format_to(to, "{:02}.{:02}.{:04}", date.day, date.month, year);
      return;
    case DateStyle::kPostgres: fmt::format_to(to, "{:02}-{:02}-{:04}", first, second, year); return;
  }
}

// The zone of a timestamptz: a numeric offset in ISO ("+01", with minutes
// always in XSD "+01:00"), the zone's abbreviation in the other styles.
struct ZoneText {
  int32_t offset_east = 0;
  std::string_view abbreviation;
};

void AppendZone(const ZoneText& zone, DateStyle style, std::string* out) {
  if (style == DateStyle::kIso || style == DateStyle::kXsd || zone.abbreviation.empty()) {
    if (style == DateStyle::kPostgres) out->push_back(' ');
    out->append(UtcOffsetText(zone.offset_east));
    if (style == DateStyle::kXsd && zone.offset_east % 3600 == 0) out->append(":00");
    return;
  }
  out->push_back(' ');
  out->append(zone.abbreviation);
}

// EncodeDateTime: a local timestamp in the session's DateStyle, with
// `zone` after the time when given.
void AppendLocalTimestamp(int64_t micros, const ZoneText* zone, std::string* out) {
  if (micros == kTimestampPosInfinity) return out->append("infinity"), void();
  if (micros == kTimestampNegInfinity) return out->append("-infinity"), void();
  const SessionFormats& formats = CurrentSessionFormats();
  const int64_t days = FloorDiv(micros, kMicrosPerDay);
  const int64_t time_of_day = micros - days * kMicrosPerDay;
  const CivilDate date = CivilFromDays(days);
  if (formats.date_style == DateStyle::kPostgres) {
    static constexpr std::string_view kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::string_view weekday = kDays[((days + 6) % 7 + 7) % 7];  // 2000-01-01: Saturday
    const std::string_view month = kMonths[date.month - 1];
    if (formats.date_order == DateOrder::kDmy) {
      fmt::format_to(std::back_inserter(*out), "{} {:02} {} ", weekday, date.day, month);
    } else {
      fmt::format_to(std::back_inserter(*out), "{} {} {:02} ", weekday, month, date.day);
    }
    AppendTimeText(time_of_day, out);
    fmt::format_to(std::back_inserter(*out), " {:04}", DisplayYear(date));
  } else {
    AppendDateFields(date, formats, out);
    out->push_back(formats.date_style == DateStyle::kXsd ? 'T' : ' ');
    AppendTimeText(time_of_day, out);
  }
  if (zone != nullptr) AppendZone(*zone, formats.date_style, out);
  if (date.year <= 0) out->append(" BC");
}

}  // namespace

// Howard Hinnant's days_from_civil, shifted to PostgreSQL's epoch.
int64_t DaysFromCivil(int64_t year, int month, int day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146'097 + day_of_era - 719'468 + kUnixEpochDays;
}

CivilDate CivilFromDays(int64_t days) {
  const int64_t z = days - kUnixEpochDays + 719'468;
  const int64_t era = (z >= 0 ? z : z - 146'096) / 146'097;
  const int64_t day_of_era = z - era * 146'097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36'524 - day_of_era / 146'096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t month_index = (5 * day_of_year + 2) / 153;  // March = 0
  CivilDate date;
  date.day = static_cast<int>(day_of_year - (153 * month_index + 2) / 5 + 1);
  date.month = static_cast<int>(month_index < 10 ? month_index + 3 : month_index - 9);
  date.year = year_of_era + era * 400 + (date.month <= 2);
  return date;
}

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

void AppendDateText(int64_t days, std::string* out) {
  if (days == kDatePosInfinity) return out->append("infinity"), void();
  if (days == kDateNegInfinity) return out->append("-infinity"), void();
  const CivilDate date = CivilFromDays(days);
  AppendDateFields(date, CurrentSessionFormats(), out);
  if (date.year <= 0) out->append(" BC");
}

void AppendTimestampText(int64_t micros, std::string* out) {
  AppendLocalTimestamp(micros, nullptr, out);
}

void AppendTimestampTzText(int64_t micros, std::string* out) {
  if (micros == kTimestampPosInfinity || micros == kTimestampNegInfinity) {
    return AppendLocalTimestamp(micros, nullptr, out);
  }
  // One zone lookup per value gives both the local time and the zone text.
  const TimeZone::LocalType& type = SessionTimeZone().TypeAt(micros);
  const ZoneText zone{type.offset, type.abbreviation};
  AppendLocalTimestamp(micros + int64_t{type.offset} * kMicrosPerSecond, &zone, out);
}

std::string UtcOffsetText(int32_t seconds_east) {
  // EncodeTimezone: "+01", "+05:30", "+00:53:28".
  const int32_t a = seconds_east < 0 ? -seconds_east : seconds_east;
  std::string out = fmt::format("{}{:02}", seconds_east < 0 ? '-' : '+', a / 3600);
  if (a % 3600 != 0) out += fmt::format(":{:02}", a / 60 % 60);
  if (a % 60 != 0) out += fmt::format(":{:02}", a % 60);
  return out;
}

std::string DateToText(int64_t days) {
  std::string out;
  AppendDateText(days, &out);
  return out;
}

std::string TimestampToText(int64_t micros) {
  std::string out;
  AppendTimestampText(micros, &out);
  return out;
}

Result<int64_t> DateToTimestamp(int64_t days) {
  if (days == kDatePosInfinity) return kTimestampPosInfinity;
  if (days == kDateNegInfinity) return kTimestampNegInfinity;
  if (days < kMinDate || days >= kEndTimestamp / kMicrosPerDay) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow, "date out of range for timestamp");
  }
  return days * kMicrosPerDay;
}

int64_t TimestampToDate(int64_t micros) {
  if (micros == kTimestampPosInfinity) return kDatePosInfinity;
  if (micros == kTimestampNegInfinity) return kDateNegInfinity;
  return FloorDiv(micros, kMicrosPerDay);
}

int64_t RoundTimestamp(int64_t micros, int precision) {
  if (precision < 0 || precision >= 6 || micros == kTimestampNegInfinity ||
      micros == kTimestampPosInfinity) {
    return micros;
  }
  int64_t scale = 1;
  for (int i = precision; i < 6; ++i) scale *= 10;
  int64_t offset = scale / 2;
  return micros >= 0 ? (micros + offset) / scale * scale : -((-micros + offset) / scale * scale);
}

int64_t CurrentTimestamp() {
  constexpr int64_t kUnixEpochAsTimestamp = 946'684'800 * kMicrosPerSecond;
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::microseconds>(now).count() - kUnixEpochAsTimestamp;
}

}  // namespace basalt
