// The keyring: the data keys of one data directory, each wrapped (AES-256-GCM)
// by the master key, in `<data_dir>/keyring`. A wrong master key fails the
// GCM tag check, which is how Basalt tells a wrong key from damage before it
// touches any RocksDB file. Layout: docs/formats/encryption.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "common/status.h"
#include "storage/encryption/data_key.h"
#include "storage/kv_store.h"

namespace basalt::storage {

class Keyring {
 public:
  // A new keyring holding one fresh random data key (id 1), active.
  static Result<Keyring> CreateNew();
  // Reads and unwraps `file`; a master key that did not wrap it fails with
  // "master key does not match the data directory".
  static Result<Keyring> Load(const std::filesystem::path& file, const MasterKey& master_key);

  // Writes atomically (temporary file, fsync, rename, fsync of the directory)
  // with mode 0600. Rotating the master key is Load + Save with the new key.
  Status Save(const std::filesystem::path& file, const MasterKey& master_key) const;

  // Data key rotation: adds a fresh key and makes it the one new files use.
  Status AddActiveKey();

  const std::vector<DataKey>& keys() const { return keys_; }
  uint32_t active_key_id() const { return active_key_id_; }

 private:
  std::vector<DataKey> keys_;
  uint32_t active_key_id_ = 0;
};

}  // namespace basalt::storage
