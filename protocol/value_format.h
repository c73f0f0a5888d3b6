// Wire formats of values in DataRow messages. Text format only for now:
// PostgreSQL's output functions, via common/value_text.h.
#pragma once

#include <span>

#include "common/data_type.h"
#include "common/value.h"
#include "protocol/message_writer.h"

namespace basalt::protocol {

// One DataRow of `row` in text format; `types[i]` is the type of `row[i]`.
// REQUIRES: row.size() == types.size().
void WriteTextDataRow(MessageWriter& out, const Row& row, std::span<const DataType> types);

}  // namespace basalt::protocol
