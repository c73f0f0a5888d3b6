// Expected values were taken from a PostgreSQL 15 server
// (`select '<text>'::uuid`).
#include "common/uuid.h"

#include <catch2/catch.hpp>

namespace basalt {
namespace {

std::string Normalized(std::string_view text) {
  Result<std::string> bytes = ParseUuid(text);
  INFO(text);
  REQUIRE(bytes.ok());
  REQUIRE(bytes->size() == kUuidBytes);
  std::string out;
  AppendUuidText(*bytes, &out);
  return out;
}

TEST_CASE("uuid input forms print lower-case and hyphenated", "[uuid]") {
  const std::string expected = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
  for (std::string_view text :
       {"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
        "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}", "a0eebc999c0b4ef8bb6d6bb9bd380a11",
        "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11", "{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}"}) {
    CHECK(Normalized(text) == expected);
  }
  CHECK(Normalized("00000000000000000000000000000000") == "00000000-0000-0000-0000-000000000000");
  CHECK(Normalized("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF") ==
        "ffffffff-ffff-ffff-ffff-ffffffffffff");
  // The bytes are the digits in order: the order of uuids is memcmp.
  CHECK(*ParseUuid("000102030405060708090a0b0c0d0e0f") ==
        std::string("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f", 16));
}

TEST_CASE("malformed uuids are 22P02 quoting the input", "[uuid]") {
  for (std::string_view text :
       {"", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a111",
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11-", "a0eebc9-99c0b-4ef8-bb6d-6bb9bd380a11",
        "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}",
        " a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "a0eebc99--9c0b-4ef8-bb6d-6bb9bd380a11", "-a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"}) {
    INFO(text);
    Result<std::string> bytes = ParseUuid(text);
    REQUIRE_FALSE(bytes.ok());
    CHECK(bytes.status().code() == sqlstate::kInvalidTextRepresentation);
    CHECK(bytes.status().message() ==
          "invalid input syntax for type uuid: \"" + std::string(text) + "\"");
  }
}

TEST_CASE("random uuids are version 4, variant 10, and differ", "[uuid]") {
  const std::string a = RandomUuid();
  const std::string b = RandomUuid();
  REQUIRE(a.size() == kUuidBytes);
  CHECK(a != b);
  for (const std::string& u : {a, b}) {
    CHECK((static_cast<unsigned char>(u[6]) >> 4) == 4);
    CHECK((static_cast<unsigned char>(u[8]) >> 6) == 2);
  }
}

}  // namespace
}  // namespace basalt
