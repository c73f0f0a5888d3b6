#include "protocol/value_format.h"

#include <cassert>

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

}  // namespace basalt::protocol
