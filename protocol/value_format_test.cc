#include "protocol/value_format.h"

#include <catch2/catch.hpp>

#include <string>

namespace basalt::protocol {
namespace {

std::string Text(Oid type, std::string bytes) {
  auto text = BinaryParameterToText(type, bytes, 1);
  REQUIRE(text.ok());
  return *text;
}

TEST_CASE("binary parameters read as the text of their type") {
  using std::string_literals::operator""s;
  CHECK(Text(type_oid::kInt2, "\xff\xfe"s) == "-2");
  CHECK(Text(type_oid::kInt4, "\x00\x01\x00\x00"s) == "65536");
  CHECK(Text(type_oid::kInt8, "\x80\x00\x00\x00\x00\x00\x00\x00"s) == "-9223372036854775808");
  CHECK(Text(type_oid::kFloat8, "\x3f\xf8\x00\x00\x00\x00\x00\x00"s) == "1.5");
  CHECK(Text(type_oid::kFloat4, "\x3d\xcc\xcc\xcd"s) == "0.1");
  CHECK(Text(type_oid::kBool, "\x01"s) == "t");
  CHECK(Text(type_oid::kBool, "\x00"s) == "f");
  CHECK(Text(type_oid::kText, "h\xc3\xa9"s) == "h\xc3\xa9");
}

TEST_CASE("a binary parameter of the wrong length is 22P03, another type 0A000") {
  auto text = BinaryParameterToText(type_oid::kInt4, "\x00\x01", 3);
  REQUIRE_FALSE(text.ok());
  CHECK(text.status().code() == "22P03");
  CHECK(text.status().message() == "incorrect binary data format in bind parameter 3");
  text = BinaryParameterToText(type_oid::kNumeric, "\x00\x00\x00\x00\x00\x00\x00\x00", 1);
  REQUIRE_FALSE(text.ok());
  CHECK(text.status().code() == "0A000");
}

}  // namespace
}  // namespace basalt::protocol
