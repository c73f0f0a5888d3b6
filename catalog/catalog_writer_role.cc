// CatalogWriter's role DDL: CREATE / ALTER / DROP ROLE. Roles are shared by
// every database (key database OID 0); a role name key serializes
// concurrent creations and renames of one name.
#include <fmt/format.h>

#include "catalog/catalog.h"
#include "catalog/catalog_keys.h"

namespace basalt::catalog {

namespace {

std::string RoleKey(Oid oid) {
  return ObjectKey(ObjectKind::kRole, 0, oid);
}

Status RoleExists(const std::string& name) {
  return Status::Error(sqlstate::kDuplicateObject, fmt::format("role \"{}\" already exists", name));
}

}  // namespace

Status CatalogWriter::LockRoleName(storage::Transaction& txn, const std::string& name, Oid oid) {
  if (View()->FindRole(name) != nullptr) return RoleExists(name);
  // A concurrent CREATE ROLE of the name waits here for the first one's
  // commit, then finds the key.
  bool taken = false;
  BASALT_RETURN_IF_ERROR(TakeNameKey(txn, RoleNameKey(name), oid, &taken));
  return taken ? RoleExists(name) : Status::OK();
}

Status CatalogWriter::PutRole(storage::Transaction& txn, proto::Role role) {
  BASALT_RETURN_IF_ERROR(
      txn.Put(storage::ColumnFamily::kCatalog, RoleKey(role.oid()), role.SerializeAsString()));
  delta_.push_back({std::make_shared<const proto::Role>(std::move(role))});
  view_.reset();
  return Status::OK();
}

Status CatalogWriter::CreateRole(storage::Transaction& txn, proto::Role role) {
  if (role.oid() == 0) {
    BASALT_ASSIGN_OR_RETURN(Oid oid, catalog_.NewOid());
    role.set_oid(oid);
  }
  BASALT_RETURN_IF_ERROR(LockRoleName(txn, role.name(), role.oid()));
  return PutRole(txn, std::move(role));
}

Result<proto::Role> CatalogWriter::LockRole(storage::Transaction& txn, const proto::Role& role) {
  std::string stored;
  bool found = false;
  BASALT_RETURN_IF_ERROR(
      txn.GetForUpdate(storage::ColumnFamily::kCatalog, RoleKey(role.oid()), &stored, &found));
  proto::Role newest;
  if (!found || !newest.ParseFromString(stored)) {
    return Status::Error(sqlstate::kUndefinedObject,
                         fmt::format("role \"{}\" does not exist", role.name()));
  }
  return newest;
}

Status CatalogWriter::AlterRole(storage::Transaction& txn, const proto::Role& old_role,
                                proto::Role role) {
  if (role.name() != old_role.name()) {
    BASALT_RETURN_IF_ERROR(LockRoleName(txn, role.name(), role.oid()));
    BASALT_RETURN_IF_ERROR(
        txn.Delete(storage::ColumnFamily::kCatalog, RoleNameKey(old_role.name())));
  }
  return PutRole(txn, std::move(role));
}

Status CatalogWriter::DropRole(storage::Transaction& txn, const proto::Role& role) {
  std::string stored;
  bool found = false;
  BASALT_RETURN_IF_ERROR(
      txn.GetForUpdate(storage::ColumnFamily::kCatalog, RoleKey(role.oid()), &stored, &found));
  if (!found) {
    return Status::Error(sqlstate::kUndefinedObject,
                         fmt::format("role \"{}\" does not exist", role.name()));
  }
  BASALT_RETURN_IF_ERROR(txn.Delete(storage::ColumnFamily::kCatalog, RoleKey(role.oid())));
  BASALT_RETURN_IF_ERROR(txn.Delete(storage::ColumnFamily::kCatalog, RoleNameKey(role.name())));
  delta_.push_back({std::make_shared<const proto::Role>(role), /*removed=*/true});
  view_.reset();
  return Status::OK();
}

}  // namespace basalt::catalog
