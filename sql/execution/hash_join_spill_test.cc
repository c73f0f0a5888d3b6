// Hash joins past work_mem: the partitioned (grace) join returns the rows of
// the in-memory one for every join type, NULL keys included, and its
// encrypted partition files are gone when the query ends.
#include <catch2/catch.hpp>

#include "sql/execution/join.h"
#include "sql/execution/spill_test_util.h"

namespace basalt::sql {
namespace {

TEST_CASE("hash join spills past work_mem with the in-memory result", "[hash_join][spill]") {
  TestEngine f;
  CreateSpillTable(f, 20000);
  CheckSpillingMatchesMemory(
      f,
      {
          "SELECT s1.id, s2.txt, s2.doc FROM spill s1 JOIN spill s2 ON s1.id = s2.id",
          "SELECT s1.id, s2.id FROM spill s1 JOIN (SELECT * FROM spill WHERE id % 5 = 0) s2 "
          "ON s1.g = s2.g AND s1.id < s2.id + 100",
          "SELECT s1.id, s2.span FROM spill s1 LEFT JOIN (SELECT * FROM spill WHERE id % 2 = 0) s2 "
          "ON s1.id = s2.id",
          "SELECT s1.id, s2.id FROM (SELECT * FROM spill WHERE id % 3 = 0) s1 RIGHT JOIN spill s2 "
          "ON s1.id = s2.id",
          "SELECT s1.id, s2.id FROM (SELECT * FROM spill WHERE id % 3 = 0) s1 FULL JOIN "
          "(SELECT * FROM spill WHERE id % 2 = 0 OR id IS NULL) s2 ON s1.id = s2.id",
          "SELECT id FROM spill s1 WHERE EXISTS (SELECT 1 FROM spill s2 WHERE s2.g = s1.id)",
          "SELECT id FROM spill s1 WHERE NOT EXISTS (SELECT 1 FROM spill s2 WHERE s2.g = s1.id)",
      },
      /*same_order=*/false);
}

TEST_CASE("a hash join splits partitions too large for work_mem again", "[hash_join][spill]") {
  TestEngine f;
  CreateSpillTable(f, 60000);
  // 60,000 right rows at work_mem = 64kB: 64 partitions are each several
  // times work_mem, so each splits again (by other bits of the key's hash);
  // the rows of one key (g = NULL's, and the NULL keys) stay together.
  CheckSpillingMatchesMemory(
      f,
      {
          "SELECT s1.id, s2.txt, s2.doc FROM spill s1 JOIN spill s2 ON s1.id = s2.id",
          "SELECT s1.id, s2.id FROM spill s1 FULL JOIN (SELECT * FROM spill WHERE id % 2 = 0 OR "
          "id IS NULL) s2 ON s1.id = s2.id",
          "SELECT count(*), sum(s2.id) FROM spill s1 JOIN spill s2 ON s1.g = s2.g "
          "WHERE s1.id < 100",
      },
      /*same_order=*/false);
  f.Run("SET work_mem = '64kB'");
  const Rows plan = f.Run(
                         "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*) "
                         "FROM spill s1 JOIN spill s2 ON s1.id = s2.id")
                        .rows;
  bool split = false;
  for (const auto& line : plan) {
    const size_t at = line[0].find("Batches: ");
    if (at != std::string::npos) split = std::stoi(line[0].substr(at + 9)) > 64;
  }
  CHECK(split);
  // Split partitions are joined before the next one splits: the files open
  // at once stay those of the first partitioning and one split.
  f.Run("BEGIN");
  f.Run("DECLARE c CURSOR FOR SELECT s1.txt FROM spill s1 JOIN spill s2 ON s1.id = s2.id");
  CHECK(f.Run("FETCH 30000 FROM c").rows.size() == 30000);  // half the partitions
  CHECK(TempFileCount(f) <= 4 * 64);
  f.Run("COMMIT");
}

TEST_CASE("a spilling hash join's files are encrypted and removed with its query",
          "[hash_join][spill]") {
  TestEngine f;
  CreateSpillTable(f, 20000);
  const char* query = "SELECT s1.txt, s2.txt FROM spill s1 JOIN spill s2 ON s1.id = s2.id";
  f.Run("SET work_mem = '64kB'");
  f.Run("BEGIN");
  f.Run(std::string("DECLARE c CURSOR FOR ") + query);
  CHECK(f.Run("FETCH 2 FROM c").rows.size() == 2);
  CHECK(TempFileCount(f) > 0);
  CHECK_FALSE(TempFilesContain(f, "SPILLMARKER"));
  f.Run("CLOSE c");
  CHECK(TempFileCount(f) == 0);
  f.Run("COMMIT");

  f.Run("SET statement_timeout = '300ms'");
  CHECK(f.Fail(std::string("SELECT pg_sleep(0.05) FROM (") + query + ") s").code() ==
        std::string("57014"));
  CHECK(TempFileCount(f) == 0);
  f.Run("SET statement_timeout = 0");

  // Past the query's limit before work_mem: 53200 naming the join.
  f.Run("SET work_mem = '64MB'");
  f.Run("SET basalt.max_query_memory = '1MB'");
  const Error error = f.Fail(std::string("SELECT count(*) FROM (") + query + ") s");
  CHECK(error.code() == std::string("53200"));
  CHECK(error.detail().ends_with(" in operator \"Hash Join\"."));
  CHECK(f.Run("SELECT count(*) FROM spill").rows == Rows{{"20001"}});
}

}  // namespace
}  // namespace basalt::sql
