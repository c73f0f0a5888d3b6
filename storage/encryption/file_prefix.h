// The plaintext prefix at the start of every encrypted RocksDB file: which
// data key and IV the rest of the file uses, and a tag proving that the key
// we hold is that key. Layout: docs/formats/encryption.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "storage/encryption/aes_ctr.h"
#include "storage/encryption/data_key.h"

namespace basalt::storage {

// One page, so the data after the prefix stays page-aligned.
inline constexpr size_t kFilePrefixLength = 4096;
// The bytes of the prefix that carry meaning; the rest is zero.
inline constexpr size_t kFilePrefixUsedBytes = 64;

struct FilePrefix {
  uint32_t key_id = 0;
  AesCtrIv iv{};
};

// Writes a prefix for a new file encrypted with `key` and a fresh random IV.
// REQUIRES: size >= kFilePrefixUsedBytes.
Status WriteFilePrefix(const DataKey& key, char* prefix, size_t size, FilePrefix* out);

// Parses a prefix without checking its tag (the key id tells which key to
// check it with).
Status ParseFilePrefix(std::string_view prefix, FilePrefix* out);

// True if the prefix's key-check tag was made with `key`.
bool FilePrefixMatchesKey(std::string_view prefix, const DataKey& key);

}  // namespace basalt::storage
