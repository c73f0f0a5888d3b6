#include "storage/encryption/aes_ctr.h"

#include <openssl/evp.h>

#include <algorithm>
#include <climits>

namespace basalt::storage {
namespace {

// Fetched once: EVP_CIPHER_fetch is a provider lookup, far too slow per call.
const EVP_CIPHER* Cipher() {
  static EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, "AES-256-CTR", nullptr);
  return cipher;
}

// One context per thread: RocksDB calls the cipher stream from many threads
// at once, and an EVP context must not be shared.
struct ThreadContext {
  EVP_CIPHER_CTX* ctx = nullptr;
  uint64_t key_generation = 0;  // the key the context is keyed with, 0: none
  ~ThreadContext() { EVP_CIPHER_CTX_free(ctx); }
};

// The counter block of keystream block `block`: the file's IV plus `block`,
// as the 128-bit big-endian counter OpenSSL increments.
AesCtrIv CounterAt(const AesCtrIv& iv, uint64_t block) {
  AesCtrIv counter = iv;
  unsigned carry = 0;
  for (int i = 15; i >= 0; --i) {
    unsigned add = (i >= 8 ? static_cast<unsigned>((block >> (8 * (15 - i))) & 0xff) : 0u);
    unsigned sum = counter[i] + add + carry;
    counter[i] = static_cast<uint8_t>(sum);
    carry = sum >> 8;
  }
  return counter;
}

}  // namespace

bool AesCtrApply(const DataKey& key, const AesCtrIv& iv, uint64_t offset, char* data,
                 size_t size) noexcept {
  if (size == 0) return true;
  thread_local ThreadContext tc;
  const EVP_CIPHER* cipher = Cipher();
  if (cipher == nullptr) return false;
  if (tc.ctx == nullptr) {
    tc.ctx = EVP_CIPHER_CTX_new();
    if (tc.ctx == nullptr) return false;
  }
  AesCtrIv counter = CounterAt(iv, offset / 16);
  // Setting only the IV keeps the expanded key: re-keying per call would
  // dominate small WAL appends.
  int ok = tc.key_generation == key.generation
               ? EVP_EncryptInit_ex(tc.ctx, nullptr, nullptr, nullptr, counter.data())
               : EVP_EncryptInit_ex(tc.ctx, cipher, nullptr, key.key.data(), counter.data());
  if (ok != 1) {
    tc.key_generation = 0;
    return false;
  }
  tc.key_generation = key.generation;
  int out_len = 0;
  // Discard the keystream bytes before `offset` within its block.
  if (size_t skip = offset % 16; skip != 0) {
    unsigned char scratch[16] = {};
    if (EVP_EncryptUpdate(tc.ctx, scratch, &out_len, scratch, static_cast<int>(skip)) != 1) {
      return false;
    }
  }
  auto* bytes = reinterpret_cast<unsigned char*>(data);
  while (size > 0) {
    int chunk = static_cast<int>(std::min<size_t>(size, INT_MAX / 2));
    if (EVP_EncryptUpdate(tc.ctx, bytes, &out_len, bytes, chunk) != 1) return false;
    bytes += chunk;
    size -= static_cast<size_t>(chunk);
  }
  return true;
}

}  // namespace basalt::storage
