// json and jsonb input (json_in, jsonb_in): PostgreSQL 15's JSON lexer and
// recursive-descent parser, with its errors (22P02 `invalid input syntax for
// type json` with a DETAIL naming the token and a CONTEXT line quoting the
// input up to it; 22P05 for \u0000 in jsonb).
#pragma once

#include <string_view>

#include "common/jsonb.h"
#include "common/status.h"

namespace basalt {

// json_in: whether `text` is JSON. json keeps the text as it is, so escapes
// are checked but not decoded (`"\u0000"` is accepted, as in PostgreSQL).
Status ValidateJson(std::string_view text);

// jsonb_in: the value, strings decoded, numbers as numeric text, object keys
// sorted with the last of equal keys kept.
Result<JsonbValue> ParseJsonb(std::string_view text);

}  // namespace basalt
