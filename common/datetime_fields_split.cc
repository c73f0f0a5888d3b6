// The first step of date/time input: splitting the text into typed fields,
// as PostgreSQL's ParseDateTime does (see datetime_decode_internal.h).
#include <cctype>

#include "common/datetime_decode_internal.h"

namespace basalt::datetime_input {
namespace {

// PostgreSQL splits into a buffer of MAXDATELEN + MAXDATEFIELDS bytes, one
// byte per field for its terminator: longer texts are a format error.
constexpr size_t kMaxFieldBytes = 128 + kMaxFields;

bool IsDigit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}
bool IsAlpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
bool IsAlnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
char Lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

class Splitter {
 public:
  explicit Splitter(std::string_view text) : text_(text) {}

  Error Split(std::vector<Field>* fields) {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++pos_;
        continue;
      }
      Field field;
      current_ = &field.text;
      if (IsDigit(c)) {
        field.type = SplitFromDigit();
      } else if (c == '.') {  // a leading point: fractional seconds
        Take();
        while (IsDigit(Peek())) Take();
        field.type = FieldType::kNumber;
      } else if (IsAlpha(c)) {
        field.type = SplitFromLetter();
      } else if (c == '+' || c == '-') {
        Take();
        while (std::isspace(static_cast<unsigned char>(Peek()))) ++pos_;
        if (IsDigit(Peek())) {  // a numeric zone (or a signed number)
          field.type = FieldType::kZone;
          Take();
          while (IsDigit(Peek()) || Peek() == ':' || Peek() == '.' || Peek() == '-') Take();
        } else if (IsAlpha(Peek())) {  // "-infinity"
          field.type = FieldType::kSpecial;
          while (IsAlpha(Peek())) TakeLower();
        } else {
          return Error::kBadFormat;
        }
      } else if (std::ispunct(static_cast<unsigned char>(c))) {
        ++pos_;  // other punctuation only separates fields
        continue;
      } else {
        return Error::kBadFormat;
      }
      if (overflow_ || fields->size() == kMaxFields) return Error::kBadFormat;
      bytes_ += field.text.size() + 1;
      if (bytes_ > kMaxFieldBytes) return Error::kBadFormat;
      fields->push_back(std::move(field));
    }
    return Error::kOk;
  }

 private:
  char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void Take() { Append(text_[pos_++]); }
  void TakeLower() { Append(Lower(text_[pos_++])); }
  void Append(char c) {
    if (bytes_ + current_->size() >= kMaxFieldBytes) overflow_ = true;
    current_->push_back(c);
  }

  // "2024-01-31", "03:04:05.6", "1999.008", "08-jan-1999", "20240131".
  FieldType SplitFromDigit() {
    while (IsDigit(Peek())) Take();
    if (Peek() == ':') {
      Take();
      while (IsDigit(Peek()) || Peek() == ':' || Peek() == '.') Take();
      return FieldType::kTime;
    }
    const char delimiter = Peek();
    if (delimiter != '-' && delimiter != '/' && delimiter != '.') return FieldType::kNumber;
    Take();
    if (IsDigit(Peek())) {
      FieldType type = delimiter == '.' ? FieldType::kNumber : FieldType::kDate;
      while (IsDigit(Peek())) Take();
      // Only matching delimiters make a three-part date.
      if (Peek() == delimiter) {
        type = FieldType::kDate;
        Take();
        while (IsDigit(Peek()) || Peek() == delimiter) Take();
      }
      return type;
    }
    // A month's name inside a date.
    while (IsAlnum(Peek()) || Peek() == delimiter) TakeLower();
    return FieldType::kDate;
  }

  // A word: a month, weekday, keyword or zone abbreviation; or, with
  // punctuation or digits after it, a date ("jan-08-1999") or a zone's
  // name ("america/new_york", "est5edt").
  FieldType SplitFromLetter() {
    while (IsAlpha(Peek())) TakeLower();
    bool is_date = false;
    const char next = Peek();
    if (next == '-' || next == '/' || next == '.') {
      is_date = true;
    } else if (next == '+' || IsDigit(next)) {
      // A keyword before digits is a field of its own ("j2451187",
      // "t040506"); only the built-in keywords count here.
      is_date = !FindKeyword(*current_).has_value();
    }
    if (!is_date) return FieldType::kString;
    do {
      TakeLower();
    } while (Peek() == '+' || Peek() == '-' || Peek() == '/' || Peek() == '_' || Peek() == '.' ||
             Peek() == ':' || IsAlnum(Peek()));
    return FieldType::kDate;
  }

  std::string_view text_;
  size_t pos_ = 0;
  size_t bytes_ = 0;
  std::string* current_ = nullptr;
  bool overflow_ = false;
};

}  // namespace

Error SplitFields(std::string_view text, std::vector<Field>* fields) {
  return Splitter(text).Split(fields);
}

