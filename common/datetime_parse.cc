// The date and timestamp input functions: the subset of PostgreSQL's
// datetime parser that applications actually send (ISO 8601 and friends).
#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "common/datetime.h"
#include "common/time_zone.h"
#include "common/zone_abbreviations.h"

namespace basalt {
namespace {

// kMonthDayRange is PostgreSQL's DTERR_MD_FIELD_OVERFLOW: a month above 12 or
// a day above 31, which may mean the fields were read in the wrong order.
// kZoneRange is PostgreSQL's DTERR_TZDISP_OVERFLOW: an offset beyond 15:59:59.
enum class Outcome { kOk, kSyntax, kFieldRange, kMonthDayRange, kZoneRange, kUnknownZone };

enum class Special { kNone, kEpoch, kInfinity, kNegInfinity };

struct Fields {
  Special special = Special::kNone;
  int64_t year = 0;  // as written; BC years are positive with bc = true
  int64_t month = 0;
  int64_t day = 0;
  int64_t hour = 0;
  int64_t minute = 0;
  int64_t second = 0;
  int64_t micros = 0;  // fraction of the second
  bool bc = false;
  // The zone written after the time, as seconds east of UTC ("+02" is
  // 7200), or a zone's name ("Europe/Berlin"); neither when none is.
  std::optional<int64_t> zone_offset;
  std::shared_ptr<const TimeZone> zone;
  std::string unknown_zone;  // lowered, for 22023's message
};

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  bool PeekDigit() const { return std::isdigit(static_cast<unsigned char>(Peek())) != 0; }
  void Advance() { ++pos_; }
  bool Consume(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }
  bool SkipSpaces() {
    size_t start = pos_;
    while (!AtEnd() && std::isspace(static_cast<unsigned char>(Peek()))) ++pos_;
    return pos_ != start;
  }
  // A run of digits; its length tells "24" from "2024".
  std::string_view Digits() {
    size_t start = pos_;
    while (PeekDigit()) ++pos_;
    return text_.substr(start, pos_ - start);
  }
  // Case-insensitive keyword that is not followed by another letter.
  bool ConsumeWord(std::string_view word) {
    if (text_.size() - pos_ < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(text_[pos_ + i])) != word[i]) return false;
    }
    size_t after = pos_ + word.size();
    if (after < text_.size() && std::isalpha(static_cast<unsigned char>(text_[after]))) {
      return false;
    }
    pos_ = after;
    return true;
  }
  std::string_view Rest() const { return text_.substr(pos_); }
  // The word a zone name may span: letters, digits, '/', '_', '+', '-'.
  std::string_view PeekZoneName() const {
    size_t end = pos_;
    while (end < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '/' ||
            text_[end] == '_' || text_[end] == '+' || text_[end] == '-')) {
      ++end;
    }
    return text_.substr(pos_, end - pos_);
  }
  void Skip(size_t n) { pos_ += n; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

// Field values are capped so absurd inputs fail the range checks rather than
// overflowing.
int64_t ToNumber(std::string_view digits) {
  if (digits.size() > 12) return 999'999'999'999;
  int64_t v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

Outcome ParseDatePart(Scanner& s, Fields* f) {
  std::string_view first = s.Digits();
  if (first.empty()) return Outcome::kSyntax;
  char sep = s.Peek();
  if (sep != '-' && sep != '/' && sep != '.') {
    if (first.size() != 8) return Outcome::kSyntax;  // YYYYMMDD
    f->year = ToNumber(first.substr(0, 4));
    f->month = ToNumber(first.substr(4, 2));
    f->day = ToNumber(first.substr(6, 2));
    return Outcome::kOk;
  }
  s.Advance();
  std::string_view second = s.Digits();
  if (second.empty() || !s.Consume(sep)) return Outcome::kSyntax;
  std::string_view third = s.Digits();
  if (third.empty()) return Outcome::kSyntax;
  if (first.size() >= 3) {  // year first: ISO
    f->year = ToNumber(first);
    f->month = ToNumber(second);
    f->day = ToNumber(third);
  } else if (third.size() >= 3) {  // DateStyle MDY, PostgreSQL's default
    f->month = ToNumber(first);
    f->day = ToNumber(second);
    f->year = ToNumber(third);
  } else {
    // Two-digit years are ambiguous; PostgreSQL reads "24-01-31" as a
    // month of 24 and rejects it.
    return Outcome::kMonthDayRange;
  }
  return Outcome::kOk;
}

Outcome ParseTimePart(Scanner& s, Fields* f) {
  std::string_view hour = s.Digits();
  if (hour.empty() || hour.size() > 2 || !s.Consume(':')) return Outcome::kSyntax;
  std::string_view minute = s.Digits();
  if (minute.empty()) return Outcome::kSyntax;
  f->hour = ToNumber(hour);
  f->minute = ToNumber(minute);
  if (s.Consume(':')) {
    std::string_view second = s.Digits();
    if (second.empty()) return Outcome::kSyntax;
    f->second = ToNumber(second);
    if (s.Peek() == '.') {
      s.Advance();
      std::string fraction = "0." + std::string(s.Digits());
      // As PostgreSQL's ParseFractionalSecond: rint() to microseconds.
      f->micros = static_cast<int64_t>(std::rint(std::strtod(fraction.c_str(), nullptr) * 1e6));
    }
  }
  return Outcome::kOk;
}

// A full zone name after the time ("Europe/Berlin", "America/New_York"):
// the offset is the zone's at that local time; an abbreviation ("PST",
// "CEST") is its fixed offset. Other words are left for the caller (BC, AD).
bool ParseZoneName(Scanner& s, Fields* f, Outcome* outcome) {
  const std::string_view word = s.PeekZoneName();
  if (word.find('/') == std::string_view::npos) {
    const std::optional<int32_t> offset = ZoneAbbreviationOffset(word);
    if (!offset) return false;
    f->zone_offset = *offset;
    s.Skip(word.size());
    return true;
  }
  f->zone = TimeZone::Find(word);
  if (f->zone == nullptr) {
    *outcome = Outcome::kUnknownZone;
    for (char c : word)
      f->unknown_zone += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return true;
  }
  s.Skip(word.size());
  return true;
}

// A zone after the time: "Z", "UTC", "GMT", "+02", "-05:30", "+05:45:30",
// "+0200" (PostgreSQL's DecodeTimezone). A timestamp without time zone
// ignores it, as PostgreSQL does, but still rejects an offset out of range.
// Returns false when no zone is there.
bool ParseTimeZone(Scanner& s, Fields* f, Outcome* outcome) {
  *outcome = Outcome::kOk;
  if (s.ConsumeWord("z") || s.ConsumeWord("utc") || s.ConsumeWord("gmt")) {
    f->zone_offset = 0;
    return true;
  }
  if (std::isalpha(static_cast<unsigned char>(s.Peek()))) return ParseZoneName(s, f, outcome);
  if (s.Peek() != '+' && s.Peek() != '-') return false;
  bool negative = s.Peek() == '-';
  s.Advance();
  std::string_view hour_digits = s.Digits();
  if (hour_digits.empty()) {
    *outcome = Outcome::kSyntax;
    return true;
  }
  int64_t hour = ToNumber(hour_digits);
  int64_t minute = 0, second = 0;
  if (s.Consume(':')) {
    std::string_view minute_digits = s.Digits();
    if (minute_digits.empty()) {
      *outcome = Outcome::kSyntax;
      return true;
    }
    minute = ToNumber(minute_digits);
    if (s.Consume(':')) {
      std::string_view second_digits = s.Digits();
      if (second_digits.empty()) {
        *outcome = Outcome::kSyntax;
        return true;
      }
      second = ToNumber(second_digits);
    }
  } else if (hour_digits.size() > 2) {  // run-together hhmm
    minute = hour % 100;
    hour /= 100;
  }
  if (hour > 15 || minute > 59 || second > 59) {
    *outcome = Outcome::kZoneRange;
    return true;
  }
  int64_t offset = (hour * 60 + minute) * 60 + second;
  f->zone_offset = negative ? -offset : offset;
  return true;
}

Outcome ParseFields(std::string_view text, Fields* f) {
  Scanner s(text);
  s.SkipSpaces();
  if (s.ConsumeWord("epoch")) {
    f->special = Special::kEpoch;
  } else if (s.Peek() == '+' || s.Peek() == '-' || s.Peek() == 'i' || s.Peek() == 'I') {
    bool negative = s.Peek() == '-';
    if (!std::isalpha(static_cast<unsigned char>(s.Peek()))) s.Advance();
    if (!s.ConsumeWord("infinity")) return Outcome::kSyntax;
    f->special = negative ? Special::kNegInfinity : Special::kInfinity;
  } else {
    if (Outcome o = ParseDatePart(s, f); o != Outcome::kOk) return o;
    bool spaced = s.SkipSpaces();
    bool has_t = !spaced && (s.Peek() == 'T' || s.Peek() == 't');
    if (has_t) s.Advance();
    if ((spaced || has_t) && s.PeekDigit()) {
      if (Outcome o = ParseTimePart(s, f); o != Outcome::kOk) return o;
      s.SkipSpaces();
      Outcome zone = Outcome::kOk;
      if (ParseTimeZone(s, f, &zone)) {
        if (zone != Outcome::kOk) return zone;
        s.SkipSpaces();
      }
    } else if (has_t) {
      return Outcome::kSyntax;
    }
    if (s.ConsumeWord("bc")) {
      f->bc = true;
    } else {
      s.ConsumeWord("ad");
    }
  }
  s.SkipSpaces();
  return s.AtEnd() ? Outcome::kOk : Outcome::kSyntax;
}

// Checks the calendar and clock fields; returns the astronomical year.
Outcome ValidateFields(const Fields& f, int64_t* astronomical_year) {
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > 31) return Outcome::kMonthDayRange;
  if (f.year < 1) return Outcome::kFieldRange;
  *astronomical_year = f.bc ? 1 - f.year : f.year;
  if (f.day > DaysInMonth(*astronomical_year, static_cast<int>(f.month))) {
    return Outcome::kFieldRange;
  }
  if (f.minute > 59 || f.second > 60 || f.hour > 24) return Outcome::kFieldRange;
  if (f.hour == 24 && (f.minute > 0 || f.second > 0 || f.micros > 0)) return Outcome::kFieldRange;
  return Outcome::kOk;
}

Status InputError(Outcome outcome, std::string_view type_name, std::string_view text,
                  const Fields& f) {
  if (outcome == Outcome::kUnknownZone) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         fmt::format("time zone \"{}\" not recognized", f.unknown_zone));
  }
  if (outcome == Outcome::kZoneRange) {
    return Status::Error(sqlstate::kInvalidTimeZoneDisplacementValue,
                         fmt::format("time zone displacement out of range: \"{}\"", text));
  }
  if (outcome == Outcome::kFieldRange || outcome == Outcome::kMonthDayRange) {
    Status status = Status::Error(sqlstate::kDatetimeFieldOverflow,
                                  fmt::format("date/time field value out of range: \"{}\"", text));
    if (outcome == Outcome::kMonthDayRange) {
      status = status.WithHint("Perhaps you need a different \"datestyle\" setting.");
    }
    return status;
  }
  return Status::Error(sqlstate::kInvalidDatetimeFormat,
                       fmt::format("invalid input syntax for type {}: \"{}\"", type_name, text));
}

