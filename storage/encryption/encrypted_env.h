// The encrypting rocksdb::Env of one data directory: loads (or creates) the
// keyring with the master key, checks the key against the directory's files
// before RocksDB opens anything, and wraps the default FileSystem with
// AesCtrProvider.
#pragma once

#include <filesystem>
#include <memory>

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include "common/status.h"
#include "storage/encryption/aes_ctr_provider.h"
#include "storage/kv_store.h"

namespace basalt::storage {

struct EncryptedEnv {
  std::shared_ptr<AesCtrProvider> provider;
  std::shared_ptr<rocksdb::FileSystem> file_system;
  // Must outlive the DB that uses it.
  std::unique_ptr<rocksdb::Env> env;
};

// The keyring file of a data directory.
std::filesystem::path KeyringPath(const std::filesystem::path& data_dir);

// REQUIRES: data_dir exists. A wrong master key fails with "master key does
// not match the data directory" before any file is created or changed.
// `base` is the file system under the encryption (null: the default one;
// tests inject faults there).
Result<EncryptedEnv> OpenEncryptedEnv(const std::filesystem::path& data_dir,
                                      const MasterKey& master_key,
                                      std::shared_ptr<rocksdb::FileSystem> base = nullptr);

}  // namespace basalt::storage
