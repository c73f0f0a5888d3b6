#include <catch2/catch.hpp>

#include "sql/parser/ast_printer.h"
#include "sql/parser/parser.h"

namespace basalt::sql {
namespace {

std::string P(std::string_view sql) {
  auto statements = ParseStatements(sql);
  REQUIRE(statements.size() == 1);
  return ast::ToString(*statements[0]);
}

std::string Err(std::string_view sql) {
  try {
    ParseStatements(sql);
  } catch (const Error& e) {
    return std::string(e.code()) + " " + e.message() + " @" + std::to_string(e.position());
  }
  return "no error";
}

TEST_CASE("ALTER MATERIALIZED VIEW / VIEW / TABLE catalog actions", "[parser]") {
  CHECK(P("alter materialized view if exists s.m rename to m2") ==
        "ALTER MATERIALIZED VIEW IF EXISTS s.m RENAME TO m2");
  CHECK(P("ALTER MATERIALIZED VIEW m RENAME a TO b") ==
        "ALTER MATERIALIZED VIEW m RENAME COLUMN a TO b");
  CHECK(P("ALTER MATERIALIZED VIEW m RENAME COLUMN \"A b\" TO c") ==
        "ALTER MATERIALIZED VIEW m RENAME COLUMN A b TO c");
  CHECK(P("ALTER MATERIALIZED VIEW m SET SCHEMA archive") ==
        "ALTER MATERIALIZED VIEW m SET SCHEMA archive");
  CHECK(P("ALTER MATERIALIZED VIEW m OWNER TO current_user") ==
        "ALTER MATERIALIZED VIEW m OWNER TO CURRENT_USER");
  CHECK(P("ALTER MATERIALIZED VIEW m SET (fillfactor = 70, autovacuum_enabled)") ==
        "ALTER MATERIALIZED VIEW m SET (fillfactor = 70, autovacuum_enabled)");
  CHECK(P("ALTER MATERIALIZED VIEW m RESET (fillfactor)") ==
        "ALTER MATERIALIZED VIEW m RESET (fillfactor)");
  CHECK(P("ALTER VIEW v RENAME TO w") == "ALTER VIEW v RENAME TO w");
  CHECK(P("ALTER TABLE IF EXISTS t RENAME COLUMN a TO b") ==
        "ALTER TABLE IF EXISTS t RENAME COLUMN a TO b");
  CHECK(P("ALTER TABLE t SET (fillfactor = 90)") == "ALTER TABLE t SET (fillfactor = 90)");
  // ADD stays ALTER TABLE's own statement.
  CHECK(P("ALTER TABLE t ADD PRIMARY KEY (a)") == "ALTER TABLE t ADD PRIMARY KEY (a)");
  CHECK(Err("ALTER MATERIALIZED VIEW m CLUSTER ON i") ==
        "0A000 this form of ALTER MATERIALIZED VIEW is not supported yet @27");
  CHECK(Err("ALTER VIEW v SET (check_option = local)") ==
        "0A000 this form of ALTER VIEW is not supported yet @14");
  CHECK(Err("ALTER MATERIALIZED VIEW m RENAME TO") == "42601 syntax error at end of input @36");
  CHECK(Err("ALTER MATERIALIZED m RENAME TO x") == "42601 syntax error at or near \"m\" @20");
}

}  // namespace
}  // namespace basalt::sql
