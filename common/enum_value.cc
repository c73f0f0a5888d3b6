#include "common/enum_value.h"

#include <fmt/format.h>

#include <bit>
#include <cstdint>

#include "common/object_names.h"

namespace basalt {

// IEEE doubles sort as their bits do once negative numbers have every bit
// flipped and the others their sign bit set.
std::string EncodeEnumValue(double sort_order) {
  uint64_t bits = std::bit_cast<uint64_t>(sort_order);
  bits = (bits & (uint64_t{1} << 63)) != 0 ? ~bits : bits | (uint64_t{1} << 63);
  std::string out(kEnumValueBytes, '\0');
  for (size_t i = 0; i < kEnumValueBytes; ++i) {
    out[i] = static_cast<char>(bits >> (8 * (kEnumValueBytes - 1 - i)));
  }
  return out;
}

double DecodeEnumValue(std::string_view bytes) {
  uint64_t bits = 0;
  for (size_t i = 0; i < kEnumValueBytes; ++i) {
    bits = (bits << 8) | static_cast<uint8_t>(bytes[i]);
  }
  bits = (bits & (uint64_t{1} << 63)) != 0 ? bits & ~(uint64_t{1} << 63) : ~bits;
  return std::bit_cast<double>(bits);
}

Result<std::string> EnumValueFromLabel(const DataType& type, std::string_view label) {
  const ObjectNames* names = CurrentObjectNames();
  std::optional<double> order =
      names == nullptr ? std::nullopt : names->EnumSortOrder(type.typmod, label);
  if (!order) {
    return Status::Error(
        sqlstate::kInvalidTextRepresentation,
        fmt::format("invalid input value for enum {}: \"{}\"", type.Name(), label));
  }
  return EncodeEnumValue(*order);
}

Result<std::string> EnumLabelOfValue(const DataType& type, std::string_view value) {
  const ObjectNames* names = CurrentObjectNames();
  std::optional<std::string> label = names == nullptr || value.size() != kEnumValueBytes
                                         ? std::nullopt
                                         : names->EnumLabel(type.typmod, DecodeEnumValue(value));
  if (!label) {
    // PostgreSQL's enum_out: the value's pg_enum row is gone.
    return Status::Error(sqlstate::kInvalidBinaryRepresentation,
                         fmt::format("invalid internal value for enum: {}", type.typmod));
  }
  return *std::move(label);
}

}  // namespace basalt
