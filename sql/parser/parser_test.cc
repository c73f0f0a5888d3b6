#include "sql/parser/parser.h"

#include <catch2/catch.hpp>

#include "sql/parser/ast_printer.h"

namespace basalt::sql {
namespace {

using namespace ast;

// The debug form of the only statement in `sql`.
std::string P(std::string_view sql) {
  auto statements = ParseStatements(sql);
  REQUIRE(statements.size() == 1);
  return ToString(*statements[0]);
}

// The debug form of an expression.
std::string E(std::string_view sql) {
  return ToString(*ParseExpression(sql));
}

// "SQLSTATE message @position" of the error `sql` raises.
std::string Err(std::string_view sql) {
  try {
    ParseStatements(sql);
  } catch (const Error& e) {
    return std::string(e.code()) + " " + e.message() + " @" + std::to_string(e.position());
  }
  return "no error";
}

template <typename T>
const T& Only(std::string_view sql, std::vector<StatementPtr>& holder) {
  holder = ParseStatements(sql);
  REQUIRE(holder.size() == 1);
  REQUIRE(holder[0]->kind() == T::kKind);
  return holder[0]->As<T>();
}

TEST_CASE("operator precedence follows gram.y", "[parser]") {
  CHECK(E("1 + 2 * 3 = a") == "((1 + (2 * 3)) = a)");
  CHECK(E("a or b and not c") == "(a OR (b AND (NOT c)))");
  CHECK(E("not a = b") == "(NOT (a = b))");
  CHECK(E("a = b is null") == "((a = b) IS NULL)");
  CHECK(E("a is null = b") == "((a IS NULL) = b)");
  CHECK(E("a < b + c || d") == "(a < ((b + c) || d))");
  CHECK(E("a || b + c") == "(a || (b + c))");
  CHECK(E("2 ^ 3 ^ 2") == "((2 ^ 3) ^ 2)");
  CHECK(E("-2 ^ 2") == "(-2 ^ 2)");
  CHECK(E("- a ^ 2") == "((- a) ^ 2)");
  CHECK(E("-a::int") == "(- CAST(a AS int4))");
  CHECK(E("a * b % c / d") == "(((a * b) % c) / d)");
  CHECK(E("a - b - c") == "((a - b) - c)");
  CHECK(E("a like b || c") == "(a LIKE (b || c))");
  CHECK(E("a between 1 and 2 and b") == "((a BETWEEN 1 AND 2) AND b)");
  CHECK(E("a = b and c <> d or e != f") == "(((a = b) AND (c <> d)) OR (e <> f))");
  CHECK(E("a=-1") == "(a = -1)");
  CHECK(E("not not a") == "(NOT (NOT a))");
  CHECK(E("a + b::text") == "(a + CAST(b AS text))");
  CHECK(E("(a + b)::text") == "CAST((a + b) AS text)");
  CHECK(E("~a + b") == "(~ (a + b))");
  CHECK(E("null is null is null") == "((NULL IS NULL) IS NULL)");
}

TEST_CASE("literals", "[parser]") {
  CHECK(E("'it''s'") == "'it''s'");
  CHECK(E("true") == "true");
  CHECK(E("NULL") == "NULL");
  CHECK(E("- - 1") == "1");
  CHECK(E("-1.5") == "-1.5");

  auto big = ParseExpression("9223372036854775807");
  CHECK(big->As<Constant>().type == Constant::Type::kInteger);
  CHECK(big->As<Constant>().int_value == 9223372036854775807);
  auto too_big = ParseExpression("9223372036854775808");
  CHECK(too_big->As<Constant>().type == Constant::Type::kDecimal);
  auto min = ParseExpression("-9223372036854775808");
  CHECK(min->As<Constant>().type == Constant::Type::kInteger);
  CHECK(min->As<Constant>().int_value == std::numeric_limits<int64_t>::min());
  CHECK(min->position == 1);
  auto dec = ParseExpression("1e3");
  CHECK(dec->As<Constant>().type == Constant::Type::kDecimal);
  CHECK(dec->As<Constant>().text == "1e3");
}

TEST_CASE("typed literals and casts", "[parser]") {
  CHECK(E("date '2024-01-01'") == "date '2024-01-01'");
  CHECK(E("timestamp '2024-01-01 10:00'") == "timestamp '2024-01-01 10:00'");
  CHECK(E("timestamp with time zone 'x'") == "timestamptz 'x'");
  CHECK(E("double precision '1.5'") == "float8 '1.5'");
  CHECK(E("interval '1' day") == "interval day '1'");
  CHECK(E("int '5'") == "int4 '5'");
  CHECK(E("CAST(a AS integer)") == "CAST(a AS int4)");
  CHECK(E("a::bigint::text") == "CAST(CAST(a AS int8) AS text)");
  CHECK(E("a::varchar(10)[]") == "CAST(a AS varchar(10)[])");
  CHECK(E("$1::int") == "CAST($1 AS int4)");
  // A lone type keyword that is not a literal is a column name.
  CHECK(E("time") == "time");
}

TEST_CASE("type names are normalized", "[parser]") {
  auto type_of = [](std::string_view t) {
    auto expr = ParseExpression("x::" + std::string(t));
    return ToString(expr->As<Cast>().type);
  };
  CHECK(type_of("int") == "int4");
  CHECK(type_of("integer") == "int4");
  CHECK(type_of("int4") == "int4");
  CHECK(type_of("smallint") == "int2");
  CHECK(type_of("int2") == "int2");
  CHECK(type_of("bigint") == "int8");
  CHECK(type_of("real") == "float4");
  CHECK(type_of("float4") == "float4");
  CHECK(type_of("double precision") == "float8");
  CHECK(type_of("float") == "float8");
  CHECK(type_of("float(24)") == "float4");
  CHECK(type_of("float(25)") == "float8");
  CHECK(type_of("numeric") == "numeric");
  CHECK(type_of("decimal(10, 2)") == "numeric(10, 2)");
  CHECK(type_of("numeric(5)") == "numeric(5)");
  CHECK(type_of("text") == "text");
  CHECK(type_of("varchar(20)") == "varchar(20)");
  CHECK(type_of("character varying(20)") == "varchar(20)");
  CHECK(type_of("char varying") == "varchar");
  CHECK(type_of("char") == "bpchar(1)");
  CHECK(type_of("character(3)") == "bpchar(3)");
  CHECK(type_of("bool") == "bool");
  CHECK(type_of("boolean") == "bool");
  CHECK(type_of("date") == "date");
  CHECK(type_of("timestamp") == "timestamp");
  CHECK(type_of("timestamp without time zone") == "timestamp");
  CHECK(type_of("timestamp(3) with time zone") == "timestamptz(3)");
  CHECK(type_of("pg_catalog.int4") == "pg_catalog.int4");
  CHECK(type_of("\"MyType\"") == "\"MyType\"");
  CHECK(Err("select x::float(0)") == "22023 precision for type float must be at least 1 bit @17");
}

TEST_CASE("predicates", "[parser]") {
  CHECK(E("a is not null") == "(a IS NOT NULL)");
  CHECK(E("a isnull") == "(a IS NULL)");
  CHECK(E("a notnull") == "(a IS NOT NULL)");
  CHECK(E("a is true") == "(a IS TRUE)");
  CHECK(E("a is not false") == "(a IS NOT FALSE)");
  CHECK(E("a is unknown") == "(a IS UNKNOWN)");
  CHECK(E("a is distinct from b") == "(a IS DISTINCT FROM b)");
  CHECK(E("a not between 1 and 2") == "(a NOT BETWEEN 1 AND 2)");
  CHECK(E("a between symmetric 2 and 1") == "(a BETWEEN SYMMETRIC 2 AND 1)");
  CHECK(E("a in (1, 2, 3)") == "(a IN (1, 2, 3))");
  CHECK(E("a not in ('x')") == "(a NOT IN ('x'))");
  CHECK(E("a like 'x%'") == "(a LIKE 'x%')");
  CHECK(E("a not like 'x%'") == "(a NOT LIKE 'x%')");
  CHECK(E("a ilike 'x%'") == "(a ILIKE 'x%')");
  CHECK(E("a not ilike 'x%'") == "(a NOT ILIKE 'x%')");
  CHECK(E("a like 'x!%' escape '!'") == "(a LIKE like_escape('x!%', '!'))");
}

TEST_CASE("functions, CASE and subqueries", "[parser]") {
  CHECK(E("count(*)") == "count(*)");
  CHECK(E("count(distinct a)") == "count(DISTINCT a)");
  CHECK(E("pg_catalog.now()") == "pg_catalog.now()");
  CHECK(E("f(a, b + 1)") == "f(a, (b + 1))");
  CHECK(E("coalesce(a, 0)") == "coalesce(a, 0)");
  CHECK(E("extract(year from d)") == "extract('year', d)");
  CHECK(E("current_date") == "current_date");
  CHECK(E("left('abc', 2)") == "left('abc', 2)");
  CHECK(E("case when a then 1 when b then 2 else 3 end") ==
        "CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END");
  CHECK(E("case x when 1 then 'a' end") == "CASE x WHEN 1 THEN 'a' END");
  CHECK(E("exists (select 1)") == "EXISTS (SELECT 1)");
  CHECK(E("(select max(a) from t) + 1") == "((SELECT max(a) FROM t) + 1)");
  CHECK(E("a in (select b from t)") == "(a IN (SELECT b FROM t))");
  CHECK(E("a = any (select b from t)") == "(a = ANY (SELECT b FROM t))");
  CHECK(E("a = any (b)") == "(a = ANY (b))");
  CHECK(E("a <> all ('{1,2}'::int[])") == "(a <> ALL (CAST('{1,2}' AS int4[])))");
  CHECK(E("pid = some (pg_blocking_pids(p)) and x") == "((pid = ANY (pg_blocking_pids(p))) AND x)");
  CHECK(E("array[1, a + 1]") == "ARRAY[1, (a + 1)]");
  CHECK(E("array[]::int[]") == "CAST(ARRAY[] AS int4[])");
  CHECK(E("((select 1) + 1)") == "((SELECT 1) + 1)");

  auto call = ParseExpression("count(*)");
  CHECK(call->As<FunctionCall>().star);
  CHECK(call->As<FunctionCall>().args.empty());
}

TEST_CASE("column references and stars", "[parser]") {
  std::vector<StatementPtr> h;
  const auto& s = Only<SelectStmt>("select a, T.b, \"T\".\"B\", *, t.* from t", h);
  REQUIRE(s.targets.size() == 5);
  CHECK(s.targets[0].expr->As<ColumnRef>().names == std::vector<std::string>{"a"});
  CHECK(s.targets[1].expr->As<ColumnRef>().names == std::vector<std::string>{"t", "b"});
  CHECK(s.targets[2].expr->As<ColumnRef>().names == std::vector<std::string>{"T", "B"});
  CHECK(s.targets[3].expr->As<Star>().qualifier.empty());
  CHECK(s.targets[4].expr->As<Star>().qualifier == std::vector<std::string>{"t"});
  CHECK(s.targets[1].expr->position == 11);
}

TEST_CASE("SELECT clauses", "[parser]") {
  CHECK(P("SELECT DISTINCT a AS x, b y, c \"Z\" FROM s.t WHERE a > 1 GROUP BY a, b "
          "HAVING count(*) > 1 ORDER BY a DESC NULLS LAST, b LIMIT 10 OFFSET 5") ==
        "SELECT DISTINCT a AS x, b AS y, c AS \"Z\" FROM s.t WHERE (a > 1) GROUP BY a, b HAVING "
        "(count(*) > 1) ORDER BY a DESC NULLS LAST, b LIMIT 10 OFFSET 5");
  CHECK(P("select 1 offset 2 limit 3") == "SELECT 1 LIMIT 3 OFFSET 2");
  CHECK(P("select 1 limit all") == "SELECT 1");
  CHECK(P("select 1 fetch first 3 rows only") == "SELECT 1 LIMIT 3");
  CHECK(P("select distinct on (a) a from t") == "SELECT DISTINCT ON (a) a FROM t");
  CHECK(P("select") == "SELECT");
  CHECK(P("select from t") == "SELECT FROM t");
  // Keywords as aliases: with AS any word; bare only BARE_LABEL words.
  CHECK(P("select 1 as from, 2 end, 3 is") == "SELECT 1 AS from, 2 AS end, 3 AS is");
  CHECK(P("values (1, 'a'), (2, 'b')") == "VALUES (1, 'a'), (2, 'b')");
}

TEST_CASE("FETCH FIRST ... WITH TIES", "[parser]") {
  CHECK(P("select a from t order by a fetch first 2 rows with ties") ==
        "SELECT a FROM t ORDER BY a LIMIT 2 WITH TIES");
  CHECK(P("select a from t order by a offset 1 row fetch next row with ties") ==
        "SELECT a FROM t ORDER BY a LIMIT 1 WITH TIES OFFSET 1");
  CHECK(P("select a from t order by a fetch next 3 row only") ==
        "SELECT a FROM t ORDER BY a LIMIT 3");
  CHECK(Err("select a from t fetch first 1 rows with ties") ==
        "42601 WITH TIES cannot be specified without ORDER BY clause @0");
  CHECK(Err("select a from t order by a for update skip locked fetch first 1 rows with ties") ==
        "42601 SKIP LOCKED and WITH TIES options cannot be used together @0");
  CHECK(P("select a from t order by a fetch first -2 rows only") ==
        "SELECT a FROM t ORDER BY a LIMIT -2");
  CHECK(P("select a from t order by a fetch first (1 + 1) rows only") ==
        "SELECT a FROM t ORDER BY a LIMIT (1 + 1)");
  CHECK(Err("select a from t order by a fetch first null::int rows with ties") ==
        "42601 syntax error at or near \"::\" @44");
  CHECK(Err("select a from t order by a fetch first 1 + 1 rows only") ==
        "42601 syntax error at or near \"+\" @42");
  CHECK(Err("select a from t order by a limit 1 with ties") ==
        "42601 syntax error at or near \"with\" @36");
}

TEST_CASE("aggregate ORDER BY and FILTER", "[parser]") {
  CHECK(E("string_agg(a, ',' order by b desc nulls last, c)") ==
        "string_agg(a, ',' ORDER BY b DESC NULLS LAST, c)");
  CHECK(E("count(*) filter (where a > 1)") == "count(*) FILTER (WHERE (a > 1))");
  CHECK(E("array_agg(distinct a order by a) filter (where b)") ==
        "array_agg(DISTINCT a ORDER BY a) FILTER (WHERE b)");
  CHECK(Err("select count(* order by a) from t") == "42601 syntax error at or near \"order\" @16");
  CHECK(Err("select count(*) filter from t") == "42601 syntax error at or near \"from\" @24");
  CHECK(Err("select count(*) filter (a) from t") == "42601 syntax error at or near \"a\" @25");
}

TEST_CASE("row constructors", "[parser]") {
  CHECK(E("(a, b) < (1, 2)") == "((a, b) < (1, 2))");
  CHECK(E("row(a) is null") == "(ROW(a) IS NULL)");
  CHECK(E("row()") == "ROW()");
  CHECK(E("(a, b) in ((1, 2), (3, 4))") == "((a, b) IN ((1, 2), (3, 4)))");
  CHECK(E("((a, b))") == "(a, b)");
  CHECK(E("(a)") == "a");
}

TEST_CASE("set operations", "[parser]") {
  CHECK(P("select 1 union select 2 intersect select 3 except all select 4 order by 1") ==
        "((SELECT 1) UNION ((SELECT 2) INTERSECT (SELECT 3))) EXCEPT ALL (SELECT 4) ORDER BY 1");
  CHECK(P("(select 1 order by 1) union (select 2)") == "(SELECT 1 ORDER BY 1) UNION (SELECT 2)");
}

TEST_CASE("FROM items and joins", "[parser]") {
  CHECK(P("select * from a x, b as y (c1, c2), only c") ==
        "SELECT * FROM a AS x, b AS y (c1, c2), c");
  CHECK(P("select * from a join b on a.x = b.x left join c using (x, y) cross join d") ==
        "SELECT * FROM (((a JOIN b ON (a.x = b.x)) LEFT JOIN c USING (x, y)) CROSS JOIN d)");
  CHECK(P("select * from a right outer join b on true full join c on false") ==
        "SELECT * FROM ((a RIGHT JOIN b ON true) FULL JOIN c ON false)");
  CHECK(P("select * from a inner join b join c on p on q") ==
        "SELECT * FROM (a JOIN (b JOIN c ON p) ON q)");
  CHECK(P("select * from a natural join b") == "SELECT * FROM (a NATURAL JOIN b)");
  CHECK(P("select * from (select 1) s, lateral (select 2) as l (x)") ==
        "SELECT * FROM (SELECT 1) AS s, LATERAL (SELECT 2) AS l (x)");
  CHECK(P("select * from generate_series(1, 3) g") == "SELECT * FROM generate_series(1, 3) AS g");
  // Column definition lists (gram.y's func_alias_clause).
  CHECK(P("select * from jsonb_to_record(j) as x(a int, b varchar(3)[])") ==
        "SELECT * FROM jsonb_to_record(j) AS x (a int4, b varchar(3)[])");
  CHECK(P("select * from f() x(a text collate \"C\")") == "SELECT * FROM f() AS x (a text)");
  CHECK(P("select * from f() as (a int)") == "SELECT * FROM f() AS (a int4)");
  CHECK(P("select * from f() as x(a, b)") == "SELECT * FROM f() AS x (a, b)");
  CHECK(Err("select * from f() as x(a int, b)") == "42601 syntax error at or near \")\" @32");
  CHECK(Err("select * from f() as x(a, b int)") == "42601 syntax error at or near \"int\" @29");
  CHECK(Err("select * from f() as (a)") == "42601 syntax error at or near \")\" @24");
  CHECK(Err("select * from t as x(a int)") == "42601 syntax error at or near \"int\" @24");
  CHECK(P("select * from (a join b using (k)) as j") == "SELECT * FROM (a JOIN b USING (k)) AS j");

  std::vector<StatementPtr> h;
  const auto& s = Only<SelectStmt>("select * from a left join b on a.id = b.id", h);
  const auto& join = s.from[0]->As<JoinRef>();
  CHECK(join.type == JoinType::kLeft);
  CHECK(join.left->As<BaseTableRef>().name.name == "a");
  CHECK(join.right->As<BaseTableRef>().name.name == "b");
}

TEST_CASE("qualified names", "[parser]") {
  std::vector<StatementPtr> h;
  const auto& s = Only<SelectStmt>("select * from db.sch.tbl", h);
  const auto& name = s.from[0]->As<BaseTableRef>().name;
  CHECK(name.catalog == "db");
  CHECK(name.schema == "sch");
  CHECK(name.name == "tbl");
  CHECK(name.position == 15);
  CHECK(Err("select * from a.b.c.d") ==
        "42601 improper qualified name (too many dotted names): a.b.c.d @15");
}

TEST_CASE("INSERT", "[parser]") {
  CHECK(P("insert into t values (1, default), (2, 'x')") ==
        "INSERT INTO t VALUES (1, DEFAULT), (2, 'x')");
  CHECK(P("insert into s.t (a, b) values (1, 2) returning a, b as bee") ==
        "INSERT INTO s.t (a, b) VALUES (1, 2) RETURNING a, b AS bee");
  CHECK(P("insert into t select a from u where b") == "INSERT INTO t SELECT a FROM u WHERE b");
  CHECK(P("insert into t (a) (select 1)") == "INSERT INTO t (a) SELECT 1");
  CHECK(P("insert into t default values returning *") ==
        "INSERT INTO t DEFAULT VALUES RETURNING *");

  std::vector<StatementPtr> h;
  const auto& s = Only<InsertStmt>("insert into t (a, b) values (1, default)", h);
  REQUIRE(s.values.size() == 1);
  CHECK(s.values[0][1]->kind() == ExprKind::kDefault);
  CHECK(s.columns[1].name == "b");
  CHECK(s.columns[1].position == 19);
  CHECK(!s.select);
}

TEST_CASE("UPDATE and DELETE", "[parser]") {
  CHECK(P("update t set a = a + 1, b = default where c returning a") ==
        "UPDATE t SET a = (a + 1), b = DEFAULT WHERE c RETURNING a");
  CHECK(P("update s.t as x set a = 1") == "UPDATE s.t AS x SET a = 1");
  CHECK(P("update t x set a = 1 from u where u.id = x.id") ==
        "UPDATE t AS x SET a = 1 FROM u WHERE (u.id = x.id)");
  CHECK(P("delete from t where a = 1 returning *") == "DELETE FROM t WHERE (a = 1) RETURNING *");
  CHECK(P("delete from t as x using u where x.a = u.a") ==
        "DELETE FROM t AS x USING u WHERE (x.a = u.a)");
}

TEST_CASE("MERGE", "[parser]") {
  CHECK(P("merge into t using s on t.id = s.id when matched and s.x > 1 then update set a = "
          "s.a, b = default when matched then delete when not matched then insert (id, a) "
          "values (s.id, default)") ==
        "MERGE INTO t USING s ON (t.id = s.id) WHEN MATCHED AND (s.x > 1) THEN UPDATE SET a = "
        "s.a, b = DEFAULT WHEN MATCHED THEN DELETE WHEN NOT MATCHED THEN INSERT (id, a) "
        "VALUES (s.id, DEFAULT)");
  CHECK(P("merge into only x.t tt using (select 1 as k) as s on true when matched then do "
          "nothing when not matched and s.k = 2 then do nothing when not matched then insert "
          "default values") ==
        "MERGE INTO x.t AS tt USING (SELECT 1 AS k) AS s ON true WHEN MATCHED THEN DO NOTHING "
        "WHEN NOT MATCHED AND (s.k = 2) THEN DO NOTHING WHEN NOT MATCHED THEN INSERT DEFAULT "
        "VALUES");
  CHECK(P("merge into t using s on t.a = s.a when not matched then insert overriding system "
          "value values (s.a)") ==
        "MERGE INTO t USING s ON (t.a = s.a) WHEN NOT MATCHED THEN INSERT OVERRIDING SYSTEM "
        "VALUE VALUES (s.a)");
  // PostgreSQL 15 has no RETURNING for MERGE, needs a WHEN clause and pairs
  // MATCHED only with UPDATE / DELETE, NOT MATCHED only with INSERT.
  CHECK(Err("merge into t using s on t.a = s.a when matched then delete returning *") ==
        "42601 syntax error at or near \"returning\" @60");
  CHECK(Err("merge into t using s on t.a = s.a") == "42601 syntax error at end of input @34");
  CHECK(Err("merge into t using s on t.a = s.a when matched then insert values (1)") ==
        "42601 syntax error at or near \"insert\" @53");
  CHECK(Err("merge into t using s on t.a = s.a when not matched then update set a = 1") ==
        "42601 syntax error at or near \"update\" @57");
}

TEST_CASE("CREATE TABLE", "[parser]") {
  CHECK(P("CREATE TABLE IF NOT EXISTS s.t (id int PRIMARY KEY, name varchar(10) NOT NULL "
          "DEFAULT 'x', price numeric(10,2) UNIQUE CHECK (price > 0), note text NULL, "
          "CONSTRAINT pk PRIMARY KEY (id, name), UNIQUE (price))") ==
        "CREATE TABLE IF NOT EXISTS s.t (id int4 PRIMARY KEY, name varchar(10) NOT NULL DEFAULT "
        "'x', price numeric(10, 2) UNIQUE CHECK ((price > 0)), note text NULL, CONSTRAINT pk "
        "PRIMARY KEY (id, name), UNIQUE (price))");
  CHECK(P("create temp table t (a int default 0 not null, b int references u (id) on delete "
          "cascade)") ==
        "CREATE TEMPORARY TABLE t (a int4 DEFAULT 0 NOT NULL, b int4 REFERENCES u (id))");
  CHECK(P("create table t ()") == "CREATE TABLE t ()");

  std::vector<StatementPtr> h;
  const auto& s = Only<CreateTableStmt>(
      "create table t (a int constraint a_nn not null, b text, constraint u unique (a, b))", h);
  REQUIRE(s.columns.size() == 2);
  CHECK(s.columns[0].constraints[0].type == Constraint::Type::kNotNull);
  CHECK(s.columns[0].constraints[0].name == "a_nn");
  CHECK(s.columns[1].type.name == "text");
  CHECK(s.columns[1].position == 49);
  REQUIRE(s.constraints.size() == 1);
  CHECK(s.constraints[0].type == Constraint::Type::kUnique);
  CHECK(s.constraints[0].name == "u");
  CHECK(s.constraints[0].columns.size() == 2);
}

TEST_CASE("CREATE MATERIALIZED VIEW, CREATE TABLE AS, REFRESH", "[parser]") {
  CHECK(P("create materialized view if not exists s.mv (a, b) with (fillfactor = 70) as "
          "select x, y from t with no data") ==
        "CREATE MATERIALIZED VIEW IF NOT EXISTS s.mv (a, b) WITH (fillfactor = '70') AS SELECT "
        "x, y FROM t WITH NO DATA");
  CHECK(P("create table t2 as select 1 with data") == "CREATE TABLE t2 AS SELECT 1");
  CHECK(P("create temp table t2 (a) as select 1") == "CREATE TEMPORARY TABLE t2 (a) AS SELECT 1");
  CHECK(P("create table t2 with (autovacuum_enabled) as select 1") ==
        "CREATE TABLE t2 WITH (autovacuum_enabled) AS SELECT 1");
  CHECK(P("refresh materialized view concurrently s.mv") ==
        "REFRESH MATERIALIZED VIEW CONCURRENTLY s.mv");
  CHECK(P("refresh materialized view mv with no data") ==
        "REFRESH MATERIALIZED VIEW mv WITH NO DATA");
  std::vector<StatementPtr> h;
  CHECK(Only<CreateTableAsStmt>("create materialized view mv as select a  from t;", h).query_text ==
        "select a  from t");
  CHECK(Err("create unlogged materialized view mv as select 1") ==
        "0A000 materialized views cannot be unlogged @0");
  CHECK(Err("create temp materialized view mv as select 1") ==
        "42601 syntax error at or near \"materialized\" @13");
  CHECK(Err("refresh materialized mv") == "42601 syntax error at or near \"mv\" @22");
}

TEST_CASE("CREATE VIEW", "[parser]") {
  CHECK(P("create or replace view s.v (a, \"B\") as select x, y from t") ==
        "CREATE OR REPLACE VIEW s.v (a, \"B\") AS SELECT x, y FROM t");
  CHECK(P("create view v as values (1)") == "CREATE VIEW v AS VALUES (1)");

  // The query's text is kept as written, from its first token to its last.
  std::vector<StatementPtr> h;
  const auto& s =
      Only<CreateViewStmt>("CREATE VIEW v AS  WITH w AS (SELECT 1) SELECT *  FROM w /* c */ ;", h);
  CHECK(s.query_text == "WITH w AS (SELECT 1) SELECT *  FROM w");
  CHECK(!s.or_replace);
  CHECK(Only<CreateViewStmt>("create temp view v as (select 'é')", h).query_text == "(select 'é')");
  CHECK(Only<CreateViewStmt>("create temp view v as (select 'é')", h).temporary);

  CHECK(Err("create or replace table t (a int)") == "42601 syntax error at or near \"table\" @19");
  CHECK(Err("create view v as insert into t values (1)") ==
        "42601 syntax error at or near \"insert\" @18");
  CHECK(Err("create view v") == "42601 syntax error at end of input @14");

  // Options before AS, CHECK OPTION after the query (CASCADED unless LOCAL).
  CHECK(P("create view v with (check_option = local, security_barrier) as select a from t") ==
        "CREATE VIEW v WITH (check_option = 'local', security_barrier) AS SELECT a FROM t");
  CHECK(P("create view v as select a from t with check option") ==
        "CREATE VIEW v AS SELECT a FROM t WITH CASCADED CHECK OPTION");
  CHECK(P("create view v as select a from t with local check option") ==
        "CREATE VIEW v AS SELECT a FROM t WITH LOCAL CHECK OPTION");
  CHECK(P("create view v as select a from t with cascaded check option") ==
        "CREATE VIEW v AS SELECT a FROM t WITH CASCADED CHECK OPTION");
  const auto& checked =
      Only<CreateViewStmt>("create view v as select a from t with check option", h);
  CHECK(checked.query_text == "select a from t");
  CHECK(Err("create view v as select a from t with check") ==
        "42601 syntax error at end of input @44");
  CHECK(Err("create view v as select a from t with option") ==
        "42601 syntax error at or near \"option\" @39");
}

TEST_CASE("DROP TABLE", "[parser]") {
  CHECK(P("drop table t") == "DROP TABLE t");
  CHECK(P("drop table if exists t, s.u cascade") == "DROP TABLE IF EXISTS t, s.u CASCADE");
  CHECK(P("drop table t restrict") == "DROP TABLE t");
  CHECK(P("drop view if exists v, w cascade") == "DROP VIEW IF EXISTS v, w CASCADE");
}

TEST_CASE("transaction control", "[parser]") {
  CHECK(P("begin") == "BEGIN");
  CHECK(P("BEGIN WORK") == "BEGIN");
  CHECK(P("begin transaction isolation level serializable") ==
        "BEGIN ISOLATION LEVEL serializable");
  CHECK(P("start transaction isolation level repeatable read, read only") ==
        "BEGIN ISOLATION LEVEL repeatable read READ ONLY");
  CHECK(P("commit") == "COMMIT");
  CHECK(P("commit work") == "COMMIT");
  CHECK(P("end transaction") == "COMMIT");
  CHECK(P("rollback") == "ROLLBACK");
  CHECK(P("abort") == "ROLLBACK");
}

TEST_CASE("SET, RESET, SHOW, CHECKPOINT, EXPLAIN", "[parser]") {
  CHECK(P("set search_path to public, \"$user\"") == "SET search_path TO 'public', '$user'");
  CHECK(P("SET SESSION DateStyle = 'ISO'") == "SET datestyle TO 'ISO'");
  CHECK(P("set local statement_timeout = 0") == "SET LOCAL statement_timeout TO 0");
  CHECK(P("set enable_seqscan = off") == "SET enable_seqscan TO 'off'");
  CHECK(P("set x.y to on") == "SET x.y TO 'on'");
  CHECK(P("set x to default") == "SET x TO DEFAULT");
  CHECK(P("set time zone 'UTC'") == "SET timezone TO 'UTC'");
  CHECK(P("set time zone local") == "SET timezone TO DEFAULT");
  CHECK(P("set time zone -5") == "SET timezone TO -5");
  CHECK(P("reset all") == "RESET ALL");
  CHECK(P("reset search_path") == "RESET search_path");
  CHECK(P("show all") == "SHOW ALL");
  CHECK(P("show time zone") == "SHOW timezone");
  CHECK(P("show transaction isolation level") == "SHOW transaction_isolation");
  CHECK(P("reset time zone") == "RESET timezone");
  CHECK(P("reset session authorization") == "RESET session_authorization");
  CHECK(P("SHOW server_version") == "SHOW server_version");
  CHECK(P("checkpoint") == "CHECKPOINT");
  CHECK(P("explain analyze select 1") == "EXPLAIN ANALYZE SELECT 1");
  CHECK(P("explain (costs off) select 1") == "EXPLAIN SELECT 1");
}

// P(sql), after checking that the printed form parses back to itself.
std::string R(std::string_view sql) {
  std::string printed = P(sql);
  CHECK(P(printed) == printed);
  return printed;
}

TEST_CASE("PREPARE, EXECUTE, DEALLOCATE", "[parser]") {
  CHECK(R("prepare p as select 1") == "PREPARE p AS SELECT 1");
  CHECK(R("PREPARE q (int, text) AS SELECT $1, $2") == "PREPARE q (int4, text) AS SELECT $1, $2");
  CHECK(R("prepare \"P\" (int[], varchar(3)) as values (1)") ==
        "PREPARE \"P\" (int4[], varchar(3)) AS VALUES (1)");
  CHECK(R("prepare p as insert into t values ($1) returning a") ==
        "PREPARE p AS INSERT INTO t VALUES ($1) RETURNING a");
  CHECK(R("prepare p as update t set a = $1") == "PREPARE p AS UPDATE t SET a = $1");
  CHECK(R("prepare p as delete from t where a = $1") ==
        "PREPARE p AS DELETE FROM t WHERE (a = $1)");
  CHECK(R("prepare p as (select 1) union select 2") == "PREPARE p AS (SELECT 1) UNION (SELECT 2)");
  CHECK(R("execute p") == "EXECUTE p");
  CHECK(R("EXECUTE p (1, 'a', $1 + 1, (select 2))") == "EXECUTE p (1, 'a', ($1 + 1), (SELECT 2))");
  CHECK(R("deallocate p") == "DEALLOCATE p");
  CHECK(R("deallocate prepare \"P\"") == "DEALLOCATE \"P\"");
  CHECK(R("deallocate all") == "DEALLOCATE ALL");
  CHECK(R("deallocate prepare all") == "DEALLOCATE ALL");
  // PREPARE is an unreserved word: alone after DEALLOCATE it is the name.
  CHECK(R("deallocate prepare") == "DEALLOCATE prepare");
  CHECK(R("deallocate prepare prepare") == "DEALLOCATE prepare");
  CHECK(R("deallocate prepare;") == "DEALLOCATE prepare");

  std::vector<StatementPtr> h;
  const auto& prepare = Only<PrepareStmt>("prepare Stmt1 (bigint) as select $1", h);
  CHECK(prepare.name == "stmt1");
  REQUIRE(prepare.parameter_types.size() == 1);
  CHECK(prepare.parameter_types[0].name == "int8");
  REQUIRE(prepare.statement->kind() == StatementKind::kSelect);
  CHECK(prepare.statement->position == 27);
  const auto& execute = Only<ExecuteStmt>("execute \"Stmt1\"", h);
  CHECK(execute.name == "Stmt1");
  CHECK(execute.parameters.empty());
  CHECK(Only<DeallocateStmt>("deallocate all", h).name.empty());
}

TEST_CASE("DECLARE CURSOR", "[parser]") {
  CHECK(R("declare c cursor for select 1") == "DECLARE c CURSOR FOR SELECT 1");
  CHECK(R("DECLARE c NO SCROLL BINARY INSENSITIVE CURSOR WITHOUT HOLD FOR VALUES (1)") ==
        "DECLARE c BINARY INSENSITIVE NO SCROLL CURSOR FOR VALUES (1)");
  CHECK(R("declare \"__asyncpg_cursor_1__\" asensitive scroll cursor with hold for select * "
          "from t for update") ==
        "DECLARE __asyncpg_cursor_1__ ASENSITIVE SCROLL CURSOR WITH HOLD FOR SELECT * FROM t");
  CHECK(R("declare c cursor for (select 1) union all select 2") ==
        "DECLARE c CURSOR FOR (SELECT 1) UNION ALL (SELECT 2)");
  // The options may repeat, and CURSOR is an unreserved word.
  CHECK(R("declare cursor scroll scroll binary binary cursor for select 1") ==
        "DECLARE cursor BINARY SCROLL CURSOR FOR SELECT 1");

  std::vector<StatementPtr> h;
  const auto& d = Only<DeclareCursorStmt>("declare \"Cur\" cursor with hold for select 1", h);
  CHECK(d.name == "Cur");
  CHECK(d.hold);
  CHECK(!d.binary);
  CHECK(!d.scroll);
  CHECK(!d.no_scroll);
  CHECK(d.query->position == 36);
  // Conflicting options parse; PostgreSQL rejects them in parse analysis
  // (42P11), which is the executor's part.
  const auto& both = Only<DeclareCursorStmt>(
      "declare c scroll no scroll insensitive asensitive cursor for select 1", h);
  CHECK(both.scroll);
  CHECK(both.no_scroll);
  CHECK(both.insensitive);
  CHECK(both.asensitive);
}

// "FETCH|MOVE kind count|all cursor" from the AST's fields.
std::string Fetch(std::string_view sql) {
  std::vector<StatementPtr> h;
  const auto& f = Only<FetchStmt>(sql, h);
  const char* kinds[] = {"forward", "backward", "absolute", "relative"};
  std::string out = f.move ? "MOVE " : "FETCH ";
  out += kinds[static_cast<int>(f.direction.kind)];
  out += " " + (f.direction.all ? std::string("all") : std::to_string(f.direction.count));
  return out + " " + f.cursor;
}

TEST_CASE("FETCH and MOVE directions are normalized", "[parser]") {
  CHECK(Fetch("fetch c") == "FETCH forward 1 c");
  CHECK(Fetch("fetch from c") == "FETCH forward 1 c");
  CHECK(Fetch("fetch in c") == "FETCH forward 1 c");
  CHECK(Fetch("fetch next from c") == "FETCH forward 1 c");
  CHECK(Fetch("fetch prior c") == "FETCH backward 1 c");
  CHECK(Fetch("fetch first in c") == "FETCH absolute 1 c");
  CHECK(Fetch("fetch last c") == "FETCH absolute -1 c");
  CHECK(Fetch("fetch absolute 0 c") == "FETCH absolute 0 c");
  CHECK(Fetch("fetch absolute -3 c") == "FETCH absolute -3 c");
  CHECK(Fetch("fetch relative -2 in c") == "FETCH relative -2 c");
  CHECK(Fetch("fetch relative + 2 c") == "FETCH relative 2 c");
  CHECK(Fetch("fetch relative 0 c") == "FETCH relative 0 c");
  CHECK(Fetch("fetch 5 c") == "FETCH forward 5 c");
  CHECK(Fetch("fetch -5 c") == "FETCH backward 5 c");
  CHECK(Fetch("fetch - 5 from c") == "FETCH backward 5 c");
  CHECK(Fetch("fetch +5 c") == "FETCH forward 5 c");
  CHECK(Fetch("fetch 0 c") == "FETCH relative 0 c");
  CHECK(Fetch("fetch 2147483647 c") == "FETCH forward 2147483647 c");
  CHECK(Fetch("fetch -2147483647 c") == "FETCH backward 2147483647 c");
  CHECK(Fetch("fetch all c") == "FETCH forward all c");
  CHECK(Fetch("fetch forward c") == "FETCH forward 1 c");
  CHECK(Fetch("fetch forward from c") == "FETCH forward 1 c");
  CHECK(Fetch("fetch forward 3 c") == "FETCH forward 3 c");
  CHECK(Fetch("fetch forward -3 c") == "FETCH backward 3 c");
  CHECK(Fetch("fetch forward 0 c") == "FETCH relative 0 c");
  CHECK(Fetch("fetch forward all in c") == "FETCH forward all c");
  CHECK(Fetch("fetch backward c") == "FETCH backward 1 c");
  CHECK(Fetch("fetch backward 2 c") == "FETCH backward 2 c");
  CHECK(Fetch("fetch backward -2 c") == "FETCH forward 2 c");
  CHECK(Fetch("fetch backward 0 c") == "FETCH relative 0 c");
  CHECK(Fetch("fetch backward all from c") == "FETCH backward all c");
  CHECK(Fetch("MOVE FORWARD 5 \"__asyncpg_cursor_1__\"") == "MOVE forward 5 __asyncpg_cursor_1__");
  CHECK(Fetch("move c") == "MOVE forward 1 c");
  CHECK(Fetch("move all in c") == "MOVE forward all c");
  CHECK(Fetch("move absolute 1 \"C\"") == "MOVE absolute 1 C");
  // The direction words are unreserved: last in the statement, they name
  // the cursor.
  CHECK(Fetch("fetch next") == "FETCH forward 1 next");
  CHECK(Fetch("fetch next next") == "FETCH forward 1 next");
  CHECK(Fetch("fetch forward next") == "FETCH forward 1 next");
  CHECK(Fetch("fetch backward backward") == "FETCH backward 1 backward");
  CHECK(Fetch("fetch absolute") == "FETCH forward 1 absolute");
  CHECK(Fetch("move forward; ") == "MOVE forward 1 forward");
  CHECK(Fetch("fetch first") == "FETCH forward 1 first");
  CHECK(Fetch("move last") == "MOVE forward 1 last");
  CHECK(Fetch("fetch 007 c") == "FETCH forward 7 c");

  CHECK(R("fetch prior from c") == "FETCH BACKWARD 1 FROM c");
  CHECK(R("move last in \"Cur\"") == "MOVE ABSOLUTE -1 FROM \"Cur\"");
  CHECK(R("fetch backward all c") == "FETCH BACKWARD ALL FROM c");
  CHECK(R("fetch -0 c") == "FETCH RELATIVE 0 FROM c");
  CHECK(R("fetch next") == "FETCH FORWARD 1 FROM next");
  CHECK(R("close \"Cur\"") == "CLOSE \"Cur\"");
  CHECK(R("close all") == "CLOSE ALL");
}

// Recorded from PostgreSQL 15.
TEST_CASE("cursor and prepared statement syntax errors", "[parser]") {
  CHECK(Err("fetch absolute from c") == "42601 syntax error at or near \"from\" @16");
  CHECK(Err("fetch relative c") == "42601 syntax error at or near \"c\" @16");
  CHECK(Err("fetch absolute all c") == "42601 syntax error at or near \"all\" @16");
  CHECK(Err("fetch relative all c") == "42601 syntax error at or near \"all\" @16");
  CHECK(Err("fetch forward + all c") == "42601 syntax error at or near \"all\" @17");
  CHECK(Err("fetch all") == "42601 syntax error at end of input @10");
  CHECK(Err("fetch") == "42601 syntax error at end of input @6");
  CHECK(Err("fetch from") == "42601 syntax error at end of input @11");
  CHECK(Err("fetch forward all") == "42601 syntax error at end of input @18");
  CHECK(Err("fetch forward 5") == "42601 syntax error at end of input @16");
  CHECK(Err("fetch 5") == "42601 syntax error at end of input @8");
  CHECK(Err("fetch 3000000000 c") == "42601 syntax error at or near \"3000000000\" @7");
  CHECK(Err("fetch -2147483648 c") == "42601 syntax error at or near \"2147483648\" @8");
  CHECK(Err("fetch 99999999999999999999 c") ==
        "42601 syntax error at or near \"99999999999999999999\" @7");
  CHECK(Err("fetch next in") == "42601 syntax error at end of input @14");
  CHECK(Err("fetch prior from") == "42601 syntax error at end of input @17");
  CHECK(Err("fetch 1.5 c") == "42601 syntax error at or near \"1.5\" @7");
  CHECK(Err("fetch $1 c") == "42601 syntax error at or near \"$1\" @7");
  CHECK(Err("fetch select") == "42601 syntax error at or near \"select\" @7");
  CHECK(Err("fetch next from c x") == "42601 syntax error at or near \"x\" @19");
  CHECK(Err("fetch 5 c.d") == "42601 syntax error at or near \".\" @10");
  CHECK(Err("move absolute from c") == "42601 syntax error at or near \"from\" @15");

  CHECK(Err("declare c cursor with hold with hold for select 1") ==
        "42601 syntax error at or near \"with\" @28");
  CHECK(Err("declare c cursor for insert into t values (1)") ==
        "42601 syntax error at or near \"insert\" @22");
  CHECK(Err("declare c cursor hold for select 1") == "42601 syntax error at or near \"hold\" @18");
  CHECK(Err("declare c no cursor for select 1") == "42601 syntax error at or near \"cursor\" @14");
  CHECK(Err("declare c cursor") == "42601 syntax error at end of input @17");
  CHECK(Err("declare select cursor for select 1") == "42601 syntax error at or near \"select\" @9");
  CHECK(Err("declare c with hold cursor for select 1") ==
        "42601 syntax error at or near \"with\" @11");

  CHECK(Err("prepare p () as select 1") == "42601 syntax error at or near \")\" @12");
  CHECK(Err("prepare p (int,) as select 1") == "42601 syntax error at or near \")\" @16");
  CHECK(Err("prepare p as create table t (a int)") ==
        "42601 syntax error at or near \"create\" @14");
  CHECK(Err("prepare p as fetch c") == "42601 syntax error at or near \"fetch\" @14");
  CHECK(Err("prepare p as") == "42601 syntax error at end of input @13");
  CHECK(Err("prepare p select 1") == "42601 syntax error at or near \"select\" @11");
  CHECK(Err("prepare all as select 1") == "42601 syntax error at or near \"all\" @9");

  CHECK(Err("execute p ()") == "42601 syntax error at or near \")\" @12");
  CHECK(Err("execute p (1,)") == "42601 syntax error at or near \")\" @14");
  CHECK(Err("execute p 1") == "42601 syntax error at or near \"1\" @11");
  CHECK(Err("execute all") == "42601 syntax error at or near \"all\" @9");
  CHECK(Err("execute p (select 1, 2)") == "42601 syntax error at or near \"select\" @12");

  CHECK(Err("deallocate") == "42601 syntax error at end of input @11");
  CHECK(Err("deallocate p, q") == "42601 syntax error at or near \",\" @13");
}

TEST_CASE("multiple statements and spans", "[parser]") {
  std::string sql = "select 1; /* c */ insert into t values (1) ;\n select 'é';";
  auto statements = ParseStatements(sql);
  REQUIRE(statements.size() == 3);
  CHECK(sql.substr(statements[0]->text_begin,
                   statements[0]->text_end - statements[0]->text_begin) == "select 1");
  CHECK(
      sql.substr(statements[1]->text_begin, statements[1]->text_end - statements[1]->text_begin) ==
      "insert into t values (1)");
  CHECK(sql.substr(statements[2]->text_begin,
                   statements[2]->text_end - statements[2]->text_begin) == "select 'é'");
  CHECK(statements[1]->kind() == StatementKind::kInsert);
  CHECK(statements[1]->position == 19);
}

TEST_CASE("empty queries yield no statements", "[parser]") {
  CHECK(ParseStatements("").empty());
  CHECK(ParseStatements("   \n\t").empty());
  CHECK(ParseStatements(";;").empty());
  CHECK(ParseStatements(" -- only a comment\n /* and another */ ;").empty());
}

TEST_CASE("identifiers over 63 bytes are truncated with a notice", "[parser]") {
  std::string long_name(70, 'a');
  std::vector<std::string> notices;
  auto statements = ParseStatements("select " + long_name + ", \"" + long_name + "B\"", &notices);
  REQUIRE(notices.size() == 2);
  CHECK(notices[0] ==
        "identifier \"" + long_name + "\" will be truncated to \"" + std::string(63, 'a') + "\"");
  CHECK(notices[1] ==
        "identifier \"" + long_name + "B\" will be truncated to \"" + std::string(63, 'a') + "\"");
  notices.clear();
  ParseStatements("select short_name", &notices);
  CHECK(notices.empty());
}

TEST_CASE("syntax errors match PostgreSQL's message and position", "[parser]") {
  CHECK(Err("selec 1") == "42601 syntax error at or near \"selec\" @1");
  // gram.y shapes: a bare column list is CREATE TABLE AS's, * has no prefix
  // form, ANY/ALL must be followed by a parenthesis.
  CHECK(Err("create table t (a);") == "42601 syntax error at or near \";\" @19");
  CHECK(Err("create table t (a, b) as select 1 with data;") == "no error");
  CHECK(Err("create table t (a, b) as select 1 with nodata") ==
        "42601 syntax error at or near \"nodata\" @40");
  CHECK(Err("select 1 + * 2") == "42601 syntax error at or near \"*\" @12");
  CHECK(Err("select 1 = all;") == "42601 syntax error at or near \";\" @15");
  CHECK(Err("create table t (a int default not true)") ==
        "42601 syntax error at or near \"not\" @31");
  CHECK(Err("select 1 +") == "42601 syntax error at end of input @11");
  CHECK(Err("select (1 ") == "42601 syntax error at end of input @11");
  CHECK(Err("select 1 +  -- c") == "42601 syntax error at end of input @17");
  CHECK(Err("select ééé +") == "42601 syntax error at end of input @13");
  CHECK(Err("select 'a' 'b'") == "42601 syntax error at or near \"'b'\" @12");
  CHECK(Err("select 1 < 2 < 3") == "42601 syntax error at or near \"<\" @14");
  CHECK(Err("select a b c from t") == "42601 syntax error at or near \"c\" @12");
  CHECK(Err("select left from t") == "42601 syntax error at or near \"from\" @13");
  CHECK(Err("select 1; selec 2") == "42601 syntax error at or near \"selec\" @11");
  CHECK(Err("create table t (a int,)") == "42601 syntax error at or near \")\" @23");
  CHECK(Err("insert into t values 1") == "42601 syntax error at or near \"1\" @22");
  CHECK(Err("select * from a join b") == "42601 syntax error at end of input @23");
  CHECK(Err("select * from a natural join b on true") ==
        "42601 syntax error at or near \"on\" @32");
  CHECK(Err("select 1 limit 1 limit 2") == "42601 syntax error at or near \"limit\" @18");
  CHECK(Err("select timestamp with time zone") == "42601 syntax error at end of input @32");
  CHECK(Err("select 1..2") == "42601 syntax error at or near \"..\" @9");
  CHECK(Err("select a from (select 1)") == "42601 subquery in FROM must have an alias @15");
  CHECK(Err("select 1 limit 1,2") == "42601 LIMIT #,# syntax is not supported @10");
  CHECK(Err("(select 1 limit 1) limit 2") == "42601 multiple LIMIT clauses not allowed @26");
  CHECK(Err("(select 1 order by 1) order by 1") ==
        "42601 multiple ORDER BY clauses not allowed @32");
  CHECK(Err("select 'abc") == "42601 unterminated quoted string at or near \"'abc\" @8");
}

TEST_CASE("positions of expression nodes", "[parser]") {
  auto expr = ParseExpression("a + b * c");
  CHECK(expr->position == 3);  // the operator
  CHECK(expr->As<BinaryOp>().right->position == 7);
  auto cast = ParseExpression("x::int");
  CHECK(cast->position == 2);
  CHECK(cast->As<Cast>().type.position == 4);
  auto call = ParseExpression("  f(1)");
  CHECK(call->position == 3);
  auto neg = ParseExpression("é || -1");
  CHECK(neg->position == 3);
  CHECK(neg->As<BinaryOp>().right->position == 6);
}

}  // namespace
}  // namespace basalt::sql

