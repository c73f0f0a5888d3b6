// Depth is bounded everywhere a statement recurses (parser, binder, planner
// passes, evaluation, destructors): every deep or long statement gets its
// result or a clean 54001, and the session answers the next query.
#include <catch2/catch.hpp>

#include "sql/parser/test_deep_sql.h"
#include "sql/test_engine.h"

namespace basalt::sql {
namespace {

// The statement's single value, or "ERROR <sqlstate>".
std::string Outcome(TestEngine& f, const std::string& sql) {
  CollectingSink sink;
  try {
    f.session->ExecuteSimpleQuery(sql, sink);
  } catch (const Error& e) {
    return "ERROR " + std::string(e.code());
  }
  if (sink.rows.size() != 1 || sink.rows[0].size() != 1) return "not one value";
  return sink.rows[0][0];
}

TEST_CASE("deep and long statements run or fail with 54001, and the session goes on",
          "[engine][depth]") {
  TestEngine f;
  for (const testing::DeepShape& shape : testing::DeepShapes()) {
    for (size_t n : testing::DeepSizes()) {
      INFO(shape.name << " with " << n);
      std::string outcome = Outcome(f, shape.make(n));
      std::string name = shape.name;
      bool flattened = name == "or" || name == "and";  // one n-ary node, as in PostgreSQL
      if (flattened || (n <= 1'000 && !testing::kSanitizedBuild)) {
        CHECK(outcome == testing::DeepShapeResult(name, n));
      } else if (n <= 1'000) {
        CHECK((outcome == testing::DeepShapeResult(name, n) || outcome == "ERROR 54001"));
      } else {
        CHECK(outcome == "ERROR 54001");
      }
      REQUIRE(Outcome(f, "SELECT 1") == "1");
    }
  }
}

TEST_CASE("a long OR chain over a table's rows is one n-ary condition", "[engine][depth]") {
  TestEngine f;
  f.Run("CREATE TABLE t (id int PRIMARY KEY, v int)");
  f.Run("INSERT INTO t VALUES (1, 10), (2, 20), (3, 30)");
  const int terms = testing::kSanitizedBuild ? 20'000 : 200'000;
  std::string sql = "SELECT id FROM t WHERE v = 20";
  for (int i = 0; i < terms; ++i) sql += " OR v = -1";
  auto rows = f.Run(sql + " ORDER BY id").rows;
  CHECK(rows == Rows{{"2"}});
  std::string both = "SELECT id FROM t WHERE id > 0";
  for (int i = 0; i < terms; ++i) both += " AND v > 15";
  CHECK(f.Run(both + " ORDER BY id").rows == Rows{{"2"}, {"3"}});
  // A bad operand deep in the chain is still named, at its position.
  Error e = f.Fail("SELECT 1 WHERE true OR true OR 3");
  CHECK(e.code() == "42804");
  CHECK(e.message() == "argument of OR must be type boolean, not type integer");
  CHECK(e.position() == 32);
}

TEST_CASE("a 54001 error carries PostgreSQL's message and hint", "[engine][depth]") {
  TestEngine f;
  Error e = f.Fail("SELECT " + std::string(100'000, '(') + "1" + std::string(100'000, ')'));
  CHECK(e.code() == "54001");
  CHECK(e.message() == "stack depth limit exceeded");
  CHECK(e.hint() ==
        "Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), after "
        "ensuring the platform's stack depth limit is adequate.");
  // Inside an explicit transaction the block fails and ROLLBACK recovers.
  f.Run("BEGIN");
  std::string minus = "SELECT ";
  for (int i = 0; i < 100'000; ++i) minus += "- ";
  CHECK(f.Fail(minus + "1").code() == "54001");
  CHECK(f.Fail("SELECT 1").code() == "25P02");
  f.Run("ROLLBACK");
  CHECK(f.Run("SELECT 1").rows == Rows{{"1"}});
}

}  // namespace
}  // namespace basalt::sql
