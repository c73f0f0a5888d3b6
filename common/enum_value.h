// Values of enum types (TypeId::kEnum): the label's sort order
// (pg_enum.enumsortorder) as 8 bytes that sort as the numbers do, so the
// row and key codecs, comparisons and hashing treat them as fixed-width
// strings. The labels themselves live in the catalog (common/object_names.h).
#pragma once

#include <string>
#include <string_view>

#include "common/data_type.h"
#include "common/status.h"

namespace basalt {

inline constexpr size_t kEnumValueBytes = 8;

std::string EncodeEnumValue(double sort_order);
// REQUIRES: bytes.size() == kEnumValueBytes.
double DecodeEnumValue(std::string_view bytes);

// enum_in and enum_out: the value of `label` in the enum `type` (22P02
// `invalid input value for enum mood: "x"` when it has no such label), and
// a value's label.
Result<std::string> EnumValueFromLabel(const DataType& type, std::string_view label);
Result<std::string> EnumLabelOfValue(const DataType& type, std::string_view value);

}  // namespace basalt
