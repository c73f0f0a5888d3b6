// The stored form, order and numbers of jsonb; the orders were checked
// against PostgreSQL 15 (`select '5'::jsonb > '[]'::jsonb`, ...).
#include "common/jsonb.h"

#include <catch2/catch.hpp>

#include "common/json_parse.h"

namespace basalt {
namespace {

JsonbValue Parse(std::string_view text) {
  Result<JsonbValue> v = ParseJsonb(text);
  INFO(text);
  REQUIRE(v.ok());
  return std::move(*v);
}

int Compare(std::string_view a, std::string_view b) {
  return CompareJsonb(Parse(a), Parse(b));
}

TEST_CASE("the stored form round-trips and starts with its version", "[jsonb]") {
  for (std::string_view text : {"null", "true", "false", "-1.50", R"("x\u0000y")", "[]", "{}",
                                R"({"a": [1, {"b": null}], "aa": "s"})"}) {
    Result<JsonbValue> parsed = ParseJsonb(text);
    if (!parsed.ok()) continue;  // \u0000: refused by jsonb_in
    const std::string bytes = EncodeJsonb(*parsed);
    CHECK(bytes[0] == '\x01');
    Result<JsonbValue> back = DecodeJsonb(bytes);
    REQUIRE(back.ok());
    CHECK(JsonbToText(*back) == JsonbToText(*parsed));
  }
  // docs/formats/jsonb.md: {"a": 1} is an object of one member.
  const std::string expected = {1, 6, 1, 1, 'a', 2, 1, '1'};
  CHECK(EncodeJsonb(Parse(R"({"a": 1})")) == expected);
  CHECK_FALSE(DecodeJsonb(std::string("\x02\x00", 2)).ok());
  CHECK_FALSE(DecodeJsonb(std::string("\x01\x05\x02\x00", 4)).ok());
}

TEST_CASE("jsonb order: object > array > boolean > number > string > null", "[jsonb]") {
  CHECK(Compare("5", "[]") > 0);  // a scalar is a one-element array at the top
  CHECK(Compare("5", "[1,2]") < 0);
  CHECK(Compare("5", "[1]") < 0);
  CHECK(Compare(R"("a")", "1") < 0);
  CHECK(Compare("null", R"("a")") < 0);
  CHECK(Compare("true", "100") > 0);
  CHECK(Compare("false", "true") < 0);
  CHECK(Compare("[]", "{}") < 0);
  CHECK(Compare("[5]", "[[]]") < 0);
  CHECK(Compare(R"({"b":1})", R"({"aa":1})") > 0);
  CHECK(Compare("[3]", "[1,2]") < 0);
  CHECK(Compare("1.0", "1") == 0);
  CHECK(Compare("-2.5", "-2.45") < 0);
  CHECK(Compare("1e3", "999.99") > 0);
  CHECK(Compare(R"({"a":1,"b":2})", R"({"b":2.0,"a":1})") == 0);
}

TEST_CASE("numbers print as numeric_out and compare by value", "[jsonb]") {
  CHECK(*NormalizeJsonNumber("1.5e+3") == "1500");
  CHECK(*NormalizeJsonNumber("-1.5E-3") == "-0.0015");
  CHECK(*NormalizeJsonNumber("0e5") == "0");
  CHECK(*NormalizeJsonNumber("0.00") == "0.00");
  CHECK_FALSE(NormalizeJsonNumber("1e1001").ok());
  CHECK(CompareNumericText("0.10", "0.1") == 0);
  CHECK(CompareNumericText("-0.0", "0") == 0);
  CHECK(CompareNumericText("-10", "-9.99") < 0);
  CHECK(CompareNumericText("100", "99.5") > 0);
}

TEST_CASE("pretty output indents four spaces, empty containers on two lines", "[jsonb]") {
  CHECK(JsonbPretty(Parse(R"({"a":[],"b":[1,{"c":null}]})")) ==
        "{\n    \"a\": [\n    ],\n    \"b\": [\n        1,\n        {\n            \"c\": null\n"
        "        }\n    ]\n}");
}

}  // namespace
}  // namespace basalt
