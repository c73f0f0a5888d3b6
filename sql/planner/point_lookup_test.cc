// The point_lookup pass end to end: a primary key matched by equality, or
// its last column by an IN list or `= ANY (array)`, is read by key — in
// SELECT, FOR UPDATE, UPDATE and DELETE — and gives the rows a full scan
// gives (`id + 0` keeps the pass away).
#include <catch2/catch.hpp>

#include <string>

#include "sql/test_engine.h"

namespace basalt::sql {
namespace {

TEST_CASE("point_lookup: IN lists on the primary key", "[planner][point_lookup]") {
  TestEngine e;
  e.Run("CREATE TABLE r (id int PRIMARY KEY, a int)");
  e.Run("INSERT INTO r SELECT i, i % 7 FROM generate_series(1, 200) i");
  auto plan = [&](const std::string& sql) {
    Rows rows = e.Run("EXPLAIN (COSTS OFF) " + sql).rows;
    std::string out;
    for (const auto& row : rows) out += row[0] + "\n";
    return out;
  };
  CHECK(plan("SELECT * FROM r WHERE id IN (1, 2)").find("Index Scan using r_pkey on r") !=
        std::string::npos);
  CHECK(plan("SELECT * FROM r WHERE id = ANY (ARRAY[1, 2])").find("Index Scan using r_pkey on r") !=
        std::string::npos);
  CHECK(plan("UPDATE r SET a = 0 WHERE id IN (1, 2)").find("Index Scan using r_pkey on r") !=
        std::string::npos);
  CHECK(plan("DELETE FROM r WHERE id IN (1, 2)").find("Index Scan using r_pkey on r") !=
        std::string::npos);
  CHECK(plan("SELECT * FROM r WHERE id NOT IN (1, 2)").find("Index Scan") == std::string::npos);
  CHECK(plan("SELECT * FROM r WHERE id IN (1, a)").find("Index Scan") == std::string::npos);
  CHECK(plan("SELECT * FROM r WHERE id IN (1.5, 2)").find("Index Scan") == std::string::npos);

  const char* lists[] = {
      "(3, 1, 2, 3)",
      "(5, NULL, 7)",
      "(NULL::int)",
      "(1000, 4)",
      "(1, 2, 3, 4, 5, 6, 7, 8, 9, 9, NULL)",
  };
  for (const char* list : lists) {
    INFO(list);
    Rows by_key = e.Run(std::string("SELECT * FROM r WHERE id IN ") + list + " ORDER BY id").rows;
    Rows by_scan =
        e.Run(std::string("SELECT * FROM r WHERE id + 0 IN ") + list + " ORDER BY id").rows;
    CHECK(by_key == by_scan);
  }
  // In key order without a Sort, each row once.
  CHECK(e.Run("SELECT id FROM r WHERE id IN (9, 2, 9, 5) ORDER BY id").rows ==
        Rows{{"2"}, {"5"}, {"9"}});
  CHECK(e.Run("SELECT id FROM r WHERE id = ANY (ARRAY[9, 2, 9, NULL]) ORDER BY id").rows ==
        Rows{{"2"}, {"9"}});
  e.Run("UPDATE r SET a = a + 100 WHERE id IN (10, 11, 11, NULL, 500) AND a <> 4");
  CHECK(e.Run("SELECT id, a FROM r WHERE a >= 100 ORDER BY id").rows == Rows{{"10", "103"}});
  e.Run("DELETE FROM r WHERE id = ANY (ARRAY[20, 21, 20])");
  CHECK(e.Run("SELECT count(*) FROM r").rows == Rows{{"198"}});
  e.Run("BEGIN");
  CHECK(e.Run("SELECT id FROM r WHERE id IN (30, 31) FOR UPDATE").rows == Rows{{"30"}, {"31"}});
  e.Run("COMMIT");
}

}  // namespace
}  // namespace basalt::sql
