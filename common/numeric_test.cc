// Expected values were taken from a PostgreSQL 15 server.
#include "common/numeric.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <tuple>

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

TEST_CASE("numeric past PostgreSQL's limits overflows with 22003", "[numeric]") {
  for (std::string_view bad : {"1e131072", "1e-16384", "1e1000000"}) {
    auto r = Numeric::Parse(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == "22003");
    CHECK(r.status().message() == "value overflows numeric format");
  }
  CHECK(N("1e131071").ToString().size() == 131072);
  CHECK(N("1e-16383").scale() == 16383);
  CHECK(N("1e100000").Multiply(N("1e100000")).status().code() == "22003");
  // The product's scale stops at 16383, rounded.
  CHECK(N("1e-16383").Multiply(N("1e-5"))->scale() == 16383);
}

TEST_CASE("numeric holds values past 38 digits exactly", "[numeric]") {
  CHECK(N("123456789012345678901234567890123456789").Add(N("1"))->ToString() ==
        "123456789012345678901234567890123456790");
  auto sum = N("99999999999999999999999999999999999999").Add(N("1"));
  CHECK(sum->ToString() == "100000000000000000000000000000000000000");
  CHECK_FALSE(sum->is_inline());
  // Back under 38 digits, the value is inline again.
  CHECK(sum->Subtract(N("1"))->is_inline());
  CHECK(N("12345678901234567890123456789")
            .Multiply(N("98765432109876543210.987654321"))
            ->ToString() == "1219326311370217952261850327336229233322374638011.112635269");
  CHECK(Div("1e-30", "3") == "0.000000000000000000000000000000333333333333333333");
  CHECK(Div("1", "7e40") == "0.000000000000000000000000000000000000000014285714285714285714");
  CHECK(Div("12345678901234567890123456789012345678901234567890", "7") ==
        "1763668414462081127160493827001763668414462081127");
  CHECK(N("123456789012345678901234567890123456789012").Modulo(N("97"))->ToString() == "96");
  CHECK(N("-123456789012345678901234567890123456789.5").Modulo(N("7"))->ToString() == "-1.5");
  CHECK(N("123456789012345678901234567890123456789.5").Round(0)->ToString() ==
        "123456789012345678901234567890123456790");
  CHECK(N("-99999999999999999999999999999999999999.5").Round(0)->ToString() ==
        "-100000000000000000000000000000000000000");
  CHECK(N("12345678901234567890123456789012345678901.987").Trunc(-3)->ToString() ==
        "12345678901234567890123456789012345678000");
  CHECK(N("-12345678901234567890123456789012345678901.5").Ceil()->ToString() ==
        "-12345678901234567890123456789012345678901");
  CHECK(N("-12345678901234567890123456789012345678901.5").Floor()->ToString() ==
        "-12345678901234567890123456789012345678902");
  CHECK(N("1e50").DivTrunc(N("3"))->ToString() ==
        "33333333333333333333333333333333333333333333333333");
  CHECK(N("1e40").Gcd(N("6e39"))->ToString() == "2000000000000000000000000000000000000000");
  CHECK(N("123456789012345678901").Lcm(N("987654321098765432109"))->ToString() ==
        "121932631137021795225845145533336229232209");
  CHECK(N("1.0e-40").Add(N("1"))->ToString() == "1.00000000000000000000000000000000000000010");
  const Numeric long_scale = N("1.5000000000000000000000000000000000000000000000000000000000000");
  CHECK(long_scale.Normalized().ToString() == "1.5");
  CHECK(long_scale.Normalized().is_inline());
  CHECK(N("1e60") == N("1000000000000000000000000000000000000000000000000000000000000.00"));
  CHECK(N("1e60").Compare(N("-1e61")) == 1);
  CHECK(N("-1e60").Compare(N("-1e59")) == -1);
  CHECK(Numeric::Factorial(33)->ToString() == "8683317618811886495518194401280000000");
  CHECK(Numeric::Factorial(40)->ToString() == "815915283247897734345611269596115894272000000000");
  CHECK(Numeric::Factorial(32178).status().code() == "22003");
  CHECK(Numeric::Factorial(-1).status().message() == "factorial of a negative number is undefined");
  // Copies share the heap value; both stay valid.
  Numeric copy = *sum;
  Numeric moved = std::move(copy);
  CHECK(moved.ToString() == sum->ToString());
}

