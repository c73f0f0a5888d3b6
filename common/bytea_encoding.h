// The binary-to-text encodings of encode(bytea, format) and
// decode(text, format) — hex, base64 and escape — as PostgreSQL 15's
// encode.c defines them; bytea's own input and output (common/bytea.h)
// share the hex and escape rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace basalt {

enum class ByteaEncoding { kHex, kBase64, kEscape };

// The encoding a format name denotes, case-insensitively ('HEX', 'base64').
std::optional<ByteaEncoding> ByteaEncodingFromName(std::string_view name);

// encode(): hex is lower-case digits; base64 breaks a line after every 76
// characters; escape writes NUL, high-bit bytes as \ooo and a backslash as
// two.
std::string EncodeBytes(std::string_view bytes, ByteaEncoding encoding);

// decode(). hex: pairs of digits, blanks (space, tab, CR, LF) allowed
// between pairs; 22023 `invalid hexadecimal digit: "g"`, 22023 `invalid
// hexadecimal data: odd number of digits`. base64: blanks ignored; 22023
// `invalid symbol "%" found while decoding base64 sequence`, `unexpected
// "=" while decoding base64 sequence`, `invalid base64 end sequence`.
// escape: `\\` and `\ooo` (first digit 0-3); a lone backslash is 22P02
// `invalid input syntax for type bytea`.
Result<std::string> DecodeBytes(std::string_view text, ByteaEncoding encoding);

}  // namespace basalt
