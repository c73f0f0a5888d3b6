// RocksStore: the KvStore implementation over a RocksDB TransactionDB behind
// the encrypting Env. Private to storage/: other modules see KvStore.
#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include <rocksdb/utilities/transaction_db.h>

#include "storage/encryption/encrypted_env.h"
#include "storage/kv_store.h"
#include "storage/serializable_tracker.h"

namespace basalt::storage {

// The meta key holding the last assigned commit sequence.
inline constexpr std::string_view kCommitSequenceMetaKey = "commit_sequence";

class RocksStore final : public KvStore {
 public:
  static Result<std::unique_ptr<KvStore>> Open(const StoreOptions& options);
  ~RocksStore() override;

  std::unique_ptr<Transaction> Begin() override;
  std::unique_ptr<Transaction> Begin(const TransactionOptions& options) override;
  Status DeleteRange(ColumnFamily cf, std::string_view begin, std::string_view end) override;
  Result<uint64_t> NextCounterValue(std::string_view counter_name) override;
  Result<uint64_t> NextRowId(uint32_t relation_id) override;
  Status FlushAndCompact() override;
  uint64_t LastCommitSequence() const override { return last_commit_sequence_.load(); }
  LockManager& locks() override { return locks_; }

  // For RocksTransaction.
  rocksdb::TransactionDB* db() { return db_; }
  rocksdb::ColumnFamilyHandle* handle(ColumnFamily cf) { return handles_[static_cast<size_t>(cf)]; }
  const StoreOptions& options() const { return options_; }
  // Held while a transaction with change records takes the next commit
  // sequence and commits, so sequences are assigned in commit order.
  std::mutex& commit_mutex() { return commit_mutex_; }
  // REQUIRES: commit_mutex() held.
  uint64_t NextCommitSequenceLocked() const { return last_commit_sequence_.load() + 1; }
  void CommittedSequenceLocked(uint64_t sequence) { last_commit_sequence_.store(sequence); }
  SerializableTracker& serializable_tracker() { return serializable_tracker_; }

 private:
  explicit RocksStore(const StoreOptions& options)
      : options_(options), locks_([this] { return KeyLocks(); }) {}
  // Every key lock RocksDB holds, for the deadlock detector.
  std::vector<HeldKeyLock> KeyLocks();
  Status OpenDb();
  // Adds `count` to the durable counter under `key` in meta and returns the
  // first of the `count` values now reserved.
  Result<uint64_t> Reserve(const std::string& key, uint64_t count);

  StoreOptions options_;
  EncryptedEnv env_;  // declared before db_: destroyed after it
  std::shared_ptr<rocksdb::Logger> logger_;
  rocksdb::TransactionDB* db_ = nullptr;
  rocksdb::ColumnFamilyHandle* default_handle_ = nullptr;
  std::array<rocksdb::ColumnFamilyHandle*, 4> handles_{};

  LockManager locks_;
  std::mutex commit_mutex_;
  SerializableTracker serializable_tracker_;
  std::atomic<uint64_t> last_commit_sequence_{0};

  std::mutex counter_mutex_;  // serializes read-modify-write of meta counters

  struct RowIdBlock {
    uint64_t next = 0;
    uint64_t limit = 0;  // exclusive
  };
  std::mutex row_id_mutex_;
  std::unordered_map<uint32_t, RowIdBlock> row_id_blocks_;  // GUARDED_BY(row_id_mutex_)
};

}  // namespace basalt::storage
