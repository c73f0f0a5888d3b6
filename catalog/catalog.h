// The catalog's facade: what sql/ and server/ include. Schema objects
// (catalog/proto/catalog.proto) persist in the `catalog` column family and
// are cached in memory as immutable snapshots behind a version number.
//
// DDL is transactional: a CatalogWriter writes the objects in the same
// storage::Transaction as the statement, the writing transaction sees its own
// changes through CatalogWriter::View(), and everyone else sees them once
// the transaction committed and the writer published them.
//
// Also exported here: CatalogSnapshot and TableEntry (catalog_snapshot.h),
// the proto messages, and the fixed bootstrap OIDs (oids.h).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "catalog/catalog_snapshot.h"
#include "catalog/oids.h"
#include "catalog/proto/catalog.pb.h"
#include "catalog/role.h"
#include "common/data_type.h"
#include "common/status.h"
#include "storage/kv_store.h"
#include "storage/transaction.h"

namespace basalt::catalog {

class CatalogWriter;

// pg_catalog's computed relations, information_schema and its views, and
// the pg_toast and information_schema schemas of `database`: never stored,
// added to the snapshot when the catalog loads or the database is created.
void AddSystemObjects(Oid database, CatalogDelta* delta);
// The stored schemas every database starts with: pg_catalog and public
// (owned by pg_database_owner, as PostgreSQL 15's).
std::vector<proto::Namespace> InitialNamespaces(Oid database);

class Catalog {
 public:
  // Loads the catalog from `store`, bootstrapping it on first open (role
  // `basalt`, databases `basalt` and `postgres`, schemas `public` and
  // `pg_catalog` in each). `store` must outlive the catalog.
  static Result<std::unique_ptr<Catalog>> Open(storage::KvStore& store);

  // The latest committed catalog. Cheap: one shared_ptr copy under a mutex.
  std::shared_ptr<const CatalogSnapshot> Current() const;

  // A new OID for a user object (16384 and up, never reused).
  Result<Oid> NewOid();
  // `count` consecutive new OIDs; returns the first.
  Result<Oid> NewOids(uint32_t count);
  // A new storage relation id (never reused, so dropped data can be removed
  // after commit without racing a new table).
  Result<uint32_t> NewRelationId();

  // The rows of a relation a full REFRESH filled are PostgreSQL's frozen
  // rows, visible to every snapshot: this is the storage version
  // (KvStore::CurrentVersion) when one was published; 0 for any other
  // relation, and for all after a restart (no snapshot predates it). A
  // REPEATABLE READ snapshot older than that may predate the rows, so the
  // transaction reads the relation at a snapshot of its own
  // (Transaction::ReadRelationNewerThanSnapshot) rather than see it empty.
  uint64_t FrozenSince(uint32_t relation_id) const;

 private:
  friend class CatalogWriter;
  explicit Catalog(storage::KvStore& store) : store_(store) {}
  Status Load();
  Status Bootstrap(storage::Transaction& txn);
  // Removes the data of relations no table or index owns: relations filled
  // outside their transaction (an index build, a full refresh) by a server
  // that crashed before the transaction ended, and dropped relations whose
  // removal after commit was cut short. `owned` is every relation id the
  // catalog names.
  Status SweepOrphanedRelations(const std::vector<uint32_t>& owned);
  // Applies a committed writer's changes on top of the current snapshot;
  // `frozen` relations become visible to every snapshot from now on, and
  // `dropped` ones are forgotten.
  void Publish(const CatalogDelta& delta, const std::vector<uint32_t>& frozen,
               const std::vector<uint32_t>& dropped);

  storage::KvStore& store_;
  // Held across a DDL transaction's commit and publication.
  std::mutex commit_mutex_;
  mutable std::mutex mutex_;
  std::shared_ptr<const CatalogSnapshot> current_;       // GUARDED_BY(mutex_)
  std::unordered_map<uint32_t, uint64_t> frozen_since_;  // GUARDED_BY(mutex_)
};

// The DDL of one transaction. Not thread-safe (one per session transaction).
class CatalogWriter {
 public:
  explicit CatalogWriter(Catalog& catalog) : catalog_(catalog) {}

