// The text form of rows (record_out, record_in): `(1,"a b",)`, fields
// quoted where they hold blanks, quotes, backslashes, parentheses or
// commas, an empty field for NULL.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/data_type.h"
#include "common/status.h"
#include "common/value.h"

namespace basalt {

// REQUIRES: type.IsRowType(), fields as many as its fields.
void AppendRecordText(const std::vector<Value>& fields, const DataType& type, std::string* out);

// A composite type's value from its text form, each field read by its
// type's input function; 22P02 `malformed record literal` as PostgreSQL.
Result<Value> ParseRecordText(std::string_view text, const DataType& type);

}  // namespace basalt
