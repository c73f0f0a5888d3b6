// Parallel aggregation through the engine: with min_parallel_table_scan_size
// = 0 every qualifying aggregate runs on three threads; each query's rows
// must equal those of the same query run alone (max_parallel_workers_per_
// gather = 0). Also the plan's shape, EXPLAIN ANALYZE's proof that the
// workers ran, an error raised in a worker, the fall back to one thread past
// work_mem, and the transaction's own writes seen by every participant.
#include "sql/execution/parallel_aggregate.h"

#include <string>

#include <catch2/catch.hpp>

#include "sql/test_engine.h"

namespace basalt::sql {
namespace {

// A table of every type the combinable aggregates take, NULLs included;
// floats are multiples of 0.25, whose sums are exact in any order.
void CreateTables(TestEngine& f) {
  f.Run(
      "CREATE TABLE t (id int PRIMARY KEY, g int, i4 int, i8 bigint, n numeric, f float8, "
      "t text, b bool, iv interval)");
  f.Run(
      "INSERT INTO t SELECT x, x % 13, CASE WHEN x % 11 = 0 THEN NULL ELSE x % 1000 END, "
      "x::bigint * 1000003, (x % 97) / 7.0, (x % 100) * 0.25, 'v' || (x % 89), x % 5 <> 0, "
      "(x % 9) * interval '1 day' + (x % 60) * interval '1 second' FROM generate_series(1, 6000) "
      "x");
  f.Run("CREATE TABLE d (g int PRIMARY KEY, label text)");
  f.Run("INSERT INTO d SELECT x, 'group ' || x FROM generate_series(0, 9) x");
}

CollectingSink RunWithWorkers(TestEngine& f, std::string_view sql, int workers) {
  f.Run("SET max_parallel_workers_per_gather = " + std::to_string(workers));
  return f.Run(sql);
}

// The query's rows with two workers equal its rows alone (and there are
// rows, unless `empty`).
void CheckSameRows(TestEngine& f, std::string_view sql, bool empty = false) {
  INFO(sql);
  const Rows alone = RunWithWorkers(f, sql, 0).rows;
  const Rows parallel = RunWithWorkers(f, sql, 2).rows;
  CHECK(alone.empty() == empty);
  CHECK(parallel == alone);
}

std::string Plan(TestEngine& f, std::string_view sql) {
  std::string text;
  for (const auto& row : f.Run(sql).rows) text += row[0] + "\n";
  return text;
}

TEST_CASE("parallel aggregate: the same rows as one thread", "[parallel_aggregate]") {
  TestEngine f;
  CreateTables(f);
  f.Run("SET min_parallel_table_scan_size = 0");
  CheckSameRows(f,
                "SELECT g, count(*), count(i4), sum(i4), sum(i8), sum(n), sum(f), avg(i4), "
                "avg(i8), avg(n), avg(f), min(t), max(t), min(n), max(f), bool_and(b), "
                "bool_or(b), every(b), bit_and(i4), bit_or(i4), sum(iv), avg(iv), min(iv) "
                "FROM t GROUP BY g ORDER BY g");
  CheckSameRows(f, "SELECT count(*), sum(i8) FILTER (WHERE b), max(t), avg(f) FROM t");
  // No input row: one row of NULLs and a zero count.
  CheckSameRows(f, "SELECT count(*), sum(i4), max(t), bool_and(b) FROM t WHERE i4 > 100000");
  CheckSameRows(f, "SELECT g, count(*) FROM t WHERE i4 > 100000 GROUP BY g ORDER BY g", true);
  CheckSameRows(f,
                "SELECT i4 % 7 AS k, t IS NULL, count(*), sum(n) FROM t GROUP BY 1, 2 "
                "HAVING count(*) > 10 ORDER BY 1, 2");
  // Joins whose other side each participant reads whole.
  CheckSameRows(f,
                "SELECT d.label, count(*), sum(t.i8) FROM t JOIN d ON t.g = d.g "
                "GROUP BY d.label ORDER BY 1");
  CheckSameRows(f,
                "SELECT d.label, count(*), count(d.g) FROM t LEFT JOIN d ON t.g = d.g "
                "GROUP BY d.label ORDER BY 1");
  CheckSameRows(f, "SELECT count(*) FROM t WHERE EXISTS (SELECT 1 FROM d WHERE d.g = t.g)");
  CheckSameRows(f, "SELECT count(*) FROM t WHERE NOT EXISTS (SELECT 1 FROM d WHERE d.g = t.g)");
  // The session's TimeZone reaches the workers.
  f.Run("SET TimeZone = 'America/New_York'");
  CheckSameRows(f,
                "SELECT (timestamptz '2024-03-09 12:00+00' + id * interval '1 hour')::date::"
                "text AS day, count(*) FROM t GROUP BY 1 ORDER BY 1 LIMIT 5");
}

TEST_CASE("parallel aggregate: the plan and its run", "[parallel_aggregate]") {
  TestEngine f;
  CreateTables(f);
  // Below min_parallel_table_scan_size (8MB) a table is aggregated alone.
  CHECK(Plan(f, "EXPLAIN (COSTS OFF) SELECT g, count(*) FROM t GROUP BY g") ==
        "HashAggregate\n  Group Key: g\n  ->  Seq Scan on t\n");
  f.Run("SET min_parallel_table_scan_size = 0");
  CHECK(Plan(f, "EXPLAIN (COSTS OFF) SELECT g, count(*) FROM t GROUP BY g") ==
        "Finalize HashAggregate\n"
        "  Group Key: g\n"
        "  ->  Gather\n"
        "        Workers Planned: 2\n"
        "        ->  Partial HashAggregate\n"
        "              Group Key: g\n"
        "              ->  Parallel Seq Scan on t\n");
  // What does not merge (DISTINCT, string_agg) or reads the session stays serial.
  CHECK(Plan(f, "EXPLAIN (COSTS OFF) SELECT count(DISTINCT g) FROM t") ==
        "Aggregate\n  ->  Seq Scan on t\n");
  CHECK(Plan(f, "EXPLAIN (COSTS OFF) SELECT string_agg(t, ',') FROM t") ==
        "Aggregate\n  ->  Seq Scan on t\n");
  CHECK(Plan(f, "EXPLAIN (COSTS OFF) SELECT sum(i4 + random()) FROM t") ==
        "Aggregate\n  ->  Seq Scan on t\n");
  f.Run("SET max_parallel_workers_per_gather = 0");
  CHECK(Plan(f, "EXPLAIN (COSTS OFF) SELECT count(*) FROM t") ==
        "Aggregate\n  ->  Seq Scan on t\n");
  // EXPLAIN ANALYZE shows the workers that ran and every participant's
  // share of the scan: three loops of 2000 rows on average.
  f.Run("SET max_parallel_workers_per_gather = 2");
  const std::string analyzed = Plan(
      f,
      "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT g, count(*) FROM t GROUP BY g");
  CHECK(analyzed.find("Finalize HashAggregate (actual rows=13 loops=1)") != std::string::npos);
  CHECK(analyzed.find("Workers Launched: 2") != std::string::npos);
  CHECK(analyzed.find("Parallel Seq Scan on t (actual rows=2000 loops=3)") != std::string::npos);
}

TEST_CASE("parallel aggregate: errors, work_mem and own writes", "[parallel_aggregate]") {
  TestEngine f;
  CreateTables(f);
  f.Run("SET min_parallel_table_scan_size = 0");
  // A participant's error is the statement's.
  CHECK(f.Fail("SELECT g, sum(100 / (id - id)) FROM t GROUP BY g").code() ==
        sqlstate::kDivisionByZero);
  // Past work_mem the participants stop and the aggregate runs again alone,
  // spilling: the same rows, and EXPLAIN ANALYZE shows the serial run.
  f.Run("SET work_mem = '64kB'");
  CheckSameRows(f, "SELECT id % 3000 AS k, count(*), sum(i8) FROM t GROUP BY 1 ORDER BY 1");
  const std::string analyzed = Plan(f,
                                    "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT "
                                    "id, count(*) FROM t GROUP BY id");
  CHECK(analyzed.rfind("HashAggregate (actual rows=6000 loops=1)", 0) == 0);
  f.Run("RESET work_mem");
  // Every participant reads the transaction's own writes.
  f.Run("BEGIN");
  f.Run("INSERT INTO t (id, g, i4) SELECT x, 99, 1 FROM generate_series(10001, 10500) x");
  f.Run("DELETE FROM t WHERE id <= 100");
  CheckSameRows(f, "SELECT g, count(*), sum(i4) FROM t GROUP BY g ORDER BY g");
  CHECK(RunWithWorkers(f, "SELECT count(*) FROM t", 2).rows == Rows{{"6400"}});
  f.Run("ROLLBACK");
  CHECK(RunWithWorkers(f, "SELECT count(*) FROM t", 2).rows == Rows{{"6000"}});
}

}  // namespace
}  // namespace basalt::sql
