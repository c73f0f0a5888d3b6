// GROUP BY past work_mem: the partitioned aggregation returns the groups
// and aggregate values of the in-memory one (in another order), with its
// encrypted partition files gone when the query ends, however it ends.
#include <catch2/catch.hpp>

#include "sql/execution/hash_aggregate.h"
#include "sql/execution/spill_test_util.h"

namespace basalt::sql {
namespace {

TEST_CASE("hash aggregate spills past work_mem with the in-memory result",
          "[hash_aggregate][spill]") {
  TestEngine f;
  CreateSpillTable(f, 20000);
  CheckSpillingMatchesMemory(
      f,
      {
          // 20001 groups: most spill, some partitions spill again.
          "SELECT txt, count(*), sum(num), max(doc::text) FROM spill GROUP BY txt",
          // Order-sensitive aggregates see each group's rows in input order.
          "SELECT g, count(*), string_agg(id::text, ','), array_agg(id), avg(num), min(span), "
          "bool_and(flag) FROM spill GROUP BY g",
          "SELECT ARRAY[g % 50, NULL] a, span, count(*) FROM spill GROUP BY a, span",
          "SELECT g % 7, count(DISTINCT txt), sum(id) FILTER (WHERE flag) FROM spill GROUP BY 1",
          "SELECT DISTINCT g FROM spill",
      },
      /*same_order=*/false);
}

TEST_CASE("a spilling hash aggregate's files are encrypted and removed with its query",
          "[hash_aggregate][spill]") {
  TestEngine f;
  CreateSpillTable(f, 20000);
  f.Run("SET work_mem = '64kB'");
  f.Run("BEGIN");
  f.Run("DECLARE c CURSOR FOR SELECT txt, count(*) FROM spill GROUP BY txt");
  CHECK(f.Run("FETCH 2 FROM c").rows.size() == 2);
  CHECK(TempFileCount(f) > 0);
  CHECK_FALSE(TempFilesContain(f, "SPILLMARKER"));
  f.Run("CLOSE c");
  CHECK(TempFileCount(f) == 0);
  f.Run("COMMIT");

  f.Run("SET statement_timeout = '300ms'");
  CHECK(f.Fail("SELECT pg_sleep(0.05) FROM (SELECT txt, count(*) FROM spill GROUP BY txt) s")
            .code() == std::string("57014"));
  CHECK(TempFileCount(f) == 0);
}

}  // namespace
}  // namespace basalt::sql