  // The catalog as this transaction sees it: the latest committed snapshot
  // plus this transaction's own uncommitted changes.
  std::shared_ptr<const CatalogSnapshot> View() const;

  // Assigns table.oid and table.relation_id when zero (a view, relkind
  // "v", keeps relation_id 0: it has no rows). Fails with 42P07
  // `relation "t" already exists` when the name is taken (also by a
  // concurrent transaction that committed first).
  // Index definitions in table.indexes get their OIDs and relation ids the
  // same way; their names are taken like the table's.
  Status CreateTable(storage::Transaction& txn, proto::Table table);
  // Adds an index to the table's definition (assigning its OID and relation
  // id) and returns it; its entries are the caller's to write. 42P07 when
  // the name is taken. Waits for concurrent DDL of the table.
  Result<proto::Index> CreateIndex(storage::Transaction& txn, const TableEntry& table,
                                   proto::Index index);
  // Whether queries may read the index named `name`: valid when it holds an
  // entry for every row, then readable by snapshots from `usable_since`
  // (proto::Index); not valid when being built or dropped concurrently.
  // 42704 if the table has no such index.
  Status SetIndexValid(storage::Transaction& txn, const TableEntry& table, const std::string& name,
                       bool valid, uint64_t usable_since = 0);
  // REINDEX: the index named `name` gets a new, empty relation id for the
  // caller to fill (removed on rollback) and is valid; the old entries are
  // removed after commit.
  Status RenewIndexRelation(storage::Transaction& txn, const TableEntry& table,
                            const std::string& name);
  // Removes the index named `name` from the table; its entries are removed
  // after commit (dropped_relations). 42704 if the table has no such index.
  Status DropIndex(storage::Transaction& txn, const TableEntry& table, const std::string& name);
  // Drops a table or a view (whose dependent views the caller drops too).
  Status DropTable(storage::Transaction& txn, const TableEntry& table);
  // CREATE OR REPLACE VIEW: the view gets `definition`'s columns, query and
  // references (the caller checked the columns). Waits for concurrent DDL
  // of the view; 42809 if the relation is no longer a view.
  Status ReplaceView(storage::Transaction& txn, const TableEntry& view, proto::Table definition);
  // TRUNCATE: the table gets a new, empty relation id; the old one's rows
  // are removed after commit (kept on rollback), as PostgreSQL's new
  // relfilenode. Locks the table as DropTable does.
  Status TruncateTable(storage::Transaction& txn, const TableEntry& table);
  // REFRESH MATERIALIZED VIEW's swap: as TruncateTable, and the view is
  // marked populated or not. The new relations are the caller's to fill
  // before commit (registered as filled: a rollback removes them); readers
  // keep the old ones until the commit publishes the new definition.
  Status ReplaceMaterializedViewStorage(storage::Transaction& txn, const TableEntry& view,
                                        bool populated);

  // Adds `view` to (or removes it from) the incremental views watching
  // `table` (Table.watching_views), so writes of its rows record changes
  // (or stop). Locks the definition as DropTable does.
  // `immediate`: the view applies the changes before the writer commits
  // (proto Table.immediate_views).
  Status SetWatchingView(storage::Transaction& txn, const TableEntry& table, Oid view, bool watch,
                         bool immediate);

