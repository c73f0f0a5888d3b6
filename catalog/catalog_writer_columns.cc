// ALTER TABLE's column changes of a table's definition: ADD COLUMN, DROP
// COLUMN (without touching stored rows: each column keeps its slot, see
// docs/formats/row_format.md) and the rewrite of ALTER COLUMN ... TYPE.
#include <fmt/format.h>

#include "catalog/catalog.h"
#include "catalog/catalog_keys.h"

namespace basalt::catalog {

namespace {

// Attnums after the one dropped move down by one, as the columns do.
void RenumberAfterDrop(int dropped_attnum, google::protobuf::RepeatedField<int32_t>* attnums) {
  for (int32_t& attnum : *attnums) {
    if (attnum > dropped_attnum) --attnum;
  }
}

}  // namespace

void RemoveColumnFromDefinition(proto::Table* t, int position) {
  const int dropped_attnum = t->columns(position).attnum();
  // Every column's slot is written down before positions move, so stored
  // rows keep reading right.
  for (int i = 0; i < t->columns_size(); ++i) t->mutable_columns(i)->set_slot(ColumnSlot(*t, i));
  const proto::Column& column = t->columns(position);
  proto::DroppedColumn* dropped = t->add_dropped_columns();
  dropped->set_slot(column.slot());
  dropped->set_type_id(column.type_id());
  dropped->set_typmod(column.typmod());
  t->mutable_columns()->DeleteSubrange(position, 1);
  for (proto::Column& c : *t->mutable_columns()) {
    if (c.attnum() > dropped_attnum) c.set_attnum(c.attnum() - 1);
  }
  RenumberAfterDrop(dropped_attnum, t->mutable_primary_key_attnums());
  RenumberAfterDrop(dropped_attnum, t->mutable_primary_key_included_attnums());
  for (proto::Index& index : *t->mutable_indexes()) {
    for (proto::IndexColumn& c : *index.mutable_columns()) {
      if (c.attnum() > dropped_attnum) c.set_attnum(c.attnum() - 1);
      RenumberAfterDrop(dropped_attnum, c.mutable_expression_attnums());
    }
    RenumberAfterDrop(dropped_attnum, index.mutable_predicate_attnums());
    RenumberAfterDrop(dropped_attnum, index.mutable_included_attnums());
  }
  for (proto::Constraint& c : *t->mutable_constraints()) {
    RenumberAfterDrop(dropped_attnum, c.mutable_attnums());
    RenumberAfterDrop(dropped_attnum, c.mutable_delete_set_attnums());
    if (c.referenced_table_oid() == t->oid()) {
      RenumberAfterDrop(dropped_attnum, c.mutable_referenced_attnums());
    }
  }
  t->set_schema_version(t->schema_version() + 1);
}

void RenumberReferencesToDroppedColumn(proto::Table* t, Oid table_oid, int dropped_attnum) {
  for (proto::Constraint& c : *t->mutable_constraints()) {
    if (c.type() == "f" && c.referenced_table_oid() == table_oid) {
      RenumberAfterDrop(dropped_attnum, c.mutable_referenced_attnums());
    }
  }
  proto::SequenceDef* sequence = t->mutable_sequence();
  if (sequence->owned_by_table() == table_oid && sequence->owned_by_attnum() > dropped_attnum) {
    sequence->set_owned_by_attnum(sequence->owned_by_attnum() - 1);
  }
}

void CompactColumnSlots(proto::Table* t) {
  t->clear_dropped_columns();
  for (proto::Column& c : *t->mutable_columns()) {
    c.clear_slot();
    c.clear_missing_value();
  }
  t->set_schema_version(t->schema_version() + 1);
}

Result<proto::Table> CatalogWriter::RewriteTable(
    storage::Transaction& txn, const TableEntry& table,
    const std::function<Status(proto::Table*)>& change) {
  BASALT_ASSIGN_OR_RETURN(proto::Table t, LockTableDefinition(txn, table));
  const std::string primary_key_name = t.primary_key_name();
  BASALT_RETURN_IF_ERROR(change(&t));
  // A primary key the change removed frees its name.
  if (!primary_key_name.empty() && t.primary_key_name().empty()) {
    BASALT_RETURN_IF_ERROR(
        txn.Delete(storage::ColumnFamily::kCatalog,
                   RelationNameKey(t.database_oid(), t.namespace_oid(), primary_key_name)));
  }
  // New rows are written in the current layout, every column in its own
  // slot again.
  if (t.watching_views_size() == 0) CompactColumnSlots(&t);
  BASALT_RETURN_IF_ERROR(ReplaceRelationIds(&t));
  filled_relations_.push_back(t.relation_id());
  for (const proto::Index& index : t.indexes()) filled_relations_.push_back(index.relation_id());
  BASALT_RETURN_IF_ERROR(AssignConstraintOids(&t));
  BASALT_RETURN_IF_ERROR(PutTable(txn, t));
  return t;
}

}  // namespace basalt::catalog
