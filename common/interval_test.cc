// Expected values were taken from a PostgreSQL 15 server.
#include "common/interval.h"

#include <catch2/catch.hpp>

#include "common/datetime.h"
#include "common/sqlstate.h"

namespace basalt {
namespace {

std::string RoundTrip(std::string_view text, IntervalRange range = {}) {
  Result<Interval> v = ParseInterval(text, range);
  REQUIRE(v.ok());
  return IntervalToText(*v);
}

std::string Code(std::string_view text) {
  Result<Interval> v = ParseInterval(text);
  REQUIRE_FALSE(v.ok());
  return std::string(v.status().code());
}

int64_t Ts(std::string_view text) {
  Result<int64_t> v = ParseTimestamp(text);
  REQUIRE(v.ok());
  return *v;
}

TEST_CASE("interval input keeps months, days and time apart", "[interval]") {
  Result<Interval> v = ParseInterval("1 year 2 mons 3 days 04:05:06.5");
  REQUIRE(v.ok());
  CHECK(v->months == 14);
  CHECK(v->days == 3);
  CHECK(v->micros == ((4 * 60 + 5) * 60 + 6) * kMicrosPerSecond + 500'000);
}

TEST_CASE("interval input reads PostgreSQL's forms", "[interval]") {
  CHECK(RoundTrip("1 day 2 hours") == "1 day 02:00:00");
  CHECK(RoundTrip("1-2") == "1 year 2 mons");
  CHECK(RoundTrip("-1-2") == "-1 years -2 mons");
  CHECK(RoundTrip("P1Y2M3DT4H5M6.5S") == "1 year 2 mons 3 days 04:05:06.5");
  CHECK(RoundTrip("P1W") == "7 days");
  CHECK(RoundTrip("@ 1 hour ago") == "-01:00:00");
  CHECK(RoundTrip("1 2:03:04") == "1 day 02:03:04");
  CHECK(RoundTrip("1d 2h 3m 4s") == "1 day 02:03:04");
  CHECK(RoundTrip("1.5 years") == "1 year 6 mons");
  CHECK(RoundTrip("1.5 months") == "1 mon 15 days");
  CHECK(RoundTrip("1.5 weeks") == "10 days 12:00:00");
  CHECK(RoundTrip("3 microseconds") == "00:00:00.000003");
  CHECK(RoundTrip("+1 day -1 hour") == "1 day -01:00:00");
  CHECK(RoundTrip("-1 day +02:03") == "-1 days +02:03:00");
  CHECK(RoundTrip("1", IntervalRangeFromText("day")) == "1 day");
  CHECK(RoundTrip("10:30", IntervalRangeFromText("minute to second")) == "00:10:30");
  CHECK(RoundTrip("1 day 02:03:04", IntervalRangeFromText("hour to minute")) == "1 day 02:03:00");
}

TEST_CASE("interval input errors carry PostgreSQL's SQLSTATEs", "[interval]") {
  CHECK(Code("garbage") == sqlstate::kInvalidDatetimeFormat);
  CHECK(Code("1 day 1 day") == sqlstate::kInvalidDatetimeFormat);
  CHECK(Code("1 quarter") == sqlstate::kInvalidDatetimeFormat);
  CHECK(Code("2147483648 days") == sqlstate::kIntervalFieldOverflow);
  CHECK(Code("1:60") == sqlstate::kIntervalFieldOverflow);
}

TEST_CASE("interval output follows IntervalStyle postgres", "[interval]") {
  CHECK(IntervalToText(Interval{}) == "00:00:00");
  CHECK(IntervalToText(Interval{-14, 0, 0}) == "-1 years -2 mons");
  CHECK(IntervalToText(Interval{0, 0, -100 * 3600 * kMicrosPerSecond}) == "-100:00:00");
  CHECK(IntervalToText(Interval{1, -1, 0}) == "1 mon -1 days");
}

TEST_CASE("intervals compare by their 30-day-month span", "[interval]") {
  CHECK(Interval{1, 0, 0}.Compare(Interval{0, 30, 0}) == 0);
  CHECK(Interval{0, 1, 0}.Compare(Interval{0, 0, kMicrosPerDay}) == 0);
  CHECK(Interval{12, 0, 0}.Compare(Interval{0, 366, 0}) < 0);
  CHECK(Interval{0, -1, 0}.Compare(Interval{}) < 0);
}

TEST_CASE("adding months clamps to the month's end", "[interval]") {
  CHECK(TimestampToText(*AddIntervalToTimestamp(Ts("2020-01-31"), Interval{1, 0, 0})) ==
        "2020-02-29 00:00:00");
  CHECK(TimestampToText(*AddIntervalToTimestamp(Ts("2021-01-31"), Interval{1, 0, 0})) ==
        "2021-02-28 00:00:00");
  CHECK(TimestampToText(*AddIntervalToTimestamp(Ts("2020-03-31 10:00"), Interval{-1, 0, 0})) ==
        "2020-02-29 10:00:00");
  CHECK(*AddIntervalToTimestamp(kTimestampPosInfinity, Interval{0, 1, 0}) == kTimestampPosInfinity);
  CHECK_FALSE(AddIntervalToTimestamp(Ts("294276-12-31"), Interval{0, 1, 0}).ok());
}

TEST_CASE("interval arithmetic matches PostgreSQL", "[interval]") {
  CHECK(IntervalToText(*SubtractTimestamps(Ts("2020-03-01"), Ts("2020-01-01"))) == "60 days");
  CHECK(IntervalToText(*MultiplyInterval(Interval{1, 0, 0}, 1.5)) == "1 mon 15 days");
  CHECK(IntervalToText(*MultiplyInterval(Interval{1, 1, 0}, 0.1)) == "3 days 02:24:00");
  CHECK(IntervalToText(*DivideInterval(Interval{0, 0, 3600 * kMicrosPerSecond}, 3)) == "00:20:00");
  CHECK_FALSE(DivideInterval(Interval{0, 1, 0}, 0).ok());
  CHECK(IntervalToText(*JustifyHours(Interval{0, 0, 50 * 3600 * kMicrosPerSecond})) ==
        "2 days 02:00:00");
  CHECK(IntervalToText(*JustifyDays(Interval{0, -35, 0})) == "-1 mons -5 days");
  CHECK(IntervalToText(*JustifyInterval(Interval{1, 0, -3600 * kMicrosPerSecond})) ==
        "29 days 23:00:00");
  CHECK(IntervalToText(*TimestampAge(Ts("2001-04-10"), Ts("1957-06-13"))) ==
        "43 years 9 mons 27 days");
  CHECK(IntervalToText(*TimestampAge(Ts("2020-02-29"), Ts("2020-03-31"))) == "-1 mons -2 days");
}

}  // namespace
}  // namespace basalt
