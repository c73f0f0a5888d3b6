#include "sql/activity_counts.h"

#include <catch2/catch.hpp>

namespace basalt::sql {
namespace {

storage::Transaction::RowWritesByTable Writes(Oid table, uint64_t ins, uint64_t upd, uint64_t del) {
  storage::Transaction::RowWritesByTable writes;
  writes[table] = {.inserted = ins, .updated = upd, .deleted = del};
  return writes;
}

TEST_CASE("row writes count as writes always, as live rows only when committed",
          "[activity_counts]") {
  ActivityCounts activity;
  activity.AddTransactionWrites(Writes(7, 10, 2, 3), /*committed=*/true);
  activity.AddTransactionWrites(Writes(7, 5, 1, 0), /*committed=*/false);
  const TableActivityCounts t = activity.Table(7);
  CHECK(t.n_tup_ins == 15);
  CHECK(t.n_tup_upd == 3);
  CHECK(t.n_tup_del == 3);
  CHECK(t.n_ins_since_vacuum == 15);
  CHECK(t.live_rows_change == 7);
  CHECK(t.n_mod_since_analyze == 15);
  CHECK(activity.ModifiedSinceAnalyze(7) == 15);
  CHECK(activity.ModifiedSinceAnalyze(8) == 0);
}

TEST_CASE("ANALYZE sets the live rows and starts the writes since it again", "[activity_counts]") {
  ActivityCounts activity;
  activity.AddTransactionWrites(Writes(7, 10, 0, 0), true);
  activity.RecordAnalyze(7, 12, /*automatic=*/false, 1000);
  activity.AddTransactionWrites(Writes(7, 1, 0, 4), true);
  activity.RecordAnalyze(8, 0, /*automatic=*/true, 2000);
  TableActivityCounts t = activity.Table(7);
  CHECK(t.live_rows_counted == 12);
  CHECK(t.live_rows_change == -3);
  CHECK(t.n_mod_since_analyze == 5);
  CHECK(t.analyze_count == 1);
  CHECK(t.last_analyze == 1000);
  CHECK_FALSE(t.last_autoanalyze.has_value());
  CHECK(activity.Table(8).autoanalyze_count == 1);
}

TEST_CASE("a committed TRUNCATE leaves the rows written after it live", "[activity_counts]") {
  ActivityCounts activity;
  activity.RecordAnalyze(7, 100, false, 1000);
  storage::Transaction::RowWritesByTable writes = Writes(7, 6, 0, 1);
  writes[7].truncated = true;
  writes[7].change_before_truncate = 3;  // 4 inserted, 1 deleted, then TRUNCATE
  activity.AddTransactionWrites(writes, /*committed=*/false);
  CHECK(activity.Table(7).live_rows_counted == 100);
  activity.AddTransactionWrites(writes, /*committed=*/true);
  const TableActivityCounts t = activity.Table(7);
  CHECK(t.live_rows_counted == 0);
  CHECK(t.live_rows_change == 2);
  CHECK(t.n_tup_ins == 12);
}

TEST_CASE("scans count per table and per index", "[activity_counts]") {
  ActivityCounts activity;
  activity.AddSeqScan(7, 100);
  activity.AddSeqScan(7, 50);
  activity.AddIndexScan(7, 70, 3, 2);
  activity.AddIndexScan(7, 71, 1, 1);
  const TableActivityCounts t = activity.Table(7);
  CHECK(t.seq_scan == 2);
  CHECK(t.seq_tup_read == 150);
  CHECK(t.idx_scan == 2);
  CHECK(t.idx_tup_fetch == 3);
  const IndexActivityCounts i = activity.Index(70);
  CHECK(i.idx_scan == 1);
  CHECK(i.idx_tup_read == 3);
  CHECK(i.idx_tup_fetch == 2);
  CHECK(activity.Index(72).idx_scan == 0);
  activity.RecordVacuum(7, false, 5);
  CHECK(activity.Table(7).n_ins_since_vacuum == 0);
  CHECK(activity.Table(7).vacuum_count == 1);
}

}  // namespace
}  // namespace basalt::sql
