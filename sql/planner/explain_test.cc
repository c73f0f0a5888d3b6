// EXPLAIN's formats (explain_format.cc) on a tree made by hand, and EXPLAIN
// [ANALYZE] through a session: what the SQL file recorded from PostgreSQL
// cannot show (costs, times, spills, loops, never-executed nodes).
#include <catch2/catch.hpp>

#include <string>

#include "sql/planner/explain.h"
#include "sql/test_engine.h"

namespace basalt::sql {
namespace {

ExplainNode Scan(const NodeActuals* actuals) {
  ExplainNode scan;
  scan.label = "Seq Scan on t";
  scan.node_type = "Seq Scan";
  scan.after = {{"Relation Name", JsonString("t")}, {"Alias", JsonString("t")}};
  scan.parent_relationship = "Outer";
  scan.total_cost = 10;
  scan.plan_rows = 1000;
  scan.plan_width = 4;
  scan.actuals = actuals;
  scan.details.push_back({"Filter: (a = 'x\"y')", {{"Filter", JsonString("(a = 'x\"y')")}}});
  scan.details.push_back({"", {{"Rows Removed by Filter", "0"}}});
  return scan;
}

TEST_CASE("explain: TEXT format", "[explain]") {
  NodeActuals ran;
  ran.loops = 2;
  ran.rows = 10;
  ran.startup_ms = 1;
  ran.total_ms = 3;
  ExplainNode limit;
  limit.label = limit.node_type = "Limit";
  limit.startup_cost = 0.5;
  limit.total_cost = 1.25;
  limit.plan_rows = 3;
  limit.plan_width = 4;
  limit.actuals = &ran;
  limit.children.push_back(Scan(nullptr));

  ExplainOptions options;
  CHECK(FormatExplain(limit, options, -1, -1) ==
        "Limit  (cost=0.50..1.25 rows=3 width=4)\n"
        "  ->  Seq Scan on t  (cost=0.00..10.00 rows=1000 width=4)\n"
        "        Filter: (a = 'x\"y')\n");
  options.analyze = true;
  options.timing = true;
  options.costs = false;
  // Per loop, as PostgreSQL; a node without actuals never ran.
  CHECK(FormatExplain(limit, options, 0.25, 4) ==
        "Limit (actual time=0.500..1.500 rows=5 loops=2)\n"
        "  ->  Seq Scan on t (never executed)\n"
        "        Filter: (a = 'x\"y')\n"
        "Planning Time: 0.250 ms\n"
        "Execution Time: 4.000 ms\n");
  options.timing = false;
  CHECK(FormatExplain(limit, options, -1, -1).starts_with("Limit (actual rows=5 loops=2)\n"));
}

TEST_CASE("explain: JSON format", "[explain]") {
  NodeActuals ran;
  ran.loops = 1;
  ran.rows = 7;
  ExplainNode root = Scan(&ran);
  root.parent_relationship.clear();
  ExplainOptions options;
  options.format = ExplainOptions::Format::kJson;
  options.costs = false;
  options.analyze = true;
  CHECK(FormatExplain(root, options, -1, -1) ==
        "[\n"
        "  {\n"
        "    \"Plan\": {\n"
        "      \"Node Type\": \"Seq Scan\",\n"
        "      \"Parallel Aware\": false,\n"
        "      \"Async Capable\": false,\n"
        "      \"Relation Name\": \"t\",\n"
        "      \"Alias\": \"t\",\n"
        "      \"Actual Rows\": 7,\n"
        "      \"Actual Loops\": 1,\n"
        "      \"Filter\": \"(a = 'x\\\"y')\",\n"
        "      \"Rows Removed by Filter\": 0\n"
        "    },\n"
        "    \"Triggers\": [\n"
        "    ]\n"
        "  }\n"
        "]");
  CHECK(JsonString("a\\b\n\x01") == "\"a\\\\b\\n\\u0001\"");
}

TEST_CASE("explain analyze: loops, spills, never executed", "[explain]") {
  TestEngine f;
  f.Run("CREATE TABLE t (id int PRIMARY KEY, g int, v text)");
  f.Run("INSERT INTO t SELECT i, i % 4, md5(i::text) FROM generate_series(1, 5000) i");
  f.Run("CREATE TABLE u (id int)");
  f.Run("INSERT INTO u VALUES (0), (1), (2)");
  const std::string analyze = "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ";
  // A LATERAL join's inside runs once per outer row.
  CHECK(f.Run(analyze + "SELECT * FROM u, LATERAL (SELECT count(*) FROM t WHERE t.g = u.id) s")
            .rows == Rows{{"Nested Loop (actual rows=3 loops=1)"},
                          {"  ->  Seq Scan on u (actual rows=3 loops=1)"},
                          {"  ->  Aggregate (actual rows=1 loops=3)"},
                          {"        ->  Seq Scan on t (actual rows=1250 loops=3)"},
                          {"              Filter: (g = (...))"},
                          {"              Rows Removed by Filter: 3750"}});
  CHECK(f.Run(analyze + "SELECT * FROM t LIMIT 0").rows ==
        Rows{{"Limit (actual rows=0 loops=1)"}, {"  ->  Seq Scan on t (never executed)"}});
  f.Run("SET work_mem = '64kB'");
  Rows sort = f.Run(analyze + "SELECT * FROM t ORDER BY v").rows;
  REQUIRE(sort.size() == 4);
  CHECK(sort[2][0].starts_with("  Sort Method: external merge  Disk: "));
  f.Run("RESET work_mem");
  sort = f.Run(analyze + "SELECT * FROM t ORDER BY v").rows;
  CHECK(sort[2][0].starts_with("  Sort Method: quicksort  Memory: "));
  // The statement ran: a write is there, inside its transaction.
  f.Run("BEGIN");
  CHECK(f.Run(analyze + "DELETE FROM u WHERE id > 0").rows ==
        Rows{{"Delete on u (actual rows=0 loops=1)"},
             {"  ->  Seq Scan on u (actual rows=2 loops=1)"},
             {"        Filter: (id > 0)"},
             {"        Rows Removed by Filter: 1"}});
  CHECK(f.Run("SELECT count(*) FROM u").rows == Rows{{"1"}});
  f.Run("ROLLBACK");
  CHECK(f.Run("SELECT count(*) FROM u").rows == Rows{{"3"}});
  // EXPLAIN EXECUTE: the prepared statement with its arguments.
  f.Run("PREPARE q AS SELECT id FROM u WHERE id >= $1");
  CHECK(f.Run(analyze + "EXECUTE q(1)").rows == Rows{{"Seq Scan on u (actual rows=2 loops=1)"},
                                                     {"  Filter: (id >= $1)"},
                                                     {"  Rows Removed by Filter: 1"}});
  CHECK(std::string(f.Fail("EXPLAIN EXECUTE q").code()) == "42601");  // no argument for $1
  // The result column: text, or json for FORMAT JSON.
  CHECK(f.Run("EXPLAIN SELECT 1").results[0][0].type.id == TypeId::kText);
  CHECK(f.Run("EXPLAIN (FORMAT JSON) SELECT 1").results[0][0].type.id == TypeId::kJson);
}

}  // namespace
}  // namespace basalt::sql
