// A view's names bind to the OIDs recorded at CREATE VIEW: over a catalog
// with two schemas that both have a table `t`, the reader's search_path
// does not change which `t` a view reads.
#include <catch2/catch.hpp>

#include "catalog/catalog.h"
#include "sql/binder/binder.h"
#include "sql/parser/parser.h"

namespace basalt::sql {
namespace {

constexpr Oid kDatabase = 1;
constexpr Oid kPublic = 2200;
constexpr Oid kOther = 20000;
constexpr Oid kPublicT = 30001;
constexpr Oid kOtherT = 30002;
constexpr Oid kView = 30003;

class TwoSchemas {
 public:
  TwoSchemas() {
    catalog::CatalogDelta delta;
    for (auto [oid, name] : {std::pair{kPublic, "public"}, std::pair{kOther, "other"}}) {
      auto ns = std::make_shared<catalog::proto::Namespace>();
      ns->set_oid(oid);
      ns->set_name(name);
      ns->set_database_oid(kDatabase);
      delta.push_back({std::shared_ptr<const catalog::proto::Namespace>(std::move(ns))});
    }
    delta.push_back({Table(kPublicT, kPublic, "t", "r")});
    delta.push_back({Table(kOtherT, kOther, "t", "r")});
    // CREATE VIEW public.v AS SELECT a FROM t, made while `t` was other.t.
    catalog::proto::Table view;
    view.set_oid(kView);
    view.set_database_oid(kDatabase);
    view.set_namespace_oid(kPublic);
    view.set_name("v");
    view.set_relkind("v");
    view.set_view_query("SELECT a FROM t");
    catalog::proto::Column* a = view.add_columns();
    a->set_attnum(1);
    a->set_name("a");
    a->set_type_id(static_cast<uint32_t>(TypeId::kInt4));
    a->set_typmod(-1);
    catalog::proto::ViewReference* ref = view.add_view_references();
    ref->set_name("t");
    ref->set_oid(kOtherT);
    delta.push_back({Entry(std::move(view))});
    snapshot_ = catalog::CatalogSnapshot().Apply(delta, 1);
  }

  const catalog::CatalogSnapshot& snapshot() const { return *snapshot_; }

  // The OIDs of the relations `sql` reads, bound under `search_path`.
  std::vector<Oid> TablesRead(const std::string& sql, std::vector<std::string> search_path) {
    Binder binder(*snapshot_, kDatabase, "basalt", std::move(search_path));
    std::vector<ast::StatementPtr> parsed = ParseStatements(sql);
    REQUIRE(parsed.size() == 1);
    (void)binder.Bind(*parsed[0]);
    std::vector<Oid> out;
    for (const auto& table : binder.tables_read()) out.push_back(table->def.oid());
    return out;
  }

 private:
  static std::shared_ptr<const catalog::TableEntry> Entry(catalog::proto::Table def) {
    auto entry = std::make_shared<catalog::TableEntry>();
    entry->layout = catalog::MakeTableLayout(def);
    entry->def = std::move(def);
    return entry;
  }
  static std::shared_ptr<const catalog::TableEntry> Table(Oid oid, Oid namespace_oid,
                                                          const char* name, const char* relkind) {
    catalog::proto::Table t;
    t.set_oid(oid);
    t.set_database_oid(kDatabase);
    t.set_namespace_oid(namespace_oid);
    t.set_name(name);
    t.set_relkind(relkind);
    t.set_relation_id(oid);
    catalog::proto::Column* a = t.add_columns();
    a->set_attnum(1);
    a->set_name("a");
    a->set_type_id(static_cast<uint32_t>(TypeId::kInt4));
    a->set_typmod(-1);
    return Entry(std::move(t));
  }

  std::shared_ptr<const catalog::CatalogSnapshot> snapshot_;
};

TEST_CASE("a view reads the OIDs it recorded, not what its names mean now", "[binder][views]") {
  TwoSchemas c;
  // By name, `t` is public.t under this search_path...
  CHECK(c.TablesRead("SELECT a FROM t", {"public", "other"}) == std::vector<Oid>{kPublicT});
  // ...but the view's `t` is the other.t it recorded, under any search_path.
  CHECK(c.TablesRead("SELECT a FROM v", {"public", "other"}) == std::vector<Oid>{kView, kOtherT});
  CHECK(c.TablesRead("SELECT a FROM public.v", {}) == std::vector<Oid>{kView, kOtherT});
  // The reader's own `t` beside the view is still resolved by name.
  CHECK(c.TablesRead("SELECT v.a FROM v, t", {"public"}) ==
        std::vector<Oid>{kView, kOtherT, kPublicT});
}

TEST_CASE("CREATE VIEW records each name its query resolves, once", "[binder][views]") {
  TwoSchemas c;
  Binder binder(c.snapshot(), kDatabase, "basalt", {"public"});
  std::vector<catalog::proto::ViewReference> refs;
  binder.RecordViewReferences(&refs);
  std::vector<ast::StatementPtr> parsed = ParseStatements(
      "WITH w AS (SELECT 1 AS a) SELECT t.a FROM t, other.t u, v, w "
      "WHERE t.a IN (SELECT a FROM t)");
  (void)binder.BindSelect(parsed[0]->As<ast::SelectStmt>());
  // The CTE is no relation, and the names inside the view v are v's own.
  REQUIRE(refs.size() == 3);
  CHECK((refs[0].schema() == "" && refs[0].name() == "t" && refs[0].oid() == kPublicT));
  CHECK((refs[1].schema() == "other" && refs[1].name() == "t" && refs[1].oid() == kOtherT));
  CHECK((refs[2].schema() == "" && refs[2].name() == "v" && refs[2].oid() == kView));
}

}  // namespace
}  // namespace basalt::sql
