// AesCtrProvider: the rocksdb::EncryptionProvider behind Basalt's encrypting
// FileSystem. New files get a prefix naming the active data key and a random
// IV; files are opened with whichever keyring key their prefix names, after
// checking the prefix's key-check tag so a wrong key is reported as such
// rather than as corruption.
//
// Exceptions never cross into RocksDB: every override is noexcept in effect
// (allocation failures are caught and returned as a Status).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <rocksdb/env_encryption.h>

#include "common/status.h"
#include "storage/encryption/data_key.h"

namespace basalt::storage {

class AesCtrProvider : public rocksdb::EncryptionProvider {
 public:
  // REQUIRES: `keys` contains a key with id `active_key_id`.
  AesCtrProvider(std::vector<DataKey> keys, uint32_t active_key_id);

  static const char* kClassName() { return "BasaltAesCtrProvider"; }
  const char* Name() const override { return kClassName(); }

  size_t GetPrefixLength() const override;
  rocksdb::Status CreateNewPrefix(const std::string& fname, char* prefix,
                                  size_t prefix_length) const override;
  // Keys come from the keyring, never through RocksDB's option strings.
  rocksdb::Status AddCipher(const std::string& descriptor, const char* cipher, size_t len,
                            bool for_write) override;
  rocksdb::Status CreateCipherStream(
      const std::string& fname, const rocksdb::EnvOptions& options, rocksdb::Slice& prefix,
      std::unique_ptr<rocksdb::BlockAccessCipherStream>* result) override;

  // Checks that a file prefix was written with one of our keys: OK, or a
  // failure whose message says the master key does not match.
  Status CheckPrefix(std::string_view fname, std::string_view prefix) const;

 private:
  const DataKey* FindKey(uint32_t id) const;

  std::vector<DataKey> keys_;
  const DataKey* active_ = nullptr;
};

// The message (and SQLSTATE) every wrong-key failure carries.
Status MasterKeyMismatch(std::string_view detail);

}  // namespace basalt::storage
