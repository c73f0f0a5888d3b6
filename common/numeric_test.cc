// Expected values were taken from a PostgreSQL 15 server.
#include "common/numeric.h"

#include <catch2/catch.hpp>

namespace basalt {
namespace {

Numeric N(std::string_view text) {
  auto n = Numeric::Parse(text);
  REQUIRE(n.ok());
  return *n;
}

std::string Div(std::string_view a, std::string_view b) {
  auto r = N(a).Divide(N(b));
  REQUIRE(r.ok());
  return r->ToString();
}

TEST_CASE("numeric_in accepts PostgreSQL's syntax", "[numeric]") {
  CHECK(N(" 1.5e3 ").ToString() == "1500");
  CHECK(N("1e-3").ToString() == "0.001");
  CHECK(N(".5").ToString() == "0.5");
  CHECK(N("5.").ToString() == "5");
  CHECK(N("-0.0").ToString() == "0.0");
  CHECK(N("+1").ToString() == "1");
  CHECK(N("1.50e1").ToString() == "15.0");
  CHECK(N("-000123.4500").ToString() == "-123.4500");
  CHECK(N("99999999999999999999999999999999999999").ToString() ==
        "99999999999999999999999999999999999999");
}

TEST_CASE("numeric_in rejects bad syntax with 22P02", "[numeric]") {
  for (std::string_view bad : {"abc", "1e", "", " ", "1.2.3", "--1", "1 2", "e5", "."}) {
    auto r = Numeric::Parse(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == "22P02");
  }
  CHECK(Numeric::Parse("abc").status().message() ==
        "invalid input syntax for type numeric: \"abc\"");
}

TEST_CASE("numeric beyond 38 digits overflows with 22003", "[numeric]") {
  auto r = Numeric::Parse("123456789012345678901234567890123456789");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == "22003");
  CHECK(r.status().message() == "value overflows numeric format");
  auto sum = N("99999999999999999999999999999999999999").Add(N("1"));
  CHECK(sum.status().code() == "22003");
}

TEST_CASE("numeric +, -, * use PostgreSQL's result scales", "[numeric]") {
  CHECK(N("1.10").Add(N("2.2"))->ToString() == "3.30");
  CHECK(N("1.10").Multiply(N("2.2"))->ToString() == "2.420");
  CHECK(N("1.10").Subtract(N("2.20"))->ToString() == "-1.10");
  CHECK(N("0.00").Multiply(N("3"))->ToString() == "0.00");
  CHECK(N("12345678901234567890.123").Multiply(N("2"))->ToString() == "24691357802469135780.246");
}

TEST_CASE("numeric division picks PostgreSQL's scale", "[numeric]") {
  CHECK(Div("1", "3") == "0.33333333333333333333");
  CHECK(Div("10", "4") == "2.5000000000000000");
  CHECK(Div("1.0", "3") == "0.33333333333333333333");
  CHECK(Div("2", "3") == "0.66666666666666666667");
  CHECK(Div("100000", "3") == "33333.333333333333");
  CHECK(Div("1", "30000") == "0.000033333333333333333333");
  CHECK(Div("1.000000000000000000000", "3") == "0.333333333333333333333");
  CHECK(Div("123456789.123", "7") == "17636684.160428571429");
  CHECK(Div("0.0001", "3") == "0.000033333333333333333333");
  CHECK(Div("1e-10", "3") == "0.0000000000333333333333333333");
  CHECK(Div("12345678901234567890", "0.001") == "12345678901234567890000.000");
  CHECK(Div("-7", "2") == "-3.5000000000000000");
  auto zero = N("1").Divide(N("0.00"));
  CHECK(zero.status().code() == "22012");
  CHECK(zero.status().message() == "division by zero");
}

TEST_CASE("numeric modulo keeps the dividend's sign", "[numeric]") {
  CHECK(N("5.5").Modulo(N("2"))->ToString() == "1.5");
  CHECK(N("-5.5").Modulo(N("2"))->ToString() == "-1.5");
  CHECK(N("-7").Modulo(N("3"))->ToString() == "-1");
  CHECK(N("7").Modulo(N("-3"))->ToString() == "1");
  CHECK(N("7.5").Modulo(N("0.2"))->ToString() == "0.1");
  CHECK(N("10").Modulo(N("0")).status().code() == "22012");
}

TEST_CASE("numeric round is half away from zero", "[numeric]") {
  CHECK(N("2.5").Round(0)->ToString() == "3");
  CHECK(N("-2.5").Round(0)->ToString() == "-3");
  CHECK(N("1.2345").Round(2)->ToString() == "1.23");
  CHECK(N("1234.5").Round(-2)->ToString() == "1200");
  CHECK(N("1249.5").Round(-2)->ToString() == "1200");
  CHECK(N("1.5").Round(5)->ToString() == "1.50000");
  CHECK(N("1.25").Round(1)->ToString() == "1.3");
}

TEST_CASE("numeric typmod rounds and checks the integer digits", "[numeric]") {
  CHECK(N("12.345").ApplyTypmod(4, 2)->ToString() == "12.35");
  CHECK(N("1.5").ApplyTypmod(3, 2)->ToString() == "1.50");
  CHECK(N("5").ApplyTypmod(5, 2)->ToString() == "5.00");
  CHECK(N("1.999").ApplyTypmod(3, 2)->ToString() == "2.00");
  CHECK(N("123.456").ApplyTypmod(5, 2)->ToString() == "123.46");
  for (auto [value, p, s] : {std::tuple{"1.5", 2, 2}, {"1234.5", 5, 2}, {"9.5", 1, 0}}) {
    auto r = N(value).ApplyTypmod(p, s);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == "22003");
    CHECK(r.status().message() == "numeric field overflow");
  }
}

