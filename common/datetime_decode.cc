// Reading the fields of date/time input as PostgreSQL's DecodeDateTime and
// DecodeTimeOnly do; the splitting is in datetime_fields_split.cc.
#include "common/datetime_decode.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "common/datetime.h"
#include "common/datetime_decode_internal.h"
#include "common/session_formats.h"
#include "common/sqlstate.h"
#include "common/zone_abbreviations.h"

namespace basalt {
namespace {

using datetime_input::Error;
using datetime_input::Field;
using datetime_input::FieldType;
using datetime_input::FindKeyword;
using datetime_input::Keyword;
using datetime_input::TokenType;
namespace di = datetime_input;

// DTK_M(...): which parts a value has been given.
constexpr uint32_t kYearBit = 1u << 0, kMonthBit = 1u << 1, kDayBit = 1u << 2, kHourBit = 1u << 3,
                   kMinuteBit = 1u << 4, kSecondBit = 1u << 5, kSubsecondBit = 1u << 6,
                   kZoneBit = 1u << 7, kDaylightZoneBit = 1u << 8, kDayOfYearBit = 1u << 9,
                   kDayOfWeekBit = 1u << 10, kAmPmBit = 1u << 11, kAdBcBit = 1u << 12,
                   kDstModifierBit = 1u << 13, kReservedBit = 1u << 14;
constexpr uint32_t kDateMask = kYearBit | kMonthBit | kDayBit;
constexpr uint32_t kAllSecondsMask = kSecondBit | kSubsecondBit;
constexpr uint32_t kTimeMask = kHourBit | kMinuteBit | kAllSecondsMask;

constexpr int64_t kJulianDayOf2000 = 2'451'545;

// struct pg_tm and fsec.
struct Tm {
  int64_t year = 0;
  int64_t month = 0;
  int64_t day = 0;
  int64_t hour = 0;
  int64_t minute = 0;
  int64_t second = 0;
  int64_t micros = 0;
  int64_t day_of_year = 0;
};

struct IntRead {
  int64_t value = 0;
  size_t end = 0;  // just past the digits; the start when there are none
  bool overflow = false;
};

// strtoint(s + start, &end, 10): spaces and a sign may lead; values beyond
// int32 are overflow (ERANGE).
IntRead ReadInt(std::string_view s, size_t start) {
  IntRead read;
  size_t i = start;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  const size_t digits = i;
  int64_t value = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
    if (value <= std::numeric_limits<int32_t>::max()) value = value * 10 + (s[i] - '0');
    ++i;
  }
  if (i == digits) {
    read.end = start;
    return read;
  }
  read.value = negative ? -value : value;
  read.overflow = read.value > std::numeric_limits<int32_t>::max() ||
                  read.value < std::numeric_limits<int32_t>::min();
  read.end = i;
  return read;
}

// atoi: the leading digits, saturated.
int64_t LeadingNumber(std::string_view s) {
  const IntRead read = ReadInt(s, 0);
  return read.overflow ? std::numeric_limits<int32_t>::max() : read.value;
}

// strtod over all of `fraction` (which starts with '.'), as microseconds.
Error ReadFraction(std::string_view fraction, int64_t* micros) {
  const std::string text(fraction);
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text.c_str(), &end);
  if (*end != '\0' || errno != 0) return Error::kBadFormat;
  *micros = static_cast<int64_t>(std::rint(value * 1e6));
  return Error::kOk;
}

// The date `days` after 2000-01-01 into tm's calendar fields.
void SetDate(int64_t days, Tm* tm) {
  const CivilDate date = CivilFromDays(days);
  tm->year = date.year;
  tm->month = date.month;
  tm->day = date.day;
}

// 'now' is the transaction's start, as PostgreSQL's GetCurrentTransactionStartTimestamp.
int64_t LocalNow() {
  return UtcToLocal(TransactionStartOrNow());
}

