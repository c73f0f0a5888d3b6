// AES-256-CTR keystream application at any byte offset of a file, one EVP
// call per buffer. Encryption and decryption are the same operation.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "storage/encryption/data_key.h"

namespace basalt::storage {

using AesCtrIv = std::array<uint8_t, 16>;

// XORs data[0, size) with the keystream bytes [offset, offset + size) of
// (key, iv). Thread-safe: each thread keeps its own cipher context and only
// re-keys it when the key changes. False if OpenSSL fails.
bool AesCtrApply(const DataKey& key, const AesCtrIv& iv, uint64_t offset, char* data,
                 size_t size) noexcept;

}  // namespace basalt::storage
