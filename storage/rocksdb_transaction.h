// RocksTransaction: Transaction over a RocksDB pessimistic transaction.
//
// Snapshots: under READ COMMITTED the transaction holds a DB snapshot of its
// own for reads (refreshed per statement) and gives RocksDB none, so writes
// and GetForUpdate lock and act on the latest committed version. Under
// REPEATABLE READ / SERIALIZABLE the RocksDB transaction owns the snapshot,
// so writing a key changed since then fails (40001).
//
// Under READ COMMITTED the RocksDB transaction is only begun by the first
// write, lock or savepoint: a read-only statement (every SELECT outside a
// block) reads its snapshot straight from the DB and costs no transaction.
//
// Lock waits are made in short slices, so that between two slices the
// transaction's Interrupt (cancel, statement_timeout) and its own lock
// timeout are checked: RocksDB's waits cannot be interrupted from outside.
//
// Under SERIALIZABLE the transaction also records the data keys and ranges
// it reads and the keys it writes for the store's SerializableTracker.
//
// Change records are buffered in memory and written to the changelog column
// family at commit under a commit sequence reserved from the store's
// CommitSequencer; the commit itself (and its WAL sync) runs outside any
// Basalt lock, so concurrent commits share RocksDB's group syncs.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <rocksdb/utilities/transaction.h>
#include <rocksdb/utilities/write_batch_with_index.h>

#include "storage/rocksdb_store.h"
#include "storage/serializable_tracker.h"
#include "storage/transaction.h"

namespace basalt::storage {

class RocksTransaction final : public Transaction {
 public:
  RocksTransaction(RocksStore& store, const TransactionOptions& options);
  ~RocksTransaction() override;

  void RefreshSnapshot() override;
  void SetLockTimeout(int64_t ms) override { lock_timeout_ms_ = ms; }
  void SetSynchronousCommit(bool on) override { synchronous_commit_ = on; }
  Status Get(ColumnFamily cf, std::string_view key, std::string* value, bool* found) override;
  Status GetForUpdate(ColumnFamily cf, std::string_view key, std::string* value, bool* found,
                      LockMode mode, LockWait wait) override;
  Status GetLatest(ColumnFamily cf, std::string_view key, std::string* value, bool* found) override;
  Status GetLatestForUpdate(ColumnFamily cf, std::string_view key, std::string* value,
                            bool* found) override;
  Status Lock(ColumnFamily cf, std::string_view key, LockMode mode, LockWait wait) override;
  Status Put(ColumnFamily cf, std::string_view key, std::string_view value, bool locked) override;
  Status PutNew(ColumnFamily cf, std::string_view key, std::string_view value) override;
  Status DeleteUncontended(ColumnFamily cf, std::string_view key) override;
  Status Delete(ColumnFamily cf, std::string_view key) override;
  std::unique_ptr<KvIterator> Scan(ColumnFamily cf, std::string_view lower,
                                   std::string_view upper) override;
  std::unique_ptr<KvIterator> ScanLatest(ColumnFamily cf, std::string_view lower,
                                         std::string_view upper) override;
  std::unique_ptr<KvIterator> ScanBackward(ColumnFamily cf, std::string_view lower,
                                           std::string_view upper) override;
  void SetSavePoint() override;
  Status RollbackToSavePoint() override;
  Status ReleaseSavePoint() override;
  void AppendChange(uint32_t relation_id, std::string old_row, std::string new_row,
                    bool logged) override;
  size_t BufferedChangeCount() const override { return changes_.size(); }
  BufferedChange GetBufferedChange(size_t ordinal) const override;
  void OnCommitSequence(std::function<Status(uint64_t sequence)> hook) override;
  uint64_t SnapshotWatermark() const override { return snapshot_watermark_; }
  uint64_t SnapshotVersion() const override;
  void ReadRelationNewerThanSnapshot(uint32_t relation_id, uint64_t version) override;
  Status Commit() override;
  void Rollback() override;

 private:
  struct Change {
    uint32_t relation_id;
    std::string old_row;
    std::string new_row;
    bool logged;
  };
  bool HasLoggedChanges() const;

