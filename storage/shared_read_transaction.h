// SharedReadTransaction: one transaction's reads shared by the threads of a
// parallel query (sql/execution/parallel_aggregate.h). The transaction's
// own bookkeeping (pending writes indexed on first read, a SERIALIZABLE
// transaction's read set) is not thread-safe, so every call that starts a
// read runs under one mutex; the iterators it returns are each used by one
// thread and read without it. A parallel query only reads: writes and row
// locks fail with XX000, as they would be a planner bug.
#pragma once

#include <mutex>

#include "storage/transaction.h"

namespace basalt::storage {

class SharedReadTransaction final : public Transaction {
 public:
  explicit SharedReadTransaction(Transaction& txn) : txn_(txn) {}

  void RefreshSnapshot() override;
  uint64_t SnapshotWatermark() const override;
  uint64_t SnapshotVersion() const override;
  void ReadRelationNewerThanSnapshot(uint32_t relation_id, uint64_t version) override;
  void SetLockTimeout(int64_t ms) override;
  void SetSynchronousCommit(bool on) override;

  Status Get(ColumnFamily cf, std::string_view key, std::string* value, bool* found) override;
  Status GetLatest(ColumnFamily cf, std::string_view key, std::string* value, bool* found) override;
  Status GetForUpdate(ColumnFamily cf, std::string_view key, std::string* value, bool* found,
                      LockMode mode, LockWait wait) override;
  Status GetLatestForUpdate(ColumnFamily cf, std::string_view key, std::string* value,
                            bool* found) override;
  Status Lock(ColumnFamily cf, std::string_view key, LockMode mode, LockWait wait) override;
  Status Put(ColumnFamily cf, std::string_view key, std::string_view value, bool locked) override;
  Status PutNew(ColumnFamily cf, std::string_view key, std::string_view value) override;
  Status Delete(ColumnFamily cf, std::string_view key) override;
  Status DeleteUncontended(ColumnFamily cf, std::string_view key) override;
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
  size_t BufferedChangeCount() const override;
  BufferedChange GetBufferedChange(size_t ordinal) const override;
  void OnCommitSequence(std::function<Status(uint64_t sequence)> hook) override;
  Status Commit() override;
  void Rollback() override;

 private:
  Transaction& txn_;
  mutable std::mutex mutex_;
};

}  // namespace basalt::storage
