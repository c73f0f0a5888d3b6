#include "storage/encryption/aes_ctr_provider.h"

#include <cassert>
#include <new>

#include "storage/encryption/aes_ctr.h"
#include "storage/encryption/file_prefix.h"

namespace basalt::storage {
namespace {

// Encrypts and decrypts whole buffers with one EVP call instead of RocksDB's
// default of one virtual call per 16-byte block.
class AesCtrStream : public rocksdb::BlockAccessCipherStream {
 public:
  AesCtrStream(const DataKey& key, const AesCtrIv& iv) : key_(key), iv_(iv) {}

  size_t BlockSize() override { return 16; }
  rocksdb::Status Encrypt(uint64_t offset, char* data, size_t size) override {
    return Apply(offset, data, size);
  }
  rocksdb::Status Decrypt(uint64_t offset, char* data, size_t size) override {
    return Apply(offset, data, size);
  }

 protected:
  void AllocateScratch(std::string&) override {}
  rocksdb::Status EncryptBlock(uint64_t block, char* data, char*) override {
    return Apply(block * 16, data, 16);
  }
  rocksdb::Status DecryptBlock(uint64_t block, char* data, char*) override {
    return Apply(block * 16, data, 16);
  }

 private:
  rocksdb::Status Apply(uint64_t offset, char* data, size_t size) {
    if (!AesCtrApply(key_, iv_, offset, data, size)) {
      return rocksdb::Status::IOError("AES-256-CTR failed in OpenSSL");
    }
    return rocksdb::Status::OK();
  }

  const DataKey& key_;  // owned by the provider, which outlives every file
  AesCtrIv iv_;
};

// The stream of a zero-length file (created, but its prefix never written
// before a crash): there is nothing to decrypt, and nothing may be written.
class EmptyFileStream : public rocksdb::BlockAccessCipherStream {
 public:
  size_t BlockSize() override { return 16; }
  rocksdb::Status Encrypt(uint64_t, char*, size_t size) override { return Fail(size); }
  rocksdb::Status Decrypt(uint64_t, char*, size_t size) override { return Fail(size); }

 protected:
  void AllocateScratch(std::string&) override {}
  rocksdb::Status EncryptBlock(uint64_t, char*, char*) override { return Fail(16); }
  rocksdb::Status DecryptBlock(uint64_t, char*, char*) override { return Fail(16); }

 private:
  static rocksdb::Status Fail(size_t size) {
    return size == 0 ? rocksdb::Status::OK()
                     : rocksdb::Status::Corruption("encrypted file has no encryption prefix");
  }
};

rocksdb::Status ToRocks(const Status& s) {
  if (s.ok()) return rocksdb::Status::OK();
  if (s.code() == sqlstate::kInvalidParameterValue) {
    return rocksdb::Status::InvalidArgument(s.message());
  }
  if (s.code() == sqlstate::kDataCorrupted) return rocksdb::Status::Corruption(s.message());
  if (s.code() == sqlstate::kFeatureNotSupported) {
    return rocksdb::Status::NotSupported(s.message());
  }
  return rocksdb::Status::IOError(s.message());
}

}  // namespace

Status MasterKeyMismatch(std::string_view detail) {
  return Status::Error(
      sqlstate::kInvalidParameterValue,
      "master key does not match the data directory (" + std::string(detail) + ")");
}

AesCtrProvider::AesCtrProvider(std::vector<DataKey> keys, uint32_t active_key_id)
    : keys_(std::move(keys)) {
  active_ = FindKey(active_key_id);
  assert(active_ != nullptr);
}

const DataKey* AesCtrProvider::FindKey(uint32_t id) const {
  for (const DataKey& k : keys_) {
    if (k.id == id) return &k;
  }
  return nullptr;
}

size_t AesCtrProvider::GetPrefixLength() const {
  return kFilePrefixLength;
}

rocksdb::Status AesCtrProvider::CreateNewPrefix(const std::string&, char* prefix,
                                                size_t prefix_length) const {
  FilePrefix parsed;
  return ToRocks(WriteFilePrefix(*active_, prefix, prefix_length, &parsed));
}

rocksdb::Status AesCtrProvider::AddCipher(const std::string&, const char*, size_t, bool) {
  return rocksdb::Status::NotSupported("Basalt data keys come from the keyring");
}

Status AesCtrProvider::CheckPrefix(std::string_view fname, std::string_view prefix) const {
  FilePrefix parsed;
  Status s = ParseFilePrefix(prefix, &parsed);
  if (!s.ok()) return Status::Error(s.code(), std::string(fname) + ": " + s.message());
  const DataKey* key = FindKey(parsed.key_id);
  if (key == nullptr) {
    return MasterKeyMismatch(std::string(fname) + " uses data key " +
                             std::to_string(parsed.key_id) + ", which the keyring lacks");
  }
  if (!FilePrefixMatchesKey(prefix, *key)) {
    return MasterKeyMismatch("key check failed for " + std::string(fname));
  }
  return Status::OK();
}

rocksdb::Status AesCtrProvider::CreateCipherStream(
    const std::string& fname, const rocksdb::EnvOptions&, rocksdb::Slice& prefix,
    std::unique_ptr<rocksdb::BlockAccessCipherStream>* result) {
  // RocksDB is not exception-safe: an allocation failure must become a Status.
  try {
    if (prefix.size() == 0) {
      *result = std::make_unique<EmptyFileStream>();
      return rocksdb::Status::OK();
    }
    std::string_view view(prefix.data(), prefix.size());
    Status s = CheckPrefix(fname, view);
    if (!s.ok()) return ToRocks(s);
    FilePrefix parsed;
    s = ParseFilePrefix(view, &parsed);
    if (!s.ok()) return ToRocks(s);
    *result = std::make_unique<AesCtrStream>(*FindKey(parsed.key_id), parsed.iv);
    return rocksdb::Status::OK();
  } catch (const std::bad_alloc&) {
    return rocksdb::Status::MemoryLimit("out of memory creating a cipher stream");
  } catch (...) {
    return rocksdb::Status::Aborted("unexpected failure creating a cipher stream");
  }
}

}  // namespace basalt::storage