// Parses and validates; *days is the date, *time_of_day the microseconds
// after its midnight (up to a full day for 24:00:00 and leap seconds).
Outcome ParseDateTime(std::string_view text, Fields* f, int64_t* days, int64_t* time_of_day) {
  Outcome outcome = ParseFields(text, f);
  if (outcome != Outcome::kOk || f->special != Special::kNone) return outcome;
  int64_t year;
  if (Outcome valid = ValidateFields(*f, &year); valid != Outcome::kOk) return valid;
  // Keep the arithmetic below far from overflow; the range check follows.
  if (year > 10'000'000 || year < -10'000'000) year = year > 0 ? 10'000'000 : -10'000'000;
  *days = DaysFromCivil(year, static_cast<int>(f->month), static_cast<int>(f->day));
  *time_of_day = ((f->hour * 60 + f->minute) * 60 + f->second) * kMicrosPerSecond + f->micros;
  return Outcome::kOk;
}

}  // namespace

Result<int64_t> ParseDate(std::string_view text) {
  Fields f;
  int64_t days = 0, time_of_day = 0;
  Outcome outcome = ParseDateTime(text, &f, &days, &time_of_day);
  if (outcome != Outcome::kOk) return InputError(outcome, "date", text, f);
  switch (f.special) {
    case Special::kEpoch: return DaysFromCivil(1970, 1, 1);
    case Special::kInfinity: return kDatePosInfinity;
    case Special::kNegInfinity: return kDateNegInfinity;
    case Special::kNone: break;
  }
  // A time of day is accepted and dropped, as PostgreSQL's date_in.
  if (days < kMinDate || days >= kEndDate) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow,
                         fmt::format("date out of range: \"{}\"", text));
  }
  return days;
}

