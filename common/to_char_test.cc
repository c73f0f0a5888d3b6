// Expected values were taken from a PostgreSQL 15 server.
#include "common/to_char.h"

#include <catch2/catch.hpp>

#include "common/datetime.h"

namespace basalt {
namespace {

std::string Ts(std::string_view timestamp, std::string_view format) {
  Result<int64_t> t = ParseTimestamp(timestamp);
  REQUIRE(t.ok());
  Result<std::string> s = FormatTimestamp(*t, format);
  REQUIRE(s.ok());
  return *s;
}

std::string Num(std::string_view number, std::string_view format) {
  Result<Numeric> n = Numeric::Parse(number);
  REQUIRE(n.ok());
  Result<std::string> s = FormatNumber(*n, format);
  REQUIRE(s.ok());
  return *s;
}

TEST_CASE("to_char formats timestamps with PostgreSQL's patterns", "[to_char]") {
  CHECK(Ts("2020-03-05 14:07:09.123456", "YYYY-MM-DD HH24:MI:SS.MS US") ==
        "2020-03-05 14:07:09.123 123456");
  CHECK(Ts("2020-03-05 00:07:09", "HH:MI PM") == "12:07 AM");
  CHECK(Ts("2020-03-05", "Day DY dy") == "Thursday  THU thu");
  CHECK(Ts("2020-03-05", "FMDay, FMMonth DD") == "Thursday, March 05");
  CHECK(Ts("2020-03-01", "DDth FMDDth") == "01st 1st");
  CHECK(Ts("2021-01-01", "IYYY-IW-ID") == "2020-53-5");
  CHECK(Ts("2020-03-05", "\"Year\" YYYY") == "Year 2020");
  CHECK(Ts("0044-03-15 BC", "YYYY AD CC") == "0044 BC -01");
}

TEST_CASE("to_char formats numbers with PostgreSQL's patterns", "[to_char]") {
  CHECK(Num("123", "999") == " 123");
  CHECK(Num("-123", "999") == "-123");
  CHECK(Num("123", "99") == " ##");
  CHECK(Num("-5", "000") == "-005");
  CHECK(Num("0.5", "9.99") == "  .50");
  CHECK(Num("1.5", "FM9.99") == "1.5");
  CHECK(Num("1234567.891", "9,999,999.99") == " 1,234,567.89");
  CHECK(Num("-12", "999MI") == " 12-");
  CHECK(Num("12", "S999") == " +12");
}

std::string ReadNum(std::string_view text, std::string_view format) {
  Result<Numeric> n = ParseNumberWithFormat(text, format);
  REQUIRE(n.ok());
  return n->ToString();
}

TEST_CASE("to_number reads numbers by a template", "[to_char]") {
  CHECK(ReadNum("12,454.8-", "99G999D9S") == "-12454.8");
  CHECK(ReadNum("$1,234.56", "L9,999.99") == "1234.56");
  CHECK(ReadNum("1,234", "FM9,999") == "123");  // FM skips the group separator pattern
  CHECK(ReadNum("12", "MI99") == "12");
  CHECK(ReadNum("12.345", "99.99") == "12.34");
  CHECK(ReadNum("5.01-", "FM9.999999MI") == "-5.01");
  CHECK(ParseNumberWithFormat("abc", "999").status().code() ==
        sqlstate::kInvalidTextRepresentation);
  CHECK(ParseNumberWithFormat("123", "9.9").status().code() == sqlstate::kNumericValueOutOfRange);
}

TEST_CASE("to_timestamp reads text by a template", "[to_char]") {
  CHECK(TimestampToText(*ParseTimestampWithFormat(
            "05/03/2020 02:07 PM", "DD/MM/YYYY HH12:MI AM")) == "2020-03-05 14:07:00");
  CHECK(DateToText(*ParseDateWithFormat("20200305", "YYYYMMDD")) == "2020-03-05");
  CHECK_FALSE(ParseDateWithFormat("2020-02-30", "YYYY-MM-DD").ok());
}

}  // namespace
}  // namespace basalt
