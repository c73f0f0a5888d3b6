// No statement, however deep or long, takes the server down: each shape of
// deep nesting or long chain gets its result or a clean 54001 over the wire,
// and the same connection answers the next query.
#include <libpq-fe.h>

#include <catch2/catch.hpp>

#include <string>

#include "sql/parser/test_deep_sql.h"
#include "tests/integration/test_server.h"

namespace basalt::testing {
namespace {

TEST_CASE("deep and long statements get a result or 54001, and the session goes on",
          "[integration][depth]") {
  TestServer server;
  PgConn conn = server.Connect();
  for (const sql::testing::DeepShape& shape : sql::testing::DeepShapes()) {
    std::string name = shape.name;
    bool flattened = name == "or" || name == "and";
    // A million terms is several MB of SQL that takes a second to lex and
    // parse: worth it where the answer is a result, as in PostgreSQL. The
    // unit tests run every shape at a million.
    size_t big = flattened && !sql::testing::kSanitizedBuild ? 1'000'000 : 100'000;
    for (size_t n : {size_t{10}, size_t{1'000}, big}) {
      INFO(shape.name << " with " << n);
      QueryResult r = Query(conn.get(), shape.make(n));
      if (flattened || (n <= 1'000 && !sql::testing::kSanitizedBuild)) {
        INFO(r.error_message);
        REQUIRE(r.ok());
        CHECK(r.Cell(0, 0) == sql::testing::DeepShapeResult(name, n));
      } else if (n <= 1'000) {  // sanitizer builds have far bigger frames
        CHECK((r.ok() || r.sqlstate == "54001"));
      } else {
        CHECK(r.sqlstate == "54001");
        CHECK(r.error_message == "stack depth limit exceeded");
      }
      QueryResult next = Query(conn.get(), "SELECT 1");
      REQUIRE(next.ok());
      CHECK(next.Cell(0, 0) == "1");
    }
  }
}

TEST_CASE("a 54001 over the wire carries PostgreSQL's hint", "[integration][depth]") {
  TestServer server;
  PgConn conn = server.Connect();
  std::string sql = "SELECT " + std::string(100'000, '(') + "1" + std::string(100'000, ')');
  PgResult res(PQexec(conn.get(), sql.c_str()));
  REQUIRE(PQresultStatus(res.get()) == PGRES_FATAL_ERROR);
  CHECK(std::string(PQresultErrorField(res.get(), PG_DIAG_SQLSTATE)) == "54001");
  const char* hint = PQresultErrorField(res.get(), PG_DIAG_MESSAGE_HINT);
  REQUIRE(hint != nullptr);
  CHECK(std::string(hint) ==
        "Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), after "
        "ensuring the platform's stack depth limit is adequate.");
  // A second connection is served too: the server is up.
  PgConn other = server.Connect();
  CHECK(Query(other.get(), "SELECT 1 WHERE 1=1 OR 1=1").Cell(0, 0) == "1");
}

}  // namespace
}  // namespace basalt::testing
