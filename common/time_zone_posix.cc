// POSIX TZ rules: "CET-1CEST,M3.5.0,M10.5.0/3" (the footer of every TZif
// file, for instants after its last transition) and whole TimeZone
// settings such as "UTC+3" or "<+05:30>-05:30". Offsets are written west
// of UTC (UTC+3 is three hours behind); LocalType keeps them east.
#include <cctype>

#include "common/datetime.h"
#include "common/time_zone.h"

namespace basalt {
namespace {

constexpr int64_t kSecondsPerDay = 86'400;
// 2000-01-01 (day 0 of DaysFromCivil) as a Unix day.
constexpr int64_t kUnixDayOf2000 = 10'957;

class RuleScanner {
 public:
  explicit RuleScanner(std::string_view text) : text_(text) {}
  bool AtEnd() const { return pos_ == text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  bool Accept(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }

  // A zone abbreviation: three or more letters, or <...> with signs and
  // digits too.
  bool Abbreviation(std::string* out) {
    if (Accept('<')) {
      const size_t end = text_.find('>', pos_);
      if (end == std::string_view::npos || end - pos_ < 3) return false;
      out->assign(text_.substr(pos_, end - pos_));
      pos_ = end + 1;
      return true;
    }
    const size_t start = pos_;
    while (std::isalpha(static_cast<unsigned char>(Peek()))) ++pos_;
    out->assign(text_.substr(start, pos_ - start));
    return out->size() >= 3;
  }

  bool Number(int max, int* out) {
    if (!std::isdigit(static_cast<unsigned char>(Peek()))) return false;
    int64_t n = 0;
    while (std::isdigit(static_cast<unsigned char>(Peek()))) {
      n = n * 10 + (text_[pos_++] - '0');
      if (n > max) return false;
    }
    *out = static_cast<int>(n);
    return true;
  }

  // [+|-]hh[:mm[:ss]] in seconds; `max_hours` 24 for offsets, 167 for
  // rule times (RFC 8536's extension).
  bool SignedTime(int max_hours, int32_t* seconds) {
    const bool negative = Accept('-');
    if (!negative) Accept('+');
    int hours = 0, minutes = 0, secs = 0;
    if (!Number(max_hours, &hours)) return false;
    if (Accept(':')) {
      if (!Number(59, &minutes)) return false;
      if (Accept(':') && !Number(59, &secs)) return false;
    }
    const int32_t total = (hours * 60 + minutes) * 60 + secs;
    *seconds = negative ? -total : total;
    return true;
  }

  bool Day(TimeZone::PosixRule::Day* day) {
    using Kind = TimeZone::PosixRule::Day::Kind;
    if (Accept('M')) {
      day->kind = Kind::kMonthWeekDay;
      if (!Number(12, &day->month) || day->month < 1 || !Accept('.')) return false;
      if (!Number(5, &day->week) || day->week < 1 || !Accept('.')) return false;
      if (!Number(6, &day->day)) return false;
    } else if (Accept('J')) {
      day->kind = Kind::kJulianNoLeap;
      if (!Number(365, &day->day) || day->day < 1) return false;
    } else {
      day->kind = Kind::kZeroBased;
      if (!Number(365, &day->day)) return false;
    }
    day->seconds = 7200;
    return !Accept('/') || SignedTime(167, &day->seconds);
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

bool IsLeapYear(int64_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// The rule's day in `year`, in days since 2000-01-01.
int64_t RuleDay(const TimeZone::PosixRule::Day& d, int64_t year) {
  using Kind = TimeZone::PosixRule::Day::Kind;
  const int64_t january_first = DaysFromCivil(year, 1, 1);
  switch (d.kind) {
    case Kind::kJulianNoLeap:  // 1..365, February 29 never counted
      return january_first + d.day - 1 + (IsLeapYear(year) && d.day >= 60 ? 1 : 0);
    case Kind::kZeroBased: return january_first + d.day;
    case Kind::kMonthWeekDay: break;
  }
  const int64_t first = DaysFromCivil(year, d.month, 1);
  // 2000-01-01 was a Saturday (6).
  const int64_t weekday = ((first % 7) + 7 + 6) % 7;
  int64_t day = first + (d.day - weekday + 7) % 7 + 7 * (d.week - 1);
  const int64_t month_end = first + DaysInMonth(year, d.month);
  while (day >= month_end) day -= 7;
  return day;
}

}  // namespace

std::optional<TimeZone::PosixRule> ParsePosixRule(std::string_view text) {
  RuleScanner s(text);
  TimeZone::PosixRule rule;
  int32_t west = 0;
  if (!s.Abbreviation(&rule.standard.abbreviation) || !s.SignedTime(24, &west)) {
    return std::nullopt;
  }
  rule.standard.offset = -west;
  if (s.AtEnd()) return rule;
  TimeZone::LocalType daylight;
  daylight.daylight = true;
  if (!s.Abbreviation(&daylight.abbreviation)) return std::nullopt;
  daylight.offset = rule.standard.offset + 3600;
  if (s.Peek() != ',' && !s.AtEnd()) {
    if (!s.SignedTime(24, &west)) return std::nullopt;
    daylight.offset = -west;
  }
  rule.daylight = daylight;
  if (s.AtEnd()) {
    // PostgreSQL's default rule for a zone without one: the US rule.
    return ParsePosixRule(std::string(text) + ",M3.2.0,M11.1.0");
  }
  if (!s.Accept(',') || !s.Day(&rule.start) || !s.Accept(',') || !s.Day(&rule.end)) {
    return std::nullopt;
  }
  if (!s.AtEnd()) return std::nullopt;
  return rule;
}

const TimeZone::LocalType& PosixRuleTypeAt(const TimeZone::PosixRule& rule, int64_t unix_seconds) {
  if (!rule.daylight) return rule.standard;
  const TimeZone::LocalType& daylight = *rule.daylight;
  // The year of the instant in standard time; both changes of that year.
  const int64_t local = unix_seconds + rule.standard.offset;
  const int64_t day = (local >= 0 ? local : local - kSecondsPerDay + 1) / kSecondsPerDay;
  const int64_t year = CivilFromDays(day - kUnixDayOf2000).year;
  auto change = [&](const TimeZone::PosixRule::Day& d, int32_t offset_before) {
    return (RuleDay(d, year) + kUnixDayOf2000) * kSecondsPerDay + d.seconds - offset_before;
  };
  const int64_t start = change(rule.start, rule.standard.offset);
  const int64_t end = change(rule.end, daylight.offset);
  const bool in_daylight = start < end ? unix_seconds >= start && unix_seconds < end
                                       : !(unix_seconds >= end && unix_seconds < start);
  return in_daylight ? daylight : rule.standard;
}

}  // namespace basalt
