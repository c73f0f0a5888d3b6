#include <fmt/format.h>

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

Status CatalogWriter::CreateTable(storage::Transaction& txn, proto::Table table) {
  auto exists = [&] {
    return Status::Error(sqlstate::kDuplicateTable,
                         fmt::format("relation \"{}\" already exists", table.name()));
  };
  if (View()->FindTable(table.database_oid(), table.namespace_oid(), table.name()) != nullptr) {
    return exists();
  }
  // The name key serializes concurrent CREATEs of one name: the second
  // waits for the first's lock and then finds the key.
  std::string name_key = RelationNameKey(table.database_oid(), table.namespace_oid(), table.name());
  std::string ignored;
  bool found = false;
  BASALT_RETURN_IF_ERROR(
      txn.GetForUpdate(storage::ColumnFamily::kCatalog, name_key, &ignored, &found));
  if (found) return exists();

  if (table.oid() == 0) {
    BASALT_ASSIGN_OR_RETURN(Oid oid, catalog_.NewOid());
    table.set_oid(oid);
  }
  if (table.relation_id() == 0) {
    BASALT_ASSIGN_OR_RETURN(uint32_t relation_id, catalog_.NewRelationId());
    table.set_relation_id(relation_id);
  }
  if (table.schema_version() == 0) table.set_schema_version(1);
  if (table.relkind().empty()) table.set_relkind("r");

  std::string oid_value;
  AppendBigEndian32(table.oid(), &oid_value);
  BASALT_RETURN_IF_ERROR(txn.Put(storage::ColumnFamily::kCatalog, name_key, oid_value));
  return PutTable(txn, std::move(table));
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
  auto entry = std::make_shared<TableEntry>(table);
  delta_.push_back({std::shared_ptr<const TableEntry>(std::move(entry)), /*removed=*/true});
  dropped_relations_.push_back(t.relation_id());
  view_.reset();
  return Status::OK();
}

Status CatalogWriter::TruncateTable(storage::Transaction& txn, const TableEntry& table) {
  std::string stored;
  bool found = false;
  BASALT_RETURN_IF_ERROR(
      txn.GetForUpdate(storage::ColumnFamily::kCatalog, TableKey(table.def), &stored, &found));
  proto::Table t;
  if (!found || !t.ParseFromString(stored)) {
    return Status::Error(sqlstate::kUndefinedTable,
                         fmt::format("relation \"{}\" does not exist", table.def.name()));
  }
  BASALT_ASSIGN_OR_RETURN(uint32_t relation_id, catalog_.NewRelationId());
  dropped_relations_.push_back(t.relation_id());
  t.set_relation_id(relation_id);
  return PutTable(txn, std::move(t));
}

void CatalogWriter::RollbackTo(const Mark& mark) {
  delta_.resize(mark.changes);
  dropped_relations_.resize(mark.dropped);
  view_.reset();
}

Status CatalogWriter::CommitAndPublish(storage::Transaction& txn) {
  if (delta_.empty()) return txn.Commit();
  std::lock_guard<std::mutex> lock(catalog_.commit_mutex_);
  Status st = txn.Commit();
  if (st.ok()) catalog_.Publish(delta_);
  Discard();
  return st;
}

void CatalogWriter::Discard() {
  delta_.clear();
  dropped_relations_.clear();
  view_.reset();
}

}  // namespace basalt::catalog
