#include <catch2/catch.hpp>

#include "sql/parser/parser_test_util.h"

namespace basalt::sql {
namespace {

using testing::Err;
using testing::P;

TEST_CASE("COMMENT ON relations and their parts", "[parser]") {
  CHECK(P("comment on table s.t is 'x'") == "COMMENT ON TABLE s.t IS 'x'");
  CHECK(P("COMMENT ON VIEW v IS 'it''s'") == "COMMENT ON VIEW v IS 'it''s'");
  CHECK(P("comment on materialized view m is E'a\\nb'") ==
        "COMMENT ON MATERIALIZED VIEW m IS 'a\nb'");
  CHECK(P("comment on index i is null") == "COMMENT ON INDEX i IS NULL");
  CHECK(P("comment on sequence s is $$d$$") == "COMMENT ON SEQUENCE s IS 'd'");
  CHECK(P("comment on column t.\"A\" is ''") == "COMMENT ON COLUMN t.A IS ''");
  CHECK(P("comment on column db.s.t.c is 'x'") == "COMMENT ON COLUMN db.s.t.c IS 'x'");
  // An unqualified column parses; running it fails as in PostgreSQL.
  CHECK(P("comment on column c is 'x'") == "COMMENT ON COLUMN c IS 'x'");
  CHECK(P("comment on constraint t_pkey on s.t is 'k'") ==
        "COMMENT ON CONSTRAINT t_pkey ON s.t IS 'k'");
}

TEST_CASE("COMMENT ON schemas, databases and roles", "[parser]") {
  CHECK(P("comment on schema app is 'x'") == "COMMENT ON SCHEMA app IS 'x'");
  CHECK(P("comment on database \"Db\" is null") == "COMMENT ON DATABASE Db IS NULL");
  CHECK(P("comment on role alice is 'x'") == "COMMENT ON ROLE alice IS 'x'");
}

TEST_CASE("COMMENT ON errors", "[parser]") {
  // gram.y's comment_text is a string constant or NULL, nothing else.
  CHECK(Err("comment on table t is 5") == "42601 syntax error at or near \"5\" @23");
  CHECK(Err("comment on table t is 'a' 'b'") == "42601 syntax error at or near \"'b'\" @27");
  CHECK(Err("comment on table t") == "42601 syntax error at end of input @19");
  CHECK(Err("comment on tables t is 'x'") == "42601 syntax error at or near \"tables\" @12");
  CHECK(Err("comment on function f() is 'x'") ==
        "0A000 COMMENT ON FUNCTION is not supported yet @12");
  CHECK(Err("comment on constraint c on domain d is 'x'") ==
        "0A000 COMMENT ON CONSTRAINT ... ON DOMAIN is not supported yet @28");
}

}  // namespace
}  // namespace basalt::sql
