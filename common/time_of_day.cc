#include "common/time_of_day.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>

#include "common/sqlstate.h"

namespace basalt {
namespace {

Status BadTime(std::string_view text) {
  return Status::Error(sqlstate::kInvalidDatetimeFormat,
                       fmt::format("invalid input syntax for type time: \"{}\"", text));
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Result<int64_t> ParseTime(std::string_view text) {
  std::string s = Lower(text);
  auto trim = [](std::string& v) {
    while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.pop_back();
    size_t b = 0;
    while (b < v.size() && std::isspace(static_cast<unsigned char>(v[b]))) ++b;
    v.erase(0, b);
  };
  trim(s);
  if (s == "allballs") return int64_t{0};
  // A leading date ("2024-01-31 10:00" or "2024-01-31T10:00") is dropped.
  if (s.size() > 10 && std::isdigit(static_cast<unsigned char>(s[0])) && s[4] == '-' &&
      (s[10] == ' ' || s[10] == 't')) {
    s.erase(0, 11);
    trim(s);
  }
  size_t i = 0;
  auto number = [&](int64_t* v) {
    size_t start = i;
    *v = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && i - start < 12) {
      *v = *v * 10 + (s[i++] - '0');
    }
    return i > start;
  };
  int64_t hour = 0, minute = 0, second = 0;
  double fraction = 0;
  if (!number(&hour) || i >= s.size() || s[i] != ':') return BadTime(text);
  ++i;
  if (!number(&minute)) return BadTime(text);
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!number(&second)) return BadTime(text);
    if (i < s.size() && s[i] == '.') {
      size_t start = i++;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
      fraction = std::strtod(("0" + s.substr(start, i - start)).c_str(), nullptr);
    }
  }
  std::string rest = s.substr(i);
  trim(rest);
  if (rest == "am" || rest == "pm") {
    if (hour > 12) {
      return Status::Error(sqlstate::kDatetimeFieldOverflow,
                           fmt::format("date/time field value out of range: \"{}\"", text));
    }
    if (rest == "am" && hour == 12) hour = 0;
    if (rest == "pm" && hour != 12) hour += 12;
    rest.clear();
  }
  // A time zone (+02, -05:30, z, utc) is accepted and ignored.
  if (!rest.empty() && rest != "z" && rest != "utc" && rest != "gmt") {
    size_t k = 0;
    if (rest[0] != '+' && rest[0] != '-') return BadTime(text);
    ++k;
    while (k < rest.size() && (std::isdigit(static_cast<unsigned char>(rest[k])) || rest[k] == ':'))
      ++k;
    if (k != rest.size() || k == 1) return BadTime(text);
  }
  const int64_t fraction_micros = static_cast<int64_t>(std::rint(fraction * 1e6));
  const int64_t total = ((hour * 60 + minute) * 60 + second) * 1'000'000 + fraction_micros;
  if (hour < 0 || minute < 0 || minute > 59 || second < 0 || second > 60 ||
      total > kMicrosPerTimeDay) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow,
                         fmt::format("date/time field value out of range: \"{}\"", text));
  }
  return total;
}

void AppendTimeText(int64_t micros, std::string* out) {
  const int64_t seconds = micros / 1'000'000;
  const int64_t fraction = micros % 1'000'000;
  fmt::format_to(std::back_inserter(*out), "{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60,
                 seconds % 60);
  if (fraction != 0) {
    std::string digits = fmt::format("{:06}", fraction);
    while (digits.back() == '0') digits.pop_back();
    out->push_back('.');
    out->append(digits);
  }
}

int64_t RoundTime(int64_t micros, int precision) {
  if (precision < 0 || precision >= 6) return micros;
  int64_t unit = 1;
  for (int i = precision; i < 6; ++i) unit *= 10;
  return (micros + unit / 2) / unit * unit;
}

}  // namespace basalt
