// Wire formats of values in DataRow messages. Text format only for now:
// PostgreSQL's output functions, via common/value_text.h.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "common/data_type.h"
#include "common/status.h"
#include "common/value.h"
#include "protocol/message_writer.h"

namespace basalt::protocol {

// One DataRow of `row` in text format; `types[i]` is the type of `row[i]`.
// REQUIRES: row.size() == types.size().
void WriteTextDataRow(MessageWriter& out, const Row& row, std::span<const DataType> types);

// A Bind parameter sent in binary format (format code 1), as the text its
// type's input function reads: int2/int4/int8, float4/float8, bool, text and
// varchar for now (0A000 for the others). A wrong length is 22P03
// `incorrect binary data format in bind parameter N` (`number` is N).
Result<std::string> BinaryParameterToText(Oid type, std::string_view bytes, int number);

}  // namespace basalt::protocol
