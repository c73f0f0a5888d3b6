// UNION / INTERSECT / EXCEPT past work_mem: the partitioned operation
// returns the rows of the in-memory one, and its encrypted partition files
// are gone when the query ends.
#include <catch2/catch.hpp>

#include "sql/execution/set_operation.h"
#include "sql/execution/spill_test_util.h"

namespace basalt::sql {
namespace {

TEST_CASE("set operations spill past work_mem with the in-memory result",
          "[set_operation][spill]") {
  TestEngine f;
  CreateSpillTable(f, 20000);
  CheckSpillingMatchesMemory(
      f,
      {
          "SELECT txt, g FROM spill UNION SELECT txt, g FROM spill WHERE id % 3 = 0 "
          "UNION SELECT txt || 'x', g FROM spill WHERE id % 5 = 0",
          "SELECT g, num FROM spill UNION SELECT g + 1, num FROM spill",
          "SELECT txt FROM spill INTERSECT SELECT txt FROM spill WHERE id % 3 = 0 OR id IS NULL",
          "SELECT g FROM spill INTERSECT ALL SELECT g FROM spill WHERE id % 2 = 0",
          "SELECT txt, span FROM spill EXCEPT SELECT txt, span FROM spill WHERE id % 4 = 0",
          "SELECT g FROM spill EXCEPT ALL SELECT g FROM spill WHERE id % 3 = 0",
      },
      /*same_order=*/false);
}

TEST_CASE("a spilling set operation's files are encrypted and removed with its query",
          "[set_operation][spill]") {
  TestEngine f;
  CreateSpillTable(f, 20000);
  f.Run("SET work_mem = '64kB'");
  f.Run("BEGIN");
  f.Run("DECLARE c CURSOR FOR SELECT txt FROM spill UNION SELECT txt FROM spill");
  CHECK(f.Run("FETCH 2000 FROM c").rows.size() == 2000);
  CHECK(TempFileCount(f) > 0);
  CHECK_FALSE(TempFilesContain(f, "SPILLMARKER"));
  f.Run("CLOSE c");
  CHECK(TempFileCount(f) == 0);
  // EXCEPT spills its right side's counts and the left rows they lack.
  f.Run("DECLARE d CURSOR FOR SELECT txt FROM spill EXCEPT SELECT txt FROM spill WHERE id % 2 = 0");
  CHECK(f.Run("FETCH 10 FROM d").rows.size() == 10);
  CHECK(TempFileCount(f) > 0);
  f.Run("COMMIT");
  CHECK(TempFileCount(f) == 0);
}

TEST_CASE("a cancelled spilling set operation leaves no temp file", "[set_operation][spill]") {
  TestEngine f;
  CreateSpillTable(f, 20000);
  CheckCancelLeavesNoFile(f, "SELECT txt FROM spill UNION SELECT txt || 'x' FROM spill");
  CheckCancelLeavesNoFile(f, "SELECT txt FROM spill EXCEPT SELECT txt FROM spill WHERE id % 2 = 0");
}

}  // namespace
}  // namespace basalt::sql
