// GROUP BY and aggregates through the engine: groups spanning several input
// and output batches, the plan's shape, one plan serving several executions,
// and the scan decoding only what the aggregate reads.
#include "sql/execution/hash_aggregate.h"

#include <string>

#include <catch2/catch.hpp>

#include "sql/test_engine.h"

namespace basalt::sql {
namespace {

TEST_CASE("hash aggregate: groups across batches", "[hash_aggregate]") {
  TestEngine f;
  f.Run("CREATE TABLE t (id int PRIMARY KEY, g int, v numeric)");
  // 3000 rows in 1500 groups: more than one batch in and out.
  std::string insert = "INSERT INTO t VALUES ";
  for (int i = 0; i < 3000; ++i) {
    if (i > 0) insert += ", ";
    insert += "(" + std::to_string(i) + ", " + std::to_string(i % 1500) + ", " +
              (i % 2 == 0 ? "1.0" : "1.00") + ")";
  }
  f.Run(insert);
  auto groups = f.Run("SELECT g, count(*), sum(v), min(id), max(id) FROM t GROUP BY g");
  REQUIRE(groups.rows.size() == 1500);
  CHECK(groups.tags == std::vector<std::string>{"SELECT 1500"});
  for (const auto& row : groups.rows) {
    const int g = std::stoi(row[0]);
    CHECK(row[1] == "2");
    CHECK(row[2] == (g % 2 == 0 ? "2.0" : "2.00"));  // 1.0 + 1.0 or 1.00 + 1.00
    CHECK(row[3] == std::to_string(g));
    CHECK(row[4] == std::to_string(g + 1500));
  }
  // Equal numeric keys of different scales are one group.
  CHECK(f.Run("SELECT v, count(*) FROM t GROUP BY v").rows == Rows{{"1.0", "3000"}});
  CHECK(f.Run("SELECT count(*), count(DISTINCT g), sum(g) FROM t").rows ==
        Rows{{"3000", "1500", "2248500"}});
  CHECK(f.Run("SELECT g FROM t GROUP BY g HAVING sum(id) = 1500 + 2 * 7").rows == Rows{{"7"}});
  CHECK(f.Run("SELECT g, count(*) FROM t WHERE id > 9000 GROUP BY g").rows.empty());
  // integer[] keys, which the key codec cannot encode alone.
  CHECK(f.Run("SELECT ARRAY[g % 3, NULL], count(*) FROM t GROUP BY 1 ORDER BY 1").rows ==
        Rows{{"{0,NULL}", "1000"}, {"{1,NULL}", "1000"}, {"{2,NULL}", "1000"}});
  CHECK(f.Run("SELECT count(DISTINCT ARRAY[g % 3]), count(DISTINCT ARRAY[]::int[]) FROM t").rows ==
        Rows{{"3", "1"}});
  CHECK(f.Run("SELECT count(*), max(g) FROM t WHERE id > 9000").rows == Rows{{"0", "NULL"}});
}

TEST_CASE("hash aggregate: keys of the catalog types", "[hash_aggregate]") {
  // name, "char" and reg* values have no stored form, so the key codec has
  // no case for them: they group as text and oid.
  TestEngine f;
  CHECK(f.Run("SELECT n, count(*) FROM (VALUES ('a'::name), ('b'::name), ('a'::name)) v(n) "
              "GROUP BY n ORDER BY n")
            .rows == Rows{{"a", "2"}, {"b", "1"}});
  CHECK(
      f.Run("SELECT count(DISTINCT c) FROM (VALUES ('r'::\"char\"), ('v'::\"char\")) v(c)").rows ==
      Rows{{"2"}});
  CHECK(f.Run("SELECT count(DISTINCT x) FROM (VALUES ('pg_class'::regclass), "
              "('pg_type'::regclass)) v(x)")
            .rows == Rows{{"2"}});
  CHECK(f.Run("SELECT count(*) FROM (VALUES ('a'::name), ('b'::name)) x(n) "
              "JOIN (VALUES ('a'::name)) y(n) ON x.n = y.n")
            .rows == Rows{{"1"}});
}

TEST_CASE("hash aggregate: result columns and plan", "[hash_aggregate]") {
  TestEngine f;
  f.Run("CREATE TABLE o (id int PRIMARY KEY, cust text, qty int2, amount numeric(8,2))");
  f.Run("INSERT INTO o VALUES (1, 'a', 1, 1.50), (2, 'b', 2, 2.25), (3, 'a', 3, NULL)");
  auto r = f.Run(
      "SELECT cust, count(*), sum(qty), avg(qty), max(amount), string_agg(cust, ',') FROM o "
      "GROUP BY cust ORDER BY cust");
  CHECK(r.rows == Rows{{"a", "2", "4", "2.0000000000000000", "1.50", "a,a"},
                       {"b", "1", "2", "2.0000000000000000", "2.25", "b"}});
  REQUIRE(r.results.size() == 1);
  const auto& columns = r.results[0];
  CHECK(columns[0].name == "cust");
  CHECK(columns[0].column_number == 2);  // a group key keeps its source column
  CHECK(columns[1].name == "count");
  CHECK(columns[1].type.id == TypeId::kInt8);
  CHECK(columns[2].type.id == TypeId::kInt8);
  CHECK(columns[3].type.id == TypeId::kNumeric);
  CHECK(columns[4].type == DataType::Of(TypeId::kNumeric));  // no typmod, as PostgreSQL
  CHECK(columns[4].table_oid == 0);
  CHECK(columns[5].type.id == TypeId::kText);

  CHECK(f.Run("EXPLAIN (COSTS OFF) SELECT cust, sum(qty) FROM o WHERE cust <> '' GROUP BY cust "
              "HAVING count(*) > 1 ORDER BY 2 LIMIT 1")
            .rows == Rows{{"Limit"},
                          {"  ->  Sort"},
                          {"        Sort Key: sum(qty)"},
                          {"        ->  HashAggregate"},
                          {"              Group Key: cust"},
                          {"              Filter: (count(*) > '1'::bigint)"},
                          {"              ->  Seq Scan on o"},
                          {"                    Filter: (cust <> ''::text)"}});
  CHECK(f.Run("EXPLAIN (COSTS OFF) SELECT count(*) FROM o").rows ==
        Rows{{"Aggregate"}, {"  ->  Seq Scan on o"}});
  // HAVING true disappears with constant folding.
  CHECK(f.Run("EXPLAIN (COSTS OFF) SELECT count(*) FROM o HAVING true").rows ==
        Rows{{"Aggregate"}, {"  ->  Seq Scan on o"}});
}

TEST_CASE("hash aggregate: one plan, several executions", "[hash_aggregate]") {
  TestEngine f;
  f.Run("CREATE TABLE o (id int PRIMARY KEY, cust text, qty int)");
  f.Run("INSERT INTO o VALUES (1, 'a', 1), (2, 'b', 2), (3, 'a', 3), (4, 'c', 10)");
  f.Run(
      "PREPARE q(int) AS SELECT cust, sum(qty) FROM o GROUP BY cust HAVING sum(qty) > $1 "
      "ORDER BY cust");
  CHECK(f.Run("EXECUTE q(3)").rows == Rows{{"a", "4"}, {"c", "10"}});
  CHECK(f.Run("EXECUTE q(0)").rows == Rows{{"a", "4"}, {"b", "2"}, {"c", "10"}});
  f.Run("INSERT INTO o VALUES (5, 'b', 5)");
  CHECK(f.Run("EXECUTE q(3)").rows == Rows{{"a", "4"}, {"b", "7"}, {"c", "10"}});
  // Two cursors over one plan, read in turns.
  f.Run("BEGIN");
  f.Run("DECLARE c1 CURSOR FOR SELECT cust, count(*) FROM o GROUP BY cust ORDER BY cust");
  f.Run("DECLARE c2 CURSOR FOR SELECT cust, count(*) FROM o GROUP BY cust ORDER BY cust");
  CHECK(f.Run("FETCH 1 FROM c1").rows == Rows{{"a", "2"}});
  CHECK(f.Run("FETCH 2 FROM c2").rows == Rows{{"a", "2"}, {"b", "2"}});
  CHECK(f.Run("FETCH 5 FROM c1").rows == Rows{{"b", "2"}, {"c", "1"}});
  f.Run("COMMIT");
}

}  // namespace
}  // namespace basalt::sql
