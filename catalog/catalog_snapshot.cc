#include "catalog/catalog_snapshot.h"

#include <algorithm>

#include <fmt/format.h>

#include "catalog/composite_type.h"

namespace basalt::catalog {

int TableEntry::FindColumn(std::string_view name) const {
  for (int i = 0; i < def.columns_size(); ++i) {
    if (def.columns(i).name() == name) return i;
  }
  return -1;
}

int TableEntry::FindIndex(std::string_view name) const {
  for (int i = 0; i < def.indexes_size(); ++i) {
    if (def.indexes(i).name() == name) return i;
  }
  return -1;
}

DataType TableEntry::ColumnType(int position) const {
  return layout.column_types[position];
}

std::string CatalogSnapshot::RelationNameKey(Oid database, Oid namespace_oid,
                                             std::string_view name) {
  std::string key;
  key.reserve(8 + name.size());
  key.append(reinterpret_cast<const char*>(&database), sizeof database);
  key.append(reinterpret_cast<const char*>(&namespace_oid), sizeof namespace_oid);
  key.append(name);
  return key;
}

std::string CatalogSnapshot::NamespaceNameKey(Oid database, std::string_view name) {
  std::string key(reinterpret_cast<const char*>(&database), sizeof database);
  key.append(name);
  return key;
}

const proto::Role* CatalogSnapshot::FindRole(std::string_view name) const {
  auto it = role_names_.find(std::string(name));
  return it == role_names_.end() ? nullptr : RoleByOid(it->second);
}

const proto::Role* CatalogSnapshot::RoleByOid(Oid oid) const {
  auto it = roles_.find(oid);
  return it == roles_.end() ? nullptr : it->second.get();
}

const proto::Database* CatalogSnapshot::FindDatabase(std::string_view name) const {
  auto it = database_names_.find(std::string(name));
  if (it == database_names_.end()) return nullptr;
  auto db = databases_.find(it->second);
  return db == databases_.end() ? nullptr : db->second.get();
}

const proto::Namespace* CatalogSnapshot::FindNamespace(Oid database, std::string_view name) const {
  auto it = namespace_names_.find(NamespaceNameKey(database, name));
  if (it == namespace_names_.end()) return nullptr;
  auto ns = namespaces_.find({database, it->second});
  return ns == namespaces_.end() ? nullptr : ns->second.get();
}

std::shared_ptr<const TableEntry> CatalogSnapshot::FindTable(Oid database, Oid namespace_oid,
                                                             std::string_view name) const {
  auto it = relation_names_.find(RelationNameKey(database, namespace_oid, name));
  if (it == relation_names_.end()) return nullptr;
  return TableByOid(database, it->second);
}

std::shared_ptr<const TableEntry> CatalogSnapshot::TableByOid(Oid database, Oid oid) const {
  auto it = tables_.find({database, oid});
  return it == tables_.end() ? nullptr : it->second;
}

std::shared_ptr<const TableEntry> CatalogSnapshot::FindIndexTable(Oid database, Oid namespace_oid,
                                                                  std::string_view name) const {
  auto it = index_names_.find(RelationNameKey(database, namespace_oid, name));
  if (it == index_names_.end()) return nullptr;
  return TableByOid(database, it->second);
}

std::shared_ptr<const proto::UserType> CatalogSnapshot::FindType(Oid database, Oid namespace_oid,
                                                                 std::string_view name) const {
  auto it = type_names_.find(RelationNameKey(database, namespace_oid, name));
  return it == type_names_.end() ? nullptr : TypeByOid(database, it->second);
}

std::shared_ptr<const proto::UserType> CatalogSnapshot::TypeByOid(Oid database, Oid oid) const {
  auto it = types_.find({database, oid});
  return it == types_.end() ? nullptr : it->second;
}

std::shared_ptr<const proto::UserType> CatalogSnapshot::TypeByArrayOid(Oid database,
                                                                       Oid array_oid) const {
  auto it = array_types_.find({database, array_oid});
  return it == array_types_.end() ? nullptr : TypeByOid(database, it->second);
}

std::vector<std::shared_ptr<const proto::UserType>> CatalogSnapshot::Types(Oid database) const {
  std::vector<std::shared_ptr<const proto::UserType>> out;
  for (auto it = types_.lower_bound({database, 0});
       it != types_.end() && it->first.first == database; ++it) {
    out.push_back(it->second);
  }
  return out;
}

bool CatalogSnapshot::RelationNameTaken(Oid database, Oid namespace_oid,
                                        std::string_view name) const {
  std::string key = RelationNameKey(database, namespace_oid, name);
  return relation_names_.count(key) != 0 || index_names_.count(key) != 0;
}

void CatalogSnapshot::LinkIndexNames(const proto::Table& t, bool link) {
  auto apply = [&](const std::string& name) {
    std::string key = RelationNameKey(t.database_oid(), t.namespace_oid(), name);
    if (link) {
      index_names_[key] = t.oid();
    } else {
      index_names_.erase(key);
    }
  };
  if (!t.primary_key_name().empty()) apply(t.primary_key_name());
  for (const proto::Index& index : t.indexes()) {
    if (!index.hidden()) apply(index.name());
  }
}

std::vector<std::shared_ptr<const TableEntry>> CatalogSnapshot::DependentViews(Oid database,
                                                                               Oid oid) const {
  // A scan of the database's relations: views are few, DROPs rare.
  std::vector<std::shared_ptr<const TableEntry>> out;
  for (auto it = tables_.lower_bound({database, 0});
       it != tables_.end() && it->first.first == database; ++it) {
    const proto::Table& t = it->second->def;
    for (const proto::ViewReference& ref : t.view_references()) {
      if (ref.oid() == oid) {
        out.push_back(it->second);
        break;
      }
    }
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<const proto::Database*> CatalogSnapshot::Databases() const {
  std::vector<const proto::Database*> out;
  for (const auto& [oid, db] : databases_) out.push_back(db.get());
  return out;
}

std::vector<const proto::Role*> CatalogSnapshot::Roles() const {
  std::vector<const proto::Role*> out;
  for (const auto& [oid, role] : roles_) out.push_back(role.get());
  return out;
}

std::vector<const proto::Namespace*> CatalogSnapshot::Namespaces(Oid database) const {
  std::vector<const proto::Namespace*> out;
  for (auto it = namespaces_.lower_bound({database, 0});
       it != namespaces_.end() && it->first.first == database; ++it) {
    out.push_back(it->second.get());
  }
  return out;
}

std::vector<std::shared_ptr<const TableEntry>> CatalogSnapshot::Tables(Oid database) const {
  std::vector<std::shared_ptr<const TableEntry>> out;
  for (auto it = tables_.lower_bound({database, 0});
       it != tables_.end() && it->first.first == database; ++it) {
    out.push_back(it->second);
  }
  return out;
}

const proto::Namespace* CatalogSnapshot::NamespaceByOid(Oid database, Oid oid) const {
  auto it = namespaces_.find({database, oid});
  return it == namespaces_.end() ? nullptr : it->second.get();
}

std::vector<std::string> CatalogSnapshot::ObjectsOwnedBy(Oid role, Oid database) const {
  std::vector<std::string> owned;
  std::map<Oid, int> elsewhere;  // database -> objects
  for (const auto& [key, table] : tables_) {
    if (table->computed || table->def.owner_oid() != role) continue;
    if (key.first != database) {
      ++elsewhere[key.first];
      continue;
    }
    owned.push_back(
        fmt::format("owner of {} {}", table->IsView() ? "view" : "table", table->def.name()));
  }
  for (const auto& [id, type] : types_) {
    if (type->owner_oid() != role) continue;
    if (id.first != database) {
      ++elsewhere[id.first];
      continue;
    }
    owned.push_back(fmt::format("owner of type {}", type->name()));
  }
  for (const auto& [id, ns] : namespaces_) {
    if (id.first == database && ns->owner_oid() == role) {
      owned.push_back(fmt::format("owner of schema {}", ns->name()));
    }
  }
  for (const auto& [db_oid, db] : databases_) {
    if (db->owner_oid() == role) owned.push_back(fmt::format("owner of database {}", db->name()));
  }
  for (const auto& [db_oid, count] : elsewhere) {
    auto db = databases_.find(db_oid);
    const std::string name = db == databases_.end() ? std::to_string(db_oid) : db->second->name();
    owned.push_back(count == 1 ? fmt::format("1 object in database {}", name)
                               : fmt::format("{} objects in database {}", count, name));
  }
  return owned;
}

std::shared_ptr<const CatalogSnapshot> CatalogSnapshot::Apply(const CatalogDelta& delta,
                                                              uint64_t new_version) const {
  auto next = std::make_shared<CatalogSnapshot>(*this);
  next->version_ = new_version;
  for (const CatalogChange& change : delta) next->ApplyOne(change);
  return next;
}

std::shared_ptr<const CatalogSnapshot> CatalogSnapshot::WithIndexesUsableAt(
    std::shared_ptr<const CatalogSnapshot> snapshot, uint64_t storage_version) {
  if (storage_version >= snapshot->newest_index_since_) return snapshot;
  CatalogDelta delta;
  for (const auto& [id, table] : snapshot->tables_) {
    const auto& indexes = table->layout.indexes;
    if (std::none_of(indexes.begin(), indexes.end(), [&](const storage::IndexLayout& index) {
          return index.readable && index.usable_since > storage_version;
        })) {
      continue;
    }
    auto masked = std::make_shared<TableEntry>(*table);
    for (storage::IndexLayout& index : masked->layout.indexes) {
      if (index.usable_since > storage_version) index.readable = false;
    }
    delta.push_back({std::shared_ptr<const TableEntry>(std::move(masked))});
  }
  if (delta.empty()) return snapshot;
  // The same version: plans made against it stay current for the catalog.
  return snapshot->Apply(delta, snapshot->version_);
}

void CatalogSnapshot::ApplyOne(const CatalogChange& change) {
  // Each branch first unlinks the old name (a put may rename), then links
  // the new one unless the object is being removed.
  if (auto* role = std::get_if<std::shared_ptr<const proto::Role>>(&change.object)) {
    const proto::Role& r = **role;
    if (auto old = roles_.find(r.oid()); old != roles_.end())
      role_names_.erase(old->second->name());
    if (change.removed) {
      roles_.erase(r.oid());
    } else {
      roles_[r.oid()] = *role;
      role_names_[r.name()] = r.oid();
    }
  } else if (auto* db = std::get_if<std::shared_ptr<const proto::Database>>(&change.object)) {
    const proto::Database& d = **db;
    if (auto old = databases_.find(d.oid()); old != databases_.end()) {
      database_names_.erase(old->second->name());
    }
    if (change.removed) {
      databases_.erase(d.oid());
    } else {
      databases_[d.oid()] = *db;
      database_names_[d.name()] = d.oid();
    }
  } else if (auto* ns = std::get_if<std::shared_ptr<const proto::Namespace>>(&change.object)) {
    const proto::Namespace& n = **ns;
    std::pair<Oid, Oid> id{n.database_oid(), n.oid()};
    if (auto old = namespaces_.find(id); old != namespaces_.end()) {
      namespace_names_.erase(NamespaceNameKey(n.database_oid(), old->second->name()));
    }
    if (change.removed) {
      namespaces_.erase(id);
    } else {
      namespaces_[id] = *ns;
      namespace_names_[NamespaceNameKey(n.database_oid(), n.name())] = n.oid();
    }
  } else if (auto* type = std::get_if<std::shared_ptr<const proto::UserType>>(&change.object)) {
    const proto::UserType& t = **type;
    std::pair<Oid, Oid> id{t.database_oid(), t.oid()};
    if (auto old = types_.find(id); old != types_.end()) {
      const proto::UserType& o = *old->second;
      type_names_.erase(RelationNameKey(o.database_oid(), o.namespace_oid(), o.name()));
      array_types_.erase({o.database_oid(), o.array_oid()});
    }
    if (change.removed) {
      types_.erase(id);
    } else {
      types_[id] = *type;
      if (t.kind() == "c") RegisterCompositeFields(t);
      type_names_[RelationNameKey(t.database_oid(), t.namespace_oid(), t.name())] = t.oid();
      if (t.array_oid() != 0) array_types_[{t.database_oid(), t.array_oid()}] = t.oid();
    }
  } else if (auto* table = std::get_if<std::shared_ptr<const TableEntry>>(&change.object)) {
    const proto::Table& t = (*table)->def;
    std::pair<Oid, Oid> id{t.database_oid(), t.oid()};
    if (auto old = tables_.find(id); old != tables_.end()) {
      const proto::Table& o = old->second->def;
      relation_names_.erase(RelationNameKey(o.database_oid(), o.namespace_oid(), o.name()));
      LinkIndexNames(o, false);
    }
    if (change.removed) {
      tables_.erase(id);
    } else {
      tables_[id] = *table;
      relation_names_[RelationNameKey(t.database_oid(), t.namespace_oid(), t.name())] = t.oid();
      LinkIndexNames(t, true);
      for (const proto::Index& index : t.indexes()) {
        newest_index_since_ = std::max(newest_index_since_, index.usable_since());
      }
    }
  }
}

}  // namespace basalt::catalog
