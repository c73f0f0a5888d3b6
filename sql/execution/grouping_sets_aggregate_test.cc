// GROUP BY ROLLUP / CUBE through the engine: groups of every set across
// several input and output batches, the empty set's row without input, and
// one plan serving several executions, shown by EXPLAIN.
#include "sql/execution/grouping_sets_aggregate.h"

#include <string>

#include <catch2/catch.hpp>

#include "sql/test_engine.h"

namespace basalt::sql {
namespace {

TEST_CASE("grouping sets: groups of every set across batches", "[grouping_sets]") {
  TestEngine f;
  f.Run("CREATE TABLE t (id int PRIMARY KEY, a int, b int)");
  // 3000 rows: 1500 (a, b) groups, 500 a groups, one total.
  std::string insert = "INSERT INTO t VALUES ";
  for (int i = 0; i < 3000; ++i) {
    if (i > 0) insert += ", ";
    insert += "(" + std::to_string(i) + ", " + std::to_string(i % 500) + ", " +
              std::to_string(i % 3) + ")";
  }
  f.Run(insert);
  auto rows = f.Run("SELECT a, b, count(*), grouping(a, b) FROM t GROUP BY ROLLUP (a, b)");
  REQUIRE(rows.rows.size() == 1500 + 500 + 1);
  size_t pairs = 0;
  size_t singles = 0;
  for (const auto& row : rows.rows) {
    if (row[3] == "0") {
      ++pairs;
      CHECK(row[2] == "2");
    } else if (row[3] == "1") {
      ++singles;
      CHECK(row[1] == "NULL");
      CHECK(row[2] == "6");
    } else {
      CHECK(row == std::vector<std::string>{"NULL", "NULL", "3000", "3"});
    }
  }
  CHECK(pairs == 1500);
  CHECK(singles == 500);
  // CUBE over b alone: its three values (each meets every a) and the total.
  CHECK(f.Run("SELECT b, sum(a) FROM t GROUP BY CUBE (b) ORDER BY b").rows ==
        Rows{{"0", "249500"}, {"1", "249500"}, {"2", "249500"}, {"NULL", "748500"}});
}

TEST_CASE("grouping sets: the empty set without input", "[grouping_sets]") {
  TestEngine f;
  f.Run("CREATE TABLE t (a int, v int)");
  CHECK(f.Run("SELECT a, count(*), sum(v) FROM t GROUP BY ROLLUP (a)").rows ==
        Rows{{"NULL", "0", "NULL"}});
  CHECK(f.Run("SELECT a, count(*) FROM t GROUP BY GROUPING SETS ((a))").rows.empty());
  f.Run("INSERT INTO t VALUES (1, 10), (NULL, 20)");
  // A NULL key of the data and the total's grouping NULL are two rows.
  CHECK(f.Run("SELECT a, grouping(a), sum(v) FROM t GROUP BY ROLLUP (a) ORDER BY 2, 1").rows ==
        Rows{{"1", "0", "10"}, {"NULL", "0", "20"}, {"NULL", "1", "30"}});
}

TEST_CASE("grouping sets: a prepared plan runs again", "[grouping_sets]") {
  TestEngine f;
  f.Run("CREATE TABLE t (a int, v int)");
  f.Run("INSERT INTO t VALUES (1, 1), (1, 2), (2, 3)");
  f.Run("PREPARE q AS SELECT a, sum(v) FROM t GROUP BY CUBE (a) ORDER BY a");
  const Rows expected{{"1", "3"}, {"2", "3"}, {"NULL", "6"}};
  CHECK(f.Run("EXECUTE q").rows == expected);
  CHECK(f.Run("EXECUTE q").rows == expected);
  // A hash key per set with keys, as PostgreSQL's MixedAggregate.
  CHECK(f.Run("EXPLAIN (COSTS OFF) SELECT a, v, count(*) FROM t GROUP BY ROLLUP (a, v)").rows ==
        Rows{{"MixedAggregate"},
             {"  Hash Key: a, v"},
             {"  Hash Key: a"},
             {"  Group Key: ()"},
             {"  ->  Seq Scan on t"}});
}

}  // namespace
}  // namespace basalt::sql
