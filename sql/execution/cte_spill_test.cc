// WITH queries past work_mem: a CTE Scan's rows go to an encrypted spill
// file, read by every scan at its own pace, and the file is gone when the
// query ends.
#include <catch2/catch.hpp>

#include "sql/execution/spill_test_util.h"

namespace basalt::sql {
namespace {

TEST_CASE("WITH queries spill past work_mem with the in-memory result", "[cte][spill]") {
  TestEngine f;
  CreateSpillTable(f, 20000);
  CheckSpillingMatchesMemory(
      f,
      {
          // Two scans of one result: the hash join reads one side whole,
          // then the other.
          "WITH c AS MATERIALIZED (SELECT * FROM spill) "
          "SELECT a.id, a.txt, b.num, b.doc, b.span FROM c a JOIN c b ON a.id = b.id",
          // Scans at different places of one result.
          "WITH c AS (SELECT id, txt, f FROM spill) "
          "SELECT x.id, y.txt FROM (SELECT * FROM c WHERE id % 2 = 0) x "
          "FULL JOIN (SELECT * FROM c WHERE id % 3 = 0) y ON x.id = y.id",
          // A scan built again per outer row reads from the start each time.
          "WITH c AS MATERIALIZED (SELECT id, txt FROM spill) "
          "SELECT s.g, (SELECT count(*) FROM c WHERE c.id = s.id) FROM spill s "
          "WHERE s.id < 40",
      },
      /*same_order=*/false);
  CheckSpillingMatchesMemory(
      f,
      {
          // Ordered output through the spilled rows.
          "WITH c AS MATERIALIZED (SELECT * FROM spill ORDER BY id) "
          "SELECT id, txt, flag FROM c",
          // Produced as it is read: the outer LIMIT ends an endless query.
          "WITH RECURSIVE t(n, pad) AS (SELECT 1, 'SPILLMARKER' || repeat('x', 200) "
          "UNION ALL SELECT n + 1, pad FROM t) SELECT n, length(pad) FROM t LIMIT 30000",
      },
      /*same_order=*/true);
}

TEST_CASE("a spilling WITH query's file is encrypted and removed with its query", "[cte][spill]") {
  TestEngine f;
  CreateSpillTable(f, 20000);
  f.Run("SET work_mem = '64kB'");
  f.Run("BEGIN");
  f.Run(
      "DECLARE c CURSOR FOR WITH w AS MATERIALIZED (SELECT * FROM spill) "
      "SELECT a.txt, b.txt FROM w a JOIN w b ON a.id = b.id");
  CHECK(f.Run("FETCH 100 FROM c").rows.size() == 100);
  CHECK(TempFileCount(f) > 0);
  CHECK_FALSE(TempFilesContain(f, "SPILLMARKER"));
  f.Run("CLOSE c");
  CHECK(TempFileCount(f) == 0);
  f.Run("COMMIT");
}

TEST_CASE("a cancelled spilling WITH query leaves no temp file", "[cte][spill]") {
  TestEngine f;
  CreateSpillTable(f, 20000);
  CheckCancelLeavesNoFile(f,
                          "WITH c AS MATERIALIZED (SELECT * FROM spill) "
                          "SELECT a.txt FROM c a JOIN c b ON a.id = b.id");
}

}  // namespace
}  // namespace basalt::sql