// DecodeTimezone: "+02", "-05:30", "+05:45:30", "+0530"; seconds east.
Error DecodeZoneOffset(std::string_view text, int32_t* offset_east) {
  if (text.empty() || (text[0] != '+' && text[0] != '-')) return Error::kBadFormat;
  const IntRead hours = ReadInt(text, 1);
  if (hours.overflow) return Error::kZoneOverflow;
  int64_t hour = hours.value, minute = 0, second = 0;
  size_t end = hours.end;
  if (end < text.size() && text[end] == ':') {
    const IntRead minutes = ReadInt(text, end + 1);
    if (minutes.overflow) return Error::kZoneOverflow;
    minute = minutes.value;
    end = minutes.end;
    if (end < text.size() && text[end] == ':') {
      const IntRead seconds = ReadInt(text, end + 1);
      if (seconds.overflow) return Error::kZoneOverflow;
      second = seconds.value;
      end = seconds.end;
    }
  } else if (end == text.size() && text.size() > 3) {  // run together: +hhmm
    minute = hour % 100;
    hour /= 100;
  }
  if (hour < 0 || hour > 15 || minute < 0 || minute >= 60 || second < 0 || second >= 60) {
    return Error::kZoneOverflow;
  }
  const int64_t offset = (hour * 60 + minute) * 60 + second;
  *offset_east = static_cast<int32_t>(text[0] == '-' ? -offset : offset);
  return end == text.size() ? Error::kOk : Error::kBadFormat;
}

// time_overflows: each part in range and no later than 24:00:00.
bool TimeOverflows(const Tm& tm) {
  if (tm.hour < 0 || tm.hour > 24 || tm.minute < 0 || tm.minute >= 60 || tm.second < 0 ||
      tm.second > 60 || tm.micros < 0 || tm.micros > kMicrosPerSecond) {
    return true;
  }
  return ((tm.hour * 60 + tm.minute) * 60 + tm.second) * kMicrosPerSecond + tm.micros >
         kMicrosPerDay;
}

class Decoder {
 public:
  Decoder(const std::vector<Field>& fields, bool time_only)
      : fields_(fields), time_only_(time_only), order_(CurrentSessionFormats().date_order) {}

  Error Run() {
    for (size_t i = 0; i < fields_.size(); ++i) {
      uint32_t tmask = 0;
      bool skip = false;
      const Error error = DecodeField(i, &tmask, &skip);
      if (error != Error::kOk) return error;
      if (skip) continue;
      if ((tmask & fmask_) != 0) return Error::kBadFormat;
      fmask_ |= tmask;
    }
    if (Error error = ValidateDate(); error != Error::kOk) return error;
    if (meridiem_ != 0 && tm_.hour > 12) return Error::kFieldOverflow;
    if (meridiem_ == di::kAm && tm_.hour == 12) {
      tm_.hour = 0;
    } else if (meridiem_ == di::kPm && tm_.hour != 12) {
      tm_.hour += 12;
    }
    return time_only_ ? FinishTime() : FinishDateTime();
  }

  DecodedDateTime Decoded() const {
    DecodedDateTime out;
    out.kind = kind_;
    out.year = tm_.year;
    out.month = tm_.month;
    out.day = tm_.day;
    out.hour = tm_.hour;
    out.minute = tm_.minute;
    out.second = tm_.second;
    out.micros = tm_.micros;
    out.has_date = (fmask_ & kDateMask) == kDateMask;
    out.zone = zone_;
    if (zone_ == nullptr && (fmask_ & kZoneBit) != 0) out.offset_east = offset_east_;
    return out;
  }

  const std::string& bad_zone() const { return bad_zone_; }

 private:
  Error DecodeField(size_t i, uint32_t* tmask, bool* skip) {
    const Field& field = fields_[i];
    switch (field.type) {
      case FieldType::kDate: return DecodeDateField(i, tmask);
      case FieldType::kTime:
        if (ptype_ != 0) {  // an ISO time after "t"
          if (ptype_ != di::kTimeUnit) return Error::kBadFormat;
          ptype_ = 0;
        }
        if (Error error = DecodeTime(field.text, tmask); error != Error::kOk) return error;
        if (!time_only_ && TimeOverflows(tm_)) return Error::kFieldOverflow;
        return Error::kOk;
      case FieldType::kZone: *tmask = kZoneBit; return DecodeZoneOffset(field.text, &offset_east_);
      case FieldType::kNumber:
        return ptype_ != 0 ? DecodeLabeledNumber(field.text, tmask)
                           : DecodeBareNumber(i, field.text, tmask);
      case FieldType::kString:
      case FieldType::kSpecial: return DecodeWord(i, tmask, skip);
    }
    return Error::kBadFormat;
  }

