// TableStore: rows of one table in the data column family.
// Key: relation id prefix + the memcomparable primary key, or a hidden 8-byte
// row id for tables without one. Value: the row format.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/data_type.h"
#include "common/status.h"
#include "common/value.h"
#include "storage/kv_store.h"
#include "storage/row_slots.h"
#include "storage/transaction.h"

namespace basalt::storage {

// A partial index's WHERE: which rows have entries. Storage cannot evaluate
// SQL, so the SQL layer compiles the predicate (catalog's
// SetIndexPredicateCompiler) and storage only asks it.
class IndexPredicate {
 public:
  virtual ~IndexPredicate() = default;
  // Whether `row` (a full table row; at least columns() decoded) satisfies
  // the predicate: true only, NULL and false leave the row out.
  virtual bool Matches(const Row& row) const = 0;
  // The table columns (0-based) the predicate reads.
  virtual const std::vector<int>& columns() const = 0;
};

// An expression index column's expression (CREATE INDEX ... ((lower(a)))):
// compiled by the SQL layer (catalog's SetIndexExpressionCompiler) like a
// partial index's predicate; storage only asks it for each row's value.
class IndexExpression {
 public:
  virtual ~IndexExpression() = default;
  // The value of the expression for `row` (a full table row; at least
  // columns() decoded).
  virtual Value Evaluate(const Row& row) const = 0;
  // The value's type.
  virtual const DataType& type() const = 0;
  // The table columns (0-based) the expression reads.
  virtual const std::vector<int>& columns() const = 0;
};

// One index of a table (storage/index_key.h has its key format). Maintained
// by TableStore's Insert/Update/Delete in the row's own transaction.
struct IndexLayout {
  uint32_t relation_id = 0;
  std::string name;  // for 23505 messages
  struct KeyColumn {
    int column = 0;  // position in the table row; -1 for an expression
    bool descending = false;
    bool nulls_first = false;
    // An expression column's expression (column is -1); null otherwise.
    std::shared_ptr<const IndexExpression> expression;
  };
  std::vector<KeyColumn> columns;
  // INCLUDE columns' table positions: their values ride in each entry's
  // value after the row key (IndexEntryValue), outside the key's order.
  std::vector<int> included;
  bool unique = false;
  // A deferrable UNIQUE constraint's index: `unique` is false, so its
  // entries carry the row key and duplicates may stand until the SQL
  // layer's check (sql/execution/unique_keys.h).
  bool deferrable_unique = false;
  // NULLS NOT DISTINCT: a key holding NULLs is unique as any other key.
  bool nulls_not_distinct = false;
  // Whether queries may read it. Not: Basalt's own (an incremental view's
  // maintenance key), one CREATE INDEX CONCURRENTLY has not completed, or
  // one completed after the reading transaction's snapshot
  // (catalog::CatalogSnapshot::WithIndexesUsableAt). Writers maintain every
  // index either way.
  bool readable = true;
  // proto::Index::usable_since.
  uint64_t usable_since = 0;
  // Not valid: a concurrent build has not completed it, so a row may lack
  // its entry, and a unique entry's key may be another row's (writers then
  // delete an entry only after checking that it is their row's).
  bool valid = true;
  // A partial index: only rows it matches have entries (and take part in
  // uniqueness). Null: every row.
  std::shared_ptr<const IndexPredicate> predicate;
};

struct TableLayout {
  uint32_t relation_id = 0;
  uint32_t schema_version = 1;
  std::vector<DataType> column_types;
  // Where the columns sit in stored rows once ALTER TABLE added or dropped
  // some in place (storage/row_slots.h); identity otherwise.
  RowSlots slots;
  // Column positions of the primary key in key order; empty: hidden row id.
  std::vector<int> primary_key;
  // Name of the primary key constraint, for 23505 messages.
  std::string primary_key_name;
  // The table's OID, which outlives relation ids swapped by TRUNCATE; 0 in
  // layouts made without a catalog (tests).
  uint32_t table_oid = 0;
  // What the change log and the row write counts know the table by.
  uint32_t TableId() const { return table_oid != 0 ? table_oid : relation_id; }
  // Watched by an incremental materialized view: every Insert/Update/Delete
  // also appends an (old row, new row) record with Transaction::AppendChange,
  // under TableId().
  bool capture_changes = false;
  // Some watching view is refreshed later (not immediately): the records go
  // to the change log at commit. Without it they only serve the writing
  // transaction's immediate views and are dropped at commit.
  bool log_changes = true;
  // Secondary indexes (not the primary key, which is the row's own key).
  std::vector<IndexLayout> indexes;
};

// A row of `layout`'s table in the row format, and back: every stored row
// of a table goes through these, so rows of any earlier layout (before an
// ADD or DROP COLUMN) read right.
void EncodeTableRow(const TableLayout& layout, const Row& row, std::string* out);
Status DecodeTableRow(const TableLayout& layout, std::string_view input, Row* row);
// As DecodeColumns (row_codec.h).
Status DecodeTableColumns(const TableLayout& layout, std::string_view input,
                          const std::vector<bool>& columns, Row* row);

// A stored row and the key it lives under (needed to update or delete it).
struct StoredRow {
  std::string key;
  Row row;
  std::string value;  // the row as stored (the row format)
};

// A row locked for UPDATE or DELETE: its key and the version the statement
// acts on, stored and decoded.
struct LockedRow {
  std::string key;
  std::string value;  // the row format
  Row row;
};

// PostgreSQL's row lock modes, weakest first. KEY SHARE (foreign keys) does
// not conflict with NO KEY UPDATE (an UPDATE that leaves the key alone); SHARE
// conflicts with both updates; UPDATE (SELECT FOR UPDATE, DELETE, an UPDATE
// of the key) conflicts with every mode.
enum class RowLockStrength : uint8_t { kKeyShare, kShare, kNoKeyUpdate, kUpdate };

// Rows of a scan in key order. Advance() moves without decoding, so a scan
// can decode the columns a filter reads, test the row, and only then decode
// the rest (or nothing).
class RowIterator {
 public:
  virtual ~RowIterator() = default;
  // Moves to the next row (the first on the first call). False at the end; a
  // failed Status on error.
  virtual Result<bool> Advance() = 0;
  // The current row's storage key and stored value. REQUIRES: the last
  // Advance() returned true.
  virtual std::string_view key() const = 0;
  virtual std::string_view value() const = 0;
  // Decodes the columns `columns` marks into *row (see DecodeColumns).
  // REQUIRES: the last Advance() returned true; row->size() is the table's
  // column count.
  virtual Status DecodeColumns(const std::vector<bool>& columns, Row* row) const = 0;
  // Advance, then the whole row and its key. False at the end.
  virtual Result<bool> Next(StoredRow* out) = 0;
};

class TableStore {
 public:
  // Keeps a copy of `layout`.
  TableStore(KvStore& store, TableLayout layout);
  // Reads `*layout` in place, which must outlive the store (a catalog
  // entry's layout): no copy per statement or per row.
  TableStore(KvStore& store, const TableLayout* layout);
  TableStore(const TableStore&) = delete;
  TableStore& operator=(const TableStore&) = delete;