  // Roles (catalog_writer_role.cc). CreateRole assigns role.oid; 42710
  // `role "x" already exists` when the name is taken (also by a concurrent
  // transaction that committed first).
  Status CreateRole(storage::Transaction& txn, proto::Role role);
  // Locks the role's row (concurrent ALTER / DROP of it wait) and returns
  // its newest version, committed or this transaction's own, to alter: the
  // snapshot's copy may be older. 42704 if it was dropped meanwhile.
  Result<proto::Role> LockRole(storage::Transaction& txn, const proto::Role& role);
  // Replaces the role with `role` (same OID; ALTER ROLE, RENAME TO), which
  // the caller built from LockRole's version. 42710 if a new name is taken.
  Status AlterRole(storage::Transaction& txn, const proto::Role& old_role, proto::Role role);
  // The caller checked the role owns nothing (CatalogSnapshot::ObjectsOwnedBy).
  Status DropRole(storage::Transaction& txn, const proto::Role& role);

  // Schemas (catalog_writer_namespace.cc). CreateNamespace assigns
  // ns.oid; 42P06 `schema "x" already exists` when the name is taken (also
  // by a concurrent transaction that committed first). LockNamespace locks
  // the schema's row against concurrent CREATEs in it (they hold it
  // shared), ALTERs and DROPs, and returns its newest version; 3F000 if it
  // was dropped meanwhile. AlterNamespace replaces it (same OID; RENAME
  // TO, OWNER TO): 42P06 if a new name is taken. DropNamespace: the caller
  // dropped what it held.
  Status CreateNamespace(storage::Transaction& txn, proto::Namespace ns);
  Result<proto::Namespace> LockNamespace(storage::Transaction& txn, const proto::Namespace& ns);
  Status AlterNamespace(storage::Transaction& txn, const proto::Namespace& old_ns,
                        proto::Namespace ns);
  Status DropNamespace(storage::Transaction& txn, const proto::Namespace& ns);

  // Databases (catalog_writer_database.cc). CreateDatabase assigns db.oid
  // and gives it the pg_catalog and public schemas and the system
  // relations; 42P04 when the name is taken. DropDatabase removes it with
  // every object in it (their data after commit); the caller checked no
  // session is connected to it. AlterDatabase: RENAME TO, OWNER TO.
  Status CreateDatabase(storage::Transaction& txn, proto::Database db);
  Status DropDatabase(storage::Transaction& txn, const proto::Database& db);
  Status AlterDatabase(storage::Transaction& txn, const proto::Database& old_db,
                       proto::Database db);

  // User-defined types (catalog_writer_type.cc). CreateType assigns the
  // OIDs of the type, an enum's array type, its enum labels and domain
  // constraints (AlterType: those of new ones); 42710 `type "x"
  // already exists` when a type or a relation (whose row type PostgreSQL
  // names alike) has the name. LockType locks
  // the type's row against concurrent ALTER / DROP and returns its newest
  // version, 42704 if it was dropped meanwhile; AlterType replaces it (same
  // OID; 42710 if a new name is taken). DropType: the caller dropped what
  // used it.
  Status CreateType(storage::Transaction& txn, proto::UserType type);
  Result<proto::UserType> LockType(storage::Transaction& txn, const proto::UserType& type);
  Status AlterType(storage::Transaction& txn, const proto::UserType& old_type,
                   proto::UserType type);
  Status DropType(storage::Transaction& txn, const proto::UserType& type);

  // ALTER TABLE ADD PRIMARY KEY: the table gets the key `attnums` named
  // `name` (its columns become NOT NULL; `included`: INCLUDE's) and, because a primary key is the
  // rows' storage key, new relation ids for its rows and for each index; the
  // old relations are removed after commit, the caller fills the new ones
  // (and registers them with AddFilledRelation). Returns the new definition.
  // 42P07 when `name` is taken.
  Result<proto::Table> AddPrimaryKey(storage::Transaction& txn, const TableEntry& table,
                                     const std::vector<int>& attnums,
                                     const std::vector<int>& included, const std::string& name);

