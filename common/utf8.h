// UTF-8 character lengths, for code that walks text a character at a time
// (lexers, error tokens, templates).
#pragma once

#include <cstddef>

namespace basalt {

// The bytes of the UTF-8 character whose first byte is `lead`, as
// PostgreSQL's pg_utf_mblen: 1 for ASCII and for a byte that starts none.
inline size_t Utf8Length(char lead) {
  const auto b = static_cast<unsigned char>(lead);
  if ((b & 0xE0) == 0xC0) return 2;
  if ((b & 0xF0) == 0xE0) return 3;
  if ((b & 0xF8) == 0xF0) return 4;
  return 1;
}

}  // namespace basalt
