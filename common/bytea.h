// bytea: raw bytes, held in a Value as a string (any byte, NUL included).
// Strings compare as memcmp and then by length, which is PostgreSQL's
// byteacmp, so comparing the strings compares the values.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace basalt {

// byteain: `\x` followed by hex pairs (blanks between pairs allowed), or
// the escape format, where `\\` is a backslash, `\ooo` an octal byte and
// every other byte itself. Errors as common/bytea_encoding.h's decode of
// hex and escape (22023 for bad hex, 22P02 for a lone backslash).
Result<std::string> ParseBytea(std::string_view text);

// byteaout with bytea_output = 'hex': `\x` and two lower-case digits a byte.
void AppendByteaHex(std::string_view bytes, std::string* out);
// byteaout with bytea_output = 'escape': printable ASCII as itself, a
// backslash as `\\`, every other byte as `\ooo`.
void AppendByteaEscape(std::string_view bytes, std::string* out);

// byteaout: the form the session's bytea_output chooses
// (common/session_formats.h).
void AppendByteaText(std::string_view bytes, std::string* out);

}  // namespace basalt
