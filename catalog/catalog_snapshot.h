// CatalogSnapshot: one immutable version of the catalog, shared by every
// statement that bound against it. Objects are held by shared_ptr so a new
// version copies pointers, not definitions.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "catalog/proto/catalog.pb.h"
#include "common/data_type.h"
#include "storage/table_store.h"

namespace basalt::catalog {

// A table definition with what the executor needs precomputed, so the hot
// path never rebuilds the storage layout.
struct TableEntry {
  proto::Table def;
  storage::TableLayout layout;
  // A pg_catalog relation whose rows are computed when read
  // (catalog/system_relations.h): nothing of it is stored.
  bool computed = false;

  // 0-based position of the column named `name`, or -1.
  int FindColumn(std::string_view name) const;
  // Position in def.indexes (and layout.indexes) of the index named `name`,
  // or -1.
  int FindIndex(std::string_view name) const;
  DataType ColumnType(int position) const;
  // A view created by CREATE VIEW (relkind "v", no rows of its own; the
  // computed pg_catalog relations are not).
  bool IsView() const { return !computed && def.relkind() == "v"; }
  bool IsMaterializedView() const { return def.relkind() == "m"; }
};

// One change of a transaction's DDL: an object written (put) or removed.
struct CatalogChange {
  using Object =
      std::variant<std::shared_ptr<const proto::Role>, std::shared_ptr<const proto::Database>,
                   std::shared_ptr<const proto::Namespace>, std::shared_ptr<const TableEntry>,
                   std::shared_ptr<const proto::UserType>>;
  Object object;
  bool removed = false;
};
using CatalogDelta = std::vector<CatalogChange>;

class CatalogSnapshot {
 public:
  // Increases with every published change; plans cached against an older
  // version are re-planned.
  uint64_t version() const { return version_; }

  const proto::Role* FindRole(std::string_view name) const;
  const proto::Role* RoleByOid(Oid oid) const;
  const proto::Database* FindDatabase(std::string_view name) const;
  const proto::Namespace* FindNamespace(Oid database, std::string_view name) const;
  std::shared_ptr<const TableEntry> FindTable(Oid database, Oid namespace_oid,
                                              std::string_view name) const;
  std::shared_ptr<const TableEntry> TableByOid(Oid database, Oid oid) const;
  // The table owning the index (or primary key) named `name` in the
  // schema; null if there is none.
  std::shared_ptr<const TableEntry> FindIndexTable(Oid database, Oid namespace_oid,
                                                   std::string_view name) const;
  // Whether a table, index or primary key of the schema has this name
  // (they share one name space, as pg_class's relname).
  bool RelationNameTaken(Oid database, Oid namespace_oid, std::string_view name) const;

  // User-defined types (CREATE TYPE): by name in a schema, by OID, by their
  // array type's OID; null when there is none.
  std::shared_ptr<const proto::UserType> FindType(Oid database, Oid namespace_oid,
                                                  std::string_view name) const;
  std::shared_ptr<const proto::UserType> TypeByOid(Oid database, Oid oid) const;
  std::shared_ptr<const proto::UserType> TypeByArrayOid(Oid database, Oid array_oid) const;
  // The user-defined types of a database, in OID order.
  std::vector<std::shared_ptr<const proto::UserType>> Types(Oid database) const;

  // The views whose query names the relation `oid` (directly), in
  // descending OID order.
  std::vector<std::shared_ptr<const TableEntry>> DependentViews(Oid database, Oid oid) const;

  // Every database, in OID order.
  std::vector<const proto::Database*> Databases() const;
  // Every role, in OID order.
  std::vector<const proto::Role*> Roles() const;
  // The schemas and the relations (tables, views, pg_catalog's own) of a
  // database, in OID order.
  std::vector<const proto::Namespace*> Namespaces(Oid database) const;
  std::vector<std::shared_ptr<const TableEntry>> Tables(Oid database) const;
  const proto::Namespace* NamespaceByOid(Oid database, Oid oid) const;
  // What `role` owns, as PostgreSQL's DROP ROLE DETAIL lists it: "owner of
  // table t" for objects of `database`, "2 objects in database d" for
  // other databases, "owner of database d". Empty: DROP ROLE may go on.
  std::vector<std::string> ObjectsOwnedBy(Oid role, Oid database) const;

  // `snapshot` as a transaction whose storage snapshot is `storage_version`
  // may read it: the indexes completed after that version (usable_since)
  // are not readable, since such a snapshot would find them incomplete.
  // Usually `snapshot` itself (no index is that new).
  static std::shared_ptr<const CatalogSnapshot> WithIndexesUsableAt(
      std::shared_ptr<const CatalogSnapshot> snapshot, uint64_t storage_version);
  // A new version: this one with `delta` applied.
  std::shared_ptr<const CatalogSnapshot> Apply(const CatalogDelta& delta,
                                               uint64_t new_version) const;

 private:
  void ApplyOne(const CatalogChange& change);
  void LinkIndexNames(const proto::Table& t, bool link);
  static std::string RelationNameKey(Oid database, Oid namespace_oid, std::string_view name);
  static std::string NamespaceNameKey(Oid database, std::string_view name);

  uint64_t version_ = 0;
  // The largest proto::Index::usable_since of any table put (never lowered).
  uint64_t newest_index_since_ = 0;
  std::map<Oid, std::shared_ptr<const proto::Role>> roles_;
  std::map<Oid, std::shared_ptr<const proto::Database>> databases_;
  std::map<std::pair<Oid, Oid>, std::shared_ptr<const proto::Namespace>> namespaces_;
  std::map<std::pair<Oid, Oid>, std::shared_ptr<const TableEntry>> tables_;  // (database, oid)
  std::map<std::pair<Oid, Oid>, std::shared_ptr<const proto::UserType>> types_;
  std::map<std::pair<Oid, Oid>, Oid> array_types_;  // (database, array OID) -> type OID
  // Name indexes.
  std::unordered_map<std::string, Oid> role_names_;
  std::unordered_map<std::string, Oid> database_names_;
  std::unordered_map<std::string, Oid> namespace_names_;  // NamespaceNameKey
  std::unordered_map<std::string, Oid> relation_names_;   // RelationNameKey
  std::unordered_map<std::string, Oid> type_names_;       // RelationNameKey
  // Index and primary key names (RelationNameKey) -> the owning table's OID.
  std::unordered_map<std::string, Oid> index_names_;
};

}  // namespace basalt::catalog