std::optional<Keyword> FindKeyword(std::string_view word) {
  struct Entry {
    std::string_view word;
    Keyword keyword;
  };
  // PostgreSQL's datetktbl.
  static constexpr Entry kKeywords[] = {
      {"-infinity", {TokenType::kReserved, kNegInfinityWord}},
      {"ad", {TokenType::kAdBc, 0}},
      {"allballs", {TokenType::kReserved, kZuluWord}},
      {"am", {TokenType::kAmPm, kAm}},
      {"apr", {TokenType::kMonth, 4}},
      {"april", {TokenType::kMonth, 4}},
      {"at", {TokenType::kIgnore, 0}},
      {"aug", {TokenType::kMonth, 8}},
      {"august", {TokenType::kMonth, 8}},
      {"bc", {TokenType::kAdBc, 1}},
      {"d", {TokenType::kUnits, kDayUnit}},
      {"dec", {TokenType::kMonth, 12}},
      {"december", {TokenType::kMonth, 12}},
      {"dow", {TokenType::kUnits, kOtherUnit}},
      {"doy", {TokenType::kUnits, kOtherUnit}},
      {"dst", {TokenType::kDstModifier, 3600}},
      {"epoch", {TokenType::kReserved, kEpochWord}},
      {"feb", {TokenType::kMonth, 2}},
      {"february", {TokenType::kMonth, 2}},
      {"fri", {TokenType::kDayOfWeek, 5}},
      {"friday", {TokenType::kDayOfWeek, 5}},
      {"h", {TokenType::kUnits, kHourUnit}},
      {"infinity", {TokenType::kReserved, kInfinityWord}},
      {"isodow", {TokenType::kUnits, kOtherUnit}},
      {"isoyear", {TokenType::kUnits, kOtherUnit}},
      {"j", {TokenType::kUnits, kJulianUnit}},
      {"jan", {TokenType::kMonth, 1}},
      {"january", {TokenType::kMonth, 1}},
      {"jd", {TokenType::kUnits, kJulianUnit}},
      {"jul", {TokenType::kMonth, 7}},
      {"julian", {TokenType::kUnits, kJulianUnit}},
      {"july", {TokenType::kMonth, 7}},
      {"jun", {TokenType::kMonth, 6}},
      {"june", {TokenType::kMonth, 6}},
      {"m", {TokenType::kUnits, kMonthUnit}},
      {"mar", {TokenType::kMonth, 3}},
      {"march", {TokenType::kMonth, 3}},
      {"may", {TokenType::kMonth, 5}},
      {"mm", {TokenType::kUnits, kMinuteUnit}},
      {"mon", {TokenType::kDayOfWeek, 1}},
      {"monday", {TokenType::kDayOfWeek, 1}},
      {"nov", {TokenType::kMonth, 11}},
      {"november", {TokenType::kMonth, 11}},
      {"now", {TokenType::kReserved, kNowWord}},
      {"oct", {TokenType::kMonth, 10}},
      {"october", {TokenType::kMonth, 10}},
      {"on", {TokenType::kIgnore, 0}},
      {"pm", {TokenType::kAmPm, kPm}},
      {"s", {TokenType::kUnits, kSecondUnit}},
      {"sat", {TokenType::kDayOfWeek, 6}},
      {"saturday", {TokenType::kDayOfWeek, 6}},
      {"sep", {TokenType::kMonth, 9}},
      {"sept", {TokenType::kMonth, 9}},
      {"september", {TokenType::kMonth, 9}},
      {"sun", {TokenType::kDayOfWeek, 0}},
      {"sunday", {TokenType::kDayOfWeek, 0}},
      {"t", {TokenType::kIsoTime, kTimeUnit}},
      {"thu", {TokenType::kDayOfWeek, 4}},
      {"thur", {TokenType::kDayOfWeek, 4}},
      {"thurs", {TokenType::kDayOfWeek, 4}},
      {"thursday", {TokenType::kDayOfWeek, 4}},
      {"today", {TokenType::kReserved, kTodayWord}},
      {"tomorrow", {TokenType::kReserved, kTomorrowWord}},
      {"tue", {TokenType::kDayOfWeek, 2}},
      {"tues", {TokenType::kDayOfWeek, 2}},
      {"tuesday", {TokenType::kDayOfWeek, 2}},
      {"wed", {TokenType::kDayOfWeek, 3}},
      {"wednesday", {TokenType::kDayOfWeek, 3}},
      {"weds", {TokenType::kDayOfWeek, 3}},
      {"y", {TokenType::kUnits, kYearUnit}},
      {"yesterday", {TokenType::kReserved, kYesterdayWord}},
  };
  // Words are compared on their first ten letters (TOKMAXLEN).
  const std::string_view key = word.substr(0, 10);
  for (const Entry& entry : kKeywords) {
    if (entry.word == key) return entry.keyword;
  }
  return std::nullopt;
}

}  // namespace basalt::datetime_input
