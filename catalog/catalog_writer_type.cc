// CatalogWriter's user-defined types: CREATE / ALTER / DROP TYPE. A type's
// row ('Y' key) serializes ALTER and DROP of it; its name key ('y')
// serializes creations and renames of one name, as a relation's does.
#include <fmt/format.h>

#include "catalog/catalog.h"
#include "catalog/catalog_keys.h"

namespace basalt::catalog {

namespace {

std::string TypeKey(const proto::UserType& type) {
  return ObjectKey(ObjectKind::kType, type.database_oid(), type.oid());
}

Status TypeExists(const std::string& name, bool relation) {
  Status status =
      Status::Error(sqlstate::kDuplicateObject, fmt::format("type \"{}\" already exists", name));
  if (!relation) return status;
  return status.WithHint(
      "A relation has an associated type of the same name, so you must use a name that "
      "doesn't conflict with any existing type.");
}

}  // namespace

Status CatalogWriter::CheckNoTypeNamed(Oid database, Oid namespace_oid,
                                       const std::string& name) const {
  const std::shared_ptr<const CatalogSnapshot> view = View();
  const auto type = view->FindType(database, namespace_oid, name);
  if (type == nullptr) return Status::OK();
  // A composite type has a pg_class row of its name: a relation.
  if (type->kind() == "c") {
    return Status::Error(sqlstate::kDuplicateTable,
                         fmt::format("relation \"{}\" already exists", name));
  }
  return TypeExists(name, true);
}

Status CatalogWriter::LockTypeName(storage::Transaction& txn, const proto::UserType& type) {
  const std::shared_ptr<const CatalogSnapshot> view = View();
  const Oid database = type.database_oid();
  if (view->FindType(database, type.namespace_oid(), type.name()) != nullptr) {
    return TypeExists(type.name(), false);
  }
  if (view->FindTable(database, type.namespace_oid(), type.name()) != nullptr) {
    return TypeExists(type.name(), false);
  }
  // Until commit: DROP and ALTER SCHEMA wait for the new type's schema.
  BASALT_RETURN_IF_ERROR(txn.Lock(storage::ColumnFamily::kCatalog,
                                  ObjectKey(ObjectKind::kNamespace, database, type.namespace_oid()),
                                  storage::Transaction::LockMode::kShared));
  bool taken = false;
  BASALT_RETURN_IF_ERROR(TakeNameKey(txn, TypeNameKey(database, type.namespace_oid(), type.name()),
                                     type.oid(), &taken));
  return taken ? TypeExists(type.name(), false) : Status::OK();
}

Status CatalogWriter::PutType(storage::Transaction& txn, proto::UserType type) {
  BASALT_RETURN_IF_ERROR(
      txn.Put(storage::ColumnFamily::kCatalog, TypeKey(type), type.SerializeAsString()));
  delta_.push_back({std::make_shared<const proto::UserType>(std::move(type))});
  view_.reset();
  return Status::OK();
}

Status CatalogWriter::AssignTypeMemberOids(proto::UserType* type) {
  for (proto::EnumLabel& label : *type->mutable_labels()) {
    if (label.oid() != 0) continue;
    BASALT_ASSIGN_OR_RETURN(Oid oid, catalog_.NewOid());
    label.set_oid(oid);
  }
  for (proto::DomainCheck& check : *type->mutable_checks()) {
    if (check.oid() != 0) continue;
    BASALT_ASSIGN_OR_RETURN(Oid oid, catalog_.NewOid());
    check.set_oid(oid);
  }
  return Status::OK();
}

Status CatalogWriter::CreateType(storage::Transaction& txn, proto::UserType type) {
  // An enum's or composite type's array type's OID follows the type's
  // (DataType::oid relies on it), then a composite type's pg_class row's;
  // Basalt's domains have no array type.
  const bool composite = type.kind() == "c";
  const bool has_array = type.kind() == "e" || composite;
  BASALT_ASSIGN_OR_RETURN(Oid oid, catalog_.NewOids(composite ? 3 : has_array ? 2 : 1));
  type.set_oid(oid);
  type.set_array_oid(has_array ? oid + 1 : 0);
  if (composite) type.set_relation_oid(oid + 2);
  BASALT_RETURN_IF_ERROR(AssignTypeMemberOids(&type));
  BASALT_RETURN_IF_ERROR(LockTypeName(txn, type));
  return PutType(txn, std::move(type));
}

Result<proto::UserType> CatalogWriter::LockType(storage::Transaction& txn,
                                                const proto::UserType& type) {
  std::string stored;
  bool found = false;
  BASALT_RETURN_IF_ERROR(
      txn.GetForUpdate(storage::ColumnFamily::kCatalog, TypeKey(type), &stored, &found));
  proto::UserType newest;
  if (!found || !newest.ParseFromString(stored)) {
    return Status::Error(sqlstate::kUndefinedObject,
                         fmt::format("type \"{}\" does not exist", type.name()));
  }
  return newest;
}

Status CatalogWriter::AlterType(storage::Transaction& txn, const proto::UserType& old_type,
                                proto::UserType type) {
  BASALT_RETURN_IF_ERROR(AssignTypeMemberOids(&type));
  if (type.name() != old_type.name() || type.namespace_oid() != old_type.namespace_oid()) {
    BASALT_RETURN_IF_ERROR(LockTypeName(txn, type));
    BASALT_RETURN_IF_ERROR(txn.Delete(
        storage::ColumnFamily::kCatalog,
        TypeNameKey(old_type.database_oid(), old_type.namespace_oid(), old_type.name())));
  }
  return PutType(txn, std::move(type));
}

Status CatalogWriter::DropType(storage::Transaction& txn, const proto::UserType& type) {
  BASALT_RETURN_IF_ERROR(txn.Delete(storage::ColumnFamily::kCatalog, TypeKey(type)));
  BASALT_RETURN_IF_ERROR(
      txn.Delete(storage::ColumnFamily::kCatalog,
                 TypeNameKey(type.database_oid(), type.namespace_oid(), type.name())));
  delta_.push_back({std::make_shared<const proto::UserType>(type), /*removed=*/true});
  view_.reset();
  return Status::OK();
}

}  // namespace basalt::catalog
