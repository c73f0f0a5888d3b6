// Transaction: a RocksDB pessimistic transaction plus Basalt's statement
// snapshots and commit sequencing.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/status.h"
#include "storage/kv_store.h"

namespace basalt::storage {

// A forward iterator over [lower, upper) in one column family, seeing the
// transaction's snapshot plus its own writes.
class KvIterator {
 public:
  virtual ~KvIterator() = default;
  virtual bool Valid() const = 0;
  virtual void Next() = 0;
  virtual std::string_view key() const = 0;
  virtual std::string_view value() const = 0;
  // Non-OK if iteration stopped on an error rather than at the end.
  virtual Status status() const = 0;
};

class Transaction {
 public:
  virtual ~Transaction() = default;  // rolls back if neither committed nor rolled back

  // READ COMMITTED: each statement calls this to read the latest committed data.
  virtual void RefreshSnapshot() = 0;
  // The change log's watermark (KvStore::LastCommitSequence) read just
  // before the current snapshot was taken: every change record with a
  // sequence up to it is visible in the snapshot (later ones may be too).
  virtual uint64_t SnapshotWatermark() const = 0;
  // The storage version (KvStore::CurrentVersion) of the current snapshot:
  // it holds every write made before that version.
  virtual uint64_t SnapshotVersion() const = 0;
  // Snapshot isolation: if the snapshot the relation is read at is older
  // than `version` (KvStore::CurrentVersion), reads of its keys (kData)
  // from now on use a newer snapshot, holding at least `version`; a
  // relation keeps the snapshot it got until a call asks for a newer one.
  // For relations whose rows every snapshot must see (a full REFRESH's,
  // catalog::Catalog::FrozenSince) and for a view the transaction brought
  // up to its session's commits (basalt.matview_read_your_writes). No
  // effect under READ COMMITTED, whose statements take new snapshots.
  virtual void ReadRelationNewerThanSnapshot(uint32_t relation_id, uint64_t version) = 0;
  // lock_timeout changed (SET inside a block): 0 waits without limit.
  virtual void SetLockTimeout(int64_t ms) = 0;
  // synchronous_commit as it stands at COMMIT (PostgreSQL reads it then):
  // overrides TransactionOptions::synchronous_commit.
  virtual void SetSynchronousCommit(bool on) = 0;

  // *found is false (and OK returned) when the key does not exist.
  virtual Status Get(ColumnFamily cf, std::string_view key, std::string* value, bool* found) = 0;
  // The newest committed version plus this transaction's own writes,
  // whatever the snapshot (the catalog check after a lock wait). No lock.
  virtual Status GetLatest(ColumnFamily cf, std::string_view key, std::string* value,
                           bool* found) = 0;
  // Shared locks of several transactions coexist; an exclusive one
  // excludes all others.
  enum class LockMode : uint8_t { kShared, kExclusive };
  // Whether a lock request waits for the holders to finish, or fails at
  // once with 55P03 `could not obtain lock on row` (NOWAIT, SKIP LOCKED).
  enum class LockWait : uint8_t { kWait, kNoWait };