TEST_CASE("numeric sqrt uses PostgreSQL's result scale", "[numeric]") {
  CHECK(N("2").Sqrt()->ToString() == "1.414213562373095");
  CHECK(N("0.0001").Sqrt()->ToString() == "0.01000000000000000");
  CHECK(N("1e-20").Sqrt()->ToString() == "0.0000000001000000000000000");
  CHECK(N("99999999.0").Sqrt()->ToString() == "9999.9999499999999");
  CHECK(N("1e100").Sqrt()->ToString() == "100000000000000000000000000000000000000000000000000");
  CHECK(N("12345678901234567890123456789012345678901234567890.5").Sqrt()->ToString() ==
        "3513641828820144253111222.4");
  // The scale stops at 1000: sqrt(1e-3000) = 1e-1500 rounds to zero.
  CHECK(N("1e-3000").Sqrt()->ToString() == "0." + std::string(1000, '0'));
  CHECK(N("-1").Sqrt().status().code() == "2201F");
  CHECK(N("-inf").Sqrt().status().message() == "cannot take square root of a negative number");
  CHECK(N("inf").Sqrt()->ToString() == "Infinity");
  CHECK(N("nan").Sqrt()->ToString() == "NaN");
}

std::string Pow(std::string_view a, std::string_view b) {
  auto r = N(a).Power(N(b));
  REQUIRE(r.ok());
  return r->ToString();
}

TEST_CASE("numeric power with integer exponents, as PostgreSQL 15", "[numeric]") {
  CHECK(Pow("2.5", "3") == "15.6250000000000000");
  CHECK(Pow("0.5", "100") == "0.0000000000000000");
  CHECK(Pow("2", "-2") == "0.2500000000000000");
  CHECK(Pow("1.5", "40") == "11057332.3209400121422732");
  CHECK(Pow("2", "200") ==
        "1606938044258990275541962092341162602522202993782792835301376.0000000000000000");
  CHECK(Pow("1.0000001", "100000000") == "22026.4547815773066365");
  CHECK(Pow("0", "0") == "1.0000000000000000");
  CHECK(Pow("-2", "3") == "-8.0000000000000000");
  CHECK(Pow("-2.5", "-3") == "-0.0640000000000000");
  CHECK(Pow("7", "2.00") == "49.0000000000000000");
  CHECK(Pow("1.00000000000000000001", "2") == "1.00000000000000000002");
  CHECK(Pow("1", "1e20") == "1.0000000000000000");
  CHECK(Pow("0", "0.5") == "0.0000000000000000");
  CHECK(N("10").Power(N("200000")).status().code() == "22003");
  CHECK(N("2").Power(N("1e20")).status().code() == "22003");
  CHECK(N("0").Power(N("-1")).status().message() == "zero raised to a negative power is undefined");
  CHECK(N("-2").Power(N("0.5")).status().message() ==
        "a negative number raised to a non-integer power yields a complex result");
  CHECK(Pow("2", "0.5") == "1.4142135623730950");
  CHECK(Pow("nan", "0") == "1");
  CHECK(Pow("1", "nan") == "1");
  CHECK(Pow("nan", "1") == "NaN");
  CHECK(Pow("2", "inf") == "Infinity");
  CHECK(Pow("0.5", "inf") == "0");
  CHECK(Pow("-1", "inf") == "1");
  CHECK(Pow("2", "-inf") == "0");
  CHECK(Pow("-inf", "3") == "-Infinity");
  CHECK(Pow("-inf", "2") == "Infinity");
  CHECK(Pow("-inf", "-3") == "0");
  CHECK(Pow("inf", "0") == "1");
  CHECK(Pow("-inf", "inf") == "Infinity");
  CHECK(N("0").Power(N("-inf")).status().code() == "2201F");
  CHECK(N("-inf").Power(N("0.5")).status().code() == "2201F");
}

TEST_CASE("numeric exp, ln, log and non-integer powers, as PostgreSQL 15", "[numeric]") {
  auto text = [](const Result<Numeric>& r) {
    REQUIRE(r.ok());
    return r->ToString();
  };
  CHECK(text(N("1.0").Exp()) == "2.7182818284590452");
  CHECK(text(N("-10").Exp()) == "0.00004539992976248485");
  CHECK(text(N("2.0").Ln()) == "0.6931471805599453");
  CHECK(text(N("1e100").Ln()) == "230.25850929940457");
  CHECK(text(N("2.0").Log(N("64.0"))) == "6.0000000000000000");
  CHECK(text(N("2").Log(N("3"))) == "1.5849625007211562");
  CHECK(text(N("10").Log(N("100"))) == "2.0000000000000000");
  // The scale follows PostgreSQL's low-precision estimate of the weight: 3.
  CHECK(Pow("100", "1.5") == "1000.0000000000000");
  CHECK(Pow("1.5", "2.5") == "2.7556759606310754");
  CHECK(N("6000").Exp().status().code() == "22003");
  CHECK(N("0").Ln().status().message() == "cannot take logarithm of zero");
  CHECK(N("-1").Ln().status().code() == "2201E");
  CHECK(N("1").Log(N("10")).status().code() == "22012");
}

