#include <catch2/catch.hpp>

#include "sql/parser/parser_test_util.h"

namespace basalt::sql {
namespace {

using testing::Err;
using testing::P;

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
  CHECK(P("ALTER VIEW v SET (check_option = local)") == "ALTER VIEW v SET (check_option = local)");
  CHECK(Err("ALTER VIEW v ALTER COLUMN a SET DEFAULT 1") ==
        "0A000 this form of ALTER VIEW is not supported yet @14");
  CHECK(Err("ALTER MATERIALIZED VIEW m RENAME TO") == "42601 syntax error at end of input @36");
  CHECK(Err("ALTER MATERIALIZED m RENAME TO x") == "42601 syntax error at or near \"m\" @20");
}

TEST_CASE("ALTER INDEX ... RENAME TO", "[parser]") {
  CHECK(P("alter index if exists s.i rename to j") == "ALTER INDEX IF EXISTS s.i RENAME TO j");
  CHECK(Err("ALTER INDEX i RENAME COLUMN a TO b") ==
        "42601 syntax error at or near \"COLUMN\" @22");
  CHECK(Err("ALTER INDEX i SET (fillfactor = 50)") ==
        "0A000 this form of ALTER INDEX is not supported yet @15");
}

TEST_CASE("ALTER TABLE column actions, alone and in a list", "[parser]") {
  CHECK(P("alter table t add column if not exists c int default 1 not null") ==
        "ALTER TABLE t ADD COLUMN IF NOT EXISTS c int4 DEFAULT 1 NOT NULL");
  CHECK(P("alter table only t add c text") == "ALTER TABLE t ADD COLUMN c text");
  CHECK(P("alter table t drop column if exists c cascade") ==
        "ALTER TABLE t DROP COLUMN IF EXISTS c CASCADE");
  CHECK(P("alter table t drop c restrict") == "ALTER TABLE t DROP COLUMN c");
  CHECK(P("alter table t alter column c set default 1 + 2") ==
        "ALTER TABLE t ALTER COLUMN c SET DEFAULT (1 + 2)");
  CHECK(P("alter table t alter c drop default") == "ALTER TABLE t ALTER COLUMN c DROP DEFAULT");
  CHECK(P("alter table t alter c set not null") == "ALTER TABLE t ALTER COLUMN c SET NOT NULL");
  CHECK(P("alter table t alter c drop not null") == "ALTER TABLE t ALTER COLUMN c DROP NOT NULL");
  CHECK(P("alter table t alter column c set data type bigint") ==
        "ALTER TABLE t ALTER COLUMN c TYPE int8");
  CHECK(P("alter table t alter c type int using c::int") ==
        "ALTER TABLE t ALTER COLUMN c TYPE int4 USING CAST(c AS int4)");
  CHECK(P("alter table t add a int, drop b, alter c set not null, add unique (a)") ==
        "ALTER TABLE t ADD COLUMN a int4, DROP COLUMN b, ALTER COLUMN c SET NOT NULL, "
        "ADD UNIQUE (a)");
  CHECK(Err("alter table t add a int, drop constraint k") ==
        "0A000 DROP CONSTRAINT with other ALTER TABLE actions is not supported yet @26");
  CHECK(Err("alter table t alter c set storage plain") ==
        "42601 syntax error at or near "
        "\"storage\" @27");
}

}  // namespace
}  // namespace basalt::sql
