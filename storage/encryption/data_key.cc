#include "storage/encryption/data_key.h"

#include <atomic>
#include <string_view>

#include "storage/encryption/crypto.h"

namespace basalt::storage {
namespace {
// DO NOT CHANGE: changing it invalidates the key check of every file.
constexpr std::string_view kCheckKeyLabel = "basalt file key check v1";
std::atomic<uint64_t> next_generation{1};
}  // namespace

DataKey DataKey::FromBytes(uint32_t id, const std::array<uint8_t, 32>& key) {
  DataKey k;
  k.id = id;
  k.key = key;
  k.check_key = crypto::HmacSha256(
      key, {reinterpret_cast<const uint8_t*>(kCheckKeyLabel.data()), kCheckKeyLabel.size()});
  k.generation = next_generation.fetch_add(1);
  return k;
}

Result<DataKey> DataKey::Random(uint32_t id) {
  std::array<uint8_t, 32> key{};
  BASALT_RETURN_IF_ERROR(crypto::RandomBytes(key));
  return FromBytes(id, key);
}

}  // namespace basalt::storage
