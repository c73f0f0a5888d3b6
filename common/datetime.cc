// Calendar arithmetic, output functions and date <-> timestamp conversions.
// The parser lives in datetime_parse.cc.
#include "common/datetime.h"

#include <fmt/format.h>

#include <chrono>

#include "common/time_zone.h"

namespace basalt {
namespace {

// 1970-01-01 (the civil algorithm's origin) counted from 2000-01-01.
constexpr int64_t kUnixEpochDays = -10'957;

int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

void AppendCivilDate(const CivilDate& date, std::string* out) {
  // Astronomical year 0 is 1 BC: PostgreSQL prints BC years counted from 1.
  int64_t year = date.year > 0 ? date.year : 1 - date.year;
  fmt::format_to(std::back_inserter(*out), "{:04}-{:02}-{:02}", year, date.month, date.day);
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
  CivilDate date = CivilFromDays(days);
  AppendCivilDate(date, out);
  if (date.year <= 0) out->append(" BC");
}

namespace {

void AppendTimestampWithZone(int64_t micros, std::string_view zone, std::string* out) {
  if (micros == kTimestampPosInfinity) return out->append("infinity"), void();
  if (micros == kTimestampNegInfinity) return out->append("-infinity"), void();
  int64_t days = FloorDiv(micros, kMicrosPerDay);
  int64_t time = micros - days * kMicrosPerDay;
  CivilDate date = CivilFromDays(days);
  AppendCivilDate(date, out);
  int64_t seconds = time / kMicrosPerSecond;
  int64_t fraction = time % kMicrosPerSecond;
  fmt::format_to(std::back_inserter(*out), " {:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60,
                 seconds % 60);
  if (fraction != 0) {
    std::string digits = fmt::format("{:06}", fraction);
    digits.erase(digits.find_last_not_of('0') + 1);
    out->push_back('.');
    out->append(digits);
  }
  out->append(zone);
  if (date.year <= 0) out->append(" BC");
}

}  // namespace

void AppendTimestampText(int64_t micros, std::string* out) {
  AppendTimestampWithZone(micros, "", out);
}

void AppendTimestampTzText(int64_t micros, std::string* out) {
  const int32_t offset = SessionTimeZone().OffsetAt(micros);
  AppendTimestampWithZone(UtcToLocal(micros), UtcOffsetText(offset), out);
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