  // A field with '-', '/' or '.' inside: a date, a zone's name, or a
  // run-together time with a zone ("040506-08").
  Error DecodeDateField(size_t i, uint32_t* tmask) {
    const std::string& text = fields_[i].text;
    if (time_only_) {
      const bool date_allowed =
          i == 0 && fields_.size() >= 2 &&
          (fields_.back().type == FieldType::kDate || fields_[1].type == FieldType::kTime);
      if (date_allowed) return DecodeDate(text, tmask);
      return DecodeTimeWithZone(text, false, tmask);
    }
    if (ptype_ == di::kJulianUnit) {  // "J2451187-08": a day with a zone
      const IntRead day = ReadInt(text, 0);
      if (day.overflow || day.value < 0) return Error::kFieldOverflow;
      SetDate(day.value - kJulianDayOf2000, &tm_);
      is_julian_ = true;
      if (Error error = DecodeZoneOffset(std::string_view(text).substr(day.end), &offset_east_);
          error != Error::kOk) {
        return error;
      }
      *tmask = kDateMask | kTimeMask | kZoneBit;
      ptype_ = 0;
      return Error::kOk;
    }
    // With the month and day known, or after "t", it is a time or a zone.
    if (ptype_ != 0) {
      if (ptype_ != di::kTimeUnit) return Error::kBadFormat;
      ptype_ = 0;
      return DecodeTimeWithZone(text, true, tmask);
    }
    if ((fmask_ & (kMonthBit | kDayBit)) == (kMonthBit | kDayBit)) {
      return DecodeTimeWithZone(text, false, tmask);
    }
    return DecodeDate(text, tmask);
  }

  // "hhmmss-zz", or (unless `is_time`) a zone's name ("america/new_york").
  Error DecodeTimeWithZone(const std::string& text, bool is_time, uint32_t* tmask) {
    if (is_time || std::isdigit(static_cast<unsigned char>(text[0]))) {
      if ((fmask_ & kTimeMask) == kTimeMask) return Error::kBadFormat;
      const size_t dash = text.find('-');
      if (dash == std::string::npos) return Error::kBadFormat;
      if (Error error = DecodeZoneOffset(std::string_view(text).substr(dash), &offset_east_);
          error != Error::kOk) {
        return error;
      }
      const Error error =
          DecodeNumberField(text.substr(0, dash), time_only_ ? fmask_ | kDateMask : fmask_, tmask);
      if (error != Error::kOk) return error;
      *tmask |= kZoneBit;
      return Error::kOk;
    }
    zone_ = TimeZone::Find(text);
    if (zone_ == nullptr) {
      bad_zone_ = text;
      return Error::kBadZone;
    }
    *tmask = kZoneBit;
    return Error::kOk;
  }

  // A number after a label: "y2001", "j2451187.5", "t040506".
  Error DecodeLabeledNumber(const std::string& text, uint32_t* tmask) {
    const IntRead read = ReadInt(text, 0);
    if (read.overflow) return Error::kFieldOverflow;
    const bool fraction = read.end < text.size() && text[read.end] == '.';
    if (fraction) {
      if (ptype_ != di::kJulianUnit && ptype_ != di::kTimeUnit && ptype_ != di::kSecondUnit) {
        return Error::kBadFormat;
      }
    } else if (read.end != text.size()) {
      return Error::kBadFormat;
    }
    const int64_t value = read.value;
    switch (ptype_) {
      case di::kYearUnit:
        tm_.year = value;
        *tmask = kYearBit;
        break;
      case di::kMonthUnit:
        // After a month and an hour, "m" labels minutes.
        if ((fmask_ & kMonthBit) != 0 && (fmask_ & kHourBit) != 0) {
          tm_.minute = value;
          *tmask = kMinuteBit;
        } else {
          tm_.month = value;
          *tmask = kMonthBit;
        }
        break;
      case di::kDayUnit:
        tm_.day = value;
        *tmask = kDayBit;
        break;
      case di::kHourUnit:
        tm_.hour = value;
        *tmask = kHourBit;
        break;
      case di::kMinuteUnit:
        tm_.minute = value;
        *tmask = kMinuteBit;
        break;
      case di::kSecondUnit:
        tm_.second = value;
        *tmask = kSecondBit;
        if (fraction) {
          if (Error error = ReadFraction(std::string_view(text).substr(read.end), &tm_.micros);
              error != Error::kOk) {
            return error;
          }
          *tmask = kAllSecondsMask;
        }
        break;
      case di::kJulianUnit: {
        if (value < 0) return Error::kFieldOverflow;
        *tmask = kDateMask;
        SetDate(value - kJulianDayOf2000, &tm_);
        is_julian_ = true;
        if (fraction) {
          const std::string rest = text.substr(read.end);
          char* end = nullptr;
          errno = 0;
          const double day_fraction = std::strtod(rest.c_str(), &end);
          if (*end != '\0' || errno != 0) return Error::kBadFormat;
          SetTimeOfDay(static_cast<int64_t>(day_fraction * static_cast<double>(kMicrosPerDay)));
          *tmask |= kTimeMask;
        }
        break;
      }
      case di::kTimeUnit: {  // "t040506.789"
        const Error error = DecodeNumberField(text, fmask_ | kDateMask, tmask);
        if (error != Error::kOk) return error;
        if (*tmask != kTimeMask) return Error::kBadFormat;
        break;
      }
      default: return Error::kBadFormat;
    }
    ptype_ = 0;
    return Error::kOk;
  }

