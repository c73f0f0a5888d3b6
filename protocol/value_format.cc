#include "protocol/value_format.h"

#include <fmt/format.h>

#include <bit>
#include <cassert>
#include <cstdint>
#include <cstring>

#include "common/value_text.h"

namespace basalt::protocol {

void WriteTextDataRow(MessageWriter& out, const Row& row, std::span<const DataType> types) {
  assert(row.size() == types.size());
  out.BeginDataRow(static_cast<int16_t>(row.size()));
  for (size_t i = 0; i < row.size(); ++i) {
    if (row[i].is_null()) {
      out.NullField();
      continue;
    }
    // Render straight into the output buffer: no per-value string.
    AppendValueText(row[i], types[i], out.BeginField());
    out.EndField();
  }
  out.EndDataRow();
}

namespace {

// The big-endian unsigned integer of `bytes` (1, 2, 4 or 8 of them).
uint64_t BigEndian(std::string_view bytes) {
  uint64_t v = 0;
  for (char c : bytes) v = (v << 8) | static_cast<unsigned char>(c);
  return v;
}

}  // namespace

Result<std::string> BinaryParameterToText(Oid type, std::string_view bytes, int number) {
  auto expect = [&](size_t size) -> Status {
    if (bytes.size() == size) return Status::OK();
    return Status::Error(sqlstate::kInvalidBinaryRepresentation,
                         fmt::format("incorrect binary data format in bind parameter {}", number));
  };
  switch (type) {
    case type_oid::kInt2:
      if (Status st = expect(2); !st.ok()) return st;
      return fmt::format("{}", static_cast<int16_t>(BigEndian(bytes)));
    case type_oid::kInt4:
      if (Status st = expect(4); !st.ok()) return st;
      return fmt::format("{}", static_cast<int32_t>(BigEndian(bytes)));
    case type_oid::kInt8:
      if (Status st = expect(8); !st.ok()) return st;
      return fmt::format("{}", static_cast<int64_t>(BigEndian(bytes)));
    case type_oid::kFloat4:
      if (Status st = expect(4); !st.ok()) return st;
      // Shortest text that reads back as the same value.
      return fmt::format("{}", std::bit_cast<float>(static_cast<uint32_t>(BigEndian(bytes))));
    case type_oid::kFloat8:
      if (Status st = expect(8); !st.ok()) return st;
      return fmt::format("{}", std::bit_cast<double>(BigEndian(bytes)));
    case type_oid::kBool:
      if (Status st = expect(1); !st.ok()) return st;
      return std::string(bytes[0] != 0 ? "t" : "f");
    case type_oid::kText:
    case type_oid::kVarchar:
    case type_oid::kUnknown: return std::string(bytes);
    default:
      return Status::Error(sqlstate::kFeatureNotSupported,
                           fmt::format("binary format of type {} is not supported yet", type));
  }
}

}  // namespace basalt::protocol