  const TableLayout& layout() const { return *layout_; }

  // Inserts a row; with a primary key, a duplicate fails with 23505
  // `duplicate key value violates unique constraint "t_pkey"` and detail
  // `Key (id)=(1) already exists.`
  Status Insert(Transaction& txn, const Row& row);
  // The same, and the new row's key in *row_key.
  Status Insert(Transaction& txn, const Row& row, std::string* row_key);
  // INSERT ... ON CONFLICT: whether a row already holds `row`'s values of
  // the arbiter key (`arbiter`: a position in layout().indexes, -1 the
  // primary key, -2 every unique key), and that row's key in *row_key.
  // Each key checked stays locked (even when free) until the transaction
  // ends, so a concurrent insert of the same values waits for it and then
  // sees its row: the Insert that follows a false answer cannot fail on
  // these keys.
  Result<bool> FindConflict(Transaction& txn, const Row& row, int arbiter, std::string* row_key);
  // Locks the row under `key` in `strength` until the transaction ends and
  // reads the version an UPDATE, DELETE or SELECT FOR ... acts on: under
  // READ COMMITTED the newest committed one (which the caller re-checks if
  // it differs from what its scan saw, as PostgreSQL's EvalPlanQual); under
  // snapshot isolation the snapshot's, failing with 40001 if the row changed
  // after the snapshot. With kNoWait a row another transaction holds fails
  // at once with 55P03 `could not obtain lock on row`. False if no row lives
  // there any more (deleted concurrently).
  Result<bool> LockRow(Transaction& txn, std::string_view key, LockedRow* out,
                       RowLockStrength strength = RowLockStrength::kNoKeyUpdate,
                       Transaction::LockWait wait = Transaction::LockWait::kWait);
  // Replaces a locked row; if the primary key changed the row moves (with
  // the same duplicate check as Insert).
  Status Update(Transaction& txn, const LockedRow& old_row, const Row& new_row);
  Status Delete(Transaction& txn, const LockedRow& old_row);

