#include "storage/encryption/keyring.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

#include "storage/coding.h"
#include "storage/encryption/aes_ctr_provider.h"
#include "storage/encryption/crypto.h"

namespace basalt::storage {
namespace {

// DO NOT CHANGE THESE VALUES: they are in every keyring file.
constexpr char kMagic[8] = {'B', 'S', 'L', 'T', 'K', 'E', 'Y', 'R'};
constexpr uint8_t kFormatVersion = 1;
constexpr size_t kHeaderSize = 8 + 1 + 4 + 4;  // magic, version, active id, count
constexpr size_t kNonceSize = 12;
constexpr size_t kTagSize = 16;
constexpr size_t kEntrySize = 4 + kNonceSize + 32 + kTagSize;

struct CtxDeleter {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CtxDeleter>;

// Authenticated data of an entry: the format header and the key id, so an
// entry cannot be moved to another id or format undetected.
std::string EntryAad(uint32_t key_id) {
  std::string aad(kMagic, sizeof(kMagic));
  aad.push_back(static_cast<char>(kFormatVersion));
  AppendBigEndian32(key_id, &aad);
  return aad;
}

const uint8_t* Bytes(const std::string& s) {
  return reinterpret_cast<const uint8_t*>(s.data());
}

Status Wrap(const MasterKey& master, const DataKey& key, std::string* out) {
  uint8_t nonce[kNonceSize];
  BASALT_RETURN_IF_ERROR(crypto::RandomBytes(nonce));
  std::string aad = EntryAad(key.id);
  uint8_t wrapped[32];
  uint8_t tag[kTagSize];
  CtxPtr ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  if (!ctx ||
      EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, master.data(), nonce) != 1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, Bytes(aad), static_cast<int>(aad.size())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), wrapped, &len, key.key.data(), 32) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), wrapped + len, &len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagSize, tag) != 1) {
    return Status::Internal("AES-256-GCM key wrap failed in OpenSSL");
  }
  AppendBigEndian32(key.id, out);
  out->append(reinterpret_cast<const char*>(nonce), kNonceSize);
  out->append(reinterpret_cast<const char*>(wrapped), 32);
  out->append(reinterpret_cast<const char*>(tag), kTagSize);
  return Status::OK();
}

Status Unwrap(const MasterKey& master, std::string_view entry, DataKey* key) {
  uint32_t id = static_cast<uint32_t>(ReadBigEndian(entry, 4));
  auto* nonce = reinterpret_cast<const uint8_t*>(entry.data() + 4);
  auto* wrapped = reinterpret_cast<const uint8_t*>(entry.data() + 4 + kNonceSize);
  uint8_t tag[kTagSize];
  std::memcpy(tag, entry.data() + 4 + kNonceSize + 32, kTagSize);
  std::string aad = EntryAad(id);
  std::array<uint8_t, 32> plain{};
  CtxPtr ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  if (!ctx ||
      EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, master.data(), nonce) != 1 ||
      EVP_DecryptUpdate(ctx.get(), nullptr, &len, Bytes(aad), static_cast<int>(aad.size())) != 1 ||
      EVP_DecryptUpdate(ctx.get(), plain.data(), &len, wrapped, 32) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagSize, tag) != 1) {
    return Status::Internal("AES-256-GCM key unwrap failed in OpenSSL");
  }
  if (EVP_DecryptFinal_ex(ctx.get(), plain.data() + len, &len) != 1) {
    // The tag does not verify: another master key wrapped this keyring (or
    // the file was altered, which we cannot tell apart and must not use).
    return MasterKeyMismatch("the keyring does not open with this master key");
  }
  *key = DataKey::FromBytes(id, plain);
  OPENSSL_cleanse(plain.data(), plain.size());
  return Status::OK();
}

Status WriteFileDurably(const std::filesystem::path& file, const std::string& bytes) {
  std::filesystem::path tmp = file;
  tmp += ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Status::IoError("could not create \"" + tmp.string() + "\": " + std::strerror(errno));
  }
  bool ok = ::fchmod(fd, 0600) == 0 &&
            ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) &&
            ::fsync(fd) == 0;
  int saved_errno = errno;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), file.c_str()) != 0) {
    if (ok) saved_errno = errno;
    ::unlink(tmp.c_str());
    return Status::IoError("could not write \"" + file.string() +
                           "\": " + std::strerror(saved_errno));
  }
  // The rename is durable only once the directory is synced.
  int dir = ::open(file.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return Status::OK();
}

}  // namespace

Result<Keyring> Keyring::CreateNew() {
  Keyring ring;
  BASALT_RETURN_IF_ERROR(ring.AddActiveKey());
  return ring;
}

Status Keyring::AddActiveKey() {
  uint32_t id = 1;
  for (const DataKey& k : keys_) id = std::max(id, k.id + 1);
  BASALT_ASSIGN_OR_RETURN(DataKey key, DataKey::Random(id));
  keys_.push_back(key);
  active_key_id_ = id;
  return Status::OK();
}

Result<Keyring> Keyring::Load(const std::filesystem::path& file, const MasterKey& master_key) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return Status::IoError("could not read keyring \"" + file.string() +
                           "\": " + std::strerror(errno));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string data = buffer.str();
  std::string_view view(data);
  if (view.size() < kHeaderSize || std::memcmp(view.data(), kMagic, sizeof(kMagic)) != 0) {
    return Status::Corruption("\"" + file.string() + "\" is not a Basalt keyring");
  }
  if (static_cast<uint8_t>(view[8]) != kFormatVersion) {
    return Status::Error(
        sqlstate::kFeatureNotSupported,
        "unsupported keyring format version " + std::to_string(static_cast<uint8_t>(view[8])));
  }
  Keyring ring;
  ring.active_key_id_ = static_cast<uint32_t>(ReadBigEndian(view.substr(9), 4));
  uint64_t count = ReadBigEndian(view.substr(13), 4);
  view.remove_prefix(kHeaderSize);
  if (count == 0 || view.size() != count * kEntrySize) {
    return Status::Corruption("keyring \"" + file.string() + "\" is truncated");
  }
  for (uint64_t i = 0; i < count; ++i) {
    DataKey key;
    BASALT_RETURN_IF_ERROR(Unwrap(master_key, view.substr(i * kEntrySize, kEntrySize), &key));
    ring.keys_.push_back(key);
  }
  bool has_active = false;
  for (const DataKey& k : ring.keys_) has_active |= k.id == ring.active_key_id_;
  if (!has_active) return Status::Corruption("keyring names a missing active key");
  return ring;
}

Status Keyring::Save(const std::filesystem::path& file, const MasterKey& master_key) const {
  std::string out(kMagic, sizeof(kMagic));
  out.push_back(static_cast<char>(kFormatVersion));
  AppendBigEndian32(active_key_id_, &out);
  AppendBigEndian32(static_cast<uint32_t>(keys_.size()), &out);
  for (const DataKey& k : keys_) BASALT_RETURN_IF_ERROR(Wrap(master_key, k, &out));
  return WriteFileDurably(file, out);
}

}  // namespace basalt::storage