namespace basalt::sql {
namespace {

TEST_CASE("deep nesting fails cleanly", "[parser]") {
  std::string sql = "select " + std::string(100000, '(') + "1" + std::string(100000, ')');
  CHECK_THROWS_AS(ParseStatements(sql), Error);
  std::string minus = "select ";
  for (int i = 0; i < 100000; ++i) minus += "- ";
  minus += "1";
  CHECK_THROWS_AS(ParseStatements(minus), Error);
  std::string ok = "select " + std::string(100, '(') + "1" + std::string(100, ')');
  CHECK(ParseStatements(ok).size() == 1);
}

}  // namespace
}  // namespace basalt::sql

namespace basalt::sql {
namespace {

TEST_CASE("CREATE INDEX: a partial index's WHERE, expressions, INCLUDE", "[parser]") {
  CHECK(
      P("create unique index i on t (a desc nulls last, b) where deleted_at is null and b > 1") ==
      "CREATE UNIQUE INDEX i ON t (a DESC NULLS LAST, b) WHERE ((deleted_at IS NULL) AND (b > 1))");
  CHECK(P("create index on t (a)") == "CREATE INDEX ON t (a)");
  CHECK(P("create index on t ((a + b) desc, lower(c), d)") ==
        "CREATE INDEX ON t (((a + b)) DESC, (lower(c)), d)");
  CHECK(P("create unique index on t (a) include (b, c) nulls not distinct where b > 0") ==
        "CREATE UNIQUE INDEX ON t (a) INCLUDE (b, c) NULLS NOT DISTINCT WHERE (b > 0)");
  CHECK(P("create table t (a int, b int, primary key (a) include (b), unique (b) include (a))") ==
        "CREATE TABLE t (a int4, b int4, PRIMARY KEY (a) INCLUDE (b), UNIQUE (b) INCLUDE (a))");
  CHECK(Err("create index on t (a) include ()").substr(0, 5) == "42601");
}

TEST_CASE("CREATE SCHEMA with schema elements", "[parser]") {
  CHECK(P("create schema s create table t (a int) create view v as select a from t "
          "create index on t (a) create sequence q") ==
        "CREATE SCHEMA s CREATE TABLE t (a int4) CREATE VIEW v AS SELECT a FROM t CREATE INDEX "
        "ON t (a) CREATE SEQUENCE q");
  CHECK(Err("create schema s create role r") == "42601 syntax error at or near \"role\" @24");
  CHECK(Err("create schema s create table t as select 1") ==
        "42601 syntax error at or near \"as\" @32");
  CHECK(Err("create schema if not exists s create table t (a int)") ==
        "0A000 CREATE SCHEMA IF NOT EXISTS cannot include schema elements @31");
}

}  // namespace
}  // namespace basalt::sql
