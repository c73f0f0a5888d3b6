#include "catalog/catalog.h"

#include <catch2/catch.hpp>

#include "common/test_temp_dir.h"
#include "storage/kv_store.h"
#include "storage/transaction.h"

namespace basalt::catalog {
namespace {

struct TempStore {
  TestTempDir dir;
  std::unique_ptr<storage::KvStore> store;

  TempStore() { Open(); }
  void Open() {
    storage::StoreOptions options;
    options.data_dir = dir.path() / "data";
    options.sync_commits = false;
    auto opened = storage::KvStore::Open(options);
    REQUIRE(opened.ok());
    store = std::move(opened).value();
  }
};

std::unique_ptr<Catalog> OpenCatalog(storage::KvStore& store) {
  auto catalog = Catalog::Open(store);
  REQUIRE(catalog.ok());
  return std::move(catalog).value();
}

proto::Table MakeTable(Oid database, std::string name) {
  proto::Table t;
  t.set_database_oid(database);
  t.set_namespace_oid(oids::kPublicNamespace);
  t.set_name(std::move(name));
  proto::Column* id = t.add_columns();
  id->set_attnum(1);
  id->set_name("id");
  id->set_type_id(static_cast<uint32_t>(TypeId::kInt4));
  id->set_typmod(-1);
  id->set_not_null(true);
  proto::Column* v = t.add_columns();
  v->set_attnum(2);
  v->set_name("v");
  v->set_type_id(static_cast<uint32_t>(TypeId::kText));
  v->set_typmod(-1);
  t.add_primary_key_attnums(1);
  t.set_primary_key_name(t.name() + "_pkey");
  return t;
}

TEST_CASE("bootstrap creates the superuser, databases and schemas", "[catalog]") {
  TempStore ts;
  auto catalog = OpenCatalog(*ts.store);
  auto snap = catalog->Current();
  const proto::Role* role = snap->FindRole("basalt");
  REQUIRE(role != nullptr);
  CHECK(role->oid() == oids::kBootstrapSuperuser);
  CHECK(role->superuser());
  const proto::Database* postgres = snap->FindDatabase("postgres");
  REQUIRE(postgres != nullptr);
  CHECK(postgres->oid() == oids::kPostgresDatabase);
  const proto::Database* basalt = snap->FindDatabase("basalt");
  REQUIRE(basalt != nullptr);
  CHECK(basalt->oid() >= oids::kFirstUserOid);
  // initdb's templates, with PostgreSQL's OIDs; only template0 refuses
  // connections.
  const proto::Database* template1 = snap->FindDatabase("template1");
  const proto::Database* template0 = snap->FindDatabase("template0");
  REQUIRE(template1 != nullptr);
  REQUIRE(template0 != nullptr);
  CHECK(template1->oid() == oids::kTemplate1Database);
  CHECK(template0->oid() == oids::kTemplate0Database);
  CHECK(oids::IsTemplateDatabase(template0->oid()));
  CHECK_FALSE(oids::IsTemplateDatabase(postgres->oid()));
  CHECK_FALSE(oids::DatabaseAllowsConnections(template0->oid()));
  CHECK(oids::DatabaseAllowsConnections(template1->oid()));
  for (const proto::Database* db : {postgres, basalt, template1, template0}) {
    const proto::Namespace* pub = snap->FindNamespace(db->oid(), "public");
    REQUIRE(pub != nullptr);
    CHECK(pub->oid() == oids::kPublicNamespace);
    const proto::Namespace* pgc = snap->FindNamespace(db->oid(), "pg_catalog");
    REQUIRE(pgc != nullptr);
    CHECK(pgc->oid() == oids::kPgCatalogNamespace);
  }
  CHECK(snap->FindRole("nobody") == nullptr);
  CHECK(snap->FindDatabase("nodb") == nullptr);
}

TEST_CASE("created table is visible to its transaction, others only after commit", "[catalog]") {
  TempStore ts;
  auto catalog = OpenCatalog(*ts.store);
  const Oid db = oids::kPostgresDatabase;
  auto txn = ts.store->Begin();
  CatalogWriter writer(*catalog);
  REQUIRE(writer.CreateTable(*txn, MakeTable(db, "t")).ok());

  auto own = writer.View()->FindTable(db, oids::kPublicNamespace, "t");
  REQUIRE(own != nullptr);
  CHECK(own->def.oid() >= oids::kFirstUserOid);
  CHECK(own->def.relation_id() != 0);
  CHECK(own->layout.primary_key == std::vector<int>{0});
  CHECK(catalog->Current()->FindTable(db, oids::kPublicNamespace, "t") == nullptr);

  Status dup = writer.CreateTable(*txn, MakeTable(db, "t"));
  CHECK(dup.code() == sqlstate::kDuplicateTable);
  CHECK(dup.message() == "relation \"t\" already exists");

  uint64_t before = catalog->Current()->version();
  REQUIRE(writer.CommitAndPublish(*txn).ok());
  auto after = catalog->Current();
  CHECK(after->version() > before);
  REQUIRE(after->FindTable(db, oids::kPublicNamespace, "t") != nullptr);
  // Databases are separate namespaces of relations.
  CHECK(after->FindTable(after->FindDatabase("basalt")->oid(), oids::kPublicNamespace, "t") ==
        nullptr);
}

TEST_CASE("rolled back DDL disappears", "[catalog]") {
  TempStore ts;
  auto catalog = OpenCatalog(*ts.store);
  const Oid db = oids::kPostgresDatabase;
  {
    auto txn = ts.store->Begin();
    CatalogWriter writer(*catalog);
    REQUIRE(writer.CreateTable(*txn, MakeTable(db, "gone")).ok());
    txn->Rollback();
    writer.Discard();
    CHECK(writer.View()->FindTable(db, oids::kPublicNamespace, "gone") == nullptr);
  }
  CHECK(catalog->Current()->FindTable(db, oids::kPublicNamespace, "gone") == nullptr);
  ts.store.reset();
  catalog.reset();
  ts.Open();
  catalog = OpenCatalog(*ts.store);
  CHECK(catalog->Current()->FindTable(db, oids::kPublicNamespace, "gone") == nullptr);
}

TEST_CASE("tables survive reopen and drop is transactional", "[catalog]") {
  TempStore ts;
  const Oid db = oids::kPostgresDatabase;
  Oid oid = 0;
  {
    auto catalog = OpenCatalog(*ts.store);
    auto txn = ts.store->Begin();
    CatalogWriter writer(*catalog);
    REQUIRE(writer.CreateTable(*txn, MakeTable(db, "kept")).ok());
    REQUIRE(writer.CommitAndPublish(*txn).ok());
    oid = catalog->Current()->FindTable(db, oids::kPublicNamespace, "kept")->def.oid();
  }
  ts.store.reset();
  ts.Open();
  auto catalog = OpenCatalog(*ts.store);
  auto table = catalog->Current()->FindTable(db, oids::kPublicNamespace, "kept");
  REQUIRE(table != nullptr);
  CHECK(table->def.oid() == oid);
  CHECK(table->def.columns_size() == 2);
  CHECK(table->def.primary_key_name() == "kept_pkey");
  CHECK(catalog->Current()->TableByOid(db, oid) != nullptr);

  auto txn = ts.store->Begin();
  CatalogWriter writer(*catalog);
  REQUIRE(writer.DropTable(*txn, *table).ok());
  CHECK(writer.View()->FindTable(db, oids::kPublicNamespace, "kept") == nullptr);
  CHECK(catalog->Current()->FindTable(db, oids::kPublicNamespace, "kept") != nullptr);
  CHECK(writer.dropped_relations() == std::vector<uint32_t>{table->def.relation_id()});
  REQUIRE(writer.CommitAndPublish(*txn).ok());
  CHECK(catalog->Current()->FindTable(db, oids::kPublicNamespace, "kept") == nullptr);

  // A new OID never repeats one handed out before the restart.
  auto txn2 = ts.store->Begin();
  CatalogWriter writer2(*catalog);
  REQUIRE(writer2.CreateTable(*txn2, MakeTable(db, "kept")).ok());
  CHECK(writer2.View()->FindTable(db, oids::kPublicNamespace, "kept")->def.oid() != oid);
}

}  // namespace
}  // namespace basalt::catalog
