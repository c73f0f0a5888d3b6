// ORDER BY past work_mem: the external merge sort returns what the
// in-memory sort returns (ties in input order), its encrypted run files
// exist while the query runs and are gone when it ends, however it ends.
#include <catch2/catch.hpp>

#include "sql/execution/sort.h"
#include "sql/execution/spill_test_util.h"

namespace basalt::sql {
namespace {

TEST_CASE("sort spills past work_mem with the in-memory result", "[sort][spill]") {
  TestEngine f;
  CreateSpillTable(f, 20000);
  CheckSpillingMatchesMemory(
      f,
      {
          "SELECT * FROM spill ORDER BY txt",
          // Many equal keys: the merge must keep them in input order.
          "SELECT id, g FROM spill ORDER BY g",
          "SELECT id, flag FROM spill ORDER BY flag DESC",
          "SELECT * FROM spill ORDER BY num DESC NULLS LAST",
          "SELECT doc, span FROM spill ORDER BY span, f",
          "SELECT * FROM (SELECT ARRAY[id, NULL, g % 11] a, txt FROM spill) s ORDER BY a[3], txt",
      },
      /*same_order=*/true);
}

TEST_CASE("a spilling sort's runs are encrypted and removed with its query", "[sort][spill]") {
  TestEngine f;
  CreateSpillTable(f, 20000);
  f.Run("SET work_mem = '64kB'");
  f.Run("BEGIN");
  f.Run("DECLARE c CURSOR FOR SELECT txt FROM spill ORDER BY txt DESC");
  CHECK(f.Run("FETCH 2 FROM c").rows.size() == 2);
  // The cursor holds the merge open: its runs are on disk, in ciphertext.
  CHECK(TempFileCount(f) > 1);
  CHECK_FALSE(TempFilesContain(f, "SPILLMARKER"));
  f.Run("CLOSE c");
  CHECK(TempFileCount(f) == 0);
  // A transaction that ends takes its cursors' files along.
  f.Run("DECLARE d CURSOR FOR SELECT txt FROM spill ORDER BY txt");
  CHECK(f.Run("FETCH 1 FROM d").rows.size() == 1);
  CHECK(TempFileCount(f) > 0);
  f.Run("ROLLBACK");
  CHECK(TempFileCount(f) == 0);
}

TEST_CASE("a cancelled spilling sort leaves no temp file", "[sort][spill]") {
  TestEngine f;
  CreateSpillTable(f, 20000);
  f.Run("SET work_mem = '64kB'");
  f.Run("SET statement_timeout = '300ms'");
  // pg_sleep runs over the sorted rows: the timeout ends the query while
  // the merge (or, on a slow machine, the sort's input) holds files.
  CHECK(f.Fail("SELECT pg_sleep(0.05) FROM (SELECT id FROM spill ORDER BY txt) s").code() ==
        std::string("57014"));
  CHECK(TempFileCount(f) == 0);
  f.Run("SET statement_timeout = 0");
  CHECK(f.Run("SELECT count(*) FROM spill").rows == Rows{{"20001"}});
}

}  // namespace
}  // namespace basalt::sql