  // Every row in key order.
  std::unique_ptr<RowIterator> Scan(Transaction& txn);
  // The rows stored under `from_key` (a storage key of this relation) and
  // after it, in key order.
  std::unique_ptr<RowIterator> ScanFrom(Transaction& txn, std::string_view from_key);
  // The rows stored in [lower, upper) (storage keys of this relation; an
  // empty `upper` is the relation's end), in key order.
  std::unique_ptr<RowIterator> ScanRange(Transaction& txn, std::string_view lower,
                                         std::string_view upper);
  // Up to parts - 1 ascending storage keys that cut the relation's rows into
  // `parts` ranges for a parallel scan: points evenly spaced between its
  // first and last keys, read as big-endian numbers past their common
  // prefix (an integer key's values, a hidden row id's). Rows are never
  // lost or doubled whatever the keys; only the ranges' sizes depend on
  // how the keys spread. Empty for a table with fewer than two rows.
  Result<std::vector<std::string>> SplitKeys(Transaction& txn, size_t parts);
  // The row with this primary key, if any. REQUIRES: the table has one.
  Result<bool> Lookup(Transaction& txn, const Row& key_values, StoredRow* out);
  // The row stored under `key` (an index entry's value), if any.
  Result<bool> Fetch(Transaction& txn, std::string_view key, StoredRow* out);

  // Removes all rows outside any transaction (after DROP TABLE committed).
  static Status DropData(KvStore& store, uint32_t relation_id);
  // An estimate of the bytes a relation's (table's or index's) keys take.
  static uint64_t ApproximateSize(KvStore& store, uint32_t relation_id);

 private:
  // Index maintenance (table_store_indexes.cc). `row_key`: the row's key.
  // `new_row_key`: a hidden row id never used before, so the entries of
  // non-unique indexes (which end in it) are new keys too.
  Status InsertIndexEntries(Transaction& txn, const Row& row, std::string_view row_key,
                            bool new_row_key = false);
  Status DeleteIndexEntries(Transaction& txn, const Row& row, std::string_view row_key);
  // Rewrites the entries of indexes whose key or row key changed.
  Status UpdateIndexEntries(Transaction& txn, const Row& old_row, std::string_view old_key,
                            const Row& new_row, std::string_view new_key);

  bool has_primary_key() const { return !layout_->primary_key.empty(); }
  // The key of a row of a table with a primary key.
  std::string PrimaryKeyOf(const Row& row) const;
  // Locks `key` and fails with 23505 if a row lives there.
  Status CheckNoRowAt(Transaction& txn, const std::string& key);

  KvStore& store_;
  std::optional<TableLayout> owned_layout_;
  const TableLayout* layout_;  // owned_layout_'s, or the caller's
};

}  // namespace basalt::storage
