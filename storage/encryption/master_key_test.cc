#include "storage/encryption/master_key.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "common/test_temp_dir.h"

namespace basalt::storage {
namespace {

const std::string kHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1F";

std::filesystem::path WriteKeyFile(const TestTempDir& dir, const std::string& text,
                                   mode_t mode = 0600) {
  std::filesystem::path file = dir.path() / "master.key";
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
  ::chmod(file.c_str(), mode);
  return file;
}

TEST_CASE("a key file of 64 hex digits loads, with or without a newline", "[master_key]") {
  TestTempDir dir;
  for (const std::string& text : {kHex, kHex + "\n"}) {
    Result<MasterKey> key = LoadMasterKey(WriteKeyFile(dir, text));
    REQUIRE(key.ok());
    REQUIRE((*key)[0] == 0x00);
    REQUIRE((*key)[1] == 0x01);
    REQUIRE((*key)[31] == 0x1f);
  }
}

TEST_CASE("bad key files are refused with a message saying why", "[master_key]") {
  TestTempDir dir;
  SECTION("too short") {
    Result<MasterKey> key = LoadMasterKey(WriteKeyFile(dir, kHex.substr(2)));
    REQUIRE_FALSE(key.ok());
    REQUIRE_THAT(key.status().message(), Catch::Contains("64 hexadecimal digits"));
  }
  SECTION("too long") {
    REQUIRE_FALSE(LoadMasterKey(WriteKeyFile(dir, kHex + "00")).ok());
  }
  SECTION("two newlines") {
    REQUIRE_FALSE(LoadMasterKey(WriteKeyFile(dir, kHex + "\n\n")).ok());
  }
  SECTION("not hex") {
    std::string bad = kHex;
    bad[10] = 'g';
    Result<MasterKey> key = LoadMasterKey(WriteKeyFile(dir, bad));
    REQUIRE_FALSE(key.ok());
    REQUIRE_THAT(key.status().message(), Catch::Contains("hexadecimal"));
  }
  SECTION("readable by group and others") {
    Result<MasterKey> key = LoadMasterKey(WriteKeyFile(dir, kHex, 0644));
    REQUIRE_FALSE(key.ok());
    REQUIRE_THAT(key.status().message(), Catch::Contains("0644"));
    REQUIRE_THAT(key.status().message(), Catch::Contains("chmod 600"));
  }
  SECTION("group-readable only") {
    REQUIRE_FALSE(LoadMasterKey(WriteKeyFile(dir, kHex, 0640)).ok());
  }
  SECTION("missing") {
    Result<MasterKey> key = LoadMasterKey(dir.path() / "nope.key");
    REQUIRE_FALSE(key.ok());
    REQUIRE_THAT(key.status().message(), Catch::Contains("nope.key"));
  }
}

TEST_CASE("GenerateMasterKeyFile writes a private random key and never overwrites",
          "[master_key]") {
  TestTempDir dir;
  std::filesystem::path a = dir.path() / "a.key", b = dir.path() / "b.key";
  REQUIRE(GenerateMasterKeyFile(a).ok());
  REQUIRE(GenerateMasterKeyFile(b).ok());
  struct stat st;
  REQUIRE(::stat(a.c_str(), &st) == 0);
  REQUIRE((st.st_mode & 0777) == 0600);
  Result<MasterKey> ka = LoadMasterKey(a), kb = LoadMasterKey(b);
  REQUIRE(ka.ok());
  REQUIRE(kb.ok());
  REQUIRE(*ka != *kb);
  REQUIRE_FALSE(GenerateMasterKeyFile(a).ok());
  REQUIRE(LoadMasterKey(a).value() == *ka);  // untouched
}

}  // namespace
}  // namespace basalt::storage