  // A plain number: a date part, a run-together date or time, a fraction.
  Error DecodeBareNumber(size_t i, const std::string& text, uint32_t* tmask) {
    const size_t dot = text.find('.');
    const size_t length = text.size();
    if (time_only_) {
      if (dot != std::string::npos) {
        if (i == 0 && fields_.size() >= 2 && fields_.back().type == FieldType::kDate) {
          return DecodeDate(text, tmask);
        }
        if (dot > 2) return DecodeNumberField(text, fmask_ | kDateMask, tmask);
        return Error::kBadFormat;
      }
      if (length > 4) return DecodeNumberField(text, fmask_ | kDateMask, tmask);
      return DecodeNumber(text, false, fmask_ | kDateMask, tmask);
    }
    if (dot != std::string::npos && (fmask_ & kDateMask) == 0) return DecodeDate(text, tmask);
    if (dot != std::string::npos && dot > 2) return DecodeNumberField(text, fmask_, tmask);
    // Six digits or more are YYMMDD or HHMMSS until both a date and a time
    // are there; five are a year.
    if (length >= 6 && ((fmask_ & kDateMask) == 0 || (fmask_ & kTimeMask) == 0)) {
      return DecodeNumberField(text, fmask_, tmask);
    }
    return DecodeNumber(text, have_text_month_, fmask_, tmask);
  }

  Error DecodeWord(size_t i, uint32_t* tmask, bool* skip) {
    const std::string& word = fields_[i].text;
    // Zone abbreviations come before the keywords, as in PostgreSQL.
    if (std::optional<int32_t> offset = ZoneAbbreviationOffset(word.substr(0, 10))) {
      *tmask = kZoneBit;
      offset_east_ = *offset;
      return Error::kOk;
    }
    const std::optional<Keyword> keyword = FindKeyword(word);
    if (!keyword) {  // perhaps a zone's name without punctuation ("utc")
      zone_ = TimeZone::Find(word);
      if (zone_ == nullptr) return Error::kBadFormat;
      *tmask = kZoneBit;
      return Error::kOk;
    }
    const int value = keyword->value;
    switch (keyword->type) {
      case TokenType::kIgnore: *skip = true; return Error::kOk;
      case TokenType::kReserved: return DecodeReserved(value, tmask);
      case TokenType::kMonth:
        *tmask = kMonthBit;
        if (time_only_) return Error::kBadFormat;
        // A number read as the month was the day ("8 jan 1999").
        if ((fmask_ & kMonthBit) != 0 && !have_text_month_ && (fmask_ & kDayBit) == 0 &&
            tm_.month >= 1 && tm_.month <= 31) {
          tm_.day = tm_.month;
          *tmask = kDayBit;
        }
        have_text_month_ = true;
        tm_.month = value;
        return Error::kOk;
      case TokenType::kDstModifier:
        *tmask = kDstModifierBit | kDaylightZoneBit;
        offset_east_ += value;
        return Error::kOk;
      case TokenType::kAmPm:
        *tmask = kAmPmBit;
        meridiem_ = value;
        return Error::kOk;
      case TokenType::kAdBc:
        *tmask = kAdBcBit;
        bc_ = value == 1;
        return Error::kOk;
      case TokenType::kDayOfWeek:
        *tmask = kDayOfWeekBit;
        return time_only_ ? Error::kBadFormat : Error::kOk;
      case TokenType::kUnits:
        *tmask = 0;
        if (ptype_ != 0) return Error::kBadFormat;  // two labels in a row
        ptype_ = value;
        return Error::kOk;
      case TokenType::kIsoTime: {
        *tmask = 0;
        if (!time_only_ && (fmask_ & kDateMask) != kDateMask) return Error::kBadFormat;
        if (i + 1 >= fields_.size()) return Error::kBadFormat;
        const FieldType next = fields_[i + 1].type;
        if (next != FieldType::kNumber && next != FieldType::kTime && next != FieldType::kDate) {
          return Error::kBadFormat;
        }
        ptype_ = value;
        return Error::kOk;
      }
    }
    return Error::kBadFormat;
  }

