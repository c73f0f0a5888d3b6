// Loading the master key from its key file, and creating a development key.
#pragma once

#include <filesystem>

#include "common/status.h"
#include "storage/kv_store.h"

namespace basalt::storage {

// Reads a key file: 64 hexadecimal characters (256 bits), optionally followed
// by one newline. Refuses a file that group or others can read (like ssh).
Result<MasterKey> LoadMasterKey(const std::filesystem::path& key_file);

// Writes a fresh random key to `key_file` with mode 0600; fails if it exists.
Status GenerateMasterKeyFile(const std::filesystem::path& key_file);

}  // namespace basalt::storage
