// The text form of arrays (array_out, array_in): `{1,2,NULL}`,
// `{{1,2},{3,4}}` for more dimensions, `[0:1]={1,2}` for lower bounds
// other than 1; elements quoted where they hold blanks, quotes,
// backslashes, commas or braces, or are empty or "NULL".
#pragma once

#include <string>
#include <string_view>

#include "common/data_type.h"
#include "common/status.h"
#include "common/value.h"

namespace basalt {

// REQUIRES: value is an array of element_type's values.
void AppendArrayText(const Value& value, const DataType& element_type, std::string* out);

// An array of element_type from its text form, each element read by the
// element type's input function; 22P02 `malformed array literal` with
// PostgreSQL's DETAIL when it is not one.
Result<Value> ParseArrayText(std::string_view text, const DataType& element_type);

// PostgreSQL's MAXDIM.
inline constexpr int kMaxArrayDimensions = 6;

}  // namespace basalt
