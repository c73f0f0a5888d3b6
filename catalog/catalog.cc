#include "catalog/catalog.h"
#include "catalog/system_relations.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <tuple>

#include "catalog/catalog_keys.h"
#include "catalog/oids.h"
#include "storage/row_codec.h"

namespace basalt::catalog {

namespace {

template <typename Message>
Status ParseObject(std::string_view key, std::string_view value, Message* message) {
  if (!message->ParseFromArray(value.data(), static_cast<int>(value.size()))) {
    return Status::Corruption(
        fmt::format("catalog object under key of {} bytes does not parse", key.size()));
  }
  return Status::OK();
}

template <typename Message>
Status PutObject(storage::Transaction& txn, ObjectKind kind, Oid database, const Message& m) {
  return txn.Put(storage::ColumnFamily::kCatalog, ObjectKey(kind, database, m.oid()),
                 m.SerializeAsString());
}

}  // namespace

int ColumnSlot(const proto::Table& table, int position) {
  const proto::Column& c = table.columns(position);
  return c.has_slot() ? c.slot() : c.attnum() - 1;
}

int NextColumnSlot(const proto::Table& table) {
  int next = 0;
  for (int i = 0; i < table.columns_size(); ++i) next = std::max(next, ColumnSlot(table, i) + 1);
  for (const proto::DroppedColumn& d : table.dropped_columns()) next = std::max(next, d.slot() + 1);
  return next;
}

storage::RowSlots MakeRowSlots(const proto::Table& table) {
  storage::RowSlots slots;
  bool moved = table.dropped_columns_size() > 0;
  bool missing = false;
  for (int i = 0; i < table.columns_size(); ++i) {
    moved = moved || ColumnSlot(table, i) != i;
    missing = missing || !table.columns(i).missing_value().empty();
  }
  if (moved) {
    slots.slot_types.resize(static_cast<size_t>(NextColumnSlot(table)),
                            DataType::Of(TypeId::kInt4));
    for (const proto::DroppedColumn& d : table.dropped_columns()) {
      slots.slot_types[static_cast<size_t>(d.slot())] =
          DataType{static_cast<TypeId>(d.type_id()), d.typmod()};
    }
    for (int i = 0; i < table.columns_size(); ++i) {
      const proto::Column& c = table.columns(i);
      slots.column_slots.push_back(ColumnSlot(table, i));
      slots.slot_types[static_cast<size_t>(ColumnSlot(table, i))] =
          DataType{static_cast<TypeId>(c.type_id()), c.typmod()};
    }
  }
  if (missing) {
    for (const proto::Column& c : table.columns()) {
      Value value;
      if (!c.missing_value().empty()) {
        Row one;
        const DataType type{static_cast<TypeId>(c.type_id()), c.typmod()};
        if (storage::DecodeRow(c.missing_value(), {type}, &one).ok()) value = one[0];
      }
      slots.missing_values.push_back(value);
    }
  }
  return slots;
}

namespace {

std::atomic<IndexPredicateCompiler> index_predicate_compiler{nullptr};
std::atomic<IndexExpressionCompiler> index_expression_compiler{nullptr};

}  // namespace

void SetIndexPredicateCompiler(IndexPredicateCompiler compiler) {
  index_predicate_compiler.store(compiler);
}

void SetIndexExpressionCompiler(IndexExpressionCompiler compiler) {
  index_expression_compiler.store(compiler);
}

storage::TableLayout MakeTableLayout(const proto::Table& table) {
  storage::TableLayout layout;
  layout.relation_id = table.relation_id();
  layout.schema_version = table.schema_version();
  for (const proto::Column& c : table.columns()) {
    layout.column_types.push_back(DataType{static_cast<TypeId>(c.type_id()), c.typmod()});
  }
  for (int attnum : table.primary_key_attnums()) {
    for (int i = 0; i < table.columns_size(); ++i) {
      if (table.columns(i).attnum() == attnum) layout.primary_key.push_back(i);
    }
  }
  layout.primary_key_name = table.primary_key_name();
  layout.slots = MakeRowSlots(table);
  layout.capture_changes = table.watching_views_size() > 0;
  layout.log_changes = table.watching_views_size() > table.immediate_views_size();
  layout.table_oid = table.oid();
  for (const proto::Index& index : table.indexes()) {
    storage::IndexLayout& out = layout.indexes.emplace_back();
    out.relation_id = index.relation_id();
    out.name = index.name();
    out.unique = index.unique() && !index.deferrable();
    out.deferrable_unique = index.unique() && index.deferrable();
    out.nulls_not_distinct = index.nulls_not_distinct();
    out.readable = !index.hidden() && !index.invalid();
    out.usable_since = index.usable_since();
    out.valid = !index.invalid();
    for (int k = 0; k < index.columns_size(); ++k) {
      const proto::IndexColumn& c = index.columns(k);
      storage::IndexLayout::KeyColumn& column = out.columns.emplace_back();
      column.column = c.attnum() - 1;
      column.descending = c.descending();
      column.nulls_first = c.nulls_first();
      if (!c.expression().empty()) {
        if (IndexExpressionCompiler compile = index_expression_compiler.load()) {
          column.expression = compile(table, index, k);
        }
      }
    }
    for (int attnum : index.included_attnums()) out.included.push_back(attnum - 1);
    if (!index.predicate().empty()) {
      if (IndexPredicateCompiler compile = index_predicate_compiler.load()) {
        out.predicate = compile(table, index);
      }
    }
  }
  return layout;
}

Result<std::unique_ptr<Catalog>> Catalog::Open(storage::KvStore& store) {
  std::unique_ptr<Catalog> catalog(new Catalog(store));
  {
    std::unique_ptr<storage::Transaction> txn = store.Begin();
    std::string format;
    bool found = false;
    BASALT_RETURN_IF_ERROR(txn->Get(storage::ColumnFamily::kCatalog, FormatKey(), &format, &found));
    if (!found) {
      BASALT_RETURN_IF_ERROR(catalog->Bootstrap(*txn));
      BASALT_RETURN_IF_ERROR(txn->Commit());
    } else if (format.size() != 1 || static_cast<uint8_t>(format[0]) != kCatalogFormatVersion) {
      return Status::Corruption(fmt::format(
          "catalog format version {} is not supported (expected {})",
          format.empty() ? -1 : static_cast<uint8_t>(format[0]), kCatalogFormatVersion));
    }
  }
  BASALT_RETURN_IF_ERROR(catalog->Load());
  return catalog;
}

Status Catalog::Bootstrap(storage::Transaction& txn) {
  proto::Role role;
  role.set_oid(oids::kBootstrapSuperuser);
  role.set_name("basalt");
  role.set_superuser(true);
  role.set_can_login(true);
  role.set_create_db(true);
  role.set_create_role(true);
  role.set_replication(true);
  role.set_bypass_rls(true);
  BASALT_RETURN_IF_ERROR(PutObject(txn, ObjectKind::kRole, 0, role));

  BASALT_ASSIGN_OR_RETURN(Oid basalt_oid, NewOid());
  // With initdb's comments, which \l+ shows.
  for (auto [oid, name, comment] :
       {std::tuple<Oid, const char*, const char*>{oids::kTemplate1Database, "template1",
                                                  "default template for new databases"},
        {oids::kTemplate0Database, "template0", "unmodifiable empty database"},
        {oids::kPostgresDatabase, "postgres", "default administrative connection database"},
        {basalt_oid, "basalt", ""}}) {
    proto::Database db;
    db.set_oid(oid);
    db.set_name(name);
    db.set_owner_oid(oids::kBootstrapSuperuser);
    db.set_comment(comment);
    BASALT_RETURN_IF_ERROR(PutObject(txn, ObjectKind::kDatabase, 0, db));
    for (const proto::Namespace& ns : InitialNamespaces(oid)) {
      BASALT_RETURN_IF_ERROR(PutObject(txn, ObjectKind::kNamespace, oid, ns));
    }
  }
  return txn.Put(storage::ColumnFamily::kCatalog, FormatKey(),
                 std::string(1, static_cast<char>(kCatalogFormatVersion)));
}

std::vector<proto::Namespace> InitialNamespaces(Oid database) {
  std::vector<proto::Namespace> out;
  // With initdb's comments, which \dn+ shows (COMMENT ON SCHEMA may change
  // them as PostgreSQL's).
  for (auto [oid, name, comment] :
       {std::tuple<Oid, const char*, const char*>{oids::kPgCatalogNamespace, "pg_catalog",
                                                  "system catalog schema"},
        {oids::kPublicNamespace, "public", "standard public schema"}}) {
    proto::Namespace& ns = out.emplace_back();
    ns.set_oid(oid);
    ns.set_name(name);
    ns.set_database_oid(database);
    ns.set_comment(comment);
  }
  return out;
}

void AddSystemObjects(Oid database, CatalogDelta* delta) {
  for (auto [ns_oid, ns_name] : {std::pair<Oid, const char*>{oids::kPgToastNamespace, "pg_toast"},
                                 {oids::kInformationSchemaNamespace, "information_schema"}}) {
    auto ns = std::make_shared<proto::Namespace>();
    ns->set_oid(ns_oid);
    ns->set_name(ns_name);
    ns->set_database_oid(database);
    if (ns_oid == oids::kPgToastNamespace) ns->set_comment("reserved schema for TOAST tables");
    delta->push_back({std::shared_ptr<const proto::Namespace>(std::move(ns))});
  }
  for (proto::Table& t : SystemRelations(database)) {
    auto entry = std::make_shared<TableEntry>();
    entry->layout = MakeTableLayout(t);
    entry->def = std::move(t);
    entry->computed = entry->def.view_query().empty();
    delta->push_back({std::shared_ptr<const TableEntry>(std::move(entry))});
  }
}

Status Catalog::Load() {
  std::unique_ptr<storage::Transaction> txn = store_.Begin();
  CatalogDelta delta;
  std::vector<uint32_t> owned;  // relation ids
  std::unique_ptr<storage::KvIterator> it =
      txn->Scan(storage::ColumnFamily::kCatalog, std::string(1, '\x01'), std::string(1, '\xff'));
  for (; it->Valid(); it->Next()) {
    std::string_view key = it->key();
    std::string_view value = it->value();
    switch (static_cast<ObjectKind>(key[0])) {
      case ObjectKind::kRole: {
        auto role = std::make_shared<proto::Role>();
        BASALT_RETURN_IF_ERROR(ParseObject(key, value, role.get()));
        delta.push_back({std::shared_ptr<const proto::Role>(role)});
        break;
      }
      case ObjectKind::kDatabase: {
        auto db = std::make_shared<proto::Database>();
        BASALT_RETURN_IF_ERROR(ParseObject(key, value, db.get()));
        delta.push_back({std::shared_ptr<const proto::Database>(db)});
        break;
      }
      case ObjectKind::kNamespace: {
        auto ns = std::make_shared<proto::Namespace>();
        BASALT_RETURN_IF_ERROR(ParseObject(key, value, ns.get()));
        delta.push_back({std::shared_ptr<const proto::Namespace>(ns)});
        break;
      }
      case ObjectKind::kType: {
        auto type = std::make_shared<proto::UserType>();
        BASALT_RETURN_IF_ERROR(ParseObject(key, value, type.get()));
        delta.push_back({std::shared_ptr<const proto::UserType>(type)});
        break;
      }
      case ObjectKind::kTable: {
        auto entry = std::make_shared<TableEntry>();
        BASALT_RETURN_IF_ERROR(ParseObject(key, value, &entry->def));
        entry->layout = MakeTableLayout(entry->def);
        if (entry->def.relation_id() != 0) owned.push_back(entry->def.relation_id());
        for (const proto::Index& index : entry->def.indexes()) owned.push_back(index.relation_id());
        delta.push_back({std::shared_ptr<const TableEntry>(entry)});
        break;
      }
      default: break;  // name-index keys: the snapshot rebuilds its own indexes
    }
  }
  BASALT_RETURN_IF_ERROR(it->status());
  BASALT_RETURN_IF_ERROR(SweepOrphanedRelations(owned));
  auto snapshot = CatalogSnapshot().Apply(delta, 1);
  CatalogDelta system;
  for (const proto::Database* db : snapshot->Databases()) AddSystemObjects(db->oid(), &system);
  snapshot = snapshot->Apply(system, 1);
  std::lock_guard lock(mutex_);
  current_ = std::move(snapshot);
  return Status::OK();
}

std::shared_ptr<const CatalogSnapshot> Catalog::Current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

void Catalog::Publish(const CatalogDelta& delta, const std::vector<uint32_t>& frozen,
                      const std::vector<uint32_t>& dropped) {
  const uint64_t version = frozen.empty() ? 0 : store_.CurrentVersion();
  std::lock_guard lock(mutex_);
  current_ = current_->Apply(delta, current_->version() + 1);
  for (uint32_t relation : frozen) frozen_since_[relation] = version;
  for (uint32_t relation : dropped) frozen_since_.erase(relation);
}

uint64_t Catalog::FrozenSince(uint32_t relation_id) const {
  std::lock_guard lock(mutex_);
  auto found = frozen_since_.find(relation_id);
  return found == frozen_since_.end() ? 0 : found->second;
}

Result<Oid> Catalog::NewOid() {
  return NewOids(1);
}

Result<Oid> Catalog::NewOids(uint32_t count) {
  // The counter's values are distinct and positive; OIDs below
  // FirstNormalObjectId belong to bootstrap objects.
  BASALT_ASSIGN_OR_RETURN(uint64_t v, store_.NextCounterValues("oid", count));
  if (v == 0) {
    BASALT_ASSIGN_OR_RETURN(v, store_.NextCounterValues("oid", count));
  }
  uint64_t oid = oids::kFirstUserOid - 1 + v;
  if (oid + count - 1 > UINT32_MAX) {
    return Status::Error(sqlstate::kProgramLimitExceeded, "OIDs exhausted");
  }
  return static_cast<Oid>(oid);
}

Result<uint32_t> Catalog::NewRelationId() {
  BASALT_ASSIGN_OR_RETURN(uint64_t v, store_.NextCounterValue("relation_id"));
  if (v == 0) {
    BASALT_ASSIGN_OR_RETURN(v, store_.NextCounterValue("relation_id"));
  }
  if (v >= UINT32_MAX) {
    return Status::Error(sqlstate::kProgramLimitExceeded, "relation ids exhausted");
  }
  return static_cast<uint32_t>(v);
}

}  // namespace basalt::catalog
