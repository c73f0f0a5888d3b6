// Views through the engine: what the SQL files cannot compare with
// PostgreSQL (writes through views, where Basalt differs; reopen) and the
// binding of a view's names to the OIDs recorded at CREATE VIEW.
#include <catch2/catch.hpp>

#include "sql/engine.h"
#include "sql/test_engine.h"

namespace basalt::sql {
namespace {

TEST_CASE("a view reads the relations it named at CREATE, by OID", "[engine][views]") {
  TestEngine f;
  f.Run("CREATE TABLE t (a int)");
  f.Run("INSERT INTO t VALUES (1), (2)");
  CHECK(f.Run("CREATE VIEW v AS SELECT a FROM t").tags == std::vector<std::string>{"CREATE VIEW"});
  // Under a search_path where `t` names nothing, the view still reads t:
  // its query's `t` is the OID recorded at CREATE, not a name to look up.
  f.Run("SET search_path = nosuch");
  CHECK(f.Fail("SELECT a FROM t").code() == sqlstate::kUndefinedTable);
  CHECK(f.Run("SELECT a FROM public.v ORDER BY a").rows == Rows{{"1"}, {"2"}});
  // A view over the view, created under that search_path, binds to both.
  f.Run("CREATE VIEW public.w AS SELECT a * 10 AS a10 FROM public.v");
  f.Run("RESET search_path");
  CHECK(f.Run("SELECT a10 FROM w ORDER BY a10").rows == Rows{{"10"}, {"20"}});
  // The columns come from the view, with the view as their origin.
  auto r = f.Run("SELECT * FROM w");
  REQUIRE(r.results.size() == 1);
  CHECK(r.results[0][0].name == "a10");
  CHECK(r.results[0][0].type.id == TypeId::kInt4);
  CHECK(r.results[0][0].column_number == 1);
}

TEST_CASE("views survive reopen", "[engine][views]") {
  TestEngine f;
  f.Run("CREATE TABLE t (a int, b text)");
  f.Run("INSERT INTO t VALUES (1, 'x')");
  f.Run("CREATE VIEW v (first, second) AS SELECT b, a FROM t");
  f.Reopen();
  CHECK(f.Run("SELECT second, first FROM v").rows == Rows{{"1", "x"}});
  CHECK(f.Fail("DROP TABLE t").code() == sqlstate::kDependentObjectsStillExist);
  auto dropped = f.Run("DROP TABLE t CASCADE");
  REQUIRE(dropped.notices.size() == 1);
  CHECK(dropped.notices[0].second == "drop cascades to view v");
  CHECK(f.Fail("SELECT * FROM v").code() == sqlstate::kUndefinedTable);
}

TEST_CASE("writes through a simple view reach its table, inside the view's WHERE",
          "[engine][views]") {
  TestEngine f;
  f.Run("CREATE TABLE t (a int, b int)");
  f.Run("CREATE VIEW v AS SELECT a, b * 2 AS b2 FROM t WHERE a > 0");
  f.Run("INSERT INTO v (a) VALUES (1)");
  f.Run("INSERT INTO t VALUES (-1, 5)");
  CHECK(f.Run("UPDATE v SET a = a + 1").tags == std::vector<std::string>{"UPDATE 1"});
  CHECK(f.Run("SELECT a, b FROM t ORDER BY a").rows == Rows{{"-1", "5"}, {"2", "NULL"}});
  CHECK(f.Run("DELETE FROM v").tags == std::vector<std::string>{"DELETE 1"});
  CHECK(f.Run("SELECT a, b FROM t").rows == Rows{{"-1", "5"}});
  // A computed column is not the table's; a grouped view is no table.
  Error column = f.Fail("INSERT INTO v VALUES (3, 4)");
  CHECK(column.code() == sqlstate::kFeatureNotSupported);
  CHECK(column.message() == "cannot insert into column \"b2\" of view \"v\"");
  f.Run("CREATE VIEW g AS SELECT a, count(*) FROM t GROUP BY a");
  for (const char* sql : {"INSERT INTO g VALUES (1, 1)", "UPDATE g SET a = 2", "DELETE FROM g"}) {
    Error e = f.Fail(sql);
    CHECK(e.code() == sqlstate::kObjectNotInPrerequisiteState);
    CHECK(e.message().find("view \"g\"") != std::string::npos);
  }
  CHECK(f.Run("SELECT count(*) FROM t").rows == Rows{{"1"}});
}

TEST_CASE("a rolled back CREATE VIEW leaves nothing", "[engine][views]") {
  TestEngine f;
  f.Run("CREATE TABLE t (a int)");
  f.Run("BEGIN");
  f.Run("CREATE VIEW v AS SELECT a FROM t");
  f.Run("SAVEPOINT s");
  f.Run("CREATE OR REPLACE VIEW v AS SELECT a, a + 1 AS b FROM t");
  CHECK(f.Run("SELECT * FROM v").results[0].size() == 2);
  f.Run("ROLLBACK TO SAVEPOINT s");
  CHECK(f.Run("SELECT * FROM v").results[0].size() == 1);
  f.Run("ROLLBACK");
  CHECK(f.Fail("SELECT * FROM v").code() == sqlstate::kUndefinedTable);
  CHECK(f.Run("CREATE VIEW v AS SELECT a FROM t").tags == std::vector<std::string>{"CREATE VIEW"});
}

}  // namespace
}  // namespace basalt::sql
