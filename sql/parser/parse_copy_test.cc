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
    return std::string(e.code()) + " " + e.message();
  }
  return "no error";
}

TEST_CASE("COPY in the new option syntax", "[parser][copy]") {
  CHECK(P("COPY t FROM STDIN") == "COPY t FROM STDIN");
  CHECK(P("copy s.t (a, b) to stdout with (format csv, header true, delimiter '|')") ==
        "COPY s.t (a, b) TO STDOUT (format 'csv', header 'true', delimiter '|')");
  CHECK(P("COPY t FROM STDIN (FREEZE, FORCE_NOT_NULL (a, b), FORCE_QUOTE *)") ==
        "COPY t FROM STDIN (freeze, force_not_null (a, b), force_quote *)");
  CHECK(P("COPY (SELECT 1) TO STDOUT (FORMAT binary)") ==
        "COPY (SELECT 1) TO STDOUT (format 'binary')");
  CHECK(P("COPY t FROM 'file.csv'") == "COPY t FROM 'file'");
}

TEST_CASE("COPY in the old option syntax", "[parser][copy]") {
  CHECK(P("COPY t FROM STDIN CSV HEADER") == "COPY t FROM STDIN (format 'csv', header 'true')");
  CHECK(P("COPY t TO STDOUT WITH CSV DELIMITER AS ';' NULL AS 'x' QUOTE '''' ESCAPE '\\' "
          "FORCE QUOTE a, b") ==
        "COPY t TO STDOUT (format 'csv', delimiter ';', null 'x', quote ''', escape '\\', "
        "force_quote (a, b))");
  CHECK(P("COPY t FROM STDIN WITH CSV FORCE NOT NULL a FORCE NULL b FREEZE") ==
        "COPY t FROM STDIN (format 'csv', force_not_null (a), force_null (b), freeze 'true')");
  CHECK(P("COPY BINARY t FROM STDIN") == "COPY t FROM STDIN (format 'binary')");
  CHECK(P("COPY t FROM STDIN USING DELIMITERS ','") == "COPY t FROM STDIN (delimiter ',')");
}

TEST_CASE("COPY syntax errors", "[parser][copy]") {
  CHECK(Err("COPY t FROM") == "42601 syntax error at end of input");
  CHECK(Err("COPY (SELECT 1) FROM STDIN") == "42601 syntax error at or near \"FROM\"");
  CHECK(Err("COPY t FROM STDIN WITH (FORMAT csv") == "42601 syntax error at end of input");
}

TEST_CASE("ALTER TABLE ADD constraint, VACUUM, ANALYZE", "[parser][copy]") {
  CHECK(P("alter table pgbench_accounts add primary key (aid)") ==
        "ALTER TABLE pgbench_accounts ADD PRIMARY KEY (aid)");
  CHECK(P("ALTER TABLE IF EXISTS ONLY t ADD CONSTRAINT k UNIQUE (a, b)") ==
        "ALTER TABLE t ADD CONSTRAINT k UNIQUE (a, b)");
  CHECK(Err("ALTER TABLE t CLUSTER ON i") == "0A000 this form of ALTER TABLE is not supported yet");
  CHECK(P("alter table c add constraint k foreign key (a) references p (id) not valid") ==
        "ALTER TABLE c ADD CONSTRAINT k FOREIGN KEY (a) REFERENCES p (id) NOT VALID");
  CHECK(P("alter table t add check (a > 0), add unique (b)") ==
        "ALTER TABLE t ADD CHECK ((a > 0)), ADD UNIQUE (b)");
  CHECK(P("alter table t drop constraint if exists k cascade") ==
        "ALTER TABLE t DROP CONSTRAINT k");
  CHECK(P("alter table t validate constraint k") == "ALTER TABLE t VALIDATE CONSTRAINT k");
  CHECK(P("alter table t rename constraint k to \"K 2\"") ==
        "ALTER TABLE t RENAME CONSTRAINT k TO \"K 2\"");
  CHECK(Err("alter table t drop constraint k, drop constraint l") ==
        "0A000 this form of ALTER TABLE is not supported yet");
  CHECK(P("create table t (a int references p deferrable initially immediate)") ==
        "CREATE TABLE t (a int4 REFERENCES p DEFERRABLE)");
  CHECK(P("create table t (a int, foreign key (a) references p initially deferred)") ==
        "CREATE TABLE t (a int4, FOREIGN KEY (a) REFERENCES p DEFERRABLE INITIALLY DEFERRED)");
  CHECK(Err("create table t (a int check (a > 0) deferrable)") ==
        "42601 misplaced DEFERRABLE clause");
  CHECK(Err("create table t (a int references p not deferrable initially deferred)") ==
        "42601 constraint declared INITIALLY DEFERRED must be DEFERRABLE");
  CHECK(Err("create table t (a int, check (a > 0) deferrable)") ==
        "0A000 CHECK constraints cannot be marked DEFERRABLE");
  CHECK(Err("create table t (a int, unique (a) deferrable not deferrable)") ==
        "42601 conflicting constraint properties");
  CHECK(Err("create table t (a int references p on update set null (a))") ==
        "0A000 a column list with SET NULL is only supported for ON DELETE actions");
  CHECK(P("set constraints all deferred") == "SET CONSTRAINTS ALL DEFERRED");
  CHECK(P("set constraints a, s.b immediate") == "SET CONSTRAINTS a, s.b IMMEDIATE");
  CHECK(P("vacuum analyze pgbench_branches") == "VACUUM ANALYZE pgbench_branches");
  CHECK(P("VACUUM (VERBOSE, ANALYZE false) a, b") == "VACUUM a, b");
  CHECK(P("VACUUM FULL FREEZE VERBOSE") == "VACUUM");
  CHECK(P("ANALYZE t (a, b)") == "ANALYZE t");
}

TEST_CASE("CREATE TABLE ... WITH storage parameters", "[parser][copy]") {
  auto statements =
      ParseStatements("create table t (a int) with (fillfactor=100, toast.autovacuum_enabled)");
  const auto& create = statements[0]->As<ast::CreateTableStmt>();
  REQUIRE(create.storage_parameters.size() == 2);
  CHECK(create.storage_parameters[0] == std::pair<std::string, std::string>{"fillfactor", "100"});
  CHECK(create.storage_parameters[1] ==
        std::pair<std::string, std::string>{"toast.autovacuum_enabled", ""});
}

}  // namespace
}  // namespace basalt::sql
