// Prepared statements keep their plan: Execute neither parses nor binds
// again while the catalog and search_path stay as they were, one plan runs
// in several portals at once, and a changed catalog gives a new plan or
// PostgreSQL's error.
#include <catch2/catch.hpp>

#include "sql/session_impl.h"
#include "sql/test_engine.h"

namespace basalt::sql {
namespace {

struct PreparedFixture : TestEngine {
  SessionImpl& impl() { return dynamic_cast<SessionImpl&>(*session); }

  // Bind + Execute of statement "p" with one text parameter; the rows.
  Rows ExecuteP(std::optional<std::string> parameter, std::string_view portal = "") {
    session->Bind(portal, "p", {BindParameter{std::move(parameter)}}, {});
    CollectingSink sink;
    sink.results.push_back(*session->DescribePortal(portal));
    session->Execute(portal, 0, sink);
    return sink.rows;
  }
};

TEST_CASE("Execute of a prepared statement neither parses nor plans again", "[plan_cache]") {
  PreparedFixture f;
  f.Run("CREATE TABLE t (id int PRIMARY KEY, name text)");
  f.Run("INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three')");
  f.session->Prepare("p", "SELECT name FROM t WHERE id = $1", {});
  f.session->Sync();
  const uint64_t parsed = f.impl().statements_parsed();
  const uint64_t planned = f.impl().plans_built();

  CHECK(f.ExecuteP("2") == Rows{{"two"}});
  f.session->Sync();
  CHECK(f.impl().plans_built() == planned + 1);  // the first Execute plans
  for (int i = 0; i < 100; ++i) {
    const int id = i % 4 + 1;  // 4 matches nothing
    Rows expected = id == 4 ? Rows{} : Rows{{id == 1 ? "one" : id == 2 ? "two" : "three"}};
    CHECK(f.ExecuteP(std::to_string(id)) == expected);
    f.session->Sync();
  }
  CHECK(f.ExecuteP(std::nullopt).empty());  // id = NULL
  f.session->Sync();
  CHECK(f.impl().statements_parsed() == parsed);
  CHECK(f.impl().plans_built() == planned + 1);

  SECTION("a DDL anywhere makes the next Execute plan again, once") {
    f.Run("CREATE TABLE other (a int)");
    const uint64_t before = f.impl().plans_built();
    CHECK(f.ExecuteP("3") == Rows{{"three"}});
    CHECK(f.ExecuteP("1") == Rows{{"one"}});
    f.session->Sync();
    CHECK(f.impl().plans_built() == before + 1);
  }
  SECTION("a dropped table gives 42P01; a changed result type 0A000") {
    f.Run("DROP TABLE t");
    try {
      f.ExecuteP("1");
      FAIL("expected 42P01");
    } catch (const Error& e) {
      CHECK(std::string(e.code()) == "42P01");
    }
    f.session->Sync();
    f.Run("CREATE TABLE t (id int PRIMARY KEY, name int)");
    try {
      f.ExecuteP("1");
      FAIL("expected 0A000");
    } catch (const Error& e) {
      CHECK(std::string(e.code()) == "0A000");
      CHECK(std::string(e.what()) == "cached plan must not change result type");
    }
    f.session->Sync();
  }
  SECTION("another search_path plans again") {
    f.Run("SET search_path = pg_catalog, public");
    const uint64_t before = f.impl().plans_built();
    CHECK(f.ExecuteP("2") == Rows{{"two"}});
    f.session->Sync();
    CHECK(f.impl().plans_built() == before + 1);
  }
  SECTION("DISCARD PLANS drops the cached plan") {
    f.Run("DISCARD PLANS");
    const uint64_t before = f.impl().plans_built();
    CHECK(f.ExecuteP("2") == Rows{{"two"}});
    f.session->Sync();
    CHECK(f.impl().plans_built() == before + 1);
  }
}

TEST_CASE("one plan runs in several suspended portals at once", "[plan_cache]") {
  PreparedFixture f;
  f.Run("CREATE TABLE t (id int PRIMARY KEY, name text)");
  f.Run("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e')");
  f.Run("BEGIN");
  f.session->Prepare("p", "SELECT id FROM t WHERE id >= $1 ORDER BY id", {});
  auto fetch = [&](std::string_view portal, int64_t rows) {
    CollectingSink sink;
    sink.results.push_back(*f.session->DescribePortal(portal));
    const bool suspended = f.session->Execute(portal, rows, sink);
    return std::make_pair(sink.rows, suspended);
  };
  f.session->Bind("low", "p", {BindParameter{"1"}}, {});
  f.session->Bind("high", "p", {BindParameter{"4"}}, {});
  CHECK(fetch("low", 2) == std::make_pair(Rows{{"1"}, {"2"}}, true));
  CHECK(fetch("high", 1) == std::make_pair(Rows{{"4"}}, true));
  CHECK(fetch("low", 2) == std::make_pair(Rows{{"3"}, {"4"}}, true));
  CHECK(fetch("high", 5) == std::make_pair(Rows{{"5"}}, false));
  // A write in the transaction: the suspended portal keeps what it saw.
  f.Run("DELETE FROM t WHERE id = 5");
  CHECK(fetch("low", 0) == std::make_pair(Rows{{"5"}}, false));
  // MOVE and FETCH on a protocol portal (asyncpg's Cursor.forward), then
  // Execute goes on from where they left it.
  f.session->Bind("again", "p", {BindParameter{"1"}}, {});
  CHECK(fetch("again", 1) == std::make_pair(Rows{{"1"}}, true));
  CHECK(f.Run("MOVE FORWARD 2 IN again").tags == std::vector<std::string>{"MOVE 2"});
  CHECK(f.Run("FETCH again").rows == Rows{{"4"}});
  CHECK(fetch("again", 3) == std::make_pair(Rows{}, false));
  f.session->Sync();
  f.Run("COMMIT");
}

}  // namespace
}  // namespace basalt::sql

namespace basalt::sql {
namespace {

// A write in the transaction makes an open cursor read the rest of its rows
// first: they must stay the cursor's, past the first batch of the plan.
TEST_CASE("a cursor keeps the rows it had when the transaction writes", "[plan_cache]") {
  TestEngine e;
  e.Run("CREATE TABLE big (id int PRIMARY KEY)");
  std::string values;
  for (int i = 1; i <= 3000; ++i) values += (i > 1 ? ",(" : "(") + std::to_string(i) + ")";
  e.Run("INSERT INTO big VALUES " + values);
  e.Run("BEGIN");
  e.Run("DECLARE c CURSOR FOR SELECT id FROM big");
  CHECK(e.Run("FETCH 2 FROM c").rows == Rows{{"1"}, {"2"}});
  e.Run("DELETE FROM big WHERE id > 2");
  CollectingSink rest = e.Run("FETCH ALL FROM c");
  REQUIRE(rest.rows.size() == 2998);
  CHECK(rest.rows.front() == std::vector<std::string>{"3"});
  CHECK(rest.rows.back() == std::vector<std::string>{"3000"});
  e.Run("ROLLBACK");
}

}  // namespace
}  // namespace basalt::sql
