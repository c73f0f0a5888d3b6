// Expected values were taken from a PostgreSQL 15 server
// (`select '<text>'::jsonb`, and psql's DETAIL and CONTEXT lines for json).
#include "common/json_parse.h"

#include <catch2/catch.hpp>

namespace basalt {
namespace {

std::string Jsonb(std::string_view text) {
  Result<JsonbValue> v = ParseJsonb(text);
  INFO(text);
  REQUIRE(v.ok());
  return JsonbToText(*v);
}

Status JsonError(std::string_view text) {
  Status s = ValidateJson(text);
  INFO(text);
  REQUIRE_FALSE(s.ok());
  return s;
}

TEST_CASE("jsonb normalizes spacing, key order, duplicates and numbers", "[json]") {
  CHECK(Jsonb(R"({"a":1, "b" : [1,2,{"c":null}],"aa":1.50e1, "b":true})") ==
        R"({"a": 1, "b": true, "aa": 15.0})");
  CHECK(Jsonb(R"({"bb": 1, "a": 2, "ccc": 3, "c": 4})") ==
        R"({"a": 2, "c": 4, "bb": 1, "ccc": 3})");
  CHECK(Jsonb("1.0E-3") == "0.0010");
  CHECK(Jsonb("-0") == "0");
  CHECK(Jsonb("-0.0") == "0.0");
  CHECK(Jsonb("12e2") == "1200");
  CHECK(Jsonb("100e-2") == "1.00");
  CHECK(Jsonb("1e400").size() == 401);
  CHECK(Jsonb(R"("\u00e9\n\"\\\/\t")") == "\"\xc3\xa9\\n\\\"\\\\/\\t\"");
  CHECK(Jsonb(R"("\ud83d\ude00")") == "\"\xf0\x9f\x98\x80\"");
  CHECK(Jsonb(" [ [], {}, [{}] ] ") == "[[], {}, [{}]]");
}

TEST_CASE("json keeps any valid text and reports PostgreSQL's errors", "[json]") {
  CHECK(ValidateJson(R"("\u0000")").ok());  // not decoded, so accepted
  CHECK(ValidateJson(R"("\ud800")").ok());
  Status s = JsonError(R"({"a":1,})");
  CHECK(s.code() == sqlstate::kInvalidTextRepresentation);
  CHECK(s.message() == "invalid input syntax for type json");
  CHECK(s.detail() == R"(Expected string, but found "}".)");
  CHECK(s.context() == R"(JSON data, line 1: {"a":1,})");
  s = JsonError("[1 2]");
  CHECK(s.detail() == R"(Expected "," or "]", but found "2".)");
  CHECK(s.context() == "JSON data, line 1: [1 2...");
  CHECK(JsonError("[1,2").detail() == "The input string ended unexpectedly.");
  CHECK(JsonError("01").detail() == R"(Token "01" is invalid.)");
  CHECK(JsonError(R"("ab\xcd")").detail() == R"(Escape sequence "\x" is invalid.)");
  CHECK(JsonError("\"a\tb\"").detail() == "Character with value 0x09 must be escaped.");
  s = JsonError("{\"a\":\n  [1,\n  2 x]}");
  CHECK(s.context() == "JSON data, line 3:   2 x...");
  s = JsonError(std::string(R"({")") + std::string(64, 'a') + R"(":1 2, "b":3})");
  CHECK(s.context() == "JSON data, line 1: ..." + std::string(44, 'a') + R"(":1 2...)");
}

TEST_CASE("jsonb refuses \\u0000 and lone surrogates", "[json]") {
  Result<JsonbValue> v = ParseJsonb(R"("\u0000")");
  REQUIRE_FALSE(v.ok());
  CHECK(v.status().code() == sqlstate::kUntranslatableCharacter);
  CHECK(v.status().detail() == "\\u0000 cannot be converted to text.");
  v = ParseJsonb(R"("\ud800x")");
  REQUIRE_FALSE(v.ok());
  CHECK(v.status().detail() == "Unicode low surrogate must follow a high surrogate.");
  CHECK(v.status().context() == R"(JSON data, line 1: "\ud800x...)");
}

}  // namespace
}  // namespace basalt
