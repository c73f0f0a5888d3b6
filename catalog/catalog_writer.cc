#include <fmt/format.h>

#include <algorithm>

#include "catalog/catalog.h"
#include "catalog/catalog_keys.h"

namespace basalt::catalog {

namespace {

std::string TableKey(const proto::Table& t) {
  return ObjectKey(ObjectKind::kTable, t.database_oid(), t.oid());
}

}  // namespace

std::shared_ptr<const CatalogSnapshot> CatalogWriter::View() const {
  std::shared_ptr<const CatalogSnapshot> base = catalog_.Current();
  if (delta_.empty()) return base;
  // READ COMMITTED: other sessions' committed DDL shows through, under this
  // transaction's own changes. The overlay is rebuilt only when either moved.
  if (view_ == nullptr || view_->version() != base->version()) {
    view_ = base->Apply(delta_, base->version());
  }
  return view_;
}

Status CatalogWriter::LockRelationName(storage::Transaction& txn, Oid database, Oid namespace_oid,
                                       const std::string& name, Oid oid) {
  auto exists = [&] {
    return Status::Error(sqlstate::kDuplicateTable,
                         fmt::format("relation \"{}\" already exists", name));
  };
  if (View()->RelationNameTaken(database, namespace_oid, name)) return exists();
  // Until commit: DROP and ALTER SCHEMA wait for the new relation's schema.
  BASALT_RETURN_IF_ERROR(txn.Lock(storage::ColumnFamily::kCatalog,
                                  ObjectKey(ObjectKind::kNamespace, database, namespace_oid),
                                  storage::Transaction::LockMode::kShared));
  // The name key serializes concurrent CREATEs of one name: the second
  // waits for the first's lock and then finds the key.
  bool taken = false;
  BASALT_RETURN_IF_ERROR(
      TakeNameKey(txn, RelationNameKey(database, namespace_oid, name), oid, &taken));
  return taken ? exists() : Status::OK();
}

Status CatalogWriter::TakeNameKey(storage::Transaction& txn, const std::string& key, Oid oid,
                                  bool* taken) {
  std::string ignored;
  BASALT_RETURN_IF_ERROR(txn.GetForUpdate(storage::ColumnFamily::kCatalog, key, &ignored, taken));
  if (*taken) return Status::OK();
  std::string oid_value;
  AppendBigEndian32(oid, &oid_value);
  return txn.Put(storage::ColumnFamily::kCatalog, key, oid_value);
}

Status CatalogWriter::AssignIndexIds(proto::Index* index) {
  if (index->oid() == 0) {
    BASALT_ASSIGN_OR_RETURN(Oid oid, catalog_.NewOid());
    index->set_oid(oid);
  }
  if (index->relation_id() == 0) {
    BASALT_ASSIGN_OR_RETURN(uint32_t relation_id, catalog_.NewRelationId());
    index->set_relation_id(relation_id);
  }
  return Status::OK();
}

Status CatalogWriter::AssignConstraintOids(proto::Table* table) {
  for (proto::Constraint& constraint : *table->mutable_constraints()) {
    if (constraint.oid() == 0) {
      BASALT_ASSIGN_OR_RETURN(Oid oid, catalog_.NewOid());
      constraint.set_oid(oid);
    }
    // A foreign key of CREATE TABLE referencing the table itself.
    if (constraint.type() == "f" && constraint.referenced_table_oid() == 0) {
      constraint.set_referenced_table_oid(table->oid());
    }
  }
  return Status::OK();
}

Status CatalogWriter::CreateTable(storage::Transaction& txn, proto::Table table) {
  if (table.oid() == 0) {
    BASALT_ASSIGN_OR_RETURN(Oid oid, catalog_.NewOid());
    table.set_oid(oid);
  }
  BASALT_RETURN_IF_ERROR(
      CheckNoTypeNamed(table.database_oid(), table.namespace_oid(), table.name()));
  BASALT_RETURN_IF_ERROR(LockRelationName(txn, table.database_oid(), table.namespace_oid(),
                                          table.name(), table.oid()));
  if (table.relation_id() == 0 && table.relkind() != "v") {  // a view stores no rows
    BASALT_ASSIGN_OR_RETURN(uint32_t relation_id, catalog_.NewRelationId());
    table.set_relation_id(relation_id);
  }
  if (table.schema_version() == 0) table.set_schema_version(1);
  if (table.relkind().empty()) table.set_relkind("r");
  if (!table.primary_key_name().empty()) {
    // The primary key's index name is a relation name too.
    BASALT_RETURN_IF_ERROR(LockRelationName(txn, table.database_oid(), table.namespace_oid(),
                                            table.primary_key_name(), table.oid()));
  }
  for (proto::Index& index : *table.mutable_indexes()) {
    BASALT_RETURN_IF_ERROR(AssignIndexIds(&index));
    if (index.hidden()) continue;  // not in the relation name space
    BASALT_RETURN_IF_ERROR(LockRelationName(txn, table.database_oid(), table.namespace_oid(),
                                            index.name(), index.oid()));
  }
  BASALT_RETURN_IF_ERROR(AssignConstraintOids(&table));
  return PutTable(txn, std::move(table));
}

Result<proto::Table> CatalogWriter::LockTableDefinition(storage::Transaction& txn,
                                                        const TableEntry& table) {
  std::string stored;
  bool found = false;
  // Locks the definition so concurrent DDL of the same table waits, and
  // reads the newest version: committed (another CREATE INDEX may have
  // committed since this statement's snapshot) or this transaction's own.
  BASALT_RETURN_IF_ERROR(
      txn.GetForUpdate(storage::ColumnFamily::kCatalog, TableKey(table.def), &stored, &found));
  proto::Table t;
  if (!found || !t.ParseFromString(stored)) {
    return Status::Error(sqlstate::kUndefinedTable,
                         fmt::format("relation \"{}\" does not exist", table.def.name()));
  }
  return t;
}

Result<proto::Index> CatalogWriter::CreateIndex(storage::Transaction& txn, const TableEntry& table,
                                                proto::Index index) {
  BASALT_ASSIGN_OR_RETURN(proto::Table t, LockTableDefinition(txn, table));
  BASALT_RETURN_IF_ERROR(AssignIndexIds(&index));
  BASALT_RETURN_IF_ERROR(
      LockRelationName(txn, t.database_oid(), t.namespace_oid(), index.name(), index.oid()));
  *t.add_indexes() = index;
  BASALT_RETURN_IF_ERROR(PutTable(txn, std::move(t)));
  return index;
}

Status CatalogWriter::EditIndex(storage::Transaction& txn, const TableEntry& table,
                                const std::string& name,
                                const std::function<Status(proto::Index*)>& change) {
  BASALT_ASSIGN_OR_RETURN(proto::Table t, LockTableDefinition(txn, table));
  for (proto::Index& index : *t.mutable_indexes()) {
    if (index.name() != name) continue;
    BASALT_RETURN_IF_ERROR(change(&index));
    return PutTable(txn, std::move(t));
  }
  return Status::Error(sqlstate::kUndefinedObject,
                       fmt::format("index \"{}\" does not exist", name));
}

Status CatalogWriter::SetIndexValid(storage::Transaction& txn, const TableEntry& table,
                                    const std::string& name, bool valid, uint64_t usable_since) {
  return EditIndex(txn, table, name, [&](proto::Index* index) {
    index->set_invalid(!valid);
    index->set_usable_since(usable_since);
    return Status::OK();
  });
}

Status CatalogWriter::RenewIndexRelation(storage::Transaction& txn, const TableEntry& table,
                                         const std::string& name) {
  return EditIndex(txn, table, name, [&](proto::Index* index) {
    BASALT_ASSIGN_OR_RETURN(uint32_t relation_id, catalog_.NewRelationId());
    dropped_relations_.push_back(index->relation_id());
    filled_relations_.push_back(relation_id);
    index->set_relation_id(relation_id);
    index->set_invalid(false);
    return Status::OK();
  });
}

Status CatalogWriter::DropIndex(storage::Transaction& txn, const TableEntry& table,
                                const std::string& name) {
  BASALT_ASSIGN_OR_RETURN(proto::Table t, LockTableDefinition(txn, table));
  auto* indexes = t.mutable_indexes();
  for (int i = 0; i < indexes->size(); ++i) {
    if (indexes->Get(i).name() != name) continue;
    dropped_relations_.push_back(indexes->Get(i).relation_id());
    BASALT_RETURN_IF_ERROR(txn.Delete(storage::ColumnFamily::kCatalog,
                                      RelationNameKey(t.database_oid(), t.namespace_oid(), name)));
    indexes->DeleteSubrange(i, 1);
    return PutTable(txn, std::move(t));
  }
  return Status::Error(sqlstate::kUndefinedObject,
                       fmt::format("index \"{}\" does not exist", name));
}

Status CatalogWriter::PutTable(storage::Transaction& txn, proto::Table table) {
  BASALT_RETURN_IF_ERROR(
      txn.Put(storage::ColumnFamily::kCatalog, TableKey(table), table.SerializeAsString()));
  auto entry = std::make_shared<TableEntry>();
  entry->layout = MakeTableLayout(table);
  entry->def = std::move(table);
  delta_.push_back({std::shared_ptr<const TableEntry>(std::move(entry))});
  view_.reset();
  return Status::OK();
}

Status CatalogWriter::DropTable(storage::Transaction& txn, const TableEntry& table) {
  const proto::Table& t = table.def;
  std::string ignored;
  bool found = false;
  // Locks the definition so a concurrent DROP or DDL of the same table waits.
  BASALT_RETURN_IF_ERROR(
      txn.GetForUpdate(storage::ColumnFamily::kCatalog, TableKey(t), &ignored, &found));
  if (!found) {
    return Status::Error(sqlstate::kUndefinedTable,
                         fmt::format("table \"{}\" does not exist", t.name()));
  }
  BASALT_RETURN_IF_ERROR(txn.Delete(storage::ColumnFamily::kCatalog, TableKey(t)));
  BASALT_RETURN_IF_ERROR(
      txn.Delete(storage::ColumnFamily::kCatalog,
                 RelationNameKey(t.database_oid(), t.namespace_oid(), t.name())));
  for (const proto::Index& index : t.indexes()) {
    BASALT_RETURN_IF_ERROR(
        txn.Delete(storage::ColumnFamily::kCatalog,
                   RelationNameKey(t.database_oid(), t.namespace_oid(), index.name())));
    dropped_relations_.push_back(index.relation_id());
  }
  if (!t.primary_key_name().empty()) {
    BASALT_RETURN_IF_ERROR(
        txn.Delete(storage::ColumnFamily::kCatalog,
                   RelationNameKey(t.database_oid(), t.namespace_oid(), t.primary_key_name())));
  }
  auto entry = std::make_shared<TableEntry>(table);
  delta_.push_back({std::shared_ptr<const TableEntry>(std::move(entry)), /*removed=*/true});
  if (t.relation_id() != 0) dropped_relations_.push_back(t.relation_id());
  view_.reset();
  return Status::OK();
}

Status CatalogWriter::ReplaceView(storage::Transaction& txn, const TableEntry& view,
                                  proto::Table definition) {
  BASALT_ASSIGN_OR_RETURN(proto::Table t, LockTableDefinition(txn, view));
  if (t.relkind() != "v") {
    return Status::Error(sqlstate::kWrongObjectType, fmt::format("\"{}\" is not a view", t.name()));
  }
  // The columns kept (same attnums: the caller checked their names) keep
  // their comments, as PostgreSQL keeps their pg_description rows.
  for (proto::Column& column : *definition.mutable_columns()) {
    for (const proto::Column& old : t.columns()) {
      if (old.attnum() == column.attnum()) column.set_comment(old.comment());
    }
  }
  *t.mutable_columns() = definition.columns();
  t.set_view_query(definition.view_query());
  *t.mutable_view_references() = definition.view_references();
  // The options are the new statement's (PostgreSQL's AT_ReplaceRelOptions).
  *t.mutable_reloptions() = definition.reloptions();
  return PutTable(txn, std::move(t));
}

Status CatalogWriter::SetWatchingView(storage::Transaction& txn, const TableEntry& table, Oid view,
                                      bool watch, bool immediate) {
  BASALT_ASSIGN_OR_RETURN(proto::Table t, LockTableDefinition(txn, table));
  bool changed = false;
  auto set = [&](google::protobuf::RepeatedField<uint32_t>* views, bool member) {
    auto found = std::find(views->begin(), views->end(), view);
    if (member == (found != views->end())) return;
    changed = true;
    if (member) {
      views->Add(view);
    } else {
      views->erase(found);
    }
  };
  set(t.mutable_watching_views(), watch);
  set(t.mutable_immediate_views(), watch && immediate);
  return changed ? PutTable(txn, std::move(t)) : Status::OK();
}

Status CatalogWriter::ReplaceRelationIds(proto::Table* t) {
  BASALT_ASSIGN_OR_RETURN(uint32_t relation_id, catalog_.NewRelationId());
  dropped_relations_.push_back(t->relation_id());
  t->set_relation_id(relation_id);
  // Indexes start empty too, under new relation ids.
  for (proto::Index& index : *t->mutable_indexes()) {
    BASALT_ASSIGN_OR_RETURN(uint32_t index_relation, catalog_.NewRelationId());
    dropped_relations_.push_back(index.relation_id());
    index.set_relation_id(index_relation);
  }
  return Status::OK();
}

Status CatalogWriter::TruncateTable(storage::Transaction& txn, const TableEntry& table) {
  BASALT_ASSIGN_OR_RETURN(proto::Table t, LockTableDefinition(txn, table));
  BASALT_RETURN_IF_ERROR(ReplaceRelationIds(&t));
  return PutTable(txn, std::move(t));
}

Status CatalogWriter::ReplaceMaterializedViewStorage(storage::Transaction& txn,
                                                     const TableEntry& view, bool populated) {
  BASALT_ASSIGN_OR_RETURN(proto::Table t, LockTableDefinition(txn, view));
  BASALT_RETURN_IF_ERROR(ReplaceRelationIds(&t));
  t.set_populated(populated);
  filled_relations_.push_back(t.relation_id());
  for (const proto::Index& index : t.indexes()) filled_relations_.push_back(index.relation_id());
  if (populated) {
    frozen_relations_.push_back(t.relation_id());
    for (const proto::Index& index : t.indexes()) frozen_relations_.push_back(index.relation_id());
  }
  return PutTable(txn, std::move(t));
}

Result<proto::Table> CatalogWriter::AddPrimaryKey(storage::Transaction& txn,
                                                  const TableEntry& table,
                                                  const std::vector<int>& attnums,
                                                  const std::vector<int>& included,
                                                  const std::string& name) {
  BASALT_ASSIGN_OR_RETURN(proto::Table t, LockTableDefinition(txn, table));
  BASALT_RETURN_IF_ERROR(LockRelationName(txn, t.database_oid(), t.namespace_oid(), name, t.oid()));
  for (int attnum : attnums) {
    t.add_primary_key_attnums(attnum);
    for (proto::Column& column : *t.mutable_columns()) {
      if (column.attnum() == attnum) column.set_not_null(true);
    }
  }
  for (int attnum : included) t.add_primary_key_included_attnums(attnum);
  t.set_primary_key_name(name);
  BASALT_ASSIGN_OR_RETURN(uint32_t relation_id, catalog_.NewRelationId());
  dropped_relations_.push_back(t.relation_id());
  t.set_relation_id(relation_id);
  for (proto::Index& index : *t.mutable_indexes()) {
    BASALT_ASSIGN_OR_RETURN(uint32_t index_relation, catalog_.NewRelationId());
    dropped_relations_.push_back(index.relation_id());
    index.set_relation_id(index_relation);
  }
  BASALT_RETURN_IF_ERROR(PutTable(txn, t));
  return t;
}

void CatalogWriter::RollbackTo(const Mark& mark) {
  delta_.resize(mark.changes);
  dropped_relations_.resize(mark.dropped);
  for (size_t i = mark.filled; i < filled_relations_.size(); ++i) {
    (void)storage::TableStore::DropData(catalog_.store_, filled_relations_[i]);
  }
  filled_relations_.resize(mark.filled);
  frozen_relations_.resize(mark.frozen);
  view_.reset();
}

Status CatalogWriter::CommitAndPublish(storage::Transaction& txn) {
  if (delta_.empty()) return txn.Commit();
  std::lock_guard<std::mutex> lock(catalog_.commit_mutex_);
  Status st = txn.Commit();
  if (st.ok()) {
    catalog_.Publish(delta_, frozen_relations_, dropped_relations_);
    filled_relations_.clear();  // theirs now
  }
  Discard();
  return st;
}

void CatalogWriter::Discard() {
  // Relation ids are never reused, so this cannot race anyone.
  for (uint32_t relation : filled_relations_) {
    (void)storage::TableStore::DropData(catalog_.store_, relation);
  }
  filled_relations_.clear();
  frozen_relations_.clear();
  delta_.clear();
  dropped_relations_.clear();
  view_.reset();
}

}  // namespace basalt::catalog