  // ALTER ... RENAME TO (catalog_writer_alter.cc): 42P07 when the name is
  // taken in the relation's schema. Its indexes keep their names.
  Status RenameRelation(storage::Transaction& txn, const TableEntry& table,
                        const std::string& new_name);
  // ALTER INDEX ... RENAME TO: the index (or primary key) named `name`, and
  // the constraint it makes, are called `new_name`; 42P07 when it is taken
  // in the table's schema, 42704 when the table has no such index.
  Status RenameIndex(storage::Transaction& txn, const TableEntry& table, const std::string& name,
                     const std::string& new_name);
  // ALTER ... SET SCHEMA: the relation and its indexes move to the schema
  // `namespace_oid` (named `namespace_name` in errors); 42P07 `relation "x"
  // already exists in schema "s"` when one of their names is taken there.
  Status SetRelationNamespace(storage::Transaction& txn, const TableEntry& table, Oid namespace_oid,
                              const std::string& namespace_name);
  // Any other change of a relation's definition that touches no name key
  // (owner, storage parameters, a column's name, an incremental view's
  // hidden index): `change` edits the newest version, locked as for the
  // other DDL. Indexes it adds with relation id 0 get ids; the relations of
  // those it removes are dropped after commit.
  Status AlterTableDefinition(storage::Transaction& txn, const TableEntry& table,
                              const std::function<Status(proto::Table*)>& change);

  // ALTER TABLE ... ALTER COLUMN TYPE and ADD COLUMN with a volatile
  // default (catalog_writer_columns.cc): `change` applied to the newest
  // definition, every column back in its own slot, and new relation ids
  // for the rows and each index, which the caller fills in batches outside
  // the transaction (a rollback removes them; the old ones go after
  // commit). Returns the new definition.
  Result<proto::Table> RewriteTable(storage::Transaction& txn, const TableEntry& table,
                                    const std::function<Status(proto::Table*)>& change);

  bool empty() const { return delta_.empty(); }

  // Savepoints: RollbackTo(mark) forgets the changes made after Mark().
  struct Mark {
    size_t changes = 0;
    size_t dropped = 0;
    size_t filled = 0;
    size_t frozen = 0;
  };
  Mark mark() const {
    return {delta_.size(), dropped_relations_.size(), filled_relations_.size(),
            frozen_relations_.size()};
  }
  void RollbackTo(const Mark& mark);
  // A relation this transaction created and filled outside its storage
  // transaction (an index build writes in bounded batches of their own):
  // if the transaction (or the savepoint) rolls back, its data is removed.
  void AddFilledRelation(uint32_t relation_id) { filled_relations_.push_back(relation_id); }
  // Relations whose data must be removed once the transaction committed.
  const std::vector<uint32_t>& dropped_relations() const { return dropped_relations_; }

  // Commits `txn` and makes this writer's changes visible to every session.
  // Transactions with DDL commit and publish one at a time, so catalog
  // versions follow commit order. Resets the writer either way.
  Status CommitAndPublish(storage::Transaction& txn);
  // The transaction rolled back: forget the changes (and remove the data of
  // the relations it filled).
  void Discard();