  Error DecodeReserved(int word, uint32_t* tmask) {
    if (time_only_) {
      if (word == di::kNowWord) {
        *tmask = kTimeMask;
        SetTimeOfDay(LocalNow());
        return Error::kOk;
      }
      if (word == di::kZuluWord) {
        *tmask = kTimeMask | kZoneBit;
        tm_.hour = tm_.minute = tm_.second = 0;
        offset_east_ = 0;
        return Error::kOk;
      }
      return Error::kBadFormat;
    }
    switch (word) {
      case di::kNowWord: {
        *tmask = kDateMask | kTimeMask | kZoneBit;
        const int64_t now = TransactionStartOrNow();
        offset_east_ = SessionTimeZone().OffsetAt(now);
        const int64_t local = now + int64_t{offset_east_} * kMicrosPerSecond;
        SetDate(TimestampToDate(local), &tm_);
        SetTimeOfDay(local);
        kind_ = DateTimeKind::kFields;
        return Error::kOk;
      }
      case di::kTodayWord:
      case di::kTomorrowWord:
      case di::kYesterdayWord: {
        *tmask = kDateMask;
        const int64_t shift = word == di::kTodayWord ? 0 : word == di::kTomorrowWord ? 1 : -1;
        SetDate(TimestampToDate(LocalNow()) + shift, &tm_);
        kind_ = DateTimeKind::kFields;
        return Error::kOk;
      }
      case di::kZuluWord:
        *tmask = kTimeMask | kZoneBit;
        tm_.hour = tm_.minute = tm_.second = 0;
        offset_east_ = 0;
        kind_ = DateTimeKind::kFields;
        return Error::kOk;
      case di::kEpochWord:
      case di::kInfinityWord:
      case di::kNegInfinityWord:
        *tmask = kReservedBit;  // the other fields are ignored
        kind_ = word == di::kEpochWord      ? DateTimeKind::kEpoch
                : word == di::kInfinityWord ? DateTimeKind::kInfinity
                                            : DateTimeKind::kNegInfinity;
        return Error::kOk;
      default: return Error::kBadFormat;
    }
  }

  // The clock fields of a local time (a day's worth or more wraps).
  void SetTimeOfDay(int64_t local_micros) {
    int64_t micros = local_micros - TimestampToDate(local_micros) * kMicrosPerDay;
    tm_.hour = micros / (3600 * kMicrosPerSecond);
    micros %= 3600 * kMicrosPerSecond;
    tm_.minute = micros / (60 * kMicrosPerSecond);
    micros %= 60 * kMicrosPerSecond;
    tm_.second = micros / kMicrosPerSecond;
    tm_.micros = micros % kMicrosPerSecond;
  }

  // DecodeDate: a field of date parts ("2024-01-31", "jan-08-1999",
  // "1999.008"); month names first, then the numbers in order.
  Error DecodeDate(std::string_view text, uint32_t* tmask) {
    *tmask = 0;
    uint32_t fmask = fmask_;
    std::vector<std::string_view> parts;
    size_t i = 0;
    while (i < text.size() && parts.size() < di::kMaxFields) {
      while (i < text.size() && !std::isalnum(static_cast<unsigned char>(text[i]))) ++i;
      if (i == text.size()) return Error::kBadFormat;  // ends with a separator
      const size_t start = i;
      if (std::isdigit(static_cast<unsigned char>(text[i]))) {
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
      } else {
        while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
      }
      parts.push_back(text.substr(start, i - start));
      if (i < text.size()) ++i;  // the character after a part ends it
    }
    bool text_month = false;
    std::vector<bool> done(parts.size(), false);
    for (size_t p = 0; p < parts.size(); ++p) {
      if (!std::isalpha(static_cast<unsigned char>(parts[p][0]))) continue;
      const std::optional<Keyword> keyword = FindKeyword(parts[p]);
      if (keyword && keyword->type == TokenType::kIgnore) continue;
      if (!keyword || keyword->type != TokenType::kMonth) return Error::kBadFormat;
      if ((fmask & kMonthBit) != 0) return Error::kBadFormat;
      tm_.month = keyword->value;
      text_month = true;
      fmask |= kMonthBit;
      *tmask |= kMonthBit;
      done[p] = true;
    }
    for (size_t p = 0; p < parts.size(); ++p) {
      if (done[p] || std::isalpha(static_cast<unsigned char>(parts[p][0]))) continue;
      uint32_t dmask = 0;
      int64_t ignored_fraction = tm_.micros;
      if (Error error = DecodeNumber(parts[p], text_month, fmask, &dmask); error != Error::kOk) {
        return error;
      }
      tm_.micros = ignored_fraction;
      if ((fmask & dmask) != 0) return Error::kBadFormat;
      fmask |= dmask;
      *tmask |= dmask;
    }
    if ((fmask & ~(kDayOfYearBit | kZoneBit)) != kDateMask) return Error::kBadFormat;
    return Error::kOk;
  }

