// Expected values were taken from a PostgreSQL 15 server.
#include "common/datetime.h"

#include <catch2/catch.hpp>

namespace basalt {
namespace {

std::string DateRoundTrip(std::string_view text) {
  auto days = ParseDate(text);
  REQUIRE(days.ok());
  return DateToText(*days);
}

std::string TimestampRoundTrip(std::string_view text) {
  auto micros = ParseTimestamp(text);
  REQUIRE(micros.ok());
  return TimestampToText(*micros);
}

TEST_CASE("dates count days from 2000-01-01", "[datetime]") {
  CHECK(*ParseDate("2000-01-01") == 0);
  CHECK(*ParseDate("1999-12-31") == -1);
  CHECK(*ParseDate("2024-01-31") == 8796);
  CHECK(*ParseDate("epoch") == -10957);
  CHECK(*ParseDate("4714-11-24 BC") == kMinDate);
  CHECK(*ParseTimestamp("4714-11-24 00:00 BC") == kMinTimestamp);
  CHECK(*ParseTimestamp("2000-01-01 00:00:01") == 1'000'000);
  CHECK(*ParseTimestamp("1970-01-01") == -10957 * kMicrosPerDay);
}

TEST_CASE("date input accepts the usual spellings", "[datetime]") {
  CHECK(DateRoundTrip(" 2024-01-31 ") == "2024-01-31");
  CHECK(DateRoundTrip("20240131") == "2024-01-31");
  CHECK(DateRoundTrip("2024-1-5") == "2024-01-05");
  CHECK(DateRoundTrip("2024/01/31") == "2024-01-31");
  CHECK(DateRoundTrip("01-31-2024") == "2024-01-31");
  CHECK(DateRoundTrip("124-01-31") == "0124-01-31");
  CHECK(DateRoundTrip("2024-01-31 12:34") == "2024-01-31");
  CHECK(DateRoundTrip("epoch") == "1970-01-01");
  CHECK(DateRoundTrip("0044-03-15 BC") == "0044-03-15 BC");
  CHECK(DateRoundTrip("4713-11-24 BC") == "4713-11-24 BC");
  CHECK(DateRoundTrip("5874897-12-31") == "5874897-12-31");
  CHECK(DateRoundTrip("2000-02-29") == "2000-02-29");
  CHECK(DateRoundTrip("infinity") == "infinity");
  CHECK(DateRoundTrip("-infinity") == "-infinity");
  // The day before 0001-01-01 is in 1 BC.
  CHECK(DateToText(*ParseDate("0001-01-01") - 1) == "0001-12-31 BC");
}

TEST_CASE("date input errors carry PostgreSQL's SQLSTATE", "[datetime]") {
  auto bad = ParseDate("x");
  CHECK(bad.status().code() == "22007");
  CHECK(bad.status().message() == "invalid input syntax for type date: \"x\"");
  for (std::string_view text :
       {"2024-02-30", "1900-02-29", "2024-13-01", "0000-01-01", "24-01-31"}) {
    auto r = ParseDate(text);
    CHECK(r.status().code() == "22008");
    CHECK(r.status().message() ==
          "date/time field value out of range: \"" + std::string(text) + "\"");
  }
  // A month above 12 or a day above 31 may be a DateStyle mix-up: hint.
  CHECK(ParseDate("2024-13-01").status().hint() ==
        "Perhaps you need a different \"datestyle\" setting.");
  CHECK(ParseDate("24-01-31").status().hint() ==
        "Perhaps you need a different \"datestyle\" setting.");
  CHECK(ParseDate("2024-02-30").status().hint().empty());
  CHECK(ParseDate("0000-01-01").status().hint().empty());
  auto early = ParseDate("4714-11-23 BC");
  CHECK(early.status().code() == "22008");
  CHECK(early.status().message() == "date out of range: \"4714-11-23 BC\"");
  CHECK(ParseTimestamp("4714-11-23 23:59 BC").status().code() == "22008");
  CHECK(ParseDate("5874898-01-01").status().message() == "date out of range: \"5874898-01-01\"");
}

TEST_CASE("timestamp(p) rounds halves away from zero", "[datetime]") {
  int64_t t = *ParseTimestamp("2024-01-31 10:11:12.345678");
  CHECK(TimestampToText(RoundTimestamp(t, 0)) == "2024-01-31 10:11:12");
  CHECK(TimestampToText(RoundTimestamp(t, 2)) == "2024-01-31 10:11:12.35");
  CHECK(TimestampToText(RoundTimestamp(t, 6)) == "2024-01-31 10:11:12.345678");
  // Away from zero of the value since 2000-01-01, as PostgreSQL: earlier
  // timestamps round their halves down.
  CHECK(TimestampToText(RoundTimestamp(*ParseTimestamp("2024-01-01 00:00:00.5"), 0)) ==
        "2024-01-01 00:00:01");
  CHECK(TimestampToText(RoundTimestamp(*ParseTimestamp("1999-12-31 23:59:59.5"), 0)) ==
        "1999-12-31 23:59:59");
  CHECK(TimestampToText(RoundTimestamp(*ParseTimestamp("1900-01-01 00:00:00.5"), 0)) ==
        "1900-01-01 00:00:00");
  CHECK(RoundTimestamp(kTimestampPosInfinity, 0) == kTimestampPosInfinity);
  CHECK(RoundTimestamp(t, -1) == t);
}

TEST_CASE("timestamp input and output follow DateStyle ISO", "[datetime]") {
  CHECK(TimestampRoundTrip("2024-01-31 12:34:56.789") == "2024-01-31 12:34:56.789");
  CHECK(TimestampRoundTrip("2024-01-31T12:34:56") == "2024-01-31 12:34:56");
  CHECK(TimestampRoundTrip("2024-01-31") == "2024-01-31 00:00:00");
  CHECK(TimestampRoundTrip("2024-01-31 12:34:56.000") == "2024-01-31 12:34:56");
  CHECK(TimestampRoundTrip("2024-01-31 12:34:56.1234567") == "2024-01-31 12:34:56.123457");
  CHECK(TimestampRoundTrip("2024-01-31 12:34") == "2024-01-31 12:34:00");
  CHECK(TimestampRoundTrip("2024-01-31 24:00:00") == "2024-02-01 00:00:00");
  CHECK(TimestampRoundTrip("2024-01-31 23:59:60") == "2024-02-01 00:00:00");
  CHECK(TimestampRoundTrip("2024-01-31 23:59:59.9999999") == "2024-02-01 00:00:00");
  CHECK(TimestampRoundTrip("2024-01-31T12:34:56Z") == "2024-01-31 12:34:56");
  CHECK(TimestampRoundTrip("2024-01-31 12:34:56 +05:30") == "2024-01-31 12:34:56");
  CHECK(TimestampRoundTrip("0044-03-15 12:00 BC") == "0044-03-15 12:00:00 BC");
  CHECK(TimestampRoundTrip("2024-01-31 12:34:56.5 BC") == "2024-01-31 12:34:56.5 BC");
  CHECK(TimestampRoundTrip("294276-12-31 23:59:59.999999") == "294276-12-31 23:59:59.999999");
  CHECK(TimestampRoundTrip("epoch") == "1970-01-01 00:00:00");
  CHECK(TimestampRoundTrip("infinity") == "infinity");
}

TEST_CASE("timestamp input errors", "[datetime]") {
  auto bad = ParseTimestamp("abc");
  CHECK(bad.status().code() == "22007");
  CHECK(bad.status().message() == "invalid input syntax for type timestamp: \"abc\"");
  CHECK(ParseTimestamp("2024-01-31T").status().code() == "22007");
  CHECK(ParseTimestamp("2024-01-31 12").status().code() == "22007");
  CHECK(ParseTimestamp("2024-01-31 25:00").status().code() == "22008");
  CHECK(ParseTimestamp("2024-01-31 12:60").status().code() == "22008");
  auto late = ParseTimestamp("294277-01-01");
  CHECK(late.status().code() == "22008");
  CHECK(late.status().message() == "timestamp out of range: \"294277-01-01\"");
}

TEST_CASE("date and timestamp convert into each other", "[datetime]") {
  CHECK(TimestampToText(*DateToTimestamp(*ParseDate("1999-12-31"))) == "1999-12-31 00:00:00");
  CHECK(DateToText(TimestampToDate(*ParseTimestamp("1999-12-31 23:59:59.999999"))) == "1999-12-31");
  CHECK(DateToText(TimestampToDate(*ParseTimestamp("0044-03-15 12:00 BC"))) == "0044-03-15 BC");
  CHECK(*DateToTimestamp(kDatePosInfinity) == kTimestampPosInfinity);
  CHECK(TimestampToDate(kTimestampNegInfinity) == kDateNegInfinity);
  auto far = DateToTimestamp(*ParseDate("5874897-12-31"));
  CHECK(far.status().code() == "22008");
  CHECK(far.status().message() == "date out of range for timestamp");
}

TEST_CASE("civil calendar round-trips across eras", "[datetime]") {
  for (int64_t days = kMinDate; days < kEndDate; days += 9973) {
    CivilDate c = CivilFromDays(days);
    REQUIRE(DaysFromCivil(c.year, c.month, c.day) == days);
  }
}

}  // namespace
}  // namespace basalt
