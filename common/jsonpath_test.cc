// jsonpath input and execution; the expected results and messages were
// taken from PostgreSQL 15 (`select jsonb_path_query(...)`).
#include <catch2/catch.hpp>

#include "common/json_parse.h"
#include "common/jsonpath_eval.h"
#include "common/jsonpath_parse.h"

namespace basalt {
namespace {

JsonbValue Json(std::string_view text) {
  Result<JsonbValue> v = ParseJsonb(text);
  INFO(text);
  REQUIRE(v.ok());
  return std::move(*v);
}

// The items as jsonb_out text, one per line; an error as its SQLSTATE and
// message.
std::string Query(std::string_view json, std::string_view path, std::string_view vars = "{}",
                  bool silent = false) {
  Result<std::shared_ptr<const JsonPath>> parsed = ParseJsonPath(path);
  if (!parsed.ok()) {
    return std::string(parsed.status().code()) + ": " + parsed.status().message();
  }
  const JsonbValue doc = Json(json);
  const JsonbValue var_object = Json(vars);
  std::vector<JsonbValue> found;
  Result<JsonPathResult> res = ExecuteJsonPath(**parsed, doc, &var_object, !silent, &found);
  if (!res.ok()) return std::string(res.status().code()) + ": " + res.status().message();
  std::string out;
  for (const JsonbValue& v : found) {
    if (!out.empty()) out += "\n";
    out += JsonbToText(v);
  }
  return out;
}

std::string ParseError(std::string_view path) {
  Result<std::shared_ptr<const JsonPath>> parsed = ParseJsonPath(path);
  if (parsed.ok()) return "ok";
  return std::string(parsed.status().code()) + ": " + parsed.status().message();
}

TEST_CASE("jsonpath syntax errors name the token bison stops at", "[jsonpath]") {
  CHECK(ParseError("$.a") == "ok");
  CHECK(ParseError("$[*] ? (@ > 1") == "42601: syntax error at end of jsonpath input");
  CHECK(ParseError("$ $") == "42601: syntax error at or near \"$\" of jsonpath input");
  CHECK(ParseError("$.a == == 1") == "42601: syntax error at or near \"==\" of jsonpath input");
  CHECK(ParseError("$ ? (1 == 1 == 1)") ==
        "42601: syntax error at or near \"==\" of jsonpath input");
  CHECK(ParseError("$.a[1 2]") == "42601: syntax error at or near \"2\" of jsonpath input");
  CHECK(ParseError("$.**{1 to}") == "42601: syntax error at or near \"}\" of jsonpath input");
  CHECK(ParseError("$.abs(1)") == "42601: syntax error at or near \"1\" of jsonpath input");
  CHECK(ParseError("$.foo()") == "42601: syntax error at or near \"(\" of jsonpath input");
  CHECK(ParseError("$ ? (@ == \"abc\" \"d\")") ==
        "42601: syntax error at or near \"\"\" of jsonpath input");
  // An identifier's yytext is the blanks after it, or nothing.
  CHECK(ParseError("$.a b.c") == "42601: syntax error at end of jsonpath input");
  CHECK(ParseError("1_000 + 1") == "42601: syntax error at or near \" \" of jsonpath input");
  CHECK(ParseError("$ ? (@.a == TRUE)") == "42601: syntax error at end of jsonpath input");
}

TEST_CASE("jsonpath numbers follow flex's longest match", "[jsonpath]") {
  CHECK(ParseError("1a") ==
        "42601: trailing junk after numeric literal at or near \"1a\" of jsonpath input");
  CHECK(ParseError("1.a") ==
        "42601: trailing junk after numeric literal at or near \"1.a\" of jsonpath input");
  CHECK(ParseError("00") ==
        "42601: trailing junk after numeric literal at or near \"00\" of jsonpath input");
  CHECK(ParseError("1.5e+") ==
        "42601: invalid numeric literal at or near \"1.5e+\" of jsonpath input");
  CHECK(ParseError("0x1f") == "42601: syntax error at end of jsonpath input");
  CHECK(Query("1", ".5") == "0.5");
  CHECK(Query("1", "1.") == "1");
}

TEST_CASE("jsonpath strings, escapes and the checks after parsing", "[jsonpath]") {
  CHECK(ParseError("$.\"a") == "42601: unexpected end of quoted string at end of jsonpath input");
  CHECK(ParseError("$.a /* x") == "42601: unexpected end of comment at end of jsonpath input");
  CHECK(ParseError("$ ? (@ == \"\\x4\")") ==
        "42601: invalid hex character sequence at or near \"\\x4\" of jsonpath input");
  CHECK(ParseError("$ ? (@ == \"\\u0041\\u004\")") ==
        "42601: invalid unicode sequence at or near \"\\u0041\\u004\" of jsonpath input");
  CHECK(ParseError("$ ? (@ == \"\\x00\")") == "22P05: unsupported Unicode escape sequence");
  CHECK(ParseError("@.a") == "42601: @ is not allowed in root expressions");
  CHECK(ParseError("last") == "42601: LAST is allowed only in array subscripts");
  CHECK(ParseError("") == "22P02: invalid input syntax for type jsonpath: \"\"");
  CHECK(ParseError("$.**{99999999999}") ==
        "22003: value \"99999999999\" is out of range for type integer");
  CHECK(Query(R"({"a":1})", R"($."a")") == "1");
  CHECK(Query(R"({"ab":1})", R"($.a\u0062)") == "1");
  CHECK(Query("\"aq\"", R"($ ? (@ == "a\q"))") == "\"aq\"");
}

TEST_CASE("lax mode unwraps arrays and ignores structural errors", "[jsonpath]") {
  CHECK(Query(R"({"a":[1,2,{"b":3}]})", "$.a.b") == "3");
  CHECK(Query(R"({"a":[1,2,3]})", "$.a[*] ? (@ > 1)") == "2\n3");
  CHECK(Query(R"([1,2,3])", "$[last]") == "3");
  CHECK(Query(R"([1,2,3])", "$[last - 1]") == "2");
  CHECK(Query(R"([1,2,3,4])", "$[1 to 2, 0]") == "2\n3\n1");
  CHECK(Query(R"({"a":1})", "$[0]") == R"({"a": 1})");
  CHECK(Query(R"({"a":{"b":{"c":1}}})", "$.**.c") == "1");
  CHECK(Query(R"({"a":{"b":{"c":1}}})", "$.**{2}") == R"({"c": 1})");
  CHECK(Query(R"([1,"a",null])", "$[*].type()") == "\"number\"\n\"string\"\n\"null\"");
  CHECK(Query(R"([1,[2,3]])", "$.size()") == "2");
  CHECK(Query(R"({"a":-1.5})", "$.a.abs()") == "1.5");
  CHECK(Query(R"({"a":-1.5})", "$.a.floor()") == "-2");
  CHECK(Query(R"({"a":-1.5})", "$.a.ceiling()") == "-1");
  CHECK(Query(R"({"x":2})", "$.x * 3 + 1") == "7");
  CHECK(Query(R"(1)", "$ ? (@ == $v)", R"({"v":1})") == "1");
}

TEST_CASE("strict mode raises PostgreSQL's errors, silent suppresses them", "[jsonpath]") {
  CHECK(Query(R"({})", "strict $.a") == "2203A: JSON object does not contain key \"a\"");
  CHECK(Query(R"([1])", "strict $.a") ==
        "2203A: jsonpath member accessor can only be applied to an object");
  CHECK(Query(R"([1])", "strict $[5]") == "22033: jsonpath array subscript is out of bounds");
  CHECK(Query(R"(1)", "strict $[*]") ==
        "22039: jsonpath wildcard array accessor can only be applied to an array");
  CHECK(Query(R"(1)", "strict $.size()") ==
        "22039: jsonpath item method .size() can only be applied to an array");
  CHECK(Query(R"([1,2])", "$ + 1") ==
        "22038: left operand of jsonpath operator + is not a single numeric value");
  CHECK(Query(R"(1)", "$ / 0") == "22012: division by zero");
  CHECK(Query(R"(1)", "$ / 0", "{}", true) == "");
  CHECK(Query(R"({})", "strict $.a", "{}", true) == "");
  CHECK(Query(R"(1)", "$x") == "42704: could not find jsonpath variable \"x\"");
}

TEST_CASE("like_regex keeps PostgreSQL's flags and newline rules", "[jsonpath]") {
  const std::string lines = R"(["a\nb", "axb"])";
  CHECK(Query(lines, R"($[*] ? (@ like_regex "a.b"))") == "\"axb\"");
  CHECK(Query(lines, R"($[*] ? (@ like_regex "a.b" flag "s"))") == "\"a\\nb\"\n\"axb\"");
  CHECK(Query(lines, R"($[*] ? (@ like_regex "a[^y]b"))") == "\"axb\"");
  CHECK(Query(lines, R"($[*] ? (@ like_regex "^b"))") == "");
  CHECK(Query(lines, R"($[*] ? (@ like_regex "^b" flag "m"))") == "\"a\\nb\"");
  CHECK(Query(R"(["A.C", "abc"])", R"($[*] ? (@ like_regex "a.c" flag "iq"))") == "\"A.C\"");
  CHECK(ParseError(R"($ ? (@ like_regex "(")") ==
        "2201B: invalid regular expression: parentheses () not balanced");
  CHECK(ParseError(R"($ ? (@ like_regex "a" flag "x"))") ==
        "0A000: XQuery \"x\" flag (expanded regular expressions) is not implemented");
  CHECK(ParseError(R"($ ? (@ like_regex "a" flag "z"))") ==
        "42601: invalid input syntax for type jsonpath");
}

TEST_CASE("keyvalue ids are offsets into PostgreSQL's stored jsonb", "[jsonpath]") {
  CHECK(Query(R"({"a":{"b":1.5, "c":{"d":[1,2]}}})", "$.a.c.keyvalue()") ==
        R"({"id": 52, "key": "d", "value": [1, 2]})");
  CHECK(Query(R"({"a":1})", "$.keyvalue().keyvalue()") ==
        "{\"id\": 20000000000, \"key\": \"id\", \"value\": 0}\n"
        "{\"id\": 20000000000, \"key\": \"key\", \"value\": \"a\"}\n"
        "{\"id\": 20000000000, \"key\": \"value\", \"value\": 1}");
  CHECK(Query("{}", "$x.keyvalue()", R"({"x":{"y":2}, "z":123.456})") ==
        R"({"id": 10000000024, "key": "y", "value": 2})");
}

}  // namespace
}  // namespace basalt
