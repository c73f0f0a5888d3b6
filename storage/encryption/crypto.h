// Small OpenSSL helpers shared by the key files, the keyring and the file
// prefix: randomness, HMAC-SHA256, constant-time comparison, hex.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/status.h"

namespace basalt::storage::crypto {

using Hash256 = std::array<uint8_t, 32>;

// Fills `out` from OpenSSL's CSPRNG.
Status RandomBytes(std::span<uint8_t> out);

Hash256 HmacSha256(std::span<const uint8_t> key, std::span<const uint8_t> data);

// Constant time, so a tag comparison leaks nothing through timing.
bool EqualConstantTime(std::span<const uint8_t> a, std::span<const uint8_t> b);

std::string HexEncode(std::span<const uint8_t> bytes);
// False unless `hex` is exactly 2 * out.size() hexadecimal digits.
bool HexDecode(std::string_view hex, std::span<uint8_t> out);

}  // namespace basalt::storage::crypto