  // DecodeNumber: one number of a date, placed by what is known so far and
  // the session's DateStyle order.
  Error DecodeNumber(std::string_view text, bool text_month, uint32_t fmask, uint32_t* tmask) {
    *tmask = 0;
    const IntRead read = ReadInt(text, 0);
    if (read.overflow) return Error::kFieldOverflow;
    if (read.end == 0) return Error::kBadFormat;
    if (read.end < text.size() && text[read.end] == '.') {
      // More than two digits before the point: a date or a run-together
      // time ("2001.360", "040506.789").
      if (read.end > 2) return DecodeNumberField(std::string(text), fmask | kDateMask, tmask);
      if (Error error = ReadFraction(text.substr(read.end), &tm_.micros); error != Error::kOk) {
        return error;
      }
    } else if (read.end != text.size()) {
      return Error::kBadFormat;
    }
    const int64_t value = read.value;
    const size_t length = text.size();
    if (length == 3 && (fmask & kDateMask) == kYearBit && value >= 1 && value <= 366) {
      *tmask = kDayOfYearBit | kMonthBit | kDayBit;
      tm_.day_of_year = value;
      return Error::kOk;
    }
    switch (fmask & kDateMask) {
      case 0:
        if (length >= 3 || order_ == DateOrder::kYmd) {
          *tmask = kYearBit;
          tm_.year = value;
        } else if (order_ == DateOrder::kDmy) {
          *tmask = kDayBit;
          tm_.day = value;
        } else {
          *tmask = kMonthBit;
          tm_.month = value;
        }
        break;
      case kYearBit:
        *tmask = kMonthBit;
        tm_.month = value;
        break;
      case kMonthBit:
        // MON-DD-YYYY, DD-MON-YYYY and YYYY-MON-DD; YY-MON-DD only in YMD.
        if (text_month && (length >= 3 || order_ == DateOrder::kYmd)) {
          *tmask = kYearBit;
          tm_.year = value;
        } else {
          *tmask = kDayBit;
          tm_.day = value;
        }
        break;
      case kYearBit | kMonthBit:
        if (text_month && length >= 3 && is_two_digit_year_) {
          // DD-MON-YYYY in YMD order: the first number was the day.
          *tmask = kDayBit;
          tm_.day = tm_.year;
          tm_.year = value;
          is_two_digit_year_ = false;
        } else {
          *tmask = kDayBit;
          tm_.day = value;
        }
        break;
      case kDayBit:
        *tmask = kMonthBit;
        tm_.month = value;
        break;
      case kMonthBit | kDayBit:
        *tmask = kYearBit;
        tm_.year = value;
        break;
      case kDateMask: return DecodeNumberField(std::string(text), fmask, tmask);
      default: return Error::kBadFormat;
    }
    if (*tmask == kYearBit) is_two_digit_year_ = length <= 2;
    return Error::kOk;
  }

