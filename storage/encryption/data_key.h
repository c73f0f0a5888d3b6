// A data key: the AES-256 key RocksDB files are encrypted with. Data keys
// live in the keyring wrapped by the master key; the master key never
// encrypts data itself, so rotating it only rewrites the keyring.
#pragma once

#include <array>
#include <cstdint>

#include "common/status.h"

namespace basalt::storage {

struct DataKey {
  uint32_t id = 0;
  std::array<uint8_t, 32> key{};
  // HMAC key for the key-check tag in file prefixes, derived from `key` so
  // the tag proves knowledge of the data key without being a known
  // plaintext/ciphertext pair of the AES key itself.
  std::array<uint8_t, 32> check_key{};
  // Process-unique, so per-thread cipher contexts can tell keys apart
  // without comparing key bytes.
  uint64_t generation = 0;

  static DataKey FromBytes(uint32_t id, const std::array<uint8_t, 32>& key);
  static Result<DataKey> Random(uint32_t id);
};

}  // namespace basalt::storage
