// jsonb numbers as numeric text, and jsonb's btree order.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "common/jsonb.h"
#include "common/stack_depth.h"

namespace basalt {
namespace {

// A number's text split into its parts: digits before and after the point
// (no leading zeros before it, no trailing zeros after it).
struct NumberParts {
  bool negative = false;
  std::string_view integer;
  std::string_view fraction;
  bool IsZero() const { return integer.empty() && fraction.empty(); }
};

NumberParts SplitNumber(std::string_view text) {
  NumberParts p;
  if (!text.empty() && text[0] == '-') {
    p.negative = true;
    text.remove_prefix(1);
  }
  const size_t point = text.find('.');
  p.integer = text.substr(0, point);
  if (point != std::string_view::npos) p.fraction = text.substr(point + 1);
  while (!p.integer.empty() && p.integer.front() == '0') p.integer.remove_prefix(1);
  while (!p.fraction.empty() && p.fraction.back() == '0') p.fraction.remove_suffix(1);
  if (p.IsZero()) p.negative = false;
  return p;
}

int CompareMagnitude(const NumberParts& a, const NumberParts& b) {
  if (a.integer.size() != b.integer.size()) return a.integer.size() < b.integer.size() ? -1 : 1;
  if (int c = a.integer.compare(b.integer); c != 0) return c < 0 ? -1 : 1;
  const int c = a.fraction.compare(b.fraction);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

void AppendSortString(std::string_view s, std::string* out) {
  for (char c : s) {
    out->push_back(c);
    if (c == '\0') out->push_back('\xFF');
  }
  out->append("\0\x01", 2);
}

void AppendBigEndian32(uint32_t v, std::string* out) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}

// A number as sign, decimal exponent and significant digits, so that the
// bytes sort by value: 0x01 negative (exponent and digits inverted, then
// 0xFF), 0x02 zero, 0x03 positive (then 0x00).
void AppendNumberSortKey(std::string_view text, std::string* out) {
  const NumberParts p = SplitNumber(text);
  if (p.IsZero()) {
    out->push_back('\x02');
    return;
  }
  std::string digits(p.integer);
  digits.append(p.fraction);
  int64_t exponent = static_cast<int64_t>(p.integer.size());
  size_t lead = 0;
  while (lead < digits.size() && digits[lead] == '0') ++lead;
  exponent -= static_cast<int64_t>(lead);
  digits.erase(0, lead);
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  const uint32_t biased = static_cast<uint32_t>(exponent + (int64_t{1} << 31));
  if (!p.negative) {
    out->push_back('\x03');
    AppendBigEndian32(biased, out);
    out->append(digits);
    out->push_back('\x00');
  } else {
    out->push_back('\x01');
    AppendBigEndian32(~biased, out);
    for (char d : digits) out->push_back(static_cast<char>(0xFF - static_cast<uint8_t>(d)));
    out->push_back('\xFF');
  }
}

// A value inside an array or object: its kind's rank first.
void AppendNodeSortKey(const JsonbValue& v, std::string* out) {
  CheckStackDepth();
  out->push_back(static_cast<char>(static_cast<int>(v.kind) + 1));
  switch (v.kind) {
    case JsonbValue::Kind::kNull:
    case JsonbValue::Kind::kTrue:
    case JsonbValue::Kind::kFalse: return;  // false and true have their own ranks
    case JsonbValue::Kind::kString: AppendSortString(v.text, out); return;
    case JsonbValue::Kind::kNumber: AppendNumberSortKey(v.text, out); return;
    case JsonbValue::Kind::kArray:
      AppendBigEndian32(static_cast<uint32_t>(v.elements.size()), out);
      for (const JsonbValue& e : v.elements) AppendNodeSortKey(e, out);
      return;
    case JsonbValue::Kind::kObject:
      AppendBigEndian32(static_cast<uint32_t>(v.members.size()), out);
      for (const auto& [key, value] : v.members) {
        AppendSortString(key, out);
        AppendNodeSortKey(value, out);
      }
      return;
  }
}

}  // namespace

Result<std::string> NormalizeJsonNumber(std::string_view json) {
  // numeric_in: the digits, the display scale (digits after the point less
  // the exponent, at least 0), then numeric_out's text of them.
  bool negative = false;
  if (!json.empty() && json[0] == '-') {
    negative = true;
    json.remove_prefix(1);
  }
  size_t i = 0;
  std::string digits;
  while (i < json.size() && json[i] >= '0' && json[i] <= '9') digits.push_back(json[i++]);
  const size_t integer_digits = digits.size();
  if (i < json.size() && json[i] == '.') {
    ++i;
    while (i < json.size() && json[i] >= '0' && json[i] <= '9') digits.push_back(json[i++]);
  }
  const int64_t fraction_digits = static_cast<int64_t>(digits.size() - integer_digits);
  int64_t exponent = 0;
  if (i < json.size() && (json[i] == 'e' || json[i] == 'E')) {
    ++i;
    bool exponent_negative = false;
    if (i < json.size() && (json[i] == '+' || json[i] == '-')) exponent_negative = json[i++] == '-';
    for (; i < json.size(); ++i) {
      exponent = exponent * 10 + (json[i] - '0');
      if (exponent > 1000) break;
    }
    if (exponent_negative) exponent = -exponent;
  }
  if (exponent > 1000 || exponent < -1000) {
    return Status::Error(
        sqlstate::kInvalidTextRepresentation,
        fmt::format("invalid input syntax for type numeric: \"{}{}\"", negative ? "-" : "", json));
  }
  const int64_t scale = std::max<int64_t>(0, fraction_digits - exponent);
  const int64_t point = static_cast<int64_t>(integer_digits) + exponent;
  std::string integer;
  std::string fraction;
  if (point <= 0) {
    fraction.assign(static_cast<size_t>(-point), '0');
    fraction.append(digits);
  } else if (point >= static_cast<int64_t>(digits.size())) {
    integer = digits;
    integer.append(static_cast<size_t>(point) - digits.size(), '0');
  } else {
    integer = digits.substr(0, static_cast<size_t>(point));
    fraction = digits.substr(static_cast<size_t>(point));
  }
  fraction.resize(static_cast<size_t>(scale), '0');
  size_t lead = 0;
  while (lead + 1 < integer.size() && integer[lead] == '0') ++lead;
  integer.erase(0, lead);
  if (integer.empty()) integer.push_back('0');
  const bool zero = integer == "0" && fraction.find_first_not_of('0') == std::string::npos;
  std::string out;
  out.reserve(integer.size() + fraction.size() + 2);
  if (negative && !zero) out.push_back('-');
  out += integer;
  if (!fraction.empty()) {
    out.push_back('.');
    out.append(fraction);
  }
  return out;
}

int CompareNumericText(std::string_view a, std::string_view b) {
  const NumberParts x = SplitNumber(a);
  const NumberParts y = SplitNumber(b);
  if (x.negative != y.negative) return x.negative ? -1 : 1;
  const int c = CompareMagnitude(x, y);
  return x.negative ? -c : c;
}

void AppendJsonbSortKey(const JsonbValue& value, std::string* out) {
  // The top level as PostgreSQL compares it: an object above everything
  // else; a scalar is a one-element "raw scalar" array, and arrays compare
  // by their number of elements first, a raw scalar below a real array of
  // the same size (so `5` > `[]` but `5` < `[1]`).
  if (value.kind == JsonbValue::Kind::kObject) {
    out->push_back('\x02');
    AppendNodeSortKey(value, out);
    return;
  }
  out->push_back('\x01');
  if (value.IsScalar()) {
    AppendBigEndian32(1, out);
    out->push_back('\x00');
    AppendNodeSortKey(value, out);
    return;
  }
  AppendBigEndian32(static_cast<uint32_t>(value.elements.size()), out);
  out->push_back('\x01');
  for (const JsonbValue& e : value.elements) AppendNodeSortKey(e, out);
}

int CompareJsonb(const JsonbValue& a, const JsonbValue& b) {
  std::string x;
  std::string y;
  AppendJsonbSortKey(a, &x);
  AppendJsonbSortKey(b, &y);
  const int c = x.compare(y);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

}  // namespace basalt