  // DecodeNumberField: run-together digits, YYYYMMDD / YYMMDD or HHMMSS /
  // HHMM, optionally with a fraction of a second.
  Error DecodeNumberField(std::string text, uint32_t fmask, uint32_t* tmask) {
    const size_t dot = text.find('.');
    if (dot != std::string::npos) {
      if (dot + 1 == text.size()) {
        tm_.micros = 0;
      } else {
        errno = 0;
        const double fraction = std::strtod(text.c_str() + dot, nullptr);
        if (errno != 0) return Error::kBadFormat;
        tm_.micros = static_cast<int64_t>(std::rint(fraction * 1e6));
      }
      text.resize(dot);
    } else if ((fmask & kDateMask) != kDateMask && text.size() >= 6) {
      const size_t length = text.size();
      *tmask = kDateMask;
      tm_.day = LeadingNumber(std::string_view(text).substr(length - 2));
      tm_.month = LeadingNumber(std::string_view(text).substr(length - 4, 2));
      tm_.year = LeadingNumber(std::string_view(text).substr(0, length - 4));
      if (length - 4 == 2) is_two_digit_year_ = true;
      return Error::kOk;
    }
    if ((fmask & kTimeMask) != kTimeMask) {
      const std::string_view digits = text;
      if (digits.size() == 6) {
        *tmask = kTimeMask;
        tm_.second = LeadingNumber(digits.substr(4));
        tm_.minute = LeadingNumber(digits.substr(2, 2));
        tm_.hour = LeadingNumber(digits.substr(0, 2));
        return Error::kOk;
      }
      if (digits.size() == 4) {
        *tmask = kTimeMask;
        tm_.second = 0;
        tm_.minute = LeadingNumber(digits.substr(2));
        tm_.hour = LeadingNumber(digits.substr(0, 2));
        return Error::kOk;
      }
    }
    return Error::kBadFormat;
  }

  // DecodeTime: "hh:mm", "hh:mm:ss[.f]", and "mm:ss.f".
  Error DecodeTime(std::string_view text, uint32_t* tmask) {
    *tmask = kTimeMask;
    const IntRead hour = ReadInt(text, 0);
    if (hour.overflow) return Error::kFieldOverflow;
    if (hour.end >= text.size() || text[hour.end] != ':') return Error::kBadFormat;
    const IntRead minute = ReadInt(text, hour.end + 1);
    if (minute.overflow) return Error::kFieldOverflow;
    tm_.hour = hour.value;
    tm_.minute = minute.value;
    size_t end = minute.end;
    if (end == text.size()) {
      tm_.second = 0;
      tm_.micros = 0;
    } else if (text[end] == '.') {  // mm:ss.f
      if (Error error = ReadFraction(text.substr(end), &tm_.micros); error != Error::kOk) {
        return error;
      }
      tm_.second = tm_.minute;
      tm_.minute = tm_.hour;
      tm_.hour = 0;
    } else if (text[end] == ':') {
      const IntRead second = ReadInt(text, end + 1);
      if (second.overflow) return Error::kFieldOverflow;
      tm_.second = second.value;
      end = second.end;
      if (end == text.size()) {
        tm_.micros = 0;
      } else if (text[end] == '.') {
        if (Error error = ReadFraction(text.substr(end), &tm_.micros); error != Error::kOk) {
          return error;
        }
      } else {
        return Error::kBadFormat;
      }
    } else {
      return Error::kBadFormat;
    }
    if (tm_.hour < 0 || tm_.minute < 0 || tm_.minute > 59 || tm_.second < 0 || tm_.second > 60 ||
        tm_.micros < 0 || tm_.micros > kMicrosPerSecond) {
      return Error::kFieldOverflow;
    }
    return Error::kOk;
  }

  // ValidateDate: the year's era and two-digit form, the day of year, and
  // the month and day ranges.
  Error ValidateDate() {
    if ((fmask_ & kYearBit) != 0) {
      if (is_julian_) {
        // already astronomical
      } else if (bc_) {
        if (tm_.year <= 0) return Error::kFieldOverflow;
        tm_.year = -(tm_.year - 1);
      } else if (is_two_digit_year_) {
        if (tm_.year < 0) return Error::kFieldOverflow;
        if (tm_.year < 70) {
          tm_.year += 2000;
        } else if (tm_.year < 100) {
          tm_.year += 1900;
        }
      } else if (tm_.year <= 0) {
        return Error::kFieldOverflow;
      }
    }
    if ((fmask_ & kDayOfYearBit) != 0) {
      SetDate(DaysFromCivil(ClampYear(tm_.year), 1, 1) + tm_.day_of_year - 1, &tm_);
    }
    if ((fmask_ & kMonthBit) != 0 && (tm_.month < 1 || tm_.month > 12)) {
      return Error::kMonthDayOverflow;
    }
    if ((fmask_ & kDayBit) != 0 && (tm_.day < 1 || tm_.day > 31)) return Error::kMonthDayOverflow;
    if ((fmask_ & kDateMask) == kDateMask &&
        tm_.day > DaysInMonth(ClampYear(tm_.year), static_cast<int>(tm_.month))) {
      return Error::kFieldOverflow;
    }
    return Error::kOk;
  }

  static int64_t ClampYear(int64_t year) {
    return std::clamp<int64_t>(year, -10'000'000, 10'000'000);
  }

