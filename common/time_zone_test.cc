// Expected offsets were taken from a PostgreSQL 15 server (timestamptz
// output under each TimeZone).
#include "common/time_zone.h"

#include <catch2/catch.hpp>

#include "common/datetime.h"

namespace basalt {
namespace {

int64_t Utc(std::string_view text) {
  Result<int64_t> t = ParseTimestamp(text);
  REQUIRE(t.ok());
  return *t;
}

std::string Shown(std::string_view text) {
  Result<int64_t> t = ParseTimestampTz(text);
  REQUIRE(t.ok());
  std::string out;
  AppendTimestampTzText(*t, &out);
  return out;
}

TEST_CASE("IANA zones: transitions, local mean time and the POSIX footer") {
  std::shared_ptr<const TimeZone> berlin = TimeZone::Find("europe/berlin");
  REQUIRE(berlin != nullptr);
  CHECK(berlin->name() == "Europe/Berlin");
  CHECK(berlin->OffsetAt(Utc("2024-01-15 12:00")) == 3600);
  CHECK(berlin->OffsetAt(Utc("2024-07-15 12:00")) == 7200);
  CHECK(berlin->TypeAt(Utc("2024-07-15 12:00")).abbreviation == "CEST");
  CHECK(berlin->OffsetAt(Utc("1800-01-01 00:00")) == 3208);  // LMT +00:53:28
  // Past the file's transitions the footer's rule decides.
  CHECK(berlin->OffsetAt(Utc("2100-07-01 00:00")) == 7200);
  CHECK(berlin->OffsetAt(Utc("2100-12-01 00:00")) == 3600);
  // The change itself: 2024-03-31 01:00 UTC and 2024-10-27 01:00 UTC.
  CHECK(berlin->OffsetAt(Utc("2024-03-31 00:59:59")) == 3600);
  CHECK(berlin->OffsetAt(Utc("2024-03-31 01:00")) == 7200);
  CHECK(berlin->OffsetAt(Utc("2024-10-27 00:59:59")) == 7200);
  CHECK(berlin->OffsetAt(Utc("2024-10-27 01:00")) == 3600);

  std::shared_ptr<const TimeZone> sydney = TimeZone::Find("Australia/Sydney");
  REQUIRE(sydney != nullptr);
  CHECK(sydney->OffsetAt(Utc("2100-01-15 00:00")) == 39600);  // southern summer
  CHECK(sydney->OffsetAt(Utc("2100-07-15 00:00")) == 36000);

  CHECK(TimeZone::Find("Foo/Bar") == nullptr);
  CHECK(TimeZone::Find("../etc/passwd") == nullptr);
  CHECK(TimeZone::Find("") == nullptr);
}

TEST_CASE("wall-clock times in gaps and overlaps take PostgreSQL's offset") {
  std::shared_ptr<const TimeZone> york = TimeZone::Find("America/New_York");
  REQUIRE(york != nullptr);
  // 02:30 does not exist on 2024-03-10: read with the offset before (-05).
  CHECK(york->OffsetForLocal(Utc("2024-03-10 02:30")) == -18000);
  // 01:30 happens twice on 2024-11-03: standard time (-05) wins.
  CHECK(york->OffsetForLocal(Utc("2024-11-03 01:30")) == -18000);
  CHECK(york->OffsetForLocal(Utc("2024-11-03 00:30")) == -14400);
  CHECK(york->OffsetForLocal(Utc("2024-07-01 12:00")) == -14400);
}

TEST_CASE("POSIX rules and fixed offsets") {
  std::shared_ptr<const TimeZone> west = TimeZone::Find("UTC+3");
  REQUIRE(west != nullptr);
  CHECK(west->OffsetAt(0) == -10800);
  std::shared_ptr<const TimeZone> fixed = TimeZone::FixedOffset(19800);
  REQUIRE(fixed != nullptr);
  CHECK(fixed->name() == "<+05:30>-05:30");
  CHECK(fixed->OffsetAt(0) == 19800);
  CHECK(TimeZone::FixedOffset(-18000)->name() == "<-05>+05");
  std::shared_ptr<const TimeZone> us = TimeZone::Find("EST5EDT,M3.2.0,M11.1.0");
  REQUIRE(us != nullptr);
  CHECK(us->OffsetAt(Utc("2030-07-01 00:00")) == -14400);
  CHECK(us->OffsetAt(Utc("2030-01-01 00:00")) == -18000);
  CHECK_FALSE(ParsePosixRule("X1").has_value());
  CHECK_FALSE(ParsePosixRule("CET-1CEST,M13.1.0,M10.5.0").has_value());
}

TEST_CASE("timestamptz text follows the session's zone") {
  ScopedSessionTimeZone zone(TimeZone::Find("Europe/Berlin"));
  CHECK(Shown("2024-03-31 02:30") == "2024-03-31 03:30:00+02");
  CHECK(Shown("2024-10-27 02:30") == "2024-10-27 02:30:00+01");
  CHECK(Shown("2024-07-01 12:00+00") == "2024-07-01 14:00:00+02");
  CHECK(Shown("2024-07-01 12:00 America/New_York") == "2024-07-01 18:00:00+02");
  CHECK(Shown("1800-01-01") == "1800-01-01 00:00:00+00:53:28");
  CHECK(Shown("infinity") == "infinity");
  Result<int64_t> unknown = ParseTimestampTz("2024-01-01 12:00 Foo/Bar");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.status().message() == "time zone \"foo/bar\" not recognized");
}

}  // namespace
}  // namespace basalt