  // Locks the key until the transaction ends (waiting for other holders),
  // then reads it: under READ COMMITTED the newest committed version; under
  // snapshot isolation the snapshot's, failing with 40001 `could not
  // serialize access due to concurrent update` if the key changed after the
  // snapshot. Lock waits end with 55P03 `canceling statement due to lock
  // timeout` after the lock timeout, 40P01 on a deadlock, or the
  // Interrupt's error.
  virtual Status GetForUpdate(ColumnFamily cf, std::string_view key, std::string* value,
                              bool* found, LockMode mode = LockMode::kExclusive,
                              LockWait wait = LockWait::kWait) = 0;
  // As GetForUpdate, but reads the newest committed version under every
  // isolation level and never fails for a change after the snapshot: the
  // uniqueness check of an insert (PostgreSQL reports 23505 there, not
  // 40001). A Put of this key may follow with `locked` set.
  virtual Status GetLatestForUpdate(ColumnFamily cf, std::string_view key, std::string* value,
                                    bool* found) = 0;
  // Takes a lock on `key` without reading it (table locks, row key locks).
  virtual Status Lock(ColumnFamily cf, std::string_view key, LockMode mode,
                      LockWait wait = LockWait::kWait) = 0;
  // Writes take the key's exclusive lock (waiting as GetForUpdate does).
  // `locked`: this transaction locked the key with GetLatestForUpdate in the
  // same statement, so no snapshot check is made.
  virtual Status Put(ColumnFamily cf, std::string_view key, std::string_view value,
                     bool locked = false) = 0;
  // A write of a key no other transaction can know of (a new hidden row id,
  // or an index entry that ends in one): no lock is taken or tracked, which
  // is what makes a bulk load of a million rows cheap. REQUIRES: the key is
  // new and unique forever.
  virtual Status PutNew(ColumnFamily cf, std::string_view key, std::string_view value) = 0;
  virtual Status Delete(ColumnFamily cf, std::string_view key) = 0;
  // A delete of a key no transaction updates, so none can conflict on it:
  // change-log records every watching view has applied, collected after a
  // refresh. No lock is taken or tracked (two collectors deleting the same
  // record both succeed: a second tombstone is harmless), which keeps the
  // collection of 10,000 records from costing 10,000 lock-table round trips.
  // Nor is the delete seen by this transaction's own reads: none reads a
  // collected record again.
  virtual Status DeleteUncontended(ColumnFamily cf, std::string_view key) = 0;
  virtual std::unique_ptr<KvIterator> Scan(ColumnFamily cf, std::string_view lower,
                                           std::string_view upper) = 0;
  // As Scan, from the last key below `upper` down to `lower` (an index read
  // for ORDER BY ... DESC).
  // As Scan, over the newest committed versions plus this transaction's own
  // writes, whatever the snapshot: a foreign key's check of the rows
  // referencing a key sees those committed while it waited for the key's
  // lock (PostgreSQL runs those checks on a fresh snapshot).
  virtual std::unique_ptr<KvIterator> ScanLatest(ColumnFamily cf, std::string_view lower,
                                                 std::string_view upper) = 0;
  virtual std::unique_ptr<KvIterator> ScanBackward(ColumnFamily cf, std::string_view lower,
                                                   std::string_view upper) = 0;

  // SQL savepoints, nested: RollbackToSavePoint undoes the writes, locks and
  // change records since the newest savepoint and removes it;
  // ReleaseSavePoint removes it and keeps everything.
  virtual void SetSavePoint() = 0;
  virtual Status RollbackToSavePoint() = 0;
  virtual Status ReleaseSavePoint() = 0;

  // Records a row change of `relation_id` for incremental view maintenance.
  // The records are written to the changelog column family at commit, keyed
  // by (relation id, commit sequence, ordinal), with the commit sequence
  // assigned in commit order (so a reader of "everything up to S" never sees
  // a gap filled later). Empty old_row means insert; empty new_row, delete.
  // A record not `logged` is only buffered (GetBufferedChange) and dropped
  // at commit: the table's views all apply it before then.
  virtual void AppendChange(uint32_t relation_id, std::string old_row, std::string new_row,
                            bool logged) = 0;
  // The change records appended so far and not yet committed, by ordinal
  // (their position in the transaction): an incremental refresh applies
  // its own transaction's changes too.
  struct BufferedChange {
    uint32_t relation_id = 0;
    std::string_view old_row;
    std::string_view new_row;
  };
  virtual size_t BufferedChangeCount() const = 0;
  virtual BufferedChange GetBufferedChange(size_t ordinal) const = 0;
  // Runs `hook` at commit once the commit sequence of the change records is
  // known, before anything is written, in this transaction (its Puts
  // commit with it). Only a transaction with change records runs hooks. A
  // rollback to an earlier savepoint forgets the hook.
  virtual void OnCommitSequence(std::function<Status(uint64_t sequence)> hook) = 0;

  virtual Status Commit() = 0;
  virtual void Rollback() = 0;

  // Rows inserted, updated or deleted through TableStore, per table
  // (TableLayout::TableId): what pg_stat_all_tables and automatic ANALYZE
  // count once the transaction ends (sql/activity_counts.h).
  struct RowWrites {
    uint64_t inserted = 0;
    uint64_t updated = 0;
    uint64_t deleted = 0;
    // TRUNCATE emptied the table (set by the SQL layer), after
    // `inserted - deleted` was this much.
    bool truncated = false;
    int64_t change_before_truncate = 0;
  };
  using RowWritesByTable = std::unordered_map<uint32_t, RowWrites>;
  RowWritesByTable& row_writes() { return row_writes_; }

 private:
  RowWritesByTable row_writes_;
};

}  // namespace basalt::storage
