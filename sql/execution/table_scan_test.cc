// Filtered scans (the scan_pushdown pass): the predicate is tested on the
// stored row and only the columns the query reads are decoded; results must
// be exactly those of a plain Filter over a full scan.
#include "sql/execution/table_scan.h"

#include <catch2/catch.hpp>

#include "sql/test_engine.h"

namespace basalt::sql {
namespace {

TEST_CASE("filtered scans decode what they read and return what matches", "[table_scan]") {
  TestEngine f;
  auto run = [&](std::string_view sql) { return f.Run(sql); };
  run("CREATE TABLE t (id int PRIMARY KEY, name text, v int, note text)");
  run("INSERT INTO t VALUES (1, 'one', 10, 'x'), (2, NULL, 20, NULL), (3, 'three', NULL, 'z'),"
      " (4, 'four', 10, 'w')");
  CHECK(run("SELECT id, name FROM t WHERE v = 10").rows == Rows{{"1", "one"}, {"4", "four"}});
  // Columns the filter reads but the target list does not, and the reverse.
  CHECK(run("SELECT note FROM t WHERE v >= 20 OR name IS NULL").rows == Rows{{"NULL"}});
  CHECK(run("SELECT v, note FROM t WHERE name = 'three'").rows == Rows{{"NULL", "z"}});
  // ORDER BY on a column neither the filter nor the target list reads.
  CHECK(run("SELECT id FROM t WHERE v = 10 ORDER BY note").rows == Rows{{"4"}, {"1"}});
  CHECK(run("SELECT * FROM t WHERE v IS NULL").rows == Rows{{"3", "three", "NULL", "z"}});
  // UPDATE and DELETE through a filtered scan keep whole rows.
  CHECK(run("UPDATE t SET note = name WHERE v = 10").tags == std::vector<std::string>{"UPDATE 2"});
  CHECK(run("SELECT id, name, v, note FROM t WHERE v = 10").rows ==
        Rows{{"1", "one", "10", "one"}, {"4", "four", "10", "four"}});
  CHECK(run("DELETE FROM t WHERE note IS NULL").tags == std::vector<std::string>{"DELETE 1"});
  // INSERT ... SELECT from the same table never reads its own new rows.
  CHECK(run("INSERT INTO t SELECT id + 100, name, v, note FROM t WHERE v = 10").tags ==
        std::vector<std::string>{"INSERT 0 2"});
  CHECK(run("SELECT id FROM t WHERE v = 10").rows == Rows{{"1"}, {"4"}, {"101"}, {"104"}});
  // Inside a block, the scan sees the block's own earlier writes.
  run("BEGIN");
  run("INSERT INTO t VALUES (5, 'five', 10, NULL)");
  CHECK(run("SELECT id FROM t WHERE v = 10 AND id < 100").rows == Rows{{"1"}, {"4"}, {"5"}});
  run("ROLLBACK");
  CHECK(run("EXPLAIN (COSTS OFF) SELECT id FROM t WHERE v = 10").rows ==
        Rows{{"Seq Scan on t"}, {"  Filter: (v = 10)"}});
}

}  // namespace
}  // namespace basalt::sql
