// Expected values were taken from a PostgreSQL 15 server (extra_float_digits
// = 1, DateStyle ISO), e.g. `select 1e20::float8` -> 1e+20.
#include "common/value_text.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "common/float_text.h"

namespace basalt {
namespace {

const DataType kBool = DataType::Of(TypeId::kBool);
const DataType kInt2 = DataType::Of(TypeId::kInt2);
const DataType kInt4 = DataType::Of(TypeId::kInt4);
const DataType kInt8 = DataType::Of(TypeId::kInt8);
const DataType kFloat4 = DataType::Of(TypeId::kFloat4);
const DataType kFloat8 = DataType::Of(TypeId::kFloat8);
const DataType kNumeric = DataType::Of(TypeId::kNumeric);
const DataType kText = DataType::Of(TypeId::kText);
const DataType kDate = DataType::Of(TypeId::kDate);
const DataType kTimestamp = DataType::Of(TypeId::kTimestamp);

std::string F8(double v) {
  return ValueToText(Value::Float(v), kFloat8);
}
std::string F4(float v) {
  return ValueToText(Value::Float(static_cast<double>(v)), kFloat4);
}

// Text in, text out: what a client sees after `select 'text'::type`.
std::string RoundTrip(std::string_view text, const DataType& type) {
  auto v = ValueFromText(text, type);
  REQUIRE(v.ok());
  return ValueToText(*v, type);
}

Status InputError(std::string_view text, const DataType& type) {
  auto v = ValueFromText(text, type);
  REQUIRE_FALSE(v.ok());
  return v.status();
}

TEST_CASE("float8 output matches PostgreSQL 15", "[value_text]") {
  CHECK(F8(0.1 + 0.2) == "0.30000000000000004");
  CHECK(F8(1e20) == "1e+20");
  CHECK(F8(1e15) == "1e+15");
  CHECK(F8(1e14) == "100000000000000");
  CHECK(F8(123456789012345.0) == "123456789012345");
  CHECK(F8(1234567890123456.0) == "1.234567890123456e+15");
  CHECK(F8(123456789012345678.0) == "1.2345678901234568e+17");
  CHECK(F8(0.0001) == "0.0001");
  CHECK(F8(0.00001) == "1e-05");
  CHECK(F8(0.00012345) == "0.00012345");
  CHECK(F8(1.5e-7) == "1.5e-07");
  CHECK(F8(2.5e-5) == "2.5e-05");
  CHECK(F8(1e100) == "1e+100");
  CHECK(F8(1.7976931348623157e308) == "1.7976931348623157e+308");
  CHECK(F8(5e-324) == "5e-324");
  CHECK(F8(100) == "100");
  CHECK(F8(1.0) == "1");
  CHECK(F8(-0.0) == "-0");
  CHECK(F8(100.0 / 3) == "33.333333333333336");
  CHECK(F8(static_cast<double>(0.1f)) == "0.10000000149011612");
  // 1e23 is exactly halfway between two doubles: PostgreSQL's Ryu never
  // prints a halfway point, even one that would read back correctly.
  CHECK(F8(1e23) == "9.999999999999999e+22");
  CHECK(F8(9007199254740993.0) == "9.007199254740992e+15");
  CHECK(F8(std::numeric_limits<double>::infinity()) == "Infinity");
  CHECK(F8(-std::numeric_limits<double>::infinity()) == "-Infinity");
  CHECK(F8(std::nan("")) == "NaN");
}

TEST_CASE("float4 output uses float digits and its own exponent range", "[value_text]") {
  CHECK(F4(3.0f / 7.0f) == "0.42857143");
  CHECK(F4(1e6f) == "1e+06");
  CHECK(F4(1e5f) == "100000");
  CHECK(F4(123456.0f) == "123456");
  CHECK(F4(1234567.0f) == "1.234567e+06");
  CHECK(F4(123456789.0f) == "1.2345679e+08");
  CHECK(F4(0.0001f) == "0.0001");
  CHECK(F4(0.00001f) == "1e-05");
  CHECK(F4(1e20f) == "1e+20");
  CHECK(F4(16777216.0f) == "1.6777216e+07");
  CHECK(F4(0.1f) == "0.1");
  CHECK(F4(59329192.0f) == "5.9329192e+07");  // "5.932919e+07" is a halfway point
  CHECK(F4(3.4028235e38f) == "3.4028235e+38");
  CHECK(F4(1.17549435e-38f) == "1.1754944e-38");
  CHECK(F4(1e-45f) == "1e-45");
}

TEST_CASE("float input", "[value_text]") {
  CHECK(RoundTrip("1e3", kFloat8) == "1000");
  CHECK(RoundTrip(" 1.5 ", kFloat8) == "1.5");
  CHECK(RoundTrip("inf", kFloat8) == "Infinity");
  CHECK(RoundTrip("-infinity", kFloat8) == "-Infinity");
  CHECK(RoundTrip("+inf", kFloat8) == "Infinity");
  CHECK(RoundTrip("nan", kFloat8) == "NaN");
  CHECK(RoundTrip("-nan", kFloat8) == "NaN");
  CHECK(RoundTrip("-0", kFloat8) == "-0");
  CHECK(RoundTrip("0x10", kFloat8) == "16");
  CHECK(RoundTrip("1e-310", kFloat8) == "1e-310");  // denormals are accepted
  CHECK(RoundTrip("NaN", kFloat4) == "NaN");
  CHECK(RoundTrip("  -Infinity  ", kFloat4) == "-Infinity");
  CHECK(RoundTrip("0.1", kFloat4) == "0.1");
  Status high = InputError("1e400", kFloat8);
  CHECK(high.code() == "22003");
  CHECK(high.message() == "\"1e400\" is out of range for type double precision");
  CHECK(InputError("1e-400", kFloat8).message() ==
        "\"1e-400\" is out of range for type double precision");
  CHECK(InputError("1e40", kFloat4).message() == "\"1e40\" is out of range for type real");
  CHECK(InputError("1e-50", kFloat4).message() == "\"1e-50\" is out of range for type real");
  Status bad = InputError("abc", kFloat8);
  CHECK(bad.code() == "22P02");
  CHECK(bad.message() == "invalid input syntax for type double precision: \"abc\"");
  CHECK(InputError("", kFloat8).message() ==
        "invalid input syntax for type double precision: \"\"");
  CHECK(InputError("infinityx", kFloat8).code() == "22P02");
  CHECK(InputError("abc", kFloat4).message() == "invalid input syntax for type real: \"abc\"");
}

TEST_CASE("integer input", "[value_text]") {
  CHECK(RoundTrip(" 42 ", kInt4) == "42");
  CHECK(RoundTrip("+7", kInt2) == "7");
  CHECK(RoundTrip("-32768", kInt2) == "-32768");
  CHECK(RoundTrip("-9223372036854775808", kInt8) == "-9223372036854775808");
  CHECK(RoundTrip("9223372036854775807", kInt8) == "9223372036854775807");
  Status syntax = InputError("12a", kInt4);
  CHECK(syntax.code() == "22P02");
  CHECK(syntax.message() == "invalid input syntax for type integer: \"12a\"");
  for (std::string_view bad : {"", "1.5", "1_000", "0x1F", "- 1", "+"}) {
    CHECK(InputError(bad, kInt4).code() == "22P02");
  }
  CHECK(InputError("abc", kInt8).message() == "invalid input syntax for type bigint: \"abc\"");
  CHECK(InputError("x", kInt2).message() == "invalid input syntax for type smallint: \"x\"");
  Status range = InputError("99999", kInt2);
  CHECK(range.code() == "22003");
  CHECK(range.message() == "value \"99999\" is out of range for type smallint");
  CHECK(InputError("3000000000", kInt4).message() ==
        "value \"3000000000\" is out of range for type integer");
  CHECK(InputError("99999999999999999999", kInt8).message() ==
        "value \"99999999999999999999\" is out of range for type bigint");
  CHECK(InputError("9223372036854775808", kInt8).code() == "22003");
}

TEST_CASE("boolean input and output", "[value_text]") {
  for (std::string_view yes : {"  TRUE ", "t", "yes", "ye", "on", "ON", "1"}) {
    CHECK(RoundTrip(yes, kBool) == "t");
  }
  for (std::string_view no : {"f", "FALSE", "n", "no", "off", "of", "0"}) {
    CHECK(RoundTrip(no, kBool) == "f");
  }
  for (std::string_view bad : {"o", "maybe", "", "2", "truee", "onn"}) {
    Status s = InputError(bad, kBool);
    CHECK(s.code() == "22P02");
    CHECK(s.message() == "invalid input syntax for type boolean: \"" + std::string(bad) + "\"");
  }
}

TEST_CASE("numeric input applies the type modifier", "[value_text]") {
  CHECK(RoundTrip(" 1.5e3 ", kNumeric) == "1500");
  CHECK(RoundTrip("12.345", DataType::Numeric(4, 2)) == "12.35");
  CHECK(RoundTrip("5", DataType::Numeric(5, 2)) == "5.00");
  CHECK(InputError("abc", kNumeric).message() == "invalid input syntax for type numeric: \"abc\"");
  Status overflow = InputError("1234.5", DataType::Numeric(5, 2));
  CHECK(overflow.code() == "22003");
  CHECK(overflow.message() == "numeric field overflow");
}

TEST_CASE("varchar(n) input rejects long values but trims spaces", "[value_text]") {
  const DataType v5 = DataType::Varchar(5);
  CHECK(RoundTrip("abc   ", v5) == "abc  ");
  CHECK(RoundTrip("abcde   ", v5) == "abcde");
  CHECK(RoundTrip("äöü", DataType::Varchar(3)) == "äöü");
  Status s = InputError("abcdef", v5);
  CHECK(s.code() == "22001");
  CHECK(s.message() == "value too long for type character varying(5)");
  CHECK(InputError("äöüß", DataType::Varchar(3)).code() == "22001");
  CHECK(RoundTrip("any length at all", DataType::Of(TypeId::kVarchar)) == "any length at all");
  CHECK(RoundTrip(" kept as is ", kText) == " kept as is ");
}

TEST_CASE("date and timestamp text", "[value_text]") {
  CHECK(RoundTrip("2024-01-31", kDate) == "2024-01-31");
  CHECK(RoundTrip("0044-03-15 BC", kDate) == "0044-03-15 BC");
  CHECK(RoundTrip("2024-01-31 12:34:56.789", kTimestamp) == "2024-01-31 12:34:56.789");
  CHECK(RoundTrip("2024-01-31", kTimestamp) == "2024-01-31 00:00:00");
  CHECK(ValueToText(Value::Int(0), kDate) == "2000-01-01");
  CHECK(ValueToText(Value::Int(500'000), kTimestamp) == "2000-01-01 00:00:00.5");
  Status s = InputError("2024-02-30", kDate);
  CHECK(s.code() == "22008");
  CHECK(s.message() == "date/time field value out of range: \"2024-02-30\"");
  CHECK(InputError("x", kDate).code() == "22007");
}

}  // namespace
}  // namespace basalt

namespace basalt {
namespace {

const DataType kOidType = DataType::Of(TypeId::kOid);
const DataType kXidType = DataType::Of(TypeId::kXid);
const DataType kTimestampTzType = DataType::Of(TypeId::kTimestampTz);
const DataType kInt4ArrayType = DataType::Of(TypeId::kInt4Array);

TEST_CASE("oid text is unsigned decimal, as PostgreSQL 15's oidin", "[value_text]") {
  CHECK(RoundTrip("16384", kOidType) == "16384");
  CHECK(RoundTrip(" 12 ", kOidType) == "12");
  CHECK(RoundTrip("4294967295", kOidType) == "4294967295");
  CHECK(RoundTrip("-1", kOidType) == "4294967295");
  CHECK(RoundTrip("-2147483648", kOidType) == "2147483648");
  Status syntax = InputError("abc", kOidType);
  CHECK(syntax.code() == "22P02");
  CHECK(syntax.message() == "invalid input syntax for type oid: \"abc\"");
  CHECK(InputError("", kOidType).code() == "22P02");
  CHECK(InputError("12abc", kOidType).code() == "22P02");
  Status range = InputError("4294967296", kOidType);
  CHECK(range.code() == "22003");
  CHECK(range.message() == "value \"4294967296\" is out of range for type oid");
  CHECK(InputError("-2147483649", kOidType).code() == "22003");
  CHECK(InputError("99999999999999999999999", kOidType).code() == "22003");
}

TEST_CASE("xid text is PostgreSQL 15's strtoul: never an error", "[value_text]") {
  CHECK(RoundTrip("5", kXidType) == "5");
  CHECK(RoundTrip("0x10", kXidType) == "16");
  CHECK(RoundTrip("010", kXidType) == "8");
  CHECK(RoundTrip("-1", kXidType) == "4294967295");
  CHECK(RoundTrip("abc", kXidType) == "0");
  CHECK(RoundTrip("", kXidType) == "0");
  CHECK(RoundTrip("12abc", kXidType) == "12");
  CHECK(RoundTrip("99999999999", kXidType) == "1215752191");
  CHECK(RoundTrip("999999999999999999999999", kXidType) == "4294967295");
}

TEST_CASE("timestamptz applies the written zone and prints +00", "[value_text]") {
  CHECK(RoundTrip("2026-11-30 05:40:00.123456", kTimestampTzType) ==
        "2026-11-30 05:40:00.123456+00");
  CHECK(RoundTrip("2026-11-30 05:40:00+02", kTimestampTzType) == "2026-11-30 03:40:00+00");
  CHECK(RoundTrip("2026-11-30 05:40:00-05:30", kTimestampTzType) == "2026-11-30 11:10:00+00");
  CHECK(RoundTrip("2026-11-30 05:40:00Z", kTimestampTzType) == "2026-11-30 05:40:00+00");
  CHECK(RoundTrip("2026-11-30 05:40:00+0200", kTimestampTzType) == "2026-11-30 03:40:00+00");
  CHECK(RoundTrip("2024-01-01 10:00:00.5+05:45:30", kTimestampTzType) ==
        "2024-01-01 04:14:30.5+00");
  CHECK(RoundTrip("0044-03-15 BC", kTimestampTzType) == "0044-03-15 00:00:00+00 BC");
  CHECK(RoundTrip("infinity", kTimestampTzType) == "infinity");
  Status zone = InputError("2024-01-01 10:00+16", kTimestampTzType);
  CHECK(zone.code() == "22009");
  CHECK(zone.message() == "time zone displacement out of range: \"2024-01-01 10:00+16\"");
  CHECK(InputError("x", kTimestampTzType).message() ==
        "invalid input syntax for type timestamp with time zone: \"x\"");
  // timestamp without time zone ignores a zone in range.
  CHECK(RoundTrip("2024-01-01 10:00+02", DataType::Of(TypeId::kTimestamp)) ==
        "2024-01-01 10:00:00");
}

TEST_CASE("integer[] text: braces, NULL elements, quotes", "[value_text]") {
  CHECK(RoundTrip("{1,2,3}", kInt4ArrayType) == "{1,2,3}");
  CHECK(RoundTrip("{}", kInt4ArrayType) == "{}");
  CHECK(RoundTrip(" { 1 , NULL , -3 } ", kInt4ArrayType) == "{1,NULL,-3}");
  CHECK(RoundTrip("{\"4\", null}", kInt4ArrayType) == "{4,NULL}");
  auto v = ValueFromText("{7,NULL}", kInt4ArrayType);
  REQUIRE(v.ok());
  REQUIRE(v->AsArray().size() == 2);
  CHECK(v->AsArray()[0].AsInt() == 7);
  CHECK(v->AsArray()[1].is_null());
  Status start = InputError("1,2", kInt4ArrayType);
  CHECK(start.code() == "22P02");
  CHECK(start.message() == "malformed array literal: \"1,2\"");
  CHECK(InputError("{1,2", kInt4ArrayType).code() == "22P02");
  CHECK(InputError("{1,2}x", kInt4ArrayType).code() == "22P02");
  CHECK(InputError("{1,a}", kInt4ArrayType).message() ==
        "invalid input syntax for type integer: \"a\"");
  CHECK(InputError("{1,99999999999}", kInt4ArrayType).code() == "22003");
  CHECK(InputError("{{1},2}", kInt4ArrayType).code() == "22P02");
  CHECK(InputError("{{1},{2,3}}", kInt4ArrayType).code() == "22P02");
  Result<Value> two = ValueFromText(" { {1} , {2} } ", kInt4ArrayType);
  REQUIRE(two.ok());
  REQUIRE(two->Shape() != nullptr);
  CHECK(two->Shape()->dims == std::vector<int32_t>{2, 1});
  CHECK(ValueToText(*two, kInt4ArrayType) == "{{1},{2}}");
  Result<Value> bounded = ValueFromText("[0:1]={5,6}", kInt4ArrayType);
  REQUIRE(bounded.ok());
  CHECK(ValueToText(*bounded, kInt4ArrayType) == "[0:1]={5,6}");
}

TEST_CASE("the new types' names, OIDs and widths are PostgreSQL's", "[value_text]") {
  CHECK(kOidType.Name() == "oid");
  CHECK(kXidType.Name() == "xid");
  CHECK(kTimestampTzType.Name() == "timestamp with time zone");
  CHECK(DataType::TimestampTz(3).Name() == "timestamp(3) with time zone");
  CHECK(kInt4ArrayType.Name() == "integer[]");
  CHECK(kOidType.oid() == 26);
  CHECK(kXidType.oid() == 28);
  CHECK(kTimestampTzType.oid() == 1184);
  CHECK(kInt4ArrayType.oid() == 1007);
  CHECK(kOidType.typlen() == 4);
  CHECK(kXidType.typlen() == 4);
  CHECK(kTimestampTzType.typlen() == 8);
  CHECK(kInt4ArrayType.typlen() == -1);
  CHECK(DataType::FromOid(1184, 3) == DataType::TimestampTz(3));
  CHECK(DataType::FromOid(1007) == kInt4ArrayType);
  CHECK(DataType::FromOid(26) == kOidType);
  CHECK(DataType::FromOid(28) == kXidType);
}

}  // namespace
}  // namespace basalt
