// CatalogWriter's database DDL: CREATE / ALTER / DROP DATABASE. A database
// is its row ('D' key, shared), its schemas and relations (keyed by its
// OID) and, in the snapshot only, the system relations every database has
// (AddSystemObjects); a database name key ('d') serializes creations and
// renames of one name.
#include <fmt/format.h>

#include "catalog/catalog.h"
#include "catalog/catalog_keys.h"
#include "catalog/oids.h"

namespace basalt::catalog {

namespace {

std::string DatabaseKey(Oid oid) {
  return ObjectKey(ObjectKind::kDatabase, 0, oid);
}

Status DatabaseExists(const std::string& name) {
  return Status::Error(sqlstate::kDuplicateDatabase,
                       fmt::format("database \"{}\" already exists", name));
}

Status PutDatabase(storage::Transaction& txn, const proto::Database& db) {
  return txn.Put(storage::ColumnFamily::kCatalog, DatabaseKey(db.oid()), db.SerializeAsString());
}

}  // namespace

Status CatalogWriter::CreateDatabase(storage::Transaction& txn, proto::Database db) {
  if (View()->FindDatabase(db.name()) != nullptr) return DatabaseExists(db.name());
  BASALT_ASSIGN_OR_RETURN(Oid oid, catalog_.NewOid());
  db.set_oid(oid);
  bool taken = false;
  BASALT_RETURN_IF_ERROR(TakeNameKey(txn, DatabaseNameKey(db.name()), oid, &taken));
  if (taken) return DatabaseExists(db.name());
  BASALT_RETURN_IF_ERROR(PutDatabase(txn, db));
  delta_.push_back({std::make_shared<const proto::Database>(db)});
  // As a copy of template1: its schemas and the system relations.
  for (proto::Namespace& ns : InitialNamespaces(oid)) {
    BASALT_RETURN_IF_ERROR(PutNamespace(txn, std::move(ns)));
  }
  AddSystemObjects(oid, &delta_);
  view_.reset();
  return Status::OK();
}

Status CatalogWriter::DropDatabase(storage::Transaction& txn, const proto::Database& db) {
  std::string ignored;
  bool found = false;
  BASALT_RETURN_IF_ERROR(
      txn.GetForUpdate(storage::ColumnFamily::kCatalog, DatabaseKey(db.oid()), &ignored, &found));
  if (!found) {
    return Status::Error(sqlstate::kInvalidCatalogName,
                         fmt::format("database \"{}\" does not exist", db.name()));
  }
  std::shared_ptr<const CatalogSnapshot> snapshot = View();
  for (const std::shared_ptr<const TableEntry>& table : snapshot->Tables(db.oid())) {
    if (table->def.oid() < oids::kFirstUserOid) {  // system relations: never stored
      delta_.push_back({table, /*removed=*/true});
      continue;
    }
    BASALT_RETURN_IF_ERROR(DropTable(txn, *table));
  }
  for (const std::shared_ptr<const proto::UserType>& type : snapshot->Types(db.oid())) {
    BASALT_RETURN_IF_ERROR(DropType(txn, *type));
  }
  for (const proto::Namespace* ns : snapshot->Namespaces(db.oid())) {
    BASALT_RETURN_IF_ERROR(txn.Delete(storage::ColumnFamily::kCatalog,
                                      ObjectKey(ObjectKind::kNamespace, db.oid(), ns->oid())));
    BASALT_RETURN_IF_ERROR(
        txn.Delete(storage::ColumnFamily::kCatalog, NamespaceNameKey(db.oid(), ns->name())));
    delta_.push_back({std::make_shared<const proto::Namespace>(*ns), /*removed=*/true});
  }
  BASALT_RETURN_IF_ERROR(txn.Delete(storage::ColumnFamily::kCatalog, DatabaseKey(db.oid())));
  BASALT_RETURN_IF_ERROR(txn.Delete(storage::ColumnFamily::kCatalog, DatabaseNameKey(db.name())));
  delta_.push_back({std::make_shared<const proto::Database>(db), /*removed=*/true});
  view_.reset();
  return Status::OK();
}

Status CatalogWriter::AlterDatabase(storage::Transaction& txn, const proto::Database& old_db,
                                    proto::Database db) {
  std::string ignored;
  bool found = false;
  BASALT_RETURN_IF_ERROR(txn.GetForUpdate(storage::ColumnFamily::kCatalog,
                                          DatabaseKey(old_db.oid()), &ignored, &found));
  if (!found) {
    return Status::Error(sqlstate::kInvalidCatalogName,
                         fmt::format("database \"{}\" does not exist", old_db.name()));
  }
  if (db.name() != old_db.name()) {
    if (View()->FindDatabase(db.name()) != nullptr) return DatabaseExists(db.name());
    bool taken = false;
    BASALT_RETURN_IF_ERROR(TakeNameKey(txn, DatabaseNameKey(db.name()), db.oid(), &taken));
    if (taken) return DatabaseExists(db.name());
    BASALT_RETURN_IF_ERROR(
        txn.Delete(storage::ColumnFamily::kCatalog, DatabaseNameKey(old_db.name())));
  }
  BASALT_RETURN_IF_ERROR(PutDatabase(txn, db));
  delta_.push_back({std::make_shared<const proto::Database>(std::move(db))});
  view_.reset();
  return Status::OK();
}

}  // namespace basalt::catalog