TEST_CASE("numeric converts to and from other numbers", "[numeric]") {
  CHECK(Numeric::FromDouble(0.1)->ToString() == "0.1");
  CHECK(Numeric::FromDouble(1e20)->ToString() == "100000000000000000000");
  CHECK(Numeric::FromDouble(1.0 / 3)->ToString() == "0.333333333333333");
  CHECK(Numeric::FromDouble(123456789.123456789)->ToString() == "123456789.123457");
  CHECK(Numeric::FromDouble(1.5e-20)->ToString() == "0.000000000000000000015");
  CHECK(Numeric::FromFloat4(1234567.8f)->ToString() == "1234570");
  CHECK(Numeric::FromFloat4(3.0f / 7.0f)->ToString() == "0.428571");
  CHECK(Numeric::FromDouble(std::numeric_limits<double>::quiet_NaN()).status().code() == "22003");
  CHECK(N("12345678901234567890").ToDouble() == 1.2345678901234567e+19);
  CHECK(*N("2.5").ToInt64() == 3);
  CHECK(*N("-2.5").ToInt64() == -3);
  CHECK(*N("-9223372036854775808").ToInt64() == INT64_MIN);
  auto big = N("9223372036854775807.5").ToInt64();
  CHECK(big.status().code() == "22003");
  CHECK(big.status().message() == "bigint out of range");
}

TEST_CASE("numeric compares by value, not by scale", "[numeric]") {
  CHECK(N("1.0") == N("1.00"));
  CHECK(N("1.0").Compare(N("0.99999999999999999999999999999999999999")) == 1);
  CHECK(N("-2").Compare(N("-1.5")) == -1);
  CHECK(N("0").Compare(N("-0.000")) == 0);
  CHECK(N("99999999999999999999999999999999999999").Compare(N("0.1")) == 1);
  CHECK(N("1.50").Normalized().ToString() == "1.5");
  CHECK(N("100").Normalized().ToString() == "100");
  CHECK(N("0.000").Normalized().ToString() == "0");
}

}  // namespace
}  // namespace basalt
