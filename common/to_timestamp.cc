// to_timestamp(text, fmt) and to_date(text, fmt): PostgreSQL 15's
// DCH_from_char for the common patterns. A numeric field followed by a
// separator reads all its digits, one followed by another field exactly its
// width ('YYYYMMDD'); names match without regard to case; a template
// character other than a pattern skips one input character, a space any
// spaces.
#include <fmt/format.h>

#include <cctype>
#include <optional>

#include "common/datetime.h"
#include "common/sqlstate.h"
#include "common/to_char.h"
#include "common/to_char_pattern.h"

namespace basalt {
namespace {

constexpr const char* kMonths[] = {"january",   "february", "march",    "april",
                                   "may",       "june",     "july",     "august",
                                   "september", "october",  "november", "december"};
constexpr const char* kDays[] = {"sunday",   "monday", "tuesday", "wednesday",
                                 "thursday", "friday", "saturday"};

struct Parsed {
  int64_t year = 1;
  bool has_year = false;
  bool bc = false;
  int month = 1;
  int day = 1;
  int64_t day_of_year = 0;
  int hour = 0;
  bool twelve_hour = false;
  int pm = -1;  // -1 none, 0 am, 1 pm
  int minute = 0;
  int second = 0;
  int64_t micros = 0;
  int64_t seconds_of_day = -1;
  int64_t julian = -1;
};

struct FieldSpec {
  int width;
  const char* name;
};

std::optional<FieldSpec> NumericField(DatePattern p) {
  switch (p) {
    case DatePattern::kYYYY: return FieldSpec{4, "YYYY"};
    case DatePattern::kYYY: return FieldSpec{3, "YYY"};
    case DatePattern::kYY: return FieldSpec{2, "YY"};
    case DatePattern::kY: return FieldSpec{1, "Y"};
    case DatePattern::kMM: return FieldSpec{2, "MM"};
    case DatePattern::kDD: return FieldSpec{2, "DD"};
    case DatePattern::kDDD: return FieldSpec{3, "DDD"};
    case DatePattern::kHH:
    case DatePattern::kHH12: return FieldSpec{2, "HH12"};
    case DatePattern::kHH24: return FieldSpec{2, "HH24"};
    case DatePattern::kMI: return FieldSpec{2, "MI"};
    case DatePattern::kSS: return FieldSpec{2, "SS"};
    case DatePattern::kMS: return FieldSpec{3, "MS"};
    case DatePattern::kUS: return FieldSpec{6, "US"};
    case DatePattern::kSSSS: return FieldSpec{5, "SSSS"};
    case DatePattern::kJ: return FieldSpec{7, "J"};
    case DatePattern::kD: return FieldSpec{1, "D"};
    case DatePattern::kID: return FieldSpec{1, "ID"};
    case DatePattern::kQ: return FieldSpec{1, "Q"};
    case DatePattern::kCC: return FieldSpec{2, "CC"};
    case DatePattern::kWW: return FieldSpec{2, "WW"};
    case DatePattern::kW: return FieldSpec{1, "W"};
    default: return std::nullopt;
  }
}

bool IsSeparator(char c) {
  return !std::isalnum(static_cast<unsigned char>(c)) &&
         !std::isspace(static_cast<unsigned char>(c));
}

Status Invalid(std::string_view value, std::string_view field, std::string detail) {
  return Status::Error(sqlstate::kInvalidDatetimeFormat,
                       fmt::format("invalid value \"{}\" for \"{}\"", value, field))
      .WithDetail(std::move(detail));
}

// Matches one of `names` (or its first three letters) at the start of s.
std::optional<int> MatchName(std::string_view s, const char* const* names, int count, bool full) {
  for (int i = 0; i < count; ++i) {
    std::string_view name = names[i];
    if (!full) name = name.substr(0, 3);
    if (s.size() < name.size()) continue;
    bool same = true;
    for (size_t k = 0; k < name.size(); ++k) {
      if (std::tolower(static_cast<unsigned char>(s[k])) != name[k]) same = false;
    }
    if (same) return i;
  }
  return std::nullopt;
}

Result<Parsed> ParseFields(std::string_view text, std::string_view format) {
  const std::vector<TemplateItem> items = ParseDateTemplate(format);
  Parsed p;
  size_t i = 0;
  auto skip_spaces = [&] {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  };
  for (size_t k = 0; k < items.size(); ++k) {
    const TemplateItem& item = items[k];
    if (item.pattern == DatePattern::kLiteral) {
      for (char c : item.literal) {
        if (std::isspace(static_cast<unsigned char>(c))) {
          skip_spaces();
        } else if (IsSeparator(c)) {
          // A separator matches any one separator (or none).
          skip_spaces();
          if (i < text.size() && IsSeparator(text[i])) ++i;
        } else if (i < text.size()) {
          ++i;
        }
      }
      continue;
    }
    skip_spaces();
    const std::string_view rest = text.substr(i);
    if (std::optional<FieldSpec> spec = NumericField(item.pattern)) {
      const bool next_is_field =
          k + 1 < items.size() && items[k + 1].pattern != DatePattern::kLiteral;
      size_t n = 0;
      bool negative = false;
      if (n < rest.size() && (rest[n] == '-' || rest[n] == '+')) negative = rest[n++] == '-';
      const size_t digits_start = n;
      while (n < rest.size() && std::isdigit(static_cast<unsigned char>(rest[n])) &&
             (!next_is_field || item.fill_mode ||
              n - digits_start < static_cast<size_t>(spec->width))) {
        ++n;
      }
      if (n == digits_start) {
        std::string shown(
            rest.substr(0, std::min<size_t>(rest.size(), static_cast<size_t>(spec->width))));
        if (rest.empty()) {
          return Status::Error(
                     sqlstate::kInvalidDatetimeFormat,
                     fmt::format("source string too short for \"{}\" formatting field", spec->name))
              .WithDetail(
                  fmt::format("Field requires {} characters, but only 0 remain.", spec->width))
              .WithHint("If your source string is not fixed-width, try using the \"FM\" modifier.");
        }
        return Invalid(shown, spec->name, "Value must be an integer.");
      }
      int64_t v = 0;
      for (size_t d = digits_start; d < n; ++d) {
        if (v > 100'000'000'000) break;
        v = v * 10 + (rest[d] - '0');
      }
      if (negative) v = -v;
      const size_t count = n - digits_start;
      i += n;
      switch (item.pattern) {
        case DatePattern::kYYYY:
          p.year = v;
          p.has_year = true;
          break;
        case DatePattern::kYYY:
          p.year = count < 4 && v < 100 ? v + 2000 : count < 4 ? v + 1000 : v;
          p.has_year = true;
          break;
        case DatePattern::kYY:
          p.year = count < 4 ? (v < 70 ? v + 2000 : v + 1900) : v;
          p.has_year = true;
          break;
        case DatePattern::kY:
          p.year = count < 4 ? v + 2000 : v;
          p.has_year = true;
          break;
        case DatePattern::kMM: p.month = static_cast<int>(v); break;
        case DatePattern::kDD: p.day = static_cast<int>(v); break;
        case DatePattern::kDDD: p.day_of_year = v; break;
        case DatePattern::kHH:
        case DatePattern::kHH12:
          p.hour = static_cast<int>(v);
          p.twelve_hour = true;
          break;
        case DatePattern::kHH24: p.hour = static_cast<int>(v); break;
        case DatePattern::kMI: p.minute = static_cast<int>(v); break;
        case DatePattern::kSS: p.second = static_cast<int>(v); break;
        case DatePattern::kMS: {
          int64_t ms = v;
          for (size_t d = count; d < 3; ++d) ms *= 10;
          p.micros = ms * 1000;
          break;
        }
        case DatePattern::kUS: {
          int64_t us = v;
          for (size_t d = count; d < 6; ++d) us *= 10;
          p.micros = us;
          break;
        }
        case DatePattern::kSSSS: p.seconds_of_day = v; break;
        case DatePattern::kJ: p.julian = v; break;
        default: break;  // D, ID, Q, CC, WW, W: read and ignored
      }
      continue;
    }
    switch (item.pattern) {
      case DatePattern::kMONTH:
      case DatePattern::kMonth:
      case DatePattern::kmonth:
      case DatePattern::kMON:
      case DatePattern::kMon:
      case DatePattern::kmon: {
        const bool full = item.pattern == DatePattern::kMONTH ||
                          item.pattern == DatePattern::kMonth ||
                          item.pattern == DatePattern::kmonth;
        std::optional<int> m = MatchName(rest, kMonths, 12, full);
        if (!m) {
          size_t w = 0;
          while (w < rest.size() && std::isalpha(static_cast<unsigned char>(rest[w]))) ++w;
          return Invalid(rest.substr(0, w), full ? "Month" : "Mon",
                         "The given value did not match any of the allowed values for this field.");
        }
        p.month = *m + 1;
        i += full ? std::string_view(kMonths[*m]).size() : 3;
        break;
      }
      case DatePattern::kDAY:
      case DatePattern::kDay:
      case DatePattern::kday:
      case DatePattern::kDY:
      case DatePattern::kDy:
      case DatePattern::kdy: {
        const bool full = item.pattern == DatePattern::kDAY || item.pattern == DatePattern::kDay ||
                          item.pattern == DatePattern::kday;
        std::optional<int> d = MatchName(rest, kDays, 7, full);
        if (!d) {
          size_t w = 0;
          while (w < rest.size() && std::isalpha(static_cast<unsigned char>(rest[w]))) ++w;
          return Invalid(rest.substr(0, w), full ? "Day" : "Dy",
                         "The given value did not match any of the allowed values for this field.");
        }
        i += full ? std::string_view(kDays[*d]).size() : 3;
        break;
      }
      case DatePattern::kAM_upper:
      case DatePattern::kPM_upper:
      case DatePattern::kAM_lower:
      case DatePattern::kPM_lower:
      case DatePattern::kA_M_upper:
      case DatePattern::kP_M_upper:
      case DatePattern::kA_M_lower:
      case DatePattern::kP_M_lower: {
        const bool dotted =
            item.pattern == DatePattern::kA_M_upper || item.pattern == DatePattern::kP_M_upper ||
            item.pattern == DatePattern::kA_M_lower || item.pattern == DatePattern::kP_M_lower;
        const size_t width = dotted ? 4 : 2;
        std::string word(rest.substr(0, width));
        for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (word == (dotted ? "a.m." : "am")) {
          p.pm = 0;
        } else if (word == (dotted ? "p.m." : "pm")) {
          p.pm = 1;
        } else {
          return Invalid(rest.substr(0, width), dotted ? "A.M." : "AM",
                         "The given value did not match any of the allowed values for this field.");
        }
        i += width;
        break;
      }
      case DatePattern::kAD_upper:
      case DatePattern::kBC_upper:
      case DatePattern::kAD_lower:
      case DatePattern::kBC_lower: {
        std::string word(rest.substr(0, 2));
        for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (word == "bc") p.bc = true;
        i += 2;
        break;
      }
      default:
        return Status::Error(sqlstate::kFeatureNotSupported,
                             "this to_timestamp / to_date pattern is not supported yet");
    }
  }
  return p;
}

Result<int64_t> DaysOf(const Parsed& p, std::string_view text) {
  if (p.julian >= 0) return p.julian - 2'451'545;
  int64_t year = p.year;
  if (p.bc) year = -year + 1;  // astronomical
  // Without a year PostgreSQL's fields stay zero: year 0 is 1 BC.
  if (!p.has_year && !p.bc) year = 0;
  if (p.day_of_year > 0) {
    return DaysFromCivil(year, 1, 1) + p.day_of_year - 1;
  }
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > DaysInMonth(year, p.month)) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow,
                         fmt::format("date/time field value out of range: \"{}\"", text));
  }
  return DaysFromCivil(year, p.month, p.day);
}

}  // namespace

