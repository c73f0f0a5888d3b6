// LIMIT and FETCH ... WITH TIES through the engine: ties that continue into
// the next batch, a prepared count, and one plan read by two cursors.
#include "sql/execution/limit.h"

#include <string>

#include <catch2/catch.hpp>

#include "sql/test_engine.h"

namespace basalt::sql {
namespace {

TEST_CASE("limit: WITH TIES reads on across batches", "[limit]") {
  TestEngine f;
  f.Run("CREATE TABLE t (id int PRIMARY KEY, g int)");
  // 3000 rows in groups of 10.
  std::string insert = "INSERT INTO t VALUES ";
  for (int i = 0; i < 3000; ++i) {
    if (i > 0) insert += ", ";
    insert += "(" + std::to_string(i) + ", " + std::to_string(i / 10) + ")";
  }
  f.Run(insert);
  // The 1024th row (g = 102) ends the first batch; its ties are in the next.
  auto r = f.Run("SELECT id FROM t ORDER BY g FETCH FIRST 1024 ROWS WITH TIES");
  CHECK(r.rows.size() == 1030);
  CHECK(r.tags == std::vector<std::string>{"SELECT 1030"});
  // Ties past a whole batch: every row with g < 150.
  CHECK(f.Run("SELECT id FROM t ORDER BY g / 150 FETCH FIRST 1 ROW WITH TIES").rows.size() == 1500);
  CHECK(f.Run("SELECT id FROM t ORDER BY g, id FETCH FIRST 2 ROWS WITH TIES").rows ==
        Rows{{"0"}, {"1"}});
  CHECK(f.Run("SELECT g FROM t ORDER BY g DESC OFFSET 5 ROWS FETCH NEXT 1 ROW WITH TIES").rows ==
        Rows{{"299"}, {"299"}, {"299"}, {"299"}, {"299"}});
  f.Run("PREPARE q(int8) AS SELECT g FROM t ORDER BY g FETCH FIRST $1 ROWS WITH TIES");
  CHECK(f.Run("EXECUTE q(1)").rows.size() == 10);
  CHECK(f.Run("EXECUTE q(11)").rows.size() == 20);
  CHECK(f.Run("EXECUTE q(0)").rows.empty());
}

TEST_CASE("limit: WITH TIES, one plan, two cursors", "[limit]") {
  TestEngine f;
  f.Run("CREATE TABLE o (id int PRIMARY KEY, g int)");
  f.Run("INSERT INTO o VALUES (1, 1), (2, 1), (3, 2), (4, 2), (5, 3)");
  f.Run("BEGIN");
  const char* query = "SELECT id FROM o ORDER BY g, id DESC FETCH FIRST 1 ROW WITH TIES";
  f.Run(std::string("DECLARE c1 CURSOR FOR ") + query);
  f.Run(std::string("DECLARE c2 CURSOR FOR ") + query);
  CHECK(f.Run("FETCH 1 FROM c1").rows == Rows{{"2"}});
  CHECK(f.Run("FETCH 5 FROM c2").rows == Rows{{"2"}});
  CHECK(f.Run("FETCH 5 FROM c1").rows.empty());
  f.Run("COMMIT");
}

}  // namespace
}  // namespace basalt::sql
