#include "protocol/value_format.h"

#include <cassert>

#include "common/value_binary.h"
#include "common/value_text.h"

namespace basalt::protocol {

void WriteDataRow(MessageWriter& out, const Row& row, std::span<const DataType> types,
                  std::span<const int16_t> formats) {
  assert(row.size() == types.size() && row.size() == formats.size());
  out.BeginDataRow(static_cast<int16_t>(row.size()));
  for (size_t i = 0; i < row.size(); ++i) {
    if (row[i].is_null()) {
      out.NullField();
      continue;
    }
    // Render straight into the output buffer: no per-value string.
    if (formats[i] == 1) {
      AppendValueBinary(row[i], types[i], out.BeginField());
    } else {
      AppendValueText(row[i], types[i], out.BeginField());
    }
    out.EndField();
  }
  out.EndDataRow();
}

}  // namespace basalt::protocol