Result<int64_t> ParseTimestampWithFormat(std::string_view text, std::string_view format) {
  BASALT_ASSIGN_OR_RETURN(Parsed p, ParseFields(text, format));
  BASALT_ASSIGN_OR_RETURN(int64_t days, DaysOf(p, text));
  int hour = p.hour;
  if (p.twelve_hour || p.pm >= 0) {
    if (hour < 1 || hour > 12) {
      return Status::Error(sqlstate::kInvalidDatetimeFormat,
                           fmt::format("hour \"{}\" is invalid for the 12-hour clock", hour))
          .WithHint("Use the 24-hour clock, or give an hour between 1 and 12.");
    }
    if (p.pm == 1 && hour < 12) hour += 12;
    if (p.pm == 0 && hour == 12) hour = 0;
  }
  int64_t time = 0;
  if (p.seconds_of_day >= 0) {
    time = p.seconds_of_day * kMicrosPerSecond;
  } else {
    if (hour > 24 || p.minute > 59 || p.second > 60) {
      return Status::Error(sqlstate::kDatetimeFieldOverflow,
                           fmt::format("date/time field value out of range: \"{}\"", text));
    }
    time = ((int64_t{hour} * 60 + p.minute) * 60 + p.second) * kMicrosPerSecond;
  }
  const int64_t result = days * kMicrosPerDay + time + p.micros;
  if (days < kMinDate || result >= kEndTimestamp) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
  }
  return result;
}

Result<int64_t> ParseDateWithFormat(std::string_view text, std::string_view format) {
  BASALT_ASSIGN_OR_RETURN(Parsed p, ParseFields(text, format));
  BASALT_ASSIGN_OR_RETURN(int64_t days, DaysOf(p, text));
  if (days < kMinDate || days >= kEndDate) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow,
                         fmt::format("date out of range: \"{}\"", text));
  }
  return days;
}

}  // namespace basalt
