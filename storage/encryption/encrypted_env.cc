#include "storage/encryption/encrypted_env.h"

#include <fstream>

#include <rocksdb/env_encryption.h>

#include "storage/encryption/file_prefix.h"
#include "storage/encryption/keyring.h"

namespace basalt::storage {
namespace {

// Reads the plaintext prefix of the file RocksDB reads first (CURRENT), so a
// keyring copied from another data directory is caught before RocksDB runs.
Status CheckExistingFiles(const std::filesystem::path& data_dir, const AesCtrProvider& provider) {
  std::filesystem::path current = data_dir / "CURRENT";
  std::ifstream in(current, std::ios::binary);
  if (!in) return Status::OK();  // a new data directory
  std::string prefix(kFilePrefixLength, '\0');
  in.read(prefix.data(), static_cast<std::streamsize>(prefix.size()));
  prefix.resize(static_cast<size_t>(in.gcount()));
  return provider.CheckPrefix(current.string(), prefix);
}

}  // namespace

std::filesystem::path KeyringPath(const std::filesystem::path& data_dir) {
  return data_dir / "keyring";
}

Result<EncryptedEnv> OpenEncryptedEnv(const std::filesystem::path& data_dir,
                                      const MasterKey& master_key,
                                      std::shared_ptr<rocksdb::FileSystem> base) {
  std::filesystem::path keyring_file = KeyringPath(data_dir);
  std::error_code ec;
  bool has_keyring = std::filesystem::exists(keyring_file, ec);
  bool has_database = std::filesystem::exists(data_dir / "CURRENT", ec);
  Keyring keyring;
  if (has_keyring) {
    BASALT_ASSIGN_OR_RETURN(keyring, Keyring::Load(keyring_file, master_key));
  } else if (has_database) {
    // Creating a new keyring would make the existing files unreadable for good.
    return Status::Error(
        sqlstate::kInvalidParameterValue,
        "data directory \"" + data_dir.string() + "\" holds a database but no keyring file");
  } else {
    BASALT_ASSIGN_OR_RETURN(keyring, Keyring::CreateNew());
    BASALT_RETURN_IF_ERROR(keyring.Save(keyring_file, master_key));
  }

  EncryptedEnv result;
  result.provider = std::make_shared<AesCtrProvider>(keyring.keys(), keyring.active_key_id());
  BASALT_RETURN_IF_ERROR(CheckExistingFiles(data_dir, *result.provider));
  if (base == nullptr) base = rocksdb::FileSystem::Default();
  result.file_system = rocksdb::NewEncryptedFS(base, result.provider);
  if (result.file_system == nullptr) {
    return Status::Internal("could not create the encrypting RocksDB file system");
  }
  result.env = rocksdb::NewCompositeEnv(result.file_system);
  if (result.env == nullptr) return Status::Internal("could not create the RocksDB Env");
  return result;
}

}  // namespace basalt::storage
