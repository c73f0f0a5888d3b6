// DeparseQuery over the query shapes ruleutils prints in forms of their own
// (WITH, LATERAL, windows, grouping sets, WITH TIES): the text PostgreSQL
// 15's pg_get_viewdef gives for the same query, and the fallback (nullopt)
// when the binder did not keep a WITH clause. tests/sql/matviews/
// viewdef_shapes.sql compares many more against PostgreSQL itself.
#include <catch2/catch.hpp>

#include "catalog/catalog.h"
#include "sql/binder/binder.h"
#include "sql/binder/deparse.h"
#include "sql/parser/parser.h"

namespace basalt::sql {
namespace {

constexpr Oid kDatabase = 1;
constexpr Oid kPublic = 2200;
constexpr Oid kTable = 30001;

// A catalog with public.t (a int, b int).
class OneTable {
 public:
  OneTable() {
    catalog::CatalogDelta delta;
    auto ns = std::make_shared<catalog::proto::Namespace>();
    ns->set_oid(kPublic);
    ns->set_name("public");
    ns->set_database_oid(kDatabase);
    delta.push_back({std::shared_ptr<const catalog::proto::Namespace>(std::move(ns))});
    catalog::proto::Table t;
    t.set_oid(kTable);
    t.set_database_oid(kDatabase);
    t.set_namespace_oid(kPublic);
    t.set_name("t");
    t.set_relkind("r");
    t.set_relation_id(kTable);
    for (int i = 0; i < 2; ++i) {
      catalog::proto::Column* c = t.add_columns();
      c->set_attnum(i + 1);
      c->set_name(i == 0 ? "a" : "b");
      c->set_type_id(static_cast<uint32_t>(TypeId::kInt4));
      c->set_typmod(-1);
    }
    auto entry = std::make_shared<catalog::TableEntry>();
    entry->layout = catalog::MakeTableLayout(t);
    entry->def = std::move(t);
    delta.push_back({std::shared_ptr<const catalog::TableEntry>(std::move(entry))});
    snapshot_ = catalog::CatalogSnapshot().Apply(delta, 1);
  }

  // `sql` bound as pg_get_viewdef binds a view's query (keep_with: the
  // WITH clauses kept) and printed.
  std::optional<std::string> Deparse(const std::string& sql, bool pretty, bool keep_with = true) {
    Binder binder(*snapshot_, kDatabase, "basalt", {"public"});
    if (keep_with) binder.KeepWithClauses();
    std::vector<ast::StatementPtr> parsed = ParseStatements(sql);
    REQUIRE(parsed.size() == 1);
    std::unique_ptr<BoundSelect> query = binder.BindSelect(parsed[0]->As<ast::SelectStmt>());
    std::vector<std::string> columns;
    for (const ResultColumn& c : query->columns) columns.push_back(c.name);
    CatalogNames names(snapshot_, kDatabase, "basalt", {"public"});
    return DeparseQuery(*query, columns, names, pretty);
  }

 private:
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot_;
};

TEST_CASE("WITH RECURSIVE prints its queries, the self-reference renamed", "[binder][deparse]") {
  OneTable db;
  const char* sql =
      "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) "
      "SELECT n FROM r";
  CHECK(db.Deparse(sql, true) ==
        " WITH RECURSIVE r(n) AS (\n"
        "         SELECT 1 AS \"?column?\"\n"
        "        UNION ALL\n"
        "         SELECT r_1.n + 1\n"
        "           FROM r r_1\n"
        "          WHERE r_1.n < 3\n"
        "        )\n"
        " SELECT r.n\n"
        "   FROM r;");
  // Without the kept WITH clause the printer gives up: the text as written.
  CHECK(db.Deparse(sql, true, /*keep_with=*/false) == std::nullopt);
}

TEST_CASE("a CTE read twice and MATERIALIZED", "[binder][deparse]") {
  OneTable db;
  CHECK(db.Deparse("WITH x AS MATERIALIZED (SELECT a FROM t) "
                   "SELECT x1.a FROM x x1, x x2 WHERE x1.a = x2.a",
                   false) ==
        " WITH x AS MATERIALIZED (\n"
        "         SELECT t.a\n"
        "           FROM t\n"
        "        )\n"
        " SELECT x1.a\n"
        "   FROM x x1,\n"
        "    x x2\n"
        "  WHERE (x1.a = x2.a);");
}

TEST_CASE("LATERAL items read the items before them", "[binder][deparse]") {
  OneTable db;
  CHECK(db.Deparse("SELECT t.a, g FROM t CROSS JOIN LATERAL generate_series(1, t.b) g", false) ==
        " SELECT t.a,\n"
        "    g.g\n"
        "   FROM (t\n"
        "     CROSS JOIN LATERAL generate_series(1, t.b) g(g));");
  CHECK(db.Deparse("SELECT x.s FROM t, LATERAL (SELECT t.a + 1 AS s) x", true) ==
        " SELECT x.s\n"
        "   FROM t,\n"
        "    LATERAL ( SELECT t.a + 1 AS s) x;");
}

TEST_CASE("windows: OVER w, OVER (w ...), frames and the WINDOW clause", "[binder][deparse]") {
  OneTable db;
  CHECK(db.Deparse("SELECT sum(b) OVER w, rank() OVER (w ORDER BY b), "
                   "count(*) FILTER (WHERE b > 1) OVER (ORDER BY a ROWS BETWEEN 1 PRECEDING "
                   "AND CURRENT ROW EXCLUDE TIES) AS c FROM t WINDOW w AS (PARTITION BY a)",
                   true) ==
        " SELECT sum(t.b) OVER w AS sum,\n"
        "    rank() OVER (w ORDER BY t.b) AS rank,\n"
        "    count(*) FILTER (WHERE t.b > 1) OVER (ORDER BY t.a ROWS BETWEEN 1 PRECEDING AND "
        "CURRENT ROW EXCLUDE TIES) AS c\n"
        "   FROM t\n"
        "  WINDOW w AS (PARTITION BY t.a);");
}

TEST_CASE("grouping sets print as written, GROUPING() by its keys", "[binder][deparse]") {
  OneTable db;
  CHECK(db.Deparse("SELECT a, b, grouping(a, b) FROM t "
                   "GROUP BY a, ROLLUP(b, (a, b)), GROUPING SETS ((a), ()), ()",
                   false) ==
        " SELECT t.a,\n"
        "    t.b,\n"
        "    GROUPING(t.a, t.b) AS \"grouping\"\n"
        "   FROM t\n"
        "  GROUP BY t.a, ROLLUP(t.b, (t.a, t.b)), GROUPING SETS ((t.a), ());");
}

TEST_CASE("FETCH FIRST ... WITH TIES keeps its own form", "[binder][deparse]") {
  OneTable db;
  CHECK(db.Deparse("SELECT a FROM t ORDER BY a FETCH FIRST 2 ROWS WITH TIES", true) ==
        " SELECT t.a\n"
        "   FROM t\n"
        "  ORDER BY t.a\n"
        " FETCH FIRST (2) ROWS WITH TIES;");
}

}  // namespace
}  // namespace basalt::sql
