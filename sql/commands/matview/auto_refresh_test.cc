#include "sql/commands/matview/auto_refresh.h"

#include <catch2/catch.hpp>

namespace basalt::sql {
namespace {

constexpr int64_t kSecond = 1'000'000;

TEST_CASE("refresh_interval: due once the interval since the last start has passed",
          "[auto_refresh]") {
  DueInput in{.now = 100 * kSecond, .since = 91 * kSecond, .refresh_interval = 10 * kSecond};
  CHECK_FALSE(RefreshDue(in));
  in.now = 101 * kSecond;
  CHECK(RefreshDue(in));
}

TEST_CASE("max_staleness over a change log: due by the oldest pending change's age",
          "[auto_refresh]") {
  DueInput in{.now = 100 * kSecond,
              .since = 0,
              .last_duration = kSecond,
              .max_staleness = 5 * kSecond,
              .from_change_log = true};
  // Nothing pending: never due, however long ago the last refresh was.
  CHECK_FALSE(RefreshDue(in));
  // A change 3 s old: a 1 s refresh started now ends when it is 4 s old.
  in.oldest_pending = 97 * kSecond;
  CHECK_FALSE(RefreshDue(in));
  // 3.95 s old: with the refresh's second and a tick, it would pass 5 s.
  in.oldest_pending = 96 * kSecond + 50'000;
  CHECK(RefreshDue(in));
}

TEST_CASE("max_staleness of a view refreshed fully: by the time since the last start",
          "[auto_refresh]") {
  DueInput in{.now = 100 * kSecond,
              .since = 97 * kSecond,
              .last_duration = kSecond,
              .max_staleness = 5 * kSecond};
  CHECK_FALSE(RefreshDue(in));
  in.since = 96 * kSecond;
  CHECK(RefreshDue(in));
}

TEST_CASE("the back-off names the first limit RocksDB's backlog reaches", "[auto_refresh]") {
  const AutoRefreshSettings settings{.backoff_level0_files = 20,
                                     .backoff_pending_compaction_bytes = 1000};
  CHECK_FALSE(BackoffReason({.level0_files = 19, .pending_compaction_bytes = 999}, settings));
  CHECK(BackoffReason({.level0_files = 20, .pending_compaction_bytes = 0}, settings) ==
        "20 level-0 files (limit 20)");
  CHECK(BackoffReason({.level0_files = 0, .pending_compaction_bytes = 4096}, settings) ==
        "4096 bytes of compaction pending (limit 1000)");
  // A limit of 0 is no limit.
  CHECK_FALSE(BackoffReason(
      {.level0_files = 500, .pending_compaction_bytes = 1 << 30},
      AutoRefreshSettings{.backoff_level0_files = 0, .backoff_pending_compaction_bytes = 0}));
}

TEST_CASE("the commit clock dates a sequence by the first sample covering it", "[auto_refresh]") {
  MatviewRefreshBoard board;
  board.SampleCommitClock(10, 1000);
  board.SampleCommitClock(10, 2000);  // no new commit: the sample adds nothing
  board.SampleCommitClock(15, 3000);
  CHECK(board.CommitTimeOf(5) == 1000);  // before the first sample: its time
  CHECK(board.CommitTimeOf(10) == 1000);
  CHECK(board.CommitTimeOf(11) == 3000);
  CHECK(board.CommitTimeOf(15) == 3000);
  // Bounded: past the limit, every other old sample goes; times stay ordered.
  for (uint64_t s = 16; s < 20000; ++s) board.SampleCommitClock(s, static_cast<int64_t>(s) * 1000);
  CHECK(board.CommitTimeOf(19999) == 19'999'000);
  const int64_t coarse = board.CommitTimeOf(100);
  CHECK(coarse >= 100'000);
  CHECK(coarse < 19'999'000);
}

}  // namespace
}  // namespace basalt::sql
