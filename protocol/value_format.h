// Wire formats of values in DataRow messages: text (PostgreSQL's output
// functions, common/value_text.h) or binary (its send functions,
// common/value_binary.h), column by column.
#pragma once

#include <cstdint>
#include <span>

#include "common/data_type.h"
#include "common/value.h"
#include "protocol/message_writer.h"

namespace basalt::protocol {

// One DataRow of `row`; `types[i]` is the type of `row[i]` and `formats[i]`
// its format code (0 text, 1 binary). REQUIRES: row, types and formats of
// one size; format codes 0 or 1.
void WriteDataRow(MessageWriter& out, const Row& row, std::span<const DataType> types,
                  std::span<const int16_t> formats);

}  // namespace basalt::protocol
