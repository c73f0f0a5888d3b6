// Expected values were taken from a PostgreSQL 15 server.
#include "common/time_tz.h"

#include <catch2/catch.hpp>
#include <string>

#include "common/time_zone.h"

namespace basalt {
namespace {

std::string RoundTrip(std::string_view text) {
  Result<int64_t> t = ParseTimeTz(text);
  REQUIRE(t.ok());
  std::string out;
  AppendTimeTzText(*t, &out);
  return out;
}

int64_t T(std::string_view text) {
  Result<int64_t> t = ParseTimeTz(text);
  REQUIRE(t.ok());
  return *t;
}

TEST_CASE("timetz_in and timetz_out", "[timetz]") {
  CHECK(RoundTrip("04:05:06+02") == "04:05:06+02");
  CHECK(RoundTrip("04:05:06.789-05:30") == "04:05:06.789-05:30");
  CHECK(RoundTrip("04:05:06 +0530") == "04:05:06+05:30");
  CHECK(RoundTrip("23:59:59.999999+15:59:59") == "23:59:59.999999+15:59:59");
  CHECK(RoundTrip("4:05:06 PM -08") == "16:05:06-08");
  CHECK(RoundTrip("allballs") == "00:00:00+00");
  CHECK(RoundTrip("04:05:06Z") == "04:05:06+00");
  CHECK(RoundTrip("2024-07-01 04:05:06 Europe/Berlin") == "04:05:06+02");
  CHECK(RoundTrip("2024-01-01 04:05:06 America/New_York") == "04:05:06-05");
  CHECK(ParseTimeTz("10:00:00+16").status().code() == "22009");
  CHECK(ParseTimeTz("25:00:00+00").status().code() == "22008");
  CHECK(ParseTimeTz("nonsense").status().message() ==
        "invalid input syntax for type time with time zone: \"nonsense\"");
  CHECK(ParseTimeTz("04:05:06 Asia/Kolkata").status().code() == "22007");  // needs a date
  CHECK(ParseTimeTz("10:00 Mars/Olympus").status().code() == "22023");
}

TEST_CASE("timetz orders by UTC time, then the zone further east first", "[timetz]") {
  CHECK(CompareTimeTz(T("10:00+02"), T("08:00+00")) < 0);
  CHECK(CompareTimeTz(T("08:00+00"), T("10:00+02")) > 0);
  CHECK(CompareTimeTz(T("08:00+00"), T("08:00:00+00")) == 0);
  CHECK(CompareTimeTz(T("23:30-05"), T("24:00:00+00")) > 0);  // not wrapped into a day
  CHECK(CompareTimeTz(T("00:00+00"), T("12:00:00.5+05:30")) < 0);
}

TEST_CASE("timetz from timestamptz and AT TIME ZONE", "[timetz]") {
  ScopedSessionTimeZone berlin(TimeZone::Find("Europe/Berlin"));
  std::string out;
  // 2024-07-01 10:00:00+00: microseconds since 2000-01-01.
  AppendTimeTzText(TimeTzFromTimestampTz(773143200000000), &out);
  CHECK(out == "12:00:00+02");
  out.clear();
  AppendTimeTzText(TimeTzAtOffset(T("23:00+00"), 9 * 3600), &out);
  CHECK(out == "08:00:00+09");
}

}  // namespace
}  // namespace basalt
