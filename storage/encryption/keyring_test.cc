#include "storage/encryption/keyring.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "common/test_temp_dir.h"

namespace basalt::storage {
namespace {

MasterKey KeyOf(uint8_t b) {
  MasterKey k;
  k.fill(b);
  return k;
}

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST_CASE("keyring: saved, reloaded, private, and wraps the data key", "[encryption]") {
  TestTempDir dir;
  std::filesystem::path file = dir.path() / "keyring";
  Keyring ring = Keyring::CreateNew().value();
  REQUIRE(ring.Save(file, KeyOf(1)).ok());
  struct stat st;
  REQUIRE(::stat(file.c_str(), &st) == 0);
  REQUIRE((st.st_mode & 0777) == 0600);
  REQUIRE_FALSE(std::filesystem::exists(dir.path() / "keyring.tmp"));
  // The data key itself is not in the file.
  const auto& key = ring.keys()[0].key;
  REQUIRE(ReadAll(file).find(std::string(key.begin(), key.end())) == std::string::npos);

  Keyring loaded = Keyring::Load(file, KeyOf(1)).value();
  REQUIRE(loaded.active_key_id() == ring.active_key_id());
  REQUIRE(loaded.keys().size() == 1);
  REQUIRE(loaded.keys()[0].key == key);
}

TEST_CASE("keyring: a wrong master key is refused clearly", "[encryption]") {
  TestTempDir dir;
  std::filesystem::path file = dir.path() / "keyring";
  REQUIRE(Keyring::CreateNew().value().Save(file, KeyOf(1)).ok());
  Result<Keyring> loaded = Keyring::Load(file, KeyOf(2));
  REQUIRE_FALSE(loaded.ok());
  REQUIRE(loaded.status().code() == sqlstate::kInvalidParameterValue);
  REQUIRE_THAT(loaded.status().message(),
               Catch::StartsWith("master key does not match the data directory"));
}

TEST_CASE("keyring: master key rotation rewraps, data key rotation adds a key", "[encryption]") {
  TestTempDir dir;
  std::filesystem::path file = dir.path() / "keyring";
  Keyring ring = Keyring::CreateNew().value();
  REQUIRE(ring.Save(file, KeyOf(1)).ok());
  Keyring loaded = Keyring::Load(file, KeyOf(1)).value();
  REQUIRE(loaded.AddActiveKey().ok());
  REQUIRE(loaded.Save(file, KeyOf(3)).ok());
  REQUIRE_FALSE(Keyring::Load(file, KeyOf(1)).ok());
  Keyring rotated = Keyring::Load(file, KeyOf(3)).value();
  REQUIRE(rotated.keys().size() == 2);
  REQUIRE(rotated.active_key_id() == 2);
  REQUIRE(rotated.keys()[0].key == ring.keys()[0].key);  // old files stay readable
}

}  // namespace
}  // namespace basalt::storage
