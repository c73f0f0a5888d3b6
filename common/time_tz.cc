#include "common/time_tz.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>
#include <optional>

#include "common/datetime.h"
#include "common/sqlstate.h"
#include "common/time_of_day.h"
#include "common/time_zone.h"
#include "common/zone_abbreviations.h"

namespace basalt {
namespace {

constexpr int kOffsetBits = 18;
constexpr int64_t kOffsetBias = int64_t{1} << (kOffsetBits - 1);
constexpr int64_t kOffsetMask = (int64_t{1} << kOffsetBits) - 1;
// DecodeTimezone's limit: 15:59:59 either way.
constexpr int64_t kMaxHours = 15;

constexpr std::string_view kTypeName = "time with time zone";

Status Syntax(std::string_view text) {
  return Status::Error(sqlstate::kInvalidDatetimeFormat,
                       fmt::format("invalid input syntax for type {}: \"{}\"", kTypeName, text));
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// The local date whose zone rules a zone name follows: today in the
// session's zone (PostgreSQL takes the transaction's date).
int64_t TodayLocalMidnight() {
  const int64_t local = UtcToLocal(CurrentTimestamp());
  int64_t days = local / kMicrosPerDay;
  if (local % kMicrosPerDay < 0) --days;
  return days * kMicrosPerDay;
}

// A numeric offset "+02", "-0530", "+05:30:15"; false on bad syntax.
bool ParseNumericOffset(std::string_view z, int64_t* seconds_east, bool* in_range) {
  const bool negative = z[0] == '-';
  z.remove_prefix(1);
  int64_t parts[3] = {0, 0, 0};
  int count = 0;
  while (count < 3) {
    const size_t colon = z.find(':');
    std::string_view part = z.substr(0, colon);
    if (!AllDigits(part) || part.size() > 9) return false;
    parts[count++] = std::strtoll(std::string(part).c_str(), nullptr, 10);
    if (colon == std::string_view::npos) break;
    z.remove_prefix(colon + 1);
    if (count == 3) return false;
  }
  if (count == 1 && parts[0] >= 100) {  // run-together hhmm
    parts[1] = parts[0] % 100;
    parts[0] /= 100;
  }
  *in_range = parts[0] <= kMaxHours && parts[1] <= 59 && parts[2] <= 59;
  const int64_t offset = (parts[0] * 60 + parts[1]) * 60 + parts[2];
  *seconds_east = negative ? -offset : offset;
  return true;
}

}  // namespace

int64_t PackTimeTz(TimeTz t) {
  return (t.micros << kOffsetBits) | (int64_t{t.offset_east} + kOffsetBias);
}

TimeTz UnpackTimeTz(int64_t packed) {
  return {packed >> kOffsetBits, static_cast<int32_t>((packed & kOffsetMask) - kOffsetBias)};
}

Result<int64_t> ParseTimeTz(std::string_view text) {
  const std::string lowered = Lower(Trim(text));
  std::string_view s = lowered;
  // A leading ISO date: kept for a zone name's rules, dropped otherwise.
  std::optional<int64_t> date_days;
  if (s.size() > 10 && std::isdigit(static_cast<unsigned char>(s[0])) && s[4] == '-' &&
      (s[10] == ' ' || s[10] == 't')) {
    auto days = ParseDate(s.substr(0, 10));
    if (!days.ok()) return Syntax(text);
    date_days = *days;
    s = Trim(s.substr(11));
  }
  // The time: digits, ':' and '.', then an optional am/pm.
  size_t end = 0;
  while (end < s.size() &&
         (std::isdigit(static_cast<unsigned char>(s[end])) || s[end] == ':' || s[end] == '.')) {
    ++end;
  }
  std::string_view rest = Trim(s.substr(end));
  std::string time_text(s.substr(0, end));
  if (rest.starts_with("am") || rest.starts_with("pm")) {
    if (rest.size() == 2 || !std::isalpha(static_cast<unsigned char>(rest[2]))) {
      time_text += " ";
      time_text += rest.substr(0, 2);
      rest = Trim(rest.substr(2));
    }
  }
  if (s == "allballs") return PackTimeTz({0, 0});  // midnight UTC
  auto micros = ParseTime(time_text);
  if (!micros.ok()) {
    if (micros.status().code() == sqlstate::kInvalidDatetimeFormat) return Syntax(text);
    return Status::Error(micros.status().code(),
                         fmt::format("date/time field value out of range: \"{}\"", text));
  }
  int64_t offset_east = 0;
  if (rest.empty()) {
    const int64_t day = date_days ? *date_days * kMicrosPerDay : TodayLocalMidnight();
    offset_east = SessionTimeZone().OffsetForLocal(day + *micros);
  } else if (rest == "z" || rest == "utc" || rest == "gmt" || rest == "zulu") {
    offset_east = 0;
  } else if (rest[0] == '+' || rest[0] == '-') {
    bool in_range = false;
    if (!ParseNumericOffset(rest, &offset_east, &in_range)) return Syntax(text);
    if (!in_range) {
      return Status::Error(sqlstate::kInvalidTimeZoneDisplacementValue,
                           fmt::format("time zone displacement out of range: \"{}\"", text));
    }
  } else if (std::optional<int32_t> abbreviation = ZoneAbbreviationOffset(rest)) {
    offset_east = *abbreviation;
  } else {
    auto zone = TimeZone::Find(rest);
    if (zone == nullptr) {
      return Status::Error(sqlstate::kInvalidParameterValue,
                           fmt::format("time zone \"{}\" not recognized", rest));
    }
    // A zone name needs a date to pick its offset (DecodeTimeOnly).
    if (!date_days) return Syntax(text);
    offset_east = zone->OffsetForLocal(*date_days * kMicrosPerDay + *micros);
  }
  return PackTimeTz({*micros, static_cast<int32_t>(offset_east)});
}

int64_t RoundTimeTz(int64_t packed, int precision) {
  if (precision < 0) return packed;
  TimeTz t = UnpackTimeTz(packed);
  t.micros = RoundTime(t.micros, precision);
  return PackTimeTz(t);
}

void AppendUtcOffset(int32_t offset_east, std::string* out) {
  const int32_t magnitude = offset_east < 0 ? -offset_east : offset_east;
  fmt::format_to(std::back_inserter(*out), "{}{:02}", offset_east < 0 ? '-' : '+',
                 magnitude / 3600);
  const int32_t minutes = magnitude / 60 % 60, seconds = magnitude % 60;
  if (minutes != 0 || seconds != 0) fmt::format_to(std::back_inserter(*out), ":{:02}", minutes);
  if (seconds != 0) fmt::format_to(std::back_inserter(*out), ":{:02}", seconds);
}

void AppendTimeTzText(int64_t packed, std::string* out) {
  const TimeTz t = UnpackTimeTz(packed);
  AppendTimeText(t.micros, out);
  AppendUtcOffset(t.offset_east, out);
}

int CompareTimeTz(int64_t a, int64_t b) {
  const TimeTz x = UnpackTimeTz(a), y = UnpackTimeTz(b);
  const int64_t utc_x = x.micros - int64_t{x.offset_east} * kMicrosPerSecond;
  const int64_t utc_y = y.micros - int64_t{y.offset_east} * kMicrosPerSecond;
  if (utc_x != utc_y) return utc_x < utc_y ? -1 : 1;
  // PostgreSQL orders equal instants by its zone field, seconds west.
  if (x.offset_east != y.offset_east) return x.offset_east > y.offset_east ? -1 : 1;
  return 0;
}

int64_t TimeTzFromTimestampTz(int64_t utc_micros) {
  const int32_t offset = SessionTimeZone().OffsetAt(utc_micros);
  int64_t local = (utc_micros + int64_t{offset} * kMicrosPerSecond) % kMicrosPerDay;
  if (local < 0) local += kMicrosPerDay;
  return PackTimeTz({local, offset});
}

int64_t TimeTzFromTime(int64_t micros) {
  const int32_t offset = SessionTimeZone().OffsetForLocal(TodayLocalMidnight() + micros);
  return PackTimeTz({micros, offset});
}

int64_t TimeTzAtOffset(int64_t packed, int32_t offset_east) {
  const TimeTz t = UnpackTimeTz(packed);
  int64_t micros =
      (t.micros + (int64_t{offset_east} - t.offset_east) * kMicrosPerSecond) % kMicrosPerDay;
  if (micros < 0) micros += kMicrosPerDay;
  return PackTimeTz({micros, offset_east});
}

}  // namespace basalt
