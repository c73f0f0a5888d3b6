#include "protocol/value_format.h"

#include <cassert>

#include "common/value_binary.h"
#include "common/value_text.h"

namespace basalt::protocol {

void WriteDataRow(MessageWriter& out, const Row& row, std::span<const DataType> types,
                  std::span<const int16_t> formats) {
  assert(row.size() == types.size() && row.size() == formats.size());
  // A value that fails to render leaves no half message behind: the
  // client then reads the error that follows, not a broken stream.
  const size_t start = out.buffer().size();
  try {
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
  } catch (...) {
    out.TruncateTo(start);
    throw;
  }
}

}  // namespace basalt::protocol