 private:
  // Writes a table's definition and adds it to this transaction's changes.
  // Changes the index named `name` of the table's newest definition (42704
  // when there is none), locked as for the other DDL.
  Status EditIndex(storage::Transaction& txn, const TableEntry& table, const std::string& name,
                   const std::function<Status(proto::Index*)>& change);
  Status PutTable(storage::Transaction& txn, proto::Table table);
  // Takes `name` in the schema for the relation `oid` (table or index):
  // 42P07 when taken, also by a concurrent transaction that committed first.
  Status LockRelationName(storage::Transaction& txn, Oid database, Oid namespace_oid,
                          const std::string& name, Oid oid);
  Status AssignIndexIds(proto::Index* index);
  // OIDs for the constraints that have none; a foreign key referencing OID
  // 0 references the table itself.
  Status AssignConstraintOids(proto::Table* table);
  // Gives the table and its indexes new, empty relation ids; the old ones
  // are dropped after commit.
  Status ReplaceRelationIds(proto::Table* table);
  // Locks a name key (waiting for a concurrent creator's commit): `taken`
  // if it exists, else it is written with `oid`.
  Status TakeNameKey(storage::Transaction& txn, const std::string& key, Oid oid, bool* taken);
  // Takes a schema name in `database`: 42P06 when taken.
  Status LockNamespaceName(storage::Transaction& txn, Oid database, const std::string& name,
                           Oid oid);
  Status PutNamespace(storage::Transaction& txn, proto::Namespace ns);
  // Takes a type name in a schema (42710 when a type or a relation has it)
  // and writes the type.
  Status LockTypeName(storage::Transaction& txn, const proto::UserType& type);
  Status PutType(storage::Transaction& txn, proto::UserType type);
  // OIDs for the enum labels and domain constraints that have none.
  Status AssignTypeMemberOids(proto::UserType* type);
  // 42710 when a user-defined type has the name a new relation (table,
  // view, sequence) takes: PostgreSQL gives each relation a row type.
  Status CheckNoTypeNamed(Oid database, Oid namespace_oid, const std::string& name) const;
  // Takes a role name: 42710 when taken.
  Status LockRoleName(storage::Transaction& txn, const std::string& name, Oid oid);
  Status PutRole(storage::Transaction& txn, proto::Role role);
  // The table's definition locked for DDL: the newest committed version, or
  // this transaction's own if it changed it.
  Result<proto::Table> LockTableDefinition(storage::Transaction& txn, const TableEntry& table);

  Catalog& catalog_;
  CatalogDelta delta_;
  std::vector<uint32_t> dropped_relations_;
  std::vector<uint32_t> filled_relations_;
  std::vector<uint32_t> frozen_relations_;               // filled by a full REFRESH (FrozenSince)
  mutable std::shared_ptr<const CatalogSnapshot> view_;  // cached overlay
};

// Storage layout of a table definition (column types, primary key positions).
storage::TableLayout MakeTableLayout(const proto::Table& table);

// Compiles a partial index's predicate (proto::Index::predicate) over the
// table's rows. The catalog cannot evaluate SQL, so the SQL layer installs
// one before it opens the catalog (sql/engine.cc); MakeTableLayout gives
// every partial index its predicate through it. Without one (catalog-only
// tests) partial indexes get none and are maintained like plain ones.
using IndexPredicateCompiler = std::shared_ptr<const storage::IndexPredicate> (*)(
    const proto::Table& table, const proto::Index& index);
void SetIndexPredicateCompiler(IndexPredicateCompiler compiler);
// Compiles an expression index column (proto::IndexColumn::expression,
// column `column` of `index`) the same way; installed with the predicate
// compiler.
using IndexExpressionCompiler = std::shared_ptr<const storage::IndexExpression> (*)(
    const proto::Table& table, const proto::Index& index, int column);
void SetIndexExpressionCompiler(IndexExpressionCompiler compiler);
// Where stored rows hold the table's columns (proto Column.slot,
// DroppedColumn): identity until a column is dropped or added with a
// missing value.
storage::RowSlots MakeRowSlots(const proto::Table& table);
// The slot of the column at `position`, and the slot a column added now
// takes (after every slot used so far, dropped ones included).
int ColumnSlot(const proto::Table& table, int position);
int NextColumnSlot(const proto::Table& table);
// DROP COLUMN of the column at `position` (catalog_writer_columns.cc): its
// slot is kept as a DroppedColumn, every column's slot is written down,
// the columns after it move up (attnums of the key, indexes and
// constraints follow) and the schema version goes up. Indexes and
// constraints on the column itself are the caller's to remove first.
void RemoveColumnFromDefinition(proto::Table* t, int position);
// Another table's references to the columns of `table_oid` after its
// column `dropped_attnum` was dropped: foreign keys' referenced attnums and
// a sequence's OWNED BY column.
void RenumberReferencesToDroppedColumn(proto::Table* t, Oid table_oid, int dropped_attnum);
// A rewritten table's columns in slots 0..n-1, nothing dropped or missing.
void CompactColumnSlots(proto::Table* t);

}  // namespace basalt::catalog