  // "DST" modifies a fixed zone ("MET DST"): not a zone's name, not none.
  bool DstWithoutFixedZone() const {
    return (fmask_ & kDstModifierBit) != 0 && (zone_ != nullptr || (fmask_ & kZoneBit) == 0);
  }

  Error FinishDateTime() {
    if (kind_ != DateTimeKind::kFields) return Error::kOk;
    if ((fmask_ & kDateMask) != kDateMask) return Error::kBadFormat;
    if (DstWithoutFixedZone()) return Error::kBadFormat;
    return Error::kOk;
  }

  Error FinishTime() {
    if (TimeOverflows(tm_)) return Error::kFieldOverflow;
    if ((fmask_ & kTimeMask) != kTimeMask) return Error::kBadFormat;
    if (DstWithoutFixedZone()) return Error::kBadFormat;
    if (zone_ != nullptr) {
      // A zone's name needs the date unless its offset never changes.
      if (std::optional<int32_t> offset = zone_->ConstantOffset()) {
        offset_east_ = *offset;
        zone_ = nullptr;
      } else if ((fmask_ & kDateMask) != kDateMask) {
        return Error::kBadFormat;
      }
    } else if ((fmask_ & kZoneBit) == 0 && (fmask_ & kDateMask) != 0 &&
               (fmask_ & kDateMask) != kDateMask) {
      return Error::kBadFormat;
    }
    return Error::kOk;
  }

  const std::vector<Field>& fields_;
  const bool time_only_;
  const DateOrder order_;
  Tm tm_;
  uint32_t fmask_ = 0;
  int ptype_ = 0;
  int meridiem_ = 0;
  bool have_text_month_ = false;
  bool is_two_digit_year_ = false;
  bool is_julian_ = false;
  bool bc_ = false;
  int32_t offset_east_ = 0;
  std::shared_ptr<const TimeZone> zone_;
  std::string bad_zone_;
  DateTimeKind kind_ = DateTimeKind::kFields;
};

Status InputError(Error error, std::string_view type_name, std::string_view text,
                  const std::string& bad_zone) {
  switch (error) {
    case Error::kFieldOverflow:
    case Error::kMonthDayOverflow: {
      Status status =
          Status::Error(sqlstate::kDatetimeFieldOverflow,
                        fmt::format("date/time field value out of range: \"{}\"", text));
      if (error == Error::kMonthDayOverflow) {
        status = status.WithHint("Perhaps you need a different \"datestyle\" setting.");
      }
      return status;
    }
    case Error::kZoneOverflow:
      return Status::Error(sqlstate::kInvalidTimeZoneDisplacementValue,
                           fmt::format("time zone displacement out of range: \"{}\"", text));
    case Error::kBadZone:
      return Status::Error(sqlstate::kInvalidParameterValue,
                           fmt::format("time zone \"{}\" not recognized", bad_zone));
    default:
      return Status::Error(
          sqlstate::kInvalidDatetimeFormat,
          fmt::format("invalid input syntax for type {}: \"{}\"", type_name, text));
  }
}

Result<DecodedDateTime> Decode(std::string_view text, std::string_view type_name, bool time_only) {
  std::vector<Field> fields;
  Error error = di::SplitFields(text, &fields);
  if (error != Error::kOk) return InputError(error, type_name, text, "");
  Decoder decoder(fields, time_only);
  error = decoder.Run();
  if (error != Error::kOk) return InputError(error, type_name, text, decoder.bad_zone());
  return decoder.Decoded();
}

}  // namespace

int64_t DecodedDateTime::Days() const {
  return DaysFromCivil(std::clamp<int64_t>(year, -10'000'000, 10'000'000), static_cast<int>(month),
                       static_cast<int>(day));
}

int64_t DecodedDateTime::TimeOfDay() const {
  return ((hour * 60 + minute) * 60 + second) * kMicrosPerSecond + micros;
}

Result<DecodedDateTime> DecodeDateTimeText(std::string_view text, std::string_view type_name) {
  return Decode(text, type_name, false);
}

Result<DecodedDateTime> DecodeTimeText(std::string_view text, std::string_view type_name) {
  return Decode(text, type_name, true);
}

int32_t DecodedOffsetAt(const DecodedDateTime& value, int64_t local_micros) {
  if (value.offset_east) return *value.offset_east;
  if (value.zone != nullptr) return value.zone->OffsetForLocal(local_micros);
  return SessionTimeZone().OffsetForLocal(local_micros);
}

}  // namespace basalt
