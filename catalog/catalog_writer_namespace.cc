// CatalogWriter's schema DDL: CREATE / ALTER / DROP SCHEMA. A schema's row
// ('S' key) is what concurrent DDL in it serializes on: a CREATE of a
// relation holds it shared (LockRelationName), ALTER and DROP SCHEMA
// exclusively; a schema name key ('s') serializes creations and renames of
// one name.
#include <fmt/format.h>

#include "catalog/catalog.h"
#include "catalog/catalog_keys.h"

namespace basalt::catalog {

namespace {

std::string NamespaceKey(const proto::Namespace& ns) {
  return ObjectKey(ObjectKind::kNamespace, ns.database_oid(), ns.oid());
}

Status NamespaceExists(const std::string& name) {
  return Status::Error(sqlstate::kDuplicateSchema,
                       fmt::format("schema \"{}\" already exists", name));
}

}  // namespace

Status CatalogWriter::LockNamespaceName(storage::Transaction& txn, Oid database,
                                        const std::string& name, Oid oid) {
  if (View()->FindNamespace(database, name) != nullptr) return NamespaceExists(name);
  bool taken = false;
  BASALT_RETURN_IF_ERROR(TakeNameKey(txn, NamespaceNameKey(database, name), oid, &taken));
  return taken ? NamespaceExists(name) : Status::OK();
}

Status CatalogWriter::PutNamespace(storage::Transaction& txn, proto::Namespace ns) {
  BASALT_RETURN_IF_ERROR(
      txn.Put(storage::ColumnFamily::kCatalog, NamespaceKey(ns), ns.SerializeAsString()));
  delta_.push_back({std::make_shared<const proto::Namespace>(std::move(ns))});
  view_.reset();
  return Status::OK();
}

Status CatalogWriter::CreateNamespace(storage::Transaction& txn, proto::Namespace ns) {
  if (ns.oid() == 0) {
    BASALT_ASSIGN_OR_RETURN(Oid oid, catalog_.NewOid());
    ns.set_oid(oid);
  }
  BASALT_RETURN_IF_ERROR(LockNamespaceName(txn, ns.database_oid(), ns.name(), ns.oid()));
  return PutNamespace(txn, std::move(ns));
}

Result<proto::Namespace> CatalogWriter::LockNamespace(storage::Transaction& txn,
                                                      const proto::Namespace& ns) {
  std::string stored;
  bool found = false;
  BASALT_RETURN_IF_ERROR(
      txn.GetForUpdate(storage::ColumnFamily::kCatalog, NamespaceKey(ns), &stored, &found));
  proto::Namespace newest;
  if (!found || !newest.ParseFromString(stored)) {
    return Status::Error(sqlstate::kInvalidSchemaName,
                         fmt::format("schema \"{}\" does not exist", ns.name()));
  }
  return newest;
}

Status CatalogWriter::AlterNamespace(storage::Transaction& txn, const proto::Namespace& old_ns,
                                     proto::Namespace ns) {
  if (ns.name() != old_ns.name()) {
    BASALT_RETURN_IF_ERROR(LockNamespaceName(txn, ns.database_oid(), ns.name(), ns.oid()));
    BASALT_RETURN_IF_ERROR(txn.Delete(storage::ColumnFamily::kCatalog,
                                      NamespaceNameKey(old_ns.database_oid(), old_ns.name())));
  }
  return PutNamespace(txn, std::move(ns));
}

Status CatalogWriter::DropNamespace(storage::Transaction& txn, const proto::Namespace& ns) {
  BASALT_RETURN_IF_ERROR(txn.Delete(storage::ColumnFamily::kCatalog, NamespaceKey(ns)));
  BASALT_RETURN_IF_ERROR(
      txn.Delete(storage::ColumnFamily::kCatalog, NamespaceNameKey(ns.database_oid(), ns.name())));
  delta_.push_back({std::make_shared<const proto::Namespace>(ns), /*removed=*/true});
  view_.reset();
  return Status::OK();
}

}  // namespace basalt::catalog
