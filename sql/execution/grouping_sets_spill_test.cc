// GROUP BY ROLLUP / CUBE / GROUPING SETS past work_mem: the groups of
// every set spill as a HashAggregate's do and come back equal to the
// in-memory ones, the files gone with the query; past the query's memory
// limit the aggregation fails with 53200 instead of growing unbounded.
#include <catch2/catch.hpp>

#include "sql/execution/spill_test_util.h"

namespace basalt::sql {
namespace {

TEST_CASE("grouping sets spill past work_mem with the in-memory result", "[grouping_sets][spill]") {
  TestEngine f;
  CreateSpillTable(f, 20000);
  CheckSpillingMatchesMemory(
      f,
      {
          "SELECT g, txt, count(*), sum(num), grouping(g, txt) FROM spill GROUP BY ROLLUP (g, txt)",
          "SELECT flag, txt, count(*), string_agg(id::text, ','), max(doc::text) FROM spill "
          "GROUP BY CUBE (flag, txt)",
          "SELECT g % 9, span, txt, avg(f), grouping(span) FROM spill "
          "GROUP BY GROUPING SETS ((g % 9, span), (txt), ())",
      },
      /*same_order=*/false);
}

TEST_CASE("spilling grouping sets are encrypted, removed, and within the memory limit",
          "[grouping_sets][spill]") {
  TestEngine f;
  CreateSpillTable(f, 20000);
  f.Run("SET work_mem = '64kB'");
  f.Run("BEGIN");
  f.Run("DECLARE c CURSOR FOR SELECT txt, count(*) FROM spill GROUP BY ROLLUP (txt)");
  CHECK(f.Run("FETCH 2 FROM c").rows.size() == 2);
  CHECK(TempFileCount(f) > 0);
  CHECK_FALSE(TempFilesContain(f, "SPILLMARKER"));
  f.Run("CLOSE c");
  CHECK(TempFileCount(f) == 0);
  f.Run("COMMIT");

  // With work_mem above the limit the groups never spill: 53200.
  f.Run("SET basalt.max_query_memory = '1MB'");
  f.Run("SET work_mem = '64MB'");
  const Error error = f.Fail("SELECT txt, g, count(*) FROM spill GROUP BY CUBE (txt, g)");
  CHECK(error.code() == std::string("53200"));
  CHECK(error.detail().ends_with(" in operator \"HashAggregate\"."));
  f.Run("SET work_mem = '64kB'");
  CHECK(f.Run("SELECT count(*) FROM (SELECT txt, g, count(*) FROM spill "
              "GROUP BY CUBE (txt, g)) s")
            .rows == Rows{{"43004"}});
}

TEST_CASE("a cancelled spilling grouping-sets query leaves no temp file",
          "[grouping_sets][spill]") {
  TestEngine f;
  CreateSpillTable(f, 20000);
  CheckCancelLeavesNoFile(f, "SELECT txt, g, count(*) FROM spill GROUP BY ROLLUP (txt, g)");
}

}  // namespace
}  // namespace basalt::sql
