#include "storage/encryption/file_prefix.h"

#include <cstring>

#include "storage/coding.h"
#include "storage/encryption/crypto.h"

namespace basalt::storage {
namespace {

// DO NOT CHANGE THESE VALUES: they are in every data file.
constexpr char kMagic[8] = {'B', 'S', 'L', 'T', 'E', 'N', 'C', 'F'};
constexpr uint8_t kFormatVersion = 1;
constexpr uint8_t kCipherAes256Ctr = 1;
constexpr size_t kKeyIdOffset = 12;
constexpr size_t kIvOffset = 16;
constexpr size_t kTagOffset = 32;  // HMAC-SHA256 over bytes [0, 32)

crypto::Hash256 Tag(std::string_view prefix, const DataKey& key) {
  return crypto::HmacSha256(key.check_key,
                            {reinterpret_cast<const uint8_t*>(prefix.data()), kTagOffset});
}

}  // namespace

Status WriteFilePrefix(const DataKey& key, char* prefix, size_t size, FilePrefix* out) {
  if (size < kFilePrefixUsedBytes) return Status::Internal("encryption prefix too short");
  std::memset(prefix, 0, size);
  std::memcpy(prefix, kMagic, sizeof(kMagic));
  prefix[8] = static_cast<char>(kFormatVersion);
  prefix[9] = static_cast<char>(kCipherAes256Ctr);
  std::string id;
  AppendBigEndian32(key.id, &id);
  std::memcpy(prefix + kKeyIdOffset, id.data(), 4);
  out->key_id = key.id;
  BASALT_RETURN_IF_ERROR(crypto::RandomBytes(out->iv));
  std::memcpy(prefix + kIvOffset, out->iv.data(), out->iv.size());
  crypto::Hash256 tag = Tag({prefix, size}, key);
  std::memcpy(prefix + kTagOffset, tag.data(), tag.size());
  return Status::OK();
}

Status ParseFilePrefix(std::string_view prefix, FilePrefix* out) {
  if (prefix.size() < kFilePrefixUsedBytes || std::memcmp(prefix.data(), kMagic, 8) != 0) {
    return Status::Corruption("file is not encrypted by Basalt (bad encryption prefix)");
  }
  if (static_cast<uint8_t>(prefix[8]) != kFormatVersion ||
      static_cast<uint8_t>(prefix[9]) != kCipherAes256Ctr) {
    return Status::Error(
        sqlstate::kFeatureNotSupported,
        "unsupported encryption format version " + std::to_string(static_cast<uint8_t>(prefix[8])));
  }
  out->key_id = static_cast<uint32_t>(ReadBigEndian(prefix.substr(kKeyIdOffset), 4));
  std::memcpy(out->iv.data(), prefix.data() + kIvOffset, out->iv.size());
  return Status::OK();
}

bool FilePrefixMatchesKey(std::string_view prefix, const DataKey& key) {
  if (prefix.size() < kFilePrefixUsedBytes) return false;
  crypto::Hash256 tag = Tag(prefix, key);
  return crypto::EqualConstantTime(
      tag, {reinterpret_cast<const uint8_t*>(prefix.data()) + kTagOffset, tag.size()});
}

}  // namespace basalt::storage
