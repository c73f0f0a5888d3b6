// RocksStore: the KvStore implementation over a RocksDB TransactionDB behind
// the encrypting Env. Private to storage/: other modules see KvStore.
#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include <rocksdb/utilities/transaction_db.h>

#include "storage/commit_sequencer.h"
#include "storage/data_dir_lock.h"
#include "storage/encryption/encrypted_env.h"
#include "storage/kv_store.h"
#include "storage/serializable_tracker.h"
#include "storage/temp_files.h"

namespace basalt::storage {

// The meta key holding the end of the last reserved block of commit
// sequences (see CommitSequencer).
inline constexpr std::string_view kCommitSequenceMetaKey = "commit_sequence";

class RocksStore final : public KvStore {
 public:
  static Result<std::unique_ptr<KvStore>> Open(const StoreOptions& options);
  ~RocksStore() override;

  std::unique_ptr<Transaction> Begin() override;
  std::unique_ptr<Transaction> Begin(const TransactionOptions& options) override;
  Status DeleteRange(ColumnFamily cf, std::string_view begin, std::string_view end) override;
  uint64_t ApproximateSize(ColumnFamily cf, std::string_view begin, std::string_view end) override;
  Status WriteUnlocked(ColumnFamily cf,
                       const std::vector<std::pair<std::string, std::string>>& entries,
                       bool sync) override;
  Result<std::unique_ptr<SortedLoad>> BeginSortedLoad(ColumnFamily cf) override;
  Result<uint64_t> NextCounterValue(std::string_view counter_name) override;
  Result<uint64_t> NextCounterValues(std::string_view counter_name, uint64_t count) override;
  Result<uint64_t> NextRowId(uint32_t relation_id) override;
  Status FlushAndCompact() override;
  Backlog CompactionBacklog() const override;
  uint64_t LastCommitSequence() const override { return commit_sequencer_.Watermark(); }
  uint64_t CurrentVersion() const override { return db_->GetLatestSequenceNumber(); }
  LockManager& locks() override { return locks_; }
  TempFileService& temp_files() override { return *temp_files_; }

  // For RocksTransaction.
  rocksdb::TransactionDB* db() { return db_; }
  rocksdb::ColumnFamilyHandle* handle(ColumnFamily cf) { return handles_[static_cast<size_t>(cf)]; }
  const StoreOptions& options() const { return options_; }
  // Commit sequences of transactions with change records: the next one
  // (durably reserved); CommitSequencer::Finish it when its commit is over.
  Result<uint64_t> ReserveCommitSequence();
  CommitSequencer& commit_sequencer() { return commit_sequencer_; }
  SerializableTracker& serializable_tracker() { return serializable_tracker_; }
  // A commit made with synchronous_commit off: the background sync will
  // sync the WAL within wal_sync_interval_ms.
  void NoteUnsyncedCommit() { unsynced_commits_.store(true, std::memory_order_relaxed); }

 private:
  explicit RocksStore(const StoreOptions& options)
      : options_(options), locks_([this] { return KeyLocks(); }) {}
  // Every key lock RocksDB holds, for the deadlock detector.
  std::vector<HeldKeyLock> KeyLocks();
  Status OpenDb();
  // Adds `count` to the durable counter under `key` in meta and returns the
  // first of the `count` values now reserved.
  Result<uint64_t> Reserve(const std::string& key, uint64_t count);

  // Syncs the WAL every wal_sync_interval_ms if NoteUnsyncedCommit was called.
  void WalSyncLoop();
  void StopWalSync();

  StoreOptions options_;
  std::unique_ptr<DataDirLock> dir_lock_;  // declared first: released last
  std::unique_ptr<TempFileService> temp_files_;
  EncryptedEnv env_;  // declared before db_: destroyed after it
  std::shared_ptr<rocksdb::Logger> logger_;
  rocksdb::TransactionDB* db_ = nullptr;
  rocksdb::ColumnFamilyHandle* default_handle_ = nullptr;
  std::array<rocksdb::ColumnFamilyHandle*, 4> handles_{};

  LockManager locks_;
  std::atomic<uint64_t> sorted_loads_{0};  // names the load files
  CommitSequencer commit_sequencer_;
  SerializableTracker serializable_tracker_;

  std::atomic<bool> unsynced_commits_{false};
  std::mutex wal_sync_mutex_;
  std::condition_variable wal_sync_stop_;
  bool wal_sync_stopping_ = false;  // GUARDED_BY(wal_sync_mutex_)
  std::thread wal_sync_thread_;

  std::mutex counter_mutex_;  // serializes read-modify-write of meta counters

  struct RowIdBlock {
    uint64_t next = 0;
    uint64_t limit = 0;  // exclusive
    uint64_t size = 0;   // of the last block reserved
  };
  std::mutex row_id_mutex_;
  std::unordered_map<uint32_t, RowIdBlock> row_id_blocks_;  // GUARDED_BY(row_id_mutex_)
};

}  // namespace basalt::storage