namespace {

// timestamp and timestamptz input; `with_zone` applies the written offset.
Result<int64_t> ParseTimestampImpl(std::string_view text, bool with_zone) {
  std::string_view type_name = with_zone ? "timestamp with time zone" : "timestamp";
  Fields f;
  int64_t days = 0, time_of_day = 0;
  Outcome outcome = ParseDateTime(text, &f, &days, &time_of_day);
  if (outcome != Outcome::kOk) return InputError(outcome, type_name, text, f);
  switch (f.special) {
    case Special::kEpoch: return DaysFromCivil(1970, 1, 1) * kMicrosPerDay;
    case Special::kInfinity: return kTimestampPosInfinity;
    case Special::kNegInfinity: return kTimestampNegInfinity;
    case Special::kNone: break;
  }
  if (days < kMinDate || days >= kEndTimestamp / kMicrosPerDay + 1) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow,
                         fmt::format("timestamp out of range: \"{}\"", text));
  }
  int64_t micros = days * kMicrosPerDay + time_of_day;
  if (with_zone) {
    if (f.zone != nullptr) {
      micros -= int64_t{f.zone->OffsetForLocal(micros)} * kMicrosPerSecond;
    } else if (f.zone_offset) {
      micros -= *f.zone_offset * kMicrosPerSecond;
    } else {
      micros = LocalToUtc(micros);
    }
  }
  if (micros < kMinTimestamp || micros >= kEndTimestamp) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow,
                         fmt::format("timestamp out of range: \"{}\"", text));
  }
  return micros;
}

}  // namespace

Result<int64_t> ParseTimestamp(std::string_view text) {
  return ParseTimestampImpl(text, false);
}

Result<int64_t> ParseTimestampTz(std::string_view text) {
  return ParseTimestampImpl(text, true);
}

}  // namespace basalt