TEST_CASE("numeric NaN and infinities follow PostgreSQL", "[numeric]") {
  CHECK(N("NaN").ToString() == "NaN");
  CHECK(N("  +InF ").ToString() == "Infinity");
  CHECK(N("-infinity").ToString() == "-Infinity");
  CHECK(Numeric::Parse("+nan").status().code() == "22P02");
  CHECK(N("inf").Divide(N("0")).status().code() == "22012");
  CHECK(N("nan").Divide(N("0"))->ToString() == "NaN");
  CHECK(N("inf").Divide(N("inf"))->ToString() == "NaN");
  CHECK(N("1").Divide(N("inf"))->ToString() == "0");
  CHECK(N("-1.5").Divide(N("-inf"))->ToString() == "0");
  CHECK(N("inf").Modulo(N("2"))->ToString() == "NaN");
  CHECK(N("-5.5").Modulo(N("inf"))->ToString() == "-5.5");
  CHECK(N("inf").Modulo(N("0")).status().code() == "22012");
  CHECK(N("inf").Multiply(N("0"))->ToString() == "NaN");
  CHECK(N("-inf").Multiply(N("-2"))->ToString() == "Infinity");
  CHECK(N("inf").Subtract(N("inf"))->ToString() == "NaN");
  CHECK(N("inf").Add(N("1e100"))->ToString() == "Infinity");
  CHECK(N("inf").DivTrunc(N("2"))->ToString() == "Infinity");
  CHECK(N("5").DivTrunc(N("inf"))->ToString() == "0");
  CHECK(N("-inf").Negate().ToString() == "Infinity");
  CHECK(N("nan").Negate().ToString() == "NaN");
  CHECK(N("-inf").Abs().ToString() == "Infinity");
  CHECK(N("-inf").Round(2)->ToString() == "-Infinity");
  CHECK(N("inf").Gcd(N("2"))->ToString() == "NaN");
  // NaN sorts above everything and equals itself.
  CHECK(N("nan") == N("NaN"));
  CHECK(N("nan").Compare(N("inf")) == 1);
  CHECK(N("inf").Compare(N("1e1000")) == 1);
  CHECK(N("-inf").Compare(N("-1e1000")) == -1);
  CHECK(N("-inf").Compare(N("-inf")) == 0);
  auto nan_int = N("nan").ToInt64("integer");
  CHECK(nan_int.status().code() == "0A000");
  CHECK(nan_int.status().message() == "cannot convert NaN to integer");
  CHECK(N("-inf").ToInt64("smallint").status().message() == "cannot convert infinity to smallint");
  CHECK(std::isnan(N("nan").ToDouble()));
  CHECK(N("-inf").ToDouble() == -std::numeric_limits<double>::infinity());
  CHECK(Numeric::FromDouble(std::numeric_limits<double>::quiet_NaN())->is_nan());
  CHECK(Numeric::FromFloat4(-std::numeric_limits<float>::infinity())->ToString() == "-Infinity");
  CHECK(N("nan").ApplyTypmod(3, 1)->is_nan());
  auto inf_typmod = N("inf").ApplyTypmod(10, 2);
  CHECK(inf_typmod.status().message() == "numeric field overflow");
  CHECK(inf_typmod.status().detail() ==
        "A field with precision 10, scale 2 cannot hold an infinite value.");
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
  // PostgreSQL 15's scales below zero and above the precision.
  CHECK(N("12345").ApplyTypmod(2, -3)->ToString() == "12000");
  CHECK(N("123456").ApplyTypmod(2, -3).status().detail() ==
        "A field with precision 2, scale -3 must round to an absolute value less than 10^5.");
  CHECK(N("0.00099").ApplyTypmod(2, 5)->ToString() == "0.00099");
  CHECK(N("0.001").ApplyTypmod(2, 5).status().detail() ==
        "A field with precision 2, scale 5 must round to an absolute value less than 10^-3.");
  CHECK(N("1").ApplyTypmod(3, 3).status().detail() ==
        "A field with precision 3, scale 3 must round to an absolute value less than 1.");
  CHECK(N("1e999").ApplyTypmod(1000, 0)->ToString().size() == 1000);
  CHECK(N("1e1000").ApplyTypmod(1000, 0).status().code() == "22003");
}

TEST_CASE("numeric converts to and from other numbers", "[numeric]") {
  CHECK(Numeric::FromDouble(0.1)->ToString() == "0.1");
  CHECK(Numeric::FromDouble(1e20)->ToString() == "100000000000000000000");
  CHECK(Numeric::FromDouble(1.0 / 3)->ToString() == "0.333333333333333");
  CHECK(Numeric::FromDouble(123456789.123456789)->ToString() == "123456789.123457");
  CHECK(Numeric::FromDouble(1.5e-20)->ToString() == "0.000000000000000000015");
  CHECK(Numeric::FromFloat4(1234567.8f)->ToString() == "1234570");
  CHECK(Numeric::FromFloat4(3.0f / 7.0f)->ToString() == "0.428571");
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
