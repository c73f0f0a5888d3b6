// Reading a json value's text (already checked by ValidateJson) without
// building a tree: json's operators and functions return parts of the text
// as they were written (`'{"a": [1,  2]}'::json -> 'a'` is `[1,  2]`).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "common/jsonb.h"

namespace basalt {

// The kind of a json value's text (leading whitespace allowed).
JsonbValue::Kind JsonTextKind(std::string_view json);

// The text of a value without the whitespace around it.
std::string_view TrimJson(std::string_view json);

// Calls `fn` with each element's text of a json array, in order; stops early
// when `fn` returns false.
void ForEachJsonElement(std::string_view array, const std::function<bool(std::string_view)>& fn);

// Calls `fn` with each member's decoded key and value text of a json object,
// in written order (duplicate keys included).
void ForEachJsonMember(std::string_view object,
                       const std::function<bool(std::string, std::string_view)>& fn);

// A json string token's contents with its escapes decoded (22P05 for
// `\u0000`, as PostgreSQL's json ->>).
Result<std::string> JsonStringContents(std::string_view string_token);

}  // namespace basalt
