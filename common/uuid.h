// uuid: 16 bytes, held in a Value as a 16-byte string. The byte order is
// the value's order (PostgreSQL's uuid_cmp is memcmp), so comparing the
// strings compares the uuids.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace basalt {

inline constexpr size_t kUuidBytes = 16;

// uuid_in: 32 hex digits (either case), optionally inside braces, with an
// optional '-' after any group of four digits but the last
// ("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "{A0EEBC999C0B4EF8BB6D6BB9BD380A11}",
// "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11"); nothing else, not even blanks.
// Else 22P02 `invalid input syntax for type uuid: "<text>"`.
Result<std::string> ParseUuid(std::string_view text);

// uuid_out: lower-case 8-4-4-4-12 hex. REQUIRES: bytes.size() == 16.
void AppendUuidText(std::string_view bytes, std::string* out);

// gen_random_uuid(): a version 4 (random) uuid from the OpenSSL CSPRNG.
std::string RandomUuid();

}  // namespace basalt
