#include "sql/engine.h"

#include <catch2/catch.hpp>

#include "sql/test_engine.h"

namespace basalt::sql {
namespace {

TEST_CASE("create, insert, select, update, delete", "[engine]") {
  TestEngine f;
  CHECK(f.Run("CREATE TABLE t (id int PRIMARY KEY, name text, score numeric(6,2))").tags ==
        std::vector<std::string>{"CREATE TABLE"});
  CHECK(f.Run("INSERT INTO t VALUES (1, 'a', 1.5), (2, 'b', NULL), (3, 'c', 10)").tags ==
        std::vector<std::string>{"INSERT 0 3"});
  auto r = f.Run("SELECT id, name, score FROM t ORDER BY id");
  CHECK(r.rows == Rows{{"1", "a", "1.50"}, {"2", "b", "NULL"}, {"3", "c", "10.00"}});
  CHECK(r.tags == std::vector<std::string>{"SELECT 3"});
  REQUIRE(r.results.size() == 1);
  CHECK(r.results[0][0].name == "id");
  CHECK(r.results[0][0].column_number == 1);
  CHECK(r.results[0][0].table_oid >= 16384);

  CHECK(f.Run("UPDATE t SET score = score + 1 WHERE id <> 2").tags ==
        std::vector<std::string>{"UPDATE 2"});
  CHECK(f.Run("SELECT score FROM t WHERE id = 3").rows == Rows{{"11.00"}});
  CHECK(f.Run("DELETE FROM t WHERE name = 'a'").tags == std::vector<std::string>{"DELETE 1"});
  CHECK(f.Run("SELECT count_me.id FROM t AS count_me ORDER BY 1 DESC").rows == Rows{{"3"}, {"2"}});
  // Point lookup through the primary key, and a key that is absent.
  CHECK(f.Run("SELECT name FROM t WHERE id = 2").rows == Rows{{"b"}});
  CHECK(f.Run("SELECT name FROM t WHERE id = 99").tags == std::vector<std::string>{"SELECT 0"});
  CHECK(f.Run("UPDATE t SET id = id + 10").tags == std::vector<std::string>{"UPDATE 2"});
  CHECK(f.Run("SELECT id FROM t ORDER BY id").rows == Rows{{"12"}, {"13"}});
}

TEST_CASE("select without from, column names and literals", "[engine]") {
  TestEngine f;
  auto r = f.Run("SELECT 1, 1 + 2 AS three, 'x', abs(-4), 2147483648, 1.5, true, 'a' || 'b'");
  CHECK(r.rows == Rows{{"1", "3", "x", "4", "2147483648", "1.5", "t", "ab"}});
  std::vector<std::string> names;
  for (const auto& c : r.results[0]) names.push_back(c.name);
  CHECK(names == std::vector<std::string>{"?column?", "three", "?column?", "abs", "?column?",
                                          "?column?", "?column?", "?column?"});
  // A cast names its column after the outermost type unless a column or
  // function name is inside (PostgreSQL 15's FigureColname).
  auto cast =
      f.Run("SELECT 42::text::int4, true::text, abs(-1)::text, CASE WHEN true THEN 1 END::int8");
  names.clear();
  for (const auto& c : cast.results[0]) names.push_back(c.name);
  CHECK(names == std::vector<std::string>{"int4", "text", "abs", "int8"});
  CHECK(r.results[0][4].type.id == TypeId::kInt8);
  CHECK(r.results[0][5].type.id == TypeId::kNumeric);
  CHECK(f.Run("SELECT 1::int8 + 1").results[0][0].type.id == TypeId::kInt8);
  CHECK(f.Run("SELECT 1 + 1.5").results[0][0].type.id == TypeId::kNumeric);
  CHECK(f.Run("SELECT 1 + 1.5::float8").results[0][0].type.id == TypeId::kFloat8);
  CHECK(f.Run("SELECT '12'::int AS n").results[0][0].name == "n");
  CHECK(f.Run("SELECT coalesce(NULL, 2), nullif(1, 1), lower('AB'), length('héllo')").rows ==
        Rows{{"2", "NULL", "ab", "5"}});
  CHECK(f.Run("SELECT NULL AND false, NULL OR true, NOT NULL::bool").rows ==
        Rows{{"f", "t", "NULL"}});
  CHECK(f.Run("SELECT 'abc' LIKE 'a%', 'abc' LIKE '_b_', 'abc' NOT LIKE 'b%'").rows ==
        Rows{{"t", "t", "t"}});
  CHECK(f.Run("SELECT 7 / 2, 7 % 3, -7 / 2").rows == Rows{{"3", "1", "-3"}});
  CHECK(f.Run("SELECT CASE WHEN 1 > 2 THEN 'x' ELSE 'y' END").rows == Rows{{"y"}});
  CHECK(f.Run("SELECT 2 IN (1, 2), 3 BETWEEN 1 AND 2").rows == Rows{{"t", "f"}});
  CHECK(f.Run(";").empty == 1);
}

TEST_CASE("order by, limit and offset", "[engine]") {
  TestEngine f;
  f.Run("CREATE TABLE s (k int PRIMARY KEY, v int)");
  f.Run("INSERT INTO s VALUES (1, 30), (2, NULL), (3, 10), (4, 20)");
  CHECK(f.Run("SELECT k FROM s ORDER BY v").rows == Rows{{"3"}, {"4"}, {"1"}, {"2"}});
  CHECK(f.Run("SELECT k FROM s ORDER BY v DESC").rows == Rows{{"2"}, {"1"}, {"4"}, {"3"}});
  CHECK(f.Run("SELECT k FROM s ORDER BY v NULLS FIRST").rows == Rows{{"2"}, {"3"}, {"4"}, {"1"}});
  CHECK(f.Run("SELECT k FROM s ORDER BY v DESC NULLS LAST LIMIT 2").rows == Rows{{"1"}, {"4"}});
  CHECK(f.Run("SELECT k AS x FROM s ORDER BY x DESC LIMIT 2 OFFSET 1").rows == Rows{{"3"}, {"2"}});
  CHECK(f.Run("SELECT k FROM s LIMIT 0").tags == std::vector<std::string>{"SELECT 0"});
  Error e = f.Fail("SELECT k FROM s LIMIT -1");
  CHECK(e.code() == sqlstate::kInvalidRowCountInLimitClause);
  CHECK(e.message() == "LIMIT must not be negative");
  CHECK(f.Fail("SELECT k FROM s OFFSET -1").code() ==
        sqlstate::kInvalidRowCountInResultOffsetClause);
  CHECK(f.Fail("SELECT k FROM s ORDER BY 5").code() == sqlstate::kInvalidColumnReference);
}

TEST_CASE("binder errors carry PostgreSQL's codes, messages and positions", "[engine][binder]") {
  TestEngine f;
  f.Run("CREATE TABLE t (a int, b text, d date)");
  Error e = f.Fail("SELECT * FROM nope");
  CHECK(e.code() == sqlstate::kUndefinedTable);
  CHECK(e.message() == "relation \"nope\" does not exist");
  CHECK(e.position() == 15);
  e = f.Fail("SELECT zz FROM t");
  CHECK(e.code() == sqlstate::kUndefinedColumn);
  CHECK(e.message() == "column \"zz\" does not exist");
  CHECK(e.position() == 8);
  e = f.Fail("SELECT a + b FROM t");
  CHECK(e.code() == sqlstate::kUndefinedFunction);
  CHECK(e.message() == "operator does not exist: integer + text");
  CHECK(e.position() == 10);
  e = f.Fail("SELECT a FROM t WHERE a");
  CHECK(e.code() == sqlstate::kDatatypeMismatch);
  CHECK(e.message() == "argument of WHERE must be type boolean, not type integer");
  e = f.Fail("SELECT a FROM t WHERE 1 AND true");
  CHECK(e.message() == "argument of AND must be type boolean, not type integer");
  e = f.Fail("INSERT INTO t VALUES (1, 'x', '2024-01-01', 4)");
  CHECK(e.code() == sqlstate::kSyntaxError);
  CHECK(e.message() == "INSERT has more expressions than target columns");
  e = f.Fail("SELECT foo(1)");
  CHECK(e.code() == sqlstate::kUndefinedFunction);
  CHECK(e.message() == "function foo(integer) does not exist");
  e = f.Fail("SELECT 'abc'::int");
  CHECK(e.code() == sqlstate::kInvalidTextRepresentation);
  // Untyped literals take the column's type.
  f.Run("INSERT INTO t VALUES ('12', 'x', '2024-01-01')");
  CHECK(f.Run("SELECT a FROM t WHERE d = '2024-01-01'").rows == Rows{{"12"}});
  CHECK(f.Run("SELECT a FROM t WHERE d > '2023-12-31' AND a = 12.0").rows == Rows{{"12"}});
}

TEST_CASE("run-time errors", "[engine]") {
  TestEngine f;
  f.Run("CREATE TABLE n (a int NOT NULL, s smallint, v varchar(3))");
  Error e = f.Fail("INSERT INTO n VALUES (NULL, 1, 'x')");
  CHECK(e.code() == sqlstate::kNotNullViolation);
  CHECK(e.message() == "null value in column \"a\" of relation \"n\" violates not-null constraint");
  CHECK(e.detail() == "Failing row contains (null, 1, x).");
  CHECK(f.Fail("INSERT INTO n VALUES (1, 40000, 'x')").code() == sqlstate::kNumericValueOutOfRange);
  CHECK(f.Fail("INSERT INTO n VALUES (1, 1, 'long')").code() ==
        sqlstate::kStringDataRightTruncation);
  e = f.Fail("SELECT 2147483647 + 1");
  CHECK(e.code() == sqlstate::kNumericValueOutOfRange);
  CHECK(e.message() == "integer out of range");
  CHECK(f.Fail("SELECT 1::int2 * 32767::int2 * 2::int2").message() == "smallint out of range");
  CHECK(f.Fail("SELECT 9223372036854775807 + 1").message() == "bigint out of range");
  e = f.Fail("SELECT 1 / 0");
  CHECK(e.code() == sqlstate::kDivisionByZero);
  CHECK(e.message() == "division by zero");
  f.Run("CREATE TABLE p (id int PRIMARY KEY)");
  f.Run("INSERT INTO p VALUES (1)");
  e = f.Fail("INSERT INTO p VALUES (1)");
  CHECK(e.code() == sqlstate::kUniqueViolation);
  CHECK(e.message() == "duplicate key value violates unique constraint \"p_pkey\"");
  CHECK(e.detail() == "Key (id)=(1) already exists.");
  f.Run("CREATE TABLE pair (a int, b text, PRIMARY KEY (a, b))");
  f.Run("INSERT INTO pair VALUES (1, 'x'), (2, 'x')");
  e = f.Fail("UPDATE pair SET a = 1 WHERE a = 2");
  CHECK(e.detail() == "Key (a, b)=(1, x) already exists.");
}

TEST_CASE("DDL tags, notices and duplicate names", "[engine]") {
  TestEngine f;
  f.Run("CREATE TABLE t (a int)");
  Error e = f.Fail("CREATE TABLE t (a int)");
  CHECK(e.code() == sqlstate::kDuplicateTable);
  CHECK(e.message() == "relation \"t\" already exists");
  auto r = f.Run("CREATE TABLE IF NOT EXISTS t (a int)");
  CHECK(r.tags == std::vector<std::string>{"CREATE TABLE"});
  REQUIRE(r.notices.size() == 1);
  CHECK(r.notices[0].second == "relation \"t\" already exists, skipping");
  r = f.Run("DROP TABLE IF EXISTS missing");
  CHECK(r.tags == std::vector<std::string>{"DROP TABLE"});
  REQUIRE(r.notices.size() == 1);
  CHECK(r.notices[0].second == "table \"missing\" does not exist, skipping");
  CHECK(f.Run("DROP TABLE t").tags == std::vector<std::string>{"DROP TABLE"});
  CHECK(f.Fail("SELECT * FROM t").code() == sqlstate::kUndefinedTable);
  CHECK(f.Run("CHECKPOINT").tags == std::vector<std::string>{"CHECKPOINT"});
}

TEST_CASE("transactions: blocks, rollback, failed blocks, visibility", "[engine]") {
  TestEngine f;
  auto other = f.Connect();
  f.Run("CREATE TABLE t (a int PRIMARY KEY)");

  auto r = f.Run("BEGIN");
  CHECK(r.tags == std::vector<std::string>{"BEGIN"});
  CHECK(f.session->transaction_state() == TransactionState::kInBlock);
  f.Run("INSERT INTO t VALUES (1)");
  f.Run("CREATE TABLE u (x int)");
  CHECK(f.Run("SELECT * FROM u").tags == std::vector<std::string>{"SELECT 0"});
  CHECK(f.Run("SELECT * FROM t", other.get()).tags == std::vector<std::string>{"SELECT 0"});
  CHECK(f.Fail("SELECT * FROM u", other.get()).code() == sqlstate::kUndefinedTable);
  CHECK(f.Run("ROLLBACK").tags == std::vector<std::string>{"ROLLBACK"});
  CHECK(f.session->transaction_state() == TransactionState::kIdle);
  CHECK(f.Fail("SELECT * FROM u").code() == sqlstate::kUndefinedTable);
  CHECK(f.Run("SELECT * FROM t").tags == std::vector<std::string>{"SELECT 0"});

  f.Run("BEGIN; INSERT INTO t VALUES (2)");
  CHECK(f.Fail("SELECT 1/0").code() == sqlstate::kDivisionByZero);
  CHECK(f.session->transaction_state() == TransactionState::kFailed);
  Error e = f.Fail("SELECT 1");
  CHECK(e.code() == sqlstate::kInFailedSqlTransaction);
  CHECK(e.message() ==
        "current transaction is aborted, commands ignored until end of transaction block");
  CHECK(f.Run("COMMIT").tags == std::vector<std::string>{"ROLLBACK"});
  CHECK(f.Run("SELECT * FROM t").tags == std::vector<std::string>{"SELECT 0"});

  r = f.Run("COMMIT");
  CHECK(r.tags == std::vector<std::string>{"COMMIT"});
  REQUIRE(r.notices.size() == 1);
  CHECK(r.notices[0].first == sqlstate::kNoActiveSqlTransaction);
  CHECK(r.notices[0].second == "there is no transaction in progress");

  f.Run("BEGIN; INSERT INTO t VALUES (3); COMMIT");
  CHECK(f.Run("SELECT a FROM t", other.get()).rows == Rows{{"3"}});
  // An implicit multi-statement transaction is all or nothing.
  CHECK(f.Fail("INSERT INTO t VALUES (4); SELECT 1/0").code() == sqlstate::kDivisionByZero);
  CHECK(f.Run("SELECT a FROM t").rows == Rows{{"3"}});
}

TEST_CASE("settings, reported parameters, connect errors", "[engine]") {
  TestEngine f;
  auto reported = f.session->ReportedParameters();
  std::vector<std::string> names;
  for (const auto& [n, v] : reported) names.push_back(n);
  CHECK(names == std::vector<std::string>{
                     "application_name", "client_encoding", "DateStyle",
                     "default_transaction_read_only", "in_hot_standby", "integer_datetimes",
                     "IntervalStyle", "is_superuser", "server_encoding", "server_version",
                     "session_authorization", "standard_conforming_strings", "TimeZone"});
  CHECK(f.session->is_superuser());
  auto r = f.Run("SET application_name = 'app'");
  CHECK(r.tags == std::vector<std::string>{"SET"});
  CHECK(r.parameters ==
        std::vector<std::pair<std::string, std::string>>{{"application_name", "app"}});
  r = f.Run("SHOW application_name");
  CHECK(r.rows == Rows{{"app"}});
  CHECK(r.results[0][0].name == "application_name");
  CHECK(f.Run("SHOW datestyle").results[0][0].name == "DateStyle");
  Error e = f.Fail("SET nope = 1");
  CHECK(e.code() == sqlstate::kUndefinedObject);
  CHECK(e.message() == "unrecognized configuration parameter \"nope\"");
  CHECK(f.Run("RESET application_name").tags == std::vector<std::string>{"RESET"});

  // SET is transactional; SET LOCAL lasts until the block ends.
  f.Run("SET application_name = 'before'");
  f.Run("BEGIN");
  f.Run("SET application_name = 'inside'");
  r = f.Run("ROLLBACK");
  CHECK(r.parameters ==
        std::vector<std::pair<std::string, std::string>>{{"application_name", "before"}});
  CHECK(f.Run("SHOW application_name").rows == Rows{{"before"}});
  f.Run("BEGIN");
  f.Run("SET application_name = 'kept'");
  f.Run("SET LOCAL application_name = 'local'");
  CHECK(f.Run("SHOW application_name").rows == Rows{{"local"}});
  f.Run("COMMIT");
  CHECK(f.Run("SHOW application_name").rows == Rows{{"kept"}});
  // Transaction modes show as settings and read-only blocks refuse writes.
  f.Run("CREATE TABLE w (a int)");
  f.Run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  CHECK(f.Run("SHOW transaction_isolation").rows == Rows{{"repeatable read"}});
  CHECK(f.Fail("INSERT INTO w VALUES (1)").code() == sqlstate::kReadOnlySqlTransaction);
  f.Run("ROLLBACK");
  CHECK(f.Run("SHOW transaction_isolation").rows == Rows{{"read committed"}});
  f.Run("SET client_min_messages = warning");
  CHECK(f.Run("DROP TABLE IF EXISTS nothing").notices.empty());
  f.Run("RESET client_min_messages");
  r = f.Run("SET LOCAL application_name = 'outside'");
  CHECK(r.notices.size() == 1);
  CHECK(f.Run("SHOW application_name").rows == Rows{{"kept"}});

  auto bad_role = f.engine->Connect("nobody", "basalt", {});
  REQUIRE(!bad_role.ok());
  CHECK(bad_role.status().code() == sqlstate::kInvalidAuthorizationSpecification);
  CHECK(bad_role.status().message() == "role \"nobody\" does not exist");
  auto bad_db = f.engine->Connect("basalt", "nodb", {});
  REQUIRE(!bad_db.ok());
  CHECK(bad_db.status().code() == sqlstate::kInvalidCatalogName);
  CHECK(bad_db.status().message() == "database \"nodb\" does not exist");
}

TEST_CASE("tables and rows survive reopen", "[engine]") {
  TestEngine f;
  f.Run("CREATE TABLE k (id int PRIMARY KEY, v text DEFAULT 'dflt')");
  f.Run("INSERT INTO k (id) VALUES (1)");
  f.Reopen();
  CHECK(f.Run("SELECT id, v FROM k").rows == Rows{{"1", "dflt"}});
}

}  // namespace
}  // namespace basalt::sql
