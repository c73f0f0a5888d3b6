// Shared by the two steps of date/time input (datetime_fields_split.cc
// splits the text into fields, datetime_decode.cc reads them); PostgreSQL's
// names are given where they help to compare with datetime.c.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace basalt::datetime_input {

// DTERR_*: the outcome of a step.
enum class Error { kOk, kBadFormat, kFieldOverflow, kMonthDayOverflow, kZoneOverflow, kBadZone };

// ftype: what a field looks like.
enum class FieldType { kNumber, kString, kDate, kTime, kZone, kSpecial };

struct Field {
  std::string text;  // words lower-cased
  FieldType type = FieldType::kNumber;
};

// MAXDATEFIELDS
inline constexpr size_t kMaxFields = 25;

// ParseDateTime.
Error SplitFields(std::string_view text, std::vector<Field>* fields);

// The type of a word in PostgreSQL's keyword table (datetktbl).
enum class TokenType {
  kReserved,
  kMonth,
  kDayOfWeek,
  kAmPm,
  kAdBc,
  kUnits,
  kIsoTime,
  kIgnore,
  kDstModifier,
};
// Values of kReserved words.
inline constexpr int kEpochWord = 1, kInfinityWord = 2, kNegInfinityWord = 3, kNowWord = 4,
                     kTodayWord = 5, kTomorrowWord = 6, kYesterdayWord = 7, kZuluWord = 8;
// Values of kAmPm words.
inline constexpr int kAm = 1, kPm = 2;
// Values of kUnits words: the label of the number that follows ("y2001").
inline constexpr int kYearUnit = 1, kMonthUnit = 2, kDayUnit = 3, kHourUnit = 4, kMinuteUnit = 5,
                     kSecondUnit = 6, kJulianUnit = 7, kTimeUnit = 8, kOtherUnit = 9;

struct Keyword {
  TokenType type;
  int value;
};
// DecodeSpecial's lookup; nullopt for a word that is none.
std::optional<Keyword> FindKeyword(std::string_view word);

}  // namespace basalt::datetime_input
