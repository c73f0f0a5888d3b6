#include "storage/encryption/aes_ctr_provider.h"

#include <openssl/evp.h>

#include <catch2/catch.hpp>
#include <random>

#include "storage/encryption/aes_ctr.h"
#include "storage/encryption/file_prefix.h"

namespace basalt::storage {
namespace {

std::string RandomText(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>('a' + rng() % 26);
  return s;
}

struct OpenFile {
  std::string prefix;
  std::unique_ptr<rocksdb::BlockAccessCipherStream> stream;
};

OpenFile NewFile(AesCtrProvider& provider) {
  OpenFile f;
  f.prefix.assign(provider.GetPrefixLength(), '\0');
  REQUIRE(provider.CreateNewPrefix("000001.sst", f.prefix.data(), f.prefix.size()).ok());
  rocksdb::Slice slice(f.prefix);
  REQUIRE(provider.CreateCipherStream("000001.sst", rocksdb::EnvOptions(), slice, &f.stream).ok());
  return f;
}

TEST_CASE("AES-CTR stream: ciphertext differs and decrypts back at any offset", "[encryption]") {
  auto provider =
      std::make_shared<AesCtrProvider>(std::vector<DataKey>{DataKey::Random(1).value()}, 1);
  OpenFile file = NewFile(*provider);
  const std::string plain = RandomText(10000, 1);
  const uint64_t base = kFilePrefixLength;  // offsets RocksDB passes include the prefix

  std::string whole = plain;
  REQUIRE(file.stream->Encrypt(base, whole.data(), whole.size()).ok());
  REQUIRE(whole != plain);
  size_t same = 0;
  for (size_t i = 0; i < plain.size(); ++i) same += whole[i] == plain[i];
  REQUIRE(same < plain.size() / 50);  // about 1/256 of bytes match by chance

  // Encrypting in odd-sized pieces at odd offsets (as WAL appends do) gives
  // the same bytes as one call.
  std::string pieces = plain;
  for (size_t at = 0, step = 1; at < pieces.size(); at += step, step = step * 3 % 1021 + 1) {
    size_t n = std::min(step, pieces.size() - at);
    REQUIRE(file.stream->Encrypt(base + at, pieces.data() + at, n).ok());
  }
  REQUIRE(pieces == whole);

  // A stream reopened from the stored prefix decrypts any range.
  OpenFile reopened;
  rocksdb::Slice slice(file.prefix);
  REQUIRE(provider->CreateCipherStream("000001.sst", {}, slice, &reopened.stream).ok());
  for (auto [at, n] :
       {std::pair<size_t, size_t>{0, 10000}, {1, 1}, {15, 2}, {17, 33}, {4095, 4097}, {9999, 1}}) {
    std::string part = whole.substr(at, n);
    REQUIRE(reopened.stream->Decrypt(base + at, part.data(), part.size()).ok());
    REQUIRE(part == plain.substr(at, n));
  }
}

TEST_CASE("two files with the same content have different ciphertext", "[encryption]") {
  auto provider =
      std::make_shared<AesCtrProvider>(std::vector<DataKey>{DataKey::Random(1).value()}, 1);
  OpenFile a = NewFile(*provider), b = NewFile(*provider);
  std::string x = RandomText(256, 2), y = x;
  REQUIRE(a.stream->Encrypt(4096, x.data(), x.size()).ok());
  REQUIRE(b.stream->Encrypt(4096, y.data(), y.size()).ok());
  REQUIRE(x != y);
}

TEST_CASE("AesCtrApply matches OpenSSL's own counter, across a carry", "[encryption]") {
  DataKey key = DataKey::Random(1).value();
  AesCtrIv iv;
  iv.fill(0xff);
  iv[15] = 0xfd;  // the counter wraps all 128 bits within a few blocks
  std::string plain = RandomText(200, 3), reference = plain;
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  int len = 0;
  REQUIRE(EVP_EncryptInit_ex(ctx, EVP_aes_256_ctr(), nullptr, key.key.data(), iv.data()) == 1);
  auto* p = reinterpret_cast<unsigned char*>(reference.data());
  REQUIRE(EVP_EncryptUpdate(ctx, p, &len, p, static_cast<int>(reference.size())) == 1);
  EVP_CIPHER_CTX_free(ctx);
  for (size_t at : {0, 5, 16, 47, 48, 63, 100}) {
    std::string part = plain.substr(at);
    REQUIRE(AesCtrApply(key, iv, at, part.data(), part.size()));
    REQUIRE(part == reference.substr(at));
  }
}

TEST_CASE("a file written under another data key is reported as a key mismatch", "[encryption]") {
  auto writer =
      std::make_shared<AesCtrProvider>(std::vector<DataKey>{DataKey::Random(1).value()}, 1);
  auto reader =
      std::make_shared<AesCtrProvider>(std::vector<DataKey>{DataKey::Random(1).value()}, 1);
  OpenFile file = NewFile(*writer);
  std::unique_ptr<rocksdb::BlockAccessCipherStream> stream;
  rocksdb::Slice slice(file.prefix);
  rocksdb::Status s = reader->CreateCipherStream("CURRENT", {}, slice, &stream);
  REQUIRE(s.IsInvalidArgument());
  REQUIRE_THAT(s.ToString(), Catch::Contains("master key does not match the data directory"));

  std::string plain_file(4096, 'x');
  rocksdb::Slice not_encrypted(plain_file);
  s = reader->CreateCipherStream("CURRENT", {}, not_encrypted, &stream);
  REQUIRE(s.IsCorruption());
  REQUIRE_THAT(s.ToString(), Catch::Contains("not encrypted by Basalt"));
}

}  // namespace
}  // namespace basalt::storage
