// `.keyvalue()`'s "id" is a byte offset into PostgreSQL's stored jsonb
// (jsonb_util.c's convertJsonbValue): containers start on 4-byte
// boundaries with a 4-byte header and 4-byte JEntries, an object's keys
// before its values, numerics padded to 4 bytes and stored as numeric
// varlenas (4-byte length, a 2-byte short or 4-byte long header, 2 bytes
// per base-10000 digit). The offsets are computed on that layout.
#include "common/jsonpath_eval.h"

#include <string_view>

namespace basalt {

namespace {

size_t AlignInt(size_t pos) {
  return (pos + 3) & ~static_cast<size_t>(3);
}

// The size of numeric_in's varlena for numeric_out's text `text`.
size_t NumericSize(std::string_view text) {
  if (!text.empty() && text[0] == '-') text.remove_prefix(1);
  const size_t point = text.find('.');
  std::string_view integer = text.substr(0, point);
  std::string_view fraction = point == std::string_view::npos ? "" : text.substr(point + 1);
  const int scale = static_cast<int>(fraction.size());
  // Base-10000 digits aligned on the decimal point.
  std::vector<int> digits;
  const size_t lead = (4 - integer.size() % 4) % 4;
  std::string padded_integer = std::string(lead, '0') + std::string(integer);
  for (size_t i = 0; i < padded_integer.size(); i += 4) {
    digits.push_back(std::stoi(padded_integer.substr(i, 4)));
  }
  int weight = static_cast<int>(digits.size()) - 1;
  std::string padded_fraction(fraction);
  padded_fraction.append((4 - fraction.size() % 4) % 4, '0');
  for (size_t i = 0; i < padded_fraction.size(); i += 4) {
    digits.push_back(std::stoi(padded_fraction.substr(i, 4)));
  }
  size_t begin = 0;
  while (begin < digits.size() && digits[begin] == 0) {
    ++begin;
    --weight;
  }
  size_t end = digits.size();
  while (end > begin && digits[end - 1] == 0) --end;
  const size_t ndigits = end - begin;
  if (ndigits == 0) weight = 0;
  const bool is_short = scale <= 63 && weight <= 63 && weight >= -64;
  return 4 + (is_short ? 2 : 4) + 2 * ndigits;
}

// Lays out `v` from buffer position `pos`; returns the position after it.
// Sets *offset to `target`'s container start when it is met.
size_t Layout(const JsonbValue& v, size_t pos, const JsonbValue* target, size_t* start_of_target) {
  switch (v.kind) {
    case JsonbValue::Kind::kNull:
    case JsonbValue::Kind::kTrue:
    case JsonbValue::Kind::kFalse: return pos;
    case JsonbValue::Kind::kString: return pos + v.text.size();
    case JsonbValue::Kind::kNumber: return AlignInt(pos) + NumericSize(v.text);
    case JsonbValue::Kind::kArray: {
      pos = AlignInt(pos);
      if (&v == target) *start_of_target = pos;
      pos += 4 + 4 * v.elements.size();
      for (const JsonbValue& e : v.elements) pos = Layout(e, pos, target, start_of_target);
      return pos;
    }
    case JsonbValue::Kind::kObject: {
      pos = AlignInt(pos);
      if (&v == target) *start_of_target = pos;
      pos += 4 + 8 * v.members.size();
      for (const auto& member : v.members) pos += member.first.size();
      for (const auto& member : v.members)
        pos = Layout(member.second, pos, target, start_of_target);
      return pos;
    }
  }
  return pos;
}

}  // namespace

int64_t JsonbContainerOffset(const JsonbValue& base, const JsonbValue* container) {
  constexpr size_t kVarlenaHeader = 4;
  size_t start = SIZE_MAX;
  Layout(base, kVarlenaHeader, container, &start);
  if (start == SIZE_MAX) return -1;
  return static_cast<int64_t>(start - kVarlenaHeader);
}

}  // namespace basalt
