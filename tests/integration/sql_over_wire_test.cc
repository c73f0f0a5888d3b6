// SQL behaviour as a libpq user sees it: command tags, RowDescription types,
// text values, error fields, visibility between connections, durability
// across a restart. Every expectation was taken from PostgreSQL 15.
//
// To check the expectations themselves against a real PostgreSQL, set
// BASALT_REFERENCE_CONNINFO (e.g. "host=/tmp port=54333 user=basalt
// dbname=basalt"): the tests then talk to that server instead of starting
// Basalt, and skip what needs a restart.
#include <libpq-fe.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "tests/integration/test_server.h"

namespace basalt::testing {
namespace {

PgResult Exec(PGconn* conn, const std::string& sql) {
  return PgResult(PQexec(conn, sql.c_str()));
}

// Runs `sql` and REQUIREs success; returns the command tag.
std::string Ok(PGconn* conn, const std::string& sql) {
  PgResult res = Exec(conn, sql);
  INFO(sql << ": " << PQresultErrorMessage(res.get()));
  REQUIRE((PQresultStatus(res.get()) == PGRES_COMMAND_OK ||
           PQresultStatus(res.get()) == PGRES_TUPLES_OK));
  return PQcmdStatus(res.get());
}

std::optional<std::string> Field(const PGresult* res, int code) {
  const char* v = PQresultErrorField(res, code);
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

struct ExpectedError {
  std::string sql;
  std::string sqlstate;
  std::string message;
  std::optional<std::string> position;  // nullopt: the error carries none
  std::optional<std::string> detail;
};

void CheckError(PGconn* conn, const ExpectedError& e) {
  PgResult res = Exec(conn, e.sql);
  INFO(e.sql);
  REQUIRE(PQresultStatus(res.get()) == PGRES_FATAL_ERROR);
  CHECK(Field(res.get(), PG_DIAG_SEVERITY) == "ERROR");
  CHECK(Field(res.get(), PG_DIAG_SQLSTATE) == e.sqlstate);
  CHECK(Field(res.get(), PG_DIAG_MESSAGE_PRIMARY) == e.message);
  CHECK(Field(res.get(), PG_DIAG_STATEMENT_POSITION) == e.position);
  CHECK(Field(res.get(), PG_DIAG_MESSAGE_DETAIL) == e.detail);
}

constexpr const char* kAllTypes =
    "CREATE TABLE typed (a int2, b int4 PRIMARY KEY, c int8, d float4, e float8, "
    "f numeric(10,2), g text, h varchar(5), i bool, j date, k timestamp)";
constexpr const char* kAllTypesRows =
    "INSERT INTO typed VALUES "
    "(1, 1, 10000000000, 1.5, 2.25, 3.14159, 'hello', 'abc', true, '2024-01-31', "
    "'2024-01-31 12:34:56.789'), "
    "(-2, 2, -3, -0.1, '1e100', -12345678.90, '', 'vwxyz', false, '1999-12-31', "
    "'2000-01-01 00:00:00'), "
    "(NULL, 3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)";

struct ColumnShape {
  const char* name;
  Oid type;
  int mod;
  int size;
};

void CheckShape(const PGresult* res, const std::vector<ColumnShape>& shape) {
  REQUIRE(PQnfields(res) == static_cast<int>(shape.size()));
  for (int c = 0; c < PQnfields(res); ++c) {
    INFO("column " << c);
    CHECK(std::string(PQfname(res, c)) == shape[c].name);
    CHECK(PQftype(res, c) == shape[c].type);
    CHECK(PQfmod(res, c) == shape[c].mod);
    CHECK(PQfsize(res, c) == shape[c].size);
    CHECK(PQfformat(res, c) == 0);
  }
}

TEST_CASE("command tags are PostgreSQL's", "[sql_over_wire]") {
  TestTarget target;
  PgConn conn = target.Connect();
  Ok(conn.get(), "DROP TABLE IF EXISTS tags");
  CHECK(Ok(conn.get(), "CREATE TABLE tags (id int PRIMARY KEY, v text)") == "CREATE TABLE");
  CHECK(Ok(conn.get(), "INSERT INTO tags VALUES (1, 'a'), (2, 'b'), (3, 'c')") == "INSERT 0 3");
  CHECK(Ok(conn.get(), "SELECT id FROM tags WHERE id < 3") == "SELECT 2");
  CHECK(Ok(conn.get(), "SELECT id FROM tags WHERE id > 10") == "SELECT 0");
  CHECK(Ok(conn.get(), "UPDATE tags SET v = 'x' WHERE id = 1") == "UPDATE 1");
  CHECK(Ok(conn.get(), "UPDATE tags SET v = 'x' WHERE id = 99") == "UPDATE 0");
  CHECK(Ok(conn.get(), "DELETE FROM tags WHERE id = 3") == "DELETE 1");
  CHECK(Ok(conn.get(), "BEGIN") == "BEGIN");
  CHECK(Ok(conn.get(), "INSERT INTO tags VALUES (4, 'd')") == "INSERT 0 1");
  CHECK(Ok(conn.get(), "COMMIT") == "COMMIT");
  CHECK(Ok(conn.get(), "BEGIN") == "BEGIN");
  CHECK(Ok(conn.get(), "DELETE FROM tags") == "DELETE 3");
  CHECK(Ok(conn.get(), "ROLLBACK") == "ROLLBACK");
  CHECK(Ok(conn.get(), "SELECT id FROM tags") == "SELECT 3");
  CHECK(Ok(conn.get(), "SET extra_float_digits = 1") == "SET");
  CHECK(Ok(conn.get(), "DROP TABLE tags") == "DROP TABLE");
}

TEST_CASE("RowDescription of table columns: type OID, typmod, size, table and attnum",
          "[sql_over_wire]") {
  TestTarget target;
  PgConn conn = target.Connect();
  Ok(conn.get(), "DROP TABLE IF EXISTS typed");
  Ok(conn.get(), kAllTypes);
  PgResult res = Exec(conn.get(), "SELECT * FROM typed");
  REQUIRE(PQresultStatus(res.get()) == PGRES_TUPLES_OK);
  CheckShape(res.get(), {{"a", 21, -1, 2},
                         {"b", 23, -1, 4},
                         {"c", 20, -1, 8},
                         {"d", 700, -1, 4},
                         {"e", 701, -1, 8},
                         {"f", 1700, (10 << 16 | 2) + 4, -1},
                         {"g", 25, -1, -1},
                         {"h", 1043, 5 + 4, -1},
                         {"i", 16, -1, 1},
                         {"j", 1082, -1, 4},
                         {"k", 1114, -1, 8}});
  const Oid table = PQftable(res.get(), 0);
  CHECK(table != InvalidOid);
  for (int c = 0; c < PQnfields(res.get()); ++c) {
    CHECK(PQftable(res.get(), c) == table);
    CHECK(PQftablecol(res.get(), c) == c + 1);
  }
  // A column keeps its source through an alias; another table has another OID.
  Ok(conn.get(), "DROP TABLE IF EXISTS other");
  Ok(conn.get(), "CREATE TABLE other (x int, y text)");
  PgResult aliased = Exec(conn.get(), "SELECT y AS renamed, x FROM other");
  REQUIRE(PQresultStatus(aliased.get()) == PGRES_TUPLES_OK);
  CHECK(std::string(PQfname(aliased.get(), 0)) == "renamed");
  CHECK(PQftable(aliased.get(), 0) != InvalidOid);
  CHECK(PQftable(aliased.get(), 0) != table);
  CHECK(PQftablecol(aliased.get(), 0) == 2);
  CHECK(PQftablecol(aliased.get(), 1) == 1);
  Ok(conn.get(), "DROP TABLE other");
  Ok(conn.get(), "DROP TABLE typed");
}

TEST_CASE("RowDescription of expressions: result types and no source column", "[sql_over_wire]") {
  TestTarget target;
  PgConn conn = target.Connect();
  Ok(conn.get(), "DROP TABLE IF EXISTS typed");
  Ok(conn.get(), kAllTypes);
  Ok(conn.get(), kAllTypesRows);
  PgResult res = Exec(conn.get(),
                      "SELECT a + 1, b::int8, c * 2, d * 2, e / 2, f * 2, g || 'x', "
                      "h::varchar(3), NOT i, j + 1, k, 1, 1.5, 'x', 2.5::float4, "
                      "a::numeric(6,1), b = 1 FROM typed ORDER BY b");
  INFO(PQresultErrorMessage(res.get()));
  REQUIRE(PQresultStatus(res.get()) == PGRES_TUPLES_OK);
  CheckShape(res.get(), {{"?column?", 23, -1, 4},
                         {"b", 20, -1, 8},
                         {"?column?", 20, -1, 8},
                         {"?column?", 701, -1, 8},
                         {"?column?", 701, -1, 8},
                         {"?column?", 1700, -1, -1},
                         {"?column?", 25, -1, -1},
                         {"h", 1043, 3 + 4, -1},
                         {"?column?", 16, -1, 1},
                         {"?column?", 1082, -1, 4},
                         {"k", 1114, -1, 8},
                         {"?column?", 23, -1, 4},
                         {"?column?", 1700, -1, -1},
                         {"?column?", 25, -1, -1},
                         {"float4", 700, -1, 4},
                         {"a", 1700, (6 << 16 | 1) + 4, -1},
                         {"?column?", 16, -1, 1}});
  for (int c = 0; c < PQnfields(res.get()); ++c) {
    INFO("column " << c);
    // Only the bare column reference k keeps its source.
    CHECK((PQftable(res.get(), c) != InvalidOid) == (c == 10));
    CHECK(PQftablecol(res.get(), c) == (c == 10 ? 11 : 0));
  }
  REQUIRE(PQntuples(res.get()) == 3);
  const std::vector<std::string> first = {"2",
                                          "1",
                                          "20000000000",
                                          "3",
                                          "1.125",
                                          "6.28",
                                          "hellox",
                                          "abc",
                                          "f",
                                          "2024-02-01",
                                          "2024-01-31 12:34:56.789",
                                          "1",
                                          "1.5",
                                          "x",
                                          "2.5",
                                          "1.0",
                                          "t"};
  const std::vector<std::string> second = {
      "-1",  "2",    "-6",         "-0.20000000298023224", "5e+99", "-24691357.80", "x",
      "vwx", "t",    "2000-01-01", "2000-01-01 00:00:00",  "1",     "1.5",          "x",
      "2.5", "-2.0", "f"};
  for (int c = 0; c < PQnfields(res.get()); ++c) {
    INFO("column " << c);
    CHECK(PQgetvalue(res.get(), 0, c) == first[c]);
    CHECK(PQgetvalue(res.get(), 1, c) == second[c]);
  }
  // NULL in, NULL out of every operator; the key and the constants stay.
  for (int c = 0; c < PQnfields(res.get()); ++c) {
    INFO("column " << c);
    const bool not_null = c == 1 || (c >= 11 && c <= 14) || c == 16;
    CHECK(PQgetisnull(res.get(), 2, c) == (not_null ? 0 : 1));
  }
}

TEST_CASE("text values of every type as PostgreSQL prints them", "[sql_over_wire]") {
  TestTarget target;
  PgConn conn = target.Connect();
  Ok(conn.get(), "DROP TABLE IF EXISTS typed");
  Ok(conn.get(), kAllTypes);
  CHECK(Ok(conn.get(), kAllTypesRows) == "INSERT 0 3");
  PgResult res = Exec(conn.get(), "SELECT * FROM typed ORDER BY b");
  REQUIRE(PQresultStatus(res.get()) == PGRES_TUPLES_OK);
  REQUIRE(PQntuples(res.get()) == 3);
  const std::vector<std::vector<std::string>> expected = {
      {"1", "1", "10000000000", "1.5", "2.25", "3.14", "hello", "abc", "t", "2024-01-31",
       "2024-01-31 12:34:56.789"},
      {"-2", "2", "-3", "-0.1", "1e+100", "-12345678.90", "", "vwxyz", "f", "1999-12-31",
       "2000-01-01 00:00:00"}};
  for (int r = 0; r < 2; ++r) {
    for (int c = 0; c < PQnfields(res.get()); ++c) {
      INFO("row " << r << " column " << c);
      CHECK(PQgetisnull(res.get(), r, c) == 0);
      CHECK(PQgetvalue(res.get(), r, c) == expected[r][c]);
    }
  }
  // The empty string is a value, not NULL; row 3 is all NULL but its key.
  CHECK(PQgetlength(res.get(), 1, 6) == 0);
  for (int c = 0; c < PQnfields(res.get()); ++c) {
    CHECK(PQgetisnull(res.get(), 2, c) == (c == 1 ? 0 : 1));
  }
  Ok(conn.get(), "DROP TABLE typed");
}

TEST_CASE("pg_sleep returns one void column with an empty value", "[sql_over_wire][pg_sleep]") {
  TestTarget target;
  PgConn conn = target.Connect();
  PgResult res = Exec(conn.get(), "SELECT pg_sleep(0.01)");
  REQUIRE(PQresultStatus(res.get()) == PGRES_TUPLES_OK);
  CHECK(std::string(PQcmdStatus(res.get())) == "SELECT 1");
  CheckShape(res.get(), {{"pg_sleep", 2278, -1, 4}});
  REQUIRE(PQntuples(res.get()) == 1);
  CHECK(PQgetisnull(res.get(), 0, 0) == 0);
  CHECK(PQgetlength(res.get(), 0, 0) == 0);
  // A NULL argument gives NULL (the function is strict); integers and
  // untyped literals convert to float8.
  PgResult null = Exec(conn.get(), "SELECT pg_sleep(NULL), pg_sleep(0), pg_sleep('0.001')");
  REQUIRE(PQresultStatus(null.get()) == PGRES_TUPLES_OK);
  CHECK(PQgetisnull(null.get(), 0, 0) == 1);
  CHECK(PQgetisnull(null.get(), 0, 1) == 0);
  CHECK(PQgetisnull(null.get(), 0, 2) == 0);
  CheckError(conn.get(), {"SELECT pg_sleep(true)", "42883",
                          "function pg_sleep(boolean) does not exist", "8", std::nullopt});
  CheckError(conn.get(), {"SELECT pg_sleep(0) = pg_sleep(0)", "42883",
                          "operator does not exist: void = void", "20", std::nullopt});
  CheckError(conn.get(),
             {"SELECT 1 ORDER BY pg_sleep(0)", "42883",
              "could not identify an ordering operator for type void", "19", std::nullopt});
}

TEST_CASE("errors carry PostgreSQL's SQLSTATE, message, position and detail", "[sql_over_wire]") {
  TestTarget target;
  PgConn conn = target.Connect();
  Ok(conn.get(), "DROP TABLE IF EXISTS typed");
  Ok(conn.get(), kAllTypes);
  Ok(conn.get(), kAllTypesRows);
  const std::vector<ExpectedError> errors = {
      {"SELECT * FROM nosuch", "42P01", "relation \"nosuch\" does not exist", "15", std::nullopt},
      {"SELECT nosuch FROM typed", "42703", "column \"nosuch\" does not exist", "8", std::nullopt},
      {"SELEC 1", "42601", "syntax error at or near \"SELEC\"", "1", std::nullopt},
      {"SELECT 1 FROM typed WHERE", "42601", "syntax error at end of input", "26", std::nullopt},
      {"SELECT (1", "42601", "syntax error at end of input", "10", std::nullopt},
      {"INSERT INTO typed (b) VALUES (1)", "23505",
       "duplicate key value violates unique constraint \"typed_pkey\"", std::nullopt,
       "Key (b)=(1) already exists."},
      {"INSERT INTO typed (a) VALUES (1)", "23502",
       "null value in column \"b\" of relation \"typed\" violates not-null constraint",
       std::nullopt,
       "Failing row contains (1, null, null, null, null, null, null, null, null, null, null)."},
      {"INSERT INTO typed (b, a) VALUES (10, 100000)", "22003", "smallint out of range",
       std::nullopt, std::nullopt},
      {"SELECT 2147483647 + 1", "22003", "integer out of range", std::nullopt, std::nullopt},
      {"SELECT 1/0", "22012", "division by zero", std::nullopt, std::nullopt},
      {"INSERT INTO typed (b, i) VALUES (11, 5)", "42804",
       "column \"i\" is of type boolean but expression is of type integer", "38", std::nullopt},
      {"SELECT 1 + 'a'::text", "42883", "operator does not exist: integer + text", "10",
       std::nullopt},
      {"SELECT nosuchfn(1)", "42883", "function nosuchfn(integer) does not exist", "8",
       std::nullopt},
      {"SELECT length(1)", "42883", "function length(integer) does not exist", "8", std::nullopt},
  };
  for (const ExpectedError& e : errors) CheckError(conn.get(), e);
  // The session survives every one of them.
  CHECK(Ok(conn.get(), "SELECT b FROM typed") == "SELECT 3");
  Ok(conn.get(), "DROP TABLE typed");
}

TEST_CASE("a failed transaction block refuses commands with 25P02 until its end",
          "[sql_over_wire]") {
  TestTarget target;
  PgConn conn = target.Connect();
  Ok(conn.get(), "DROP TABLE IF EXISTS failed");
  Ok(conn.get(), "CREATE TABLE failed (id int PRIMARY KEY)");
  Ok(conn.get(), "BEGIN");
  Ok(conn.get(), "INSERT INTO failed VALUES (1)");
  CheckError(conn.get(), {"SELECT 1/0", "22012", "division by zero", std::nullopt, std::nullopt});
  CHECK(PQtransactionStatus(conn.get()) == PQTRANS_INERROR);
  const ExpectedError aborted{"SELECT 1", "25P02",
                              "current transaction is aborted, commands ignored until end of "
                              "transaction block",
                              std::nullopt, std::nullopt};
  CheckError(conn.get(), aborted);
  CheckError(conn.get(), {"INSERT INTO failed VALUES (2)", aborted.sqlstate, aborted.message,
                          std::nullopt, std::nullopt});
  // COMMIT of a failed block rolls back and says so.
  CHECK(Ok(conn.get(), "COMMIT") == "ROLLBACK");
  CHECK(PQtransactionStatus(conn.get()) == PQTRANS_IDLE);
  CHECK(Ok(conn.get(), "SELECT id FROM failed") == "SELECT 0");
  Ok(conn.get(), "DROP TABLE failed");
}

TEST_CASE("committed rows are visible to other connections, uncommitted ones are not",
          "[sql_over_wire]") {
  TestTarget target;
  PgConn writer = target.Connect();
  PgConn reader = target.Connect();
  Ok(writer.get(), "DROP TABLE IF EXISTS shared");
  Ok(writer.get(), "CREATE TABLE shared (id int PRIMARY KEY, v text)");
  // Autocommit: visible at once.
  Ok(writer.get(), "INSERT INTO shared VALUES (1, 'one')");
  CHECK(Query(reader.get(), "SELECT v FROM shared").rows.size() == 1);
  // An open transaction: its insert, update and delete are its own.
  Ok(writer.get(), "BEGIN");
  Ok(writer.get(), "INSERT INTO shared VALUES (2, 'two')");
  Ok(writer.get(), "UPDATE shared SET v = 'uno' WHERE id = 1");
  CHECK(Query(writer.get(), "SELECT id FROM shared").rows.size() == 2);
  QueryResult before = Query(reader.get(), "SELECT id, v FROM shared ORDER BY id");
  REQUIRE(before.rows.size() == 1);
  CHECK(before.Cell(0, 1) == "one");
  Ok(writer.get(), "COMMIT");
  QueryResult after = Query(reader.get(), "SELECT id, v FROM shared ORDER BY id");
  REQUIRE(after.rows.size() == 2);
  CHECK(after.Cell(0, 1) == "uno");
  CHECK(after.Cell(1, 1) == "two");
  // A rolled-back transaction leaves nothing behind.
  Ok(writer.get(), "BEGIN");
  Ok(writer.get(), "DELETE FROM shared WHERE id = 1");
  Ok(writer.get(), "INSERT INTO shared VALUES (3, 'three')");
  CHECK(Query(reader.get(), "SELECT id FROM shared").rows.size() == 2);
  Ok(writer.get(), "ROLLBACK");
  CHECK(Query(reader.get(), "SELECT id FROM shared ORDER BY id").rows.size() == 2);
  CHECK(Query(writer.get(), "SELECT v FROM shared WHERE id = 1").Cell(0, 0) == "uno");
  Ok(writer.get(), "DROP TABLE shared");
}

TEST_CASE("DROP TABLE frees the name", "[sql_over_wire]") {
  TestTarget target;
  PgConn conn = target.Connect();
  Ok(conn.get(), "DROP TABLE IF EXISTS reused");
  Ok(conn.get(), "CREATE TABLE reused (id int PRIMARY KEY, v text)");
  Ok(conn.get(), "INSERT INTO reused VALUES (1, 'old')");
  CheckError(conn.get(), {"CREATE TABLE reused (x int)", "42P07",
                          "relation \"reused\" already exists", std::nullopt, std::nullopt});
  CHECK(Ok(conn.get(), "DROP TABLE reused") == "DROP TABLE");
  CheckError(conn.get(), {"SELECT * FROM reused", "42P01", "relation \"reused\" does not exist",
                          "15", std::nullopt});
  CheckError(conn.get(), {"DROP TABLE reused", "42P01", "table \"reused\" does not exist",
                          std::nullopt, std::nullopt});
  // The new table has the new shape and none of the old rows.
  CHECK(Ok(conn.get(), "CREATE TABLE reused (x int8, y bool)") == "CREATE TABLE");
  PgResult res = Exec(conn.get(), "SELECT * FROM reused");
  REQUIRE(PQresultStatus(res.get()) == PGRES_TUPLES_OK);
  CHECK(PQntuples(res.get()) == 0);
  CheckShape(res.get(), {{"x", 20, -1, 8}, {"y", 16, -1, 1}});
  CHECK(Ok(conn.get(), "INSERT INTO reused VALUES (1, true)") == "INSERT 0 1");
  Ok(conn.get(), "DROP TABLE reused");
}

TEST_CASE("committed data survives a server restart", "[sql_over_wire]") {
  TestTarget target;
  if (target.server() == nullptr) {
    WARN("skipped: needs a Basalt server to restart");
    return;
  }
  {
    PgConn conn = target.Connect();
    Ok(conn.get(), "CREATE TABLE kept (id int PRIMARY KEY, v text, n numeric(10,2))");
    Ok(conn.get(), "INSERT INTO kept VALUES (1, 'one', 1.5), (2, 'two', -2.25)");
    Ok(conn.get(), "BEGIN");
    Ok(conn.get(), "UPDATE kept SET v = 'ONE' WHERE id = 1");
    Ok(conn.get(), "COMMIT");
    Ok(conn.get(), "CREATE TABLE dropped (id int)");
    Ok(conn.get(), "DROP TABLE dropped");
  }
  target.server()->Restart();
  PgConn conn = target.Connect();
  QueryResult rows = Query(conn.get(), "SELECT id, v, n FROM kept ORDER BY id");
  INFO(rows.error_message);
  REQUIRE(rows.rows.size() == 2);
  CHECK(rows.Cell(0, 1) == "ONE");
  CHECK(rows.Cell(0, 2) == "1.50");
  CHECK(rows.Cell(1, 1) == "two");
  CHECK(rows.Cell(1, 2) == "-2.25");
  CHECK(Query(conn.get(), "SELECT * FROM dropped").sqlstate == "42P01");
  CHECK(Ok(conn.get(), "INSERT INTO kept VALUES (3, 'three', 0)") == "INSERT 0 1");
}

}  // namespace
}  // namespace basalt::testing
