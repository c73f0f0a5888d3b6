// SELECT DISTINCT ON through the engine: runs of equal keys across batches,
// the plan's shape, and one plan read by two cursors in turns (the last
// key lives in each execution's operator, not in the plan).
#include "sql/execution/distinct_on.h"

#include <string>

#include <catch2/catch.hpp>

#include "sql/test_engine.h"

namespace basalt::sql {
namespace {

TEST_CASE("distinct on: first row of each group across batches", "[distinct_on]") {
  TestEngine f;
  f.Run("CREATE TABLE t (id int PRIMARY KEY, g int, v numeric)");
  // 3000 rows in 3 groups of 1000: every group spans a batch boundary.
  std::string insert = "INSERT INTO t VALUES ";
  for (int i = 0; i < 3000; ++i) {
    if (i > 0) insert += ", ";
    insert += "(" + std::to_string(i) + ", " + std::to_string(i / 1000) + ", " +
              (i % 2 == 0 ? "1.0" : "1.00") + ")";
  }
  f.Run(insert);
  CHECK(f.Run("SELECT DISTINCT ON (g) g, id FROM t ORDER BY g, id DESC").rows ==
        Rows{{"0", "999"}, {"1", "1999"}, {"2", "2999"}});
  // Keys equal in SQL (1.0 and 1.00) are one group.
  CHECK(f.Run("SELECT DISTINCT ON (v) id FROM t ORDER BY v, id").rows == Rows{{"0"}});
  CHECK(f.Run("SELECT DISTINCT ON (g) id FROM t WHERE id > 9000 ORDER BY g").rows.empty());
  CHECK(
      f.Run("EXPLAIN (COSTS OFF) SELECT DISTINCT ON (g) id FROM t ORDER BY g, id").rows ==
      Rows{{"Unique"}, {"  ->  Sort"}, {"        Sort Key: g, id"}, {"        ->  Seq Scan on t"}});
}

TEST_CASE("distinct on: one plan, two cursors", "[distinct_on]") {
  TestEngine f;
  f.Run("CREATE TABLE o (id int PRIMARY KEY, cust text)");
  f.Run("INSERT INTO o VALUES (1, 'a'), (2, 'b'), (3, 'a'), (4, 'c'), (5, 'b')");
  f.Run("BEGIN");
  const char* query = "SELECT DISTINCT ON (cust) cust, id FROM o ORDER BY cust, id DESC";
  f.Run(std::string("DECLARE c1 CURSOR FOR ") + query);
  f.Run(std::string("DECLARE c2 CURSOR FOR ") + query);
  CHECK(f.Run("FETCH 1 FROM c1").rows == Rows{{"a", "3"}});
  CHECK(f.Run("FETCH 2 FROM c2").rows == Rows{{"a", "3"}, {"b", "5"}});
  CHECK(f.Run("FETCH 5 FROM c1").rows == Rows{{"b", "5"}, {"c", "4"}});
  CHECK(f.Run("FETCH 5 FROM c2").rows == Rows{{"c", "4"}});
  f.Run("COMMIT");
}

}  // namespace
}  // namespace basalt::sql
