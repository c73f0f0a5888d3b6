// ALTER TABLE / VIEW / MATERIALIZED VIEW's catalog-only changes: a new
// name, a new schema, or any other change of the definition (owner,
// storage parameters, a column's name). Each locks the definition first,
// so concurrent DDL of the relation waits, as the other writers do.
#include <fmt/format.h>

#include "catalog/catalog.h"
#include "catalog/catalog_keys.h"
#include "catalog/catalog_rows.h"

namespace basalt::catalog {

Status CatalogWriter::RenameRelation(storage::Transaction& txn, const TableEntry& table,
                                     const std::string& new_name) {
  BASALT_ASSIGN_OR_RETURN(proto::Table t, LockTableDefinition(txn, table));
  BASALT_RETURN_IF_ERROR(CheckNoTypeNamed(t.database_oid(), t.namespace_oid(), new_name));
  BASALT_RETURN_IF_ERROR(
      LockRelationName(txn, t.database_oid(), t.namespace_oid(), new_name, t.oid()));
  BASALT_RETURN_IF_ERROR(
      txn.Delete(storage::ColumnFamily::kCatalog,
                 RelationNameKey(t.database_oid(), t.namespace_oid(), t.name())));
  t.set_name(new_name);
  return PutTable(txn, std::move(t));
}

Status CatalogWriter::RenameIndex(storage::Transaction& txn, const TableEntry& table,
                                  const std::string& name, const std::string& new_name) {
  BASALT_ASSIGN_OR_RETURN(proto::Table t, LockTableDefinition(txn, table));
  Oid oid = 0;
  if (t.primary_key_name() == name) {
    oid = PrimaryKeyIndexOid(t);
    t.set_primary_key_name(new_name);
  }
  for (proto::Index& index : *t.mutable_indexes()) {
    if (index.name() != name) continue;
    oid = index.oid();
    index.set_name(new_name);
  }
  if (oid == 0) {
    return Status::Error(sqlstate::kUndefinedObject,
                         fmt::format("index \"{}\" does not exist", name));
  }
  BASALT_RETURN_IF_ERROR(LockRelationName(txn, t.database_oid(), t.namespace_oid(), new_name, oid));
  BASALT_RETURN_IF_ERROR(txn.Delete(storage::ColumnFamily::kCatalog,
                                    RelationNameKey(t.database_oid(), t.namespace_oid(), name)));
  return PutTable(txn, std::move(t));
}

Status CatalogWriter::SetRelationNamespace(storage::Transaction& txn, const TableEntry& table,
                                           Oid namespace_oid, const std::string& namespace_name) {
  BASALT_ASSIGN_OR_RETURN(proto::Table t, LockTableDefinition(txn, table));
  if (t.namespace_oid() == namespace_oid) return Status::OK();
  // The relation and the names of its indexes move together.
  std::vector<std::string> names{t.name()};
  if (!t.primary_key_name().empty()) names.push_back(t.primary_key_name());
  for (const proto::Index& index : t.indexes()) names.push_back(index.name());
  for (const std::string& name : names) {
    if (View()->RelationNameTaken(t.database_oid(), namespace_oid, name)) {
      return Status::Error(
          sqlstate::kDuplicateTable,
          fmt::format("relation \"{}\" already exists in schema \"{}\"", name, namespace_name));
    }
  }
  BASALT_RETURN_IF_ERROR(CheckNoTypeNamed(t.database_oid(), namespace_oid, t.name()));
  for (const std::string& name : names) {
    BASALT_RETURN_IF_ERROR(LockRelationName(txn, t.database_oid(), namespace_oid, name, t.oid()));
    BASALT_RETURN_IF_ERROR(txn.Delete(storage::ColumnFamily::kCatalog,
                                      RelationNameKey(t.database_oid(), t.namespace_oid(), name)));
  }
  t.set_namespace_oid(namespace_oid);
  return PutTable(txn, std::move(t));
}

Status CatalogWriter::AlterTableDefinition(storage::Transaction& txn, const TableEntry& table,
                                           const std::function<Status(proto::Table*)>& change) {
  BASALT_ASSIGN_OR_RETURN(proto::Table t, LockTableDefinition(txn, table));
  std::vector<uint32_t> before;
  for (const proto::Index& index : t.indexes()) before.push_back(index.relation_id());
  BASALT_RETURN_IF_ERROR(change(&t));
  // Hidden indexes the change adds get their ids; the relations of those it
  // removes go after commit.
  for (proto::Index& index : *t.mutable_indexes()) {
    if (index.relation_id() == 0) BASALT_RETURN_IF_ERROR(AssignIndexIds(&index));
    std::erase(before, index.relation_id());
  }
  for (uint32_t relation : before) dropped_relations_.push_back(relation);
  BASALT_RETURN_IF_ERROR(AssignConstraintOids(&t));
  return PutTable(txn, std::move(t));
}

}  // namespace basalt::catalog