  // The RocksDB transaction, begun on first use.
  rocksdb::Transaction& Txn();
  // Records that this transaction wrote `key` (see written_keys_).
  void NoteWrite(ColumnFamily cf, std::string_view key);
  // False only if this transaction has surely not written `key`.
  bool MayHaveWritten(ColumnFamily cf, std::string_view key) const;
  bool HasWrites() const;
  // Whether the batch holds a write of `cf` in [lower, upper) (an empty
  // upper: unbounded); pending_new_ is not looked at.
  bool BatchHoldsWritesIn(ColumnFamily cf, std::string_view lower, std::string_view upper);
  // Before a read through the batch of keys in [lower, upper] (an empty upper:
  // unbounded): moves pending_new_ into the batch if some may be in range.
  Status IndexNewWritesBefore(ColumnFamily cf, std::string_view lower, std::string_view upper);
  std::unique_ptr<KvIterator> StartScan(ColumnFamily cf, std::string_view lower,
                                        std::string_view upper,
                                        const rocksdb::ReadOptions& read_options, bool backward);
  // The snapshot reads of `key` in `cf` use: the transaction's, or for a
  // relation read at its own (ReadRelationNewerThanSnapshot) that one.
  rocksdb::ReadOptions SnapshotReadOptions(ColumnFamily cf, std::string_view key) const;
  // Locks (through `lock`) and, if `value` is set, reads `key` at
  // `read_options`, waiting for other holders in slices (see above).
  Status LockAndRead(ColumnFamily cf, std::string_view key,
                     const rocksdb::ReadOptions& read_options, LockMode mode, LockWait wait,
                     bool validate, std::string* value, bool* found, std::string_view what);
  // Runs a locking RocksDB call until it stops timing out on a lock slice,
  // the lock timeout passes, or the statement is interrupted; with kNoWait,
  // once, without waiting.
  // The key is what the wait is for (the deadlock detector's edge).
  Status WaitForLock(const std::function<rocksdb::Status()>& attempt, ColumnFamily cf,
                     std::string_view key, bool exclusive, std::string_view what,
                     LockWait wait = LockWait::kWait);
  // The transaction is over: its xid leaves the lock manager.
  void Finish();
  Status CommitWrites();
  // SERIALIZABLE: a data write after a conflicting commit fails here.
  Status ValidateSerializableWrite(ColumnFamily cf);
  // Tells the SerializableTracker this transaction is over (once).
  void EndSerializable();
  Status CommitWithChanges();
  Status WriteChangesAndCommit(uint64_t sequence);
  // synchronous_commit off: commit without waiting for the WAL sync.
  void UseAsynchronousCommit();
  void ReleaseReadSnapshot();

  RocksStore& store_;
  const bool snapshot_isolation_;
  const bool serializable_;
  int64_t lock_timeout_ms_;  // 0: no limit
  const Interrupt* const interrupt_;
  LockOwner* const lock_owner_;
  bool synchronous_commit_;
  SerializableTracker::Start serializable_start_;  // SerializableTracker::Begin's
  bool serializable_ended_ = false;
  // The tracker position this transaction's reads were last validated at.
  uint64_t validated_position_ = 0;
  ReadSet reads_;                                     // serializable only
  std::vector<std::string> writes_;                   // serializable only
  std::unique_ptr<rocksdb::Transaction> txn_;         // null until Txn() under READ COMMITTED
  const rocksdb::Snapshot* read_snapshot_ = nullptr;  // READ COMMITTED only; owned
  // Relations read at a snapshot of their own (ReadRelationNewerThanSnapshot),
  // one of `newer_snapshots_` (owned, oldest first: a relation keeps the one
  // it got, so its reads repeat).
  std::unordered_map<uint32_t, const rocksdb::Snapshot*> newer_relations_;
  std::vector<const rocksdb::Snapshot*> newer_snapshots_;
  uint64_t snapshot_watermark_ = 0;
  // A bloom filter over the keys written through txn_ (set on first write):
  // GetForUpdate of a key it rules out reads the DB directly instead of
  // searching the write batch's index. Never cleared (a savepoint rollback
  // only makes it answer "maybe" more often).
  std::vector<uint64_t> written_keys_;
  // PutNew's writes, not yet in the batch: keeping a million COPY rows in
  // the batch's index (sorted, for this transaction's own reads) cost the
  // COPY a third of its time. They move into the batch, indexed, before a
  // read through the batch of a relation they are in and before a
  // savepoint; at commit, unindexed (a COPY then COMMIT never indexes).
  // Order stays right: only a read finds these keys, so any later write of
  // one comes after they moved.
  class PendingNewWrites {
   public:
    void Add(ColumnFamily cf, std::string_view key, std::string_view value);
    bool empty() const { return records_.empty(); }
    // Whether some may lie in [lower, upper] of `cf` (empty upper: unbounded).
    bool MayHold(ColumnFamily cf, std::string_view lower, std::string_view upper) const;
    // Puts each into `batch` (through its index, or straight into its
    // WriteBatch) and forgets them.
    Status MoveTo(RocksStore& store, rocksdb::WriteBatchWithIndex& batch, bool indexed);
    void Clear();

   private:
    // Per write: the family's byte, then key and value each after its size.
    std::string records_;
    std::vector<uint32_t> relations_;  // data-family key prefixes among them
    bool other_families_ = false;
  };
  PendingNewWrites pending_new_;
  Status pending_failure_;  // a move at SetSavePoint that failed: Commit fails
  std::vector<Change> changes_;
  // Per savepoint: the sizes of changes_ and writes_ when it was set.
  std::vector<std::function<Status(uint64_t)>> commit_sequence_hooks_;
  // Per savepoint: changes_, writes_ and commit_sequence_hooks_ sizes.
  struct SavePoint {
    size_t changes = 0;
    size_t writes = 0;
    size_t hooks = 0;
  };
  std::vector<SavePoint> savepoints_;
  bool finished_ = false;
};

}  // namespace basalt::storage
