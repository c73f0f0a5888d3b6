// lower() and upper() of UTF-8 text, one code point at a time through the
// C library's C.UTF-8 case tables, as PostgreSQL's libc collation provider
// does for a UTF-8 database (so 'É' lowers to 'é', 'ß' stays 'ß'). Falls
// back to ASCII-only mapping if the C.UTF-8 locale is missing.
#pragma once

#include <string>
#include <string_view>

namespace basalt {

std::string Utf8Lower(std::string_view text);
std::string Utf8Upper(std::string_view text);

// Appends code point `c` (at most U+10FFFF) in UTF-8.
void AppendUtf8(char32_t c, std::string* out);

}  // namespace basalt
