// Window partitions past work_mem: a partition's rows go to an encrypted
// spill file and are read back by row number, every function and frame
// giving what it gives in memory; the file is gone when the query ends.
#include <catch2/catch.hpp>

#include "sql/execution/spill_test_util.h"

namespace basalt::sql {
namespace {

TEST_CASE("window partitions spill past work_mem with the in-memory result",
          "[window_aggregate][spill]") {
  TestEngine f;
  CreateSpillTable(f, 20000);
  CheckSpillingMatchesMemory(
      f,
      {
          // Two partitions of 10,000 rows, ranked by a key with peers.
          "SELECT id, txt, row_number() OVER w, rank() OVER w, dense_rank() OVER w, "
          "percent_rank() OVER w, cume_dist() OVER w, ntile(7) OVER w FROM spill "
          "WINDOW w AS (PARTITION BY id % 2 ORDER BY g)",
          // Rows far from the current one, in both directions.
          "SELECT id, lag(txt, 3) OVER w, lead(doc, 5, '{}') OVER w, lag(span, id % 500) OVER w, "
          "first_value(txt) OVER w, last_value(num) OVER w, nth_value(txt, 70) OVER w "
          "FROM spill WINDOW w AS (ORDER BY id ROWS BETWEEN 50 PRECEDING AND 80 FOLLOWING)",
          // Frames that only grow, with FILTER.
          "SELECT id, sum(num) OVER w, count(*) FILTER (WHERE flag) OVER w, max(txt) OVER w "
          "FROM spill WINDOW w AS (ORDER BY g, id)",
          // RANGE offsets (NULL keys first and last), GROUPS with EXCLUDE.
          "SELECT id, sum(f) OVER (ORDER BY g NULLS FIRST RANGE BETWEEN 2 PRECEDING AND 1 "
          "FOLLOWING), count(*) OVER (ORDER BY g GROUPS BETWEEN 1 PRECEDING AND 2 FOLLOWING "
          "EXCLUDE TIES), avg(id) OVER (ORDER BY id DESC RANGE BETWEEN 30 PRECEDING AND 30 "
          "FOLLOWING EXCLUDE CURRENT ROW) FROM spill",
          "SELECT id, count(*) OVER (ORDER BY span RANGE BETWEEN '1 day' PRECEDING AND CURRENT "
          "ROW), string_agg(left(txt, 14), ',') OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 2 "
          "FOLLOWING EXCLUDE GROUP) FROM spill",
      },
      /*same_order=*/false);
}

TEST_CASE("a spilling window partition is encrypted and removed with its query",
          "[window_aggregate][spill]") {
  TestEngine f;
  CreateSpillTable(f, 20000);
  // Read in order through the index: no Sort below the WindowAgg, so the
  // files seen are the partition's.
  f.Run("CREATE INDEX spill_id ON spill (id)");
  f.Run("SET work_mem = '64kB'");
  const std::string query =
      "SELECT id, txt, lead(txt, 19000) OVER (ORDER BY id) FROM spill WHERE id > 0";
  CHECK(f.Run("EXPLAIN (COSTS OFF) " + query).rows ==
        Rows{{"WindowAgg"},
             {"  ->  Index Scan using spill_id on spill"},
             {"        Index Cond: (id > 0)"}});
  f.Run("BEGIN");
  f.Run("DECLARE c CURSOR FOR " + query);
  const Rows first = f.Run("FETCH 2 FROM c").rows;
  REQUIRE(first.size() == 2);
  CHECK(first[0][2].rfind("SPILLMARKER-", 0) == 0);  // row 19,001's text
  CHECK(TempFileCount(f) == 1);
  CHECK_FALSE(TempFilesContain(f, "SPILLMARKER"));
  f.Run("CLOSE c");
  CHECK(TempFileCount(f) == 0);
  f.Run("COMMIT");
}

TEST_CASE("a cancelled spilling window leaves no temp file", "[window_aggregate][spill]") {
  TestEngine f;
  CreateSpillTable(f, 20000);
  f.Run("SET work_mem = '64kB'");
  f.Run("SET statement_timeout = '300ms'");
  CHECK(f.Fail("SELECT pg_sleep(0.05) FROM (SELECT sum(id) OVER (ORDER BY txt) FROM spill) s")
            .code() == std::string("57014"));
  CHECK(TempFileCount(f) == 0);
  f.Run("SET statement_timeout = 0");
  CHECK(f.Run("SELECT count(*) FROM spill").rows == Rows{{"20001"}});
}

}  // namespace
}  // namespace basalt::sql
