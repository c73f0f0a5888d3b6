// ORDER BY a primary-key prefix over a full scan is answered by the scan's
// key order, without a Sort; anything else keeps its Sort. The rows must be
// in SQL order either way.
#include <catch2/catch.hpp>

#include <string>

#include "sql/test_engine.h"

namespace basalt::sql {
namespace {

bool PlanSorts(TestEngine& e, const std::string& query) {
  CollectingSink plan = e.Run("EXPLAIN " + query);
  for (const auto& row : plan.rows) {
    if (row[0].find("Sort") != std::string::npos) return true;
  }
  return false;
}

TEST_CASE("ORDER BY a primary-key prefix needs no Sort", "[planner][sort_elision]") {
  TestEngine e;
  e.Run("CREATE TABLE n (k numeric PRIMARY KEY, v int)");
  e.Run("INSERT INTO n VALUES (10, 1), (-5, 2), (2.5, 3), (0, 4), (-1, 5)");
  CHECK_FALSE(PlanSorts(e, "SELECT k FROM n ORDER BY k"));
  CHECK(e.Run("SELECT k FROM n ORDER BY k").rows == Rows{{"-5"}, {"-1"}, {"0"}, {"2.5"}, {"10"}});
  CHECK(e.Run("SELECT v FROM n WHERE v > 1 ORDER BY k LIMIT 2").rows == Rows{{"2"}, {"5"}});
  CHECK(PlanSorts(e, "SELECT k FROM n ORDER BY k DESC"));
  CHECK(e.Run("SELECT k FROM n ORDER BY k DESC LIMIT 2").rows == Rows{{"10"}, {"2.5"}});
  CHECK(PlanSorts(e, "SELECT k FROM n ORDER BY v"));

  e.Run("CREATE TABLE t (a text, b int, c int, PRIMARY KEY (a, b))");
  e.Run("INSERT INTO t VALUES ('b', 2, 1), ('a', 9, 2), ('B', 1, 3), ('b', -3, 4), ('a', 1, 5)");
  CHECK_FALSE(PlanSorts(e, "SELECT c FROM t ORDER BY a"));
  CHECK_FALSE(PlanSorts(e, "SELECT c FROM t ORDER BY a, b"));
  CHECK_FALSE(PlanSorts(e, "SELECT c FROM t ORDER BY a ASC NULLS LAST, b"));
  // Text orders by its bytes, as Basalt compares it: 'B' before 'a'.
  CHECK(e.Run("SELECT a, b FROM t ORDER BY a, b").rows ==
        Rows{{"B", "1"}, {"a", "1"}, {"a", "9"}, {"b", "-3"}, {"b", "2"}});
  CHECK(PlanSorts(e, "SELECT c FROM t ORDER BY b"));
  CHECK(PlanSorts(e, "SELECT c FROM t ORDER BY a, c"));
  CHECK(PlanSorts(e, "SELECT c FROM t ORDER BY a NULLS FIRST"));
  CHECK(PlanSorts(e, "SELECT c FROM t ORDER BY a || 'x'"));
}

}  // namespace
}  // namespace basalt::sql
