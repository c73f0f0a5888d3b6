#include "storage/rocksdb_transaction.h"

#include <functional>

#include <rocksdb/utilities/write_batch_with_index.h>

#include "storage/changelog.h"
#include "storage/coding.h"
#include "storage/rocksdb_status.h"

namespace basalt::storage {
namespace {

rocksdb::Slice ToSlice(std::string_view s) {
  return rocksdb::Slice(s.data(), s.size());
}

// Bounds live in the iterator because RocksDB keeps pointers to them.
class RocksKvIterator final : public KvIterator {
 public:
  RocksKvIterator(std::string lower, std::string upper)
      : lower_(std::move(lower)), upper_(std::move(upper)) {}

  // Through the transaction: its own writes are merged in by a delta
  // iterator. Without a transaction: the snapshot in `read_options` only.
  void Start(rocksdb::Transaction* txn, rocksdb::TransactionDB* db,
             rocksdb::ReadOptions read_options, rocksdb::ColumnFamilyHandle* handle) {
    lower_slice_ = rocksdb::Slice(lower_);
    upper_slice_ = rocksdb::Slice(upper_);
    read_options.iterate_lower_bound = &lower_slice_;
    if (!upper_.empty()) read_options.iterate_upper_bound = &upper_slice_;
    check_upper_ = txn != nullptr && !upper_.empty();
    it_.reset(txn != nullptr ? txn->GetIterator(read_options, handle)
                             : db->NewIterator(read_options, handle));
    it_->Seek(lower_slice_);
  }

  bool Valid() const override {
    // A delta iterator merges in the transaction's writes; check the upper
    // bound here too rather than rely on every layer honouring it.
    return it_->Valid() && (!check_upper_ || it_->key().compare(upper_slice_) < 0);
  }
  void Next() override { it_->Next(); }
  std::string_view key() const override {
    rocksdb::Slice k = it_->key();
    return {k.data(), k.size()};
  }
  std::string_view value() const override {
    rocksdb::Slice v = it_->value();
    return {v.data(), v.size()};
  }
  Status status() const override { return FromRocks(it_->status(), "scan"); }

 private:
  std::string lower_;
  std::string upper_;
  rocksdb::Slice lower_slice_;
  rocksdb::Slice upper_slice_;
  bool check_upper_ = false;
  std::unique_ptr<rocksdb::Iterator> it_;
};

constexpr size_t kWrittenKeyFilterBits = size_t{1} << 16;  // 8 KiB per writing transaction

uint64_t KeyHash(ColumnFamily cf, std::string_view key) {
  return std::hash<std::string_view>()(key) ^ (static_cast<uint64_t>(cf) * 0x9E3779B97F4A7C15ull);
}

}  // namespace

RocksTransaction::RocksTransaction(RocksStore& store, const TransactionOptions& options)
    : store_(store),
      snapshot_isolation_(options.isolation != IsolationLevel::kReadCommitted),
      lock_timeout_ms_(options.lock_timeout_ms) {
  // The RocksDB transaction owns the snapshot under snapshot isolation, so it
  // starts now; under READ COMMITTED it waits for the first write or lock.
  if (snapshot_isolation_) {
    (void)Txn();
  } else {
    read_snapshot_ = store.db()->GetSnapshot();
  }
}

rocksdb::Transaction& RocksTransaction::Txn() {
  if (txn_ == nullptr) {
    rocksdb::WriteOptions write_options;
    write_options.sync = store_.options().sync_commits;
    rocksdb::TransactionOptions txn_options;
    txn_options.set_snapshot = snapshot_isolation_;
    txn_options.deadlock_detect = true;
    txn_options.lock_timeout = lock_timeout_ms_;  // negative: the DB default
    txn_.reset(store_.db()->BeginTransaction(write_options, txn_options));
  }
  return *txn_;
}

void RocksTransaction::NoteWrite(ColumnFamily cf, std::string_view key) {
  if (written_keys_.empty()) written_keys_.assign(kWrittenKeyFilterBits / 64, 0);
  const uint64_t h = KeyHash(cf, key);
  for (uint64_t bit : {h % kWrittenKeyFilterBits, (h >> 32) % kWrittenKeyFilterBits}) {
    written_keys_[bit / 64] |= uint64_t{1} << (bit % 64);
  }
}

bool RocksTransaction::MayHaveWritten(ColumnFamily cf, std::string_view key) const {
  if (written_keys_.empty()) return false;
  const uint64_t h = KeyHash(cf, key);
  for (uint64_t bit : {h % kWrittenKeyFilterBits, (h >> 32) % kWrittenKeyFilterBits}) {
    if ((written_keys_[bit / 64] & (uint64_t{1} << (bit % 64))) == 0) return false;
  }
  return true;
}

bool RocksTransaction::HasWrites() const {
  return txn_ != nullptr && txn_->GetWriteBatch()->GetWriteBatch()->Count() != 0;
}

RocksTransaction::~RocksTransaction() {
  if (!finished_) Rollback();
  ReleaseReadSnapshot();
}

void RocksTransaction::ReleaseReadSnapshot() {
  if (read_snapshot_ != nullptr) {
    store_.db()->ReleaseSnapshot(read_snapshot_);
    read_snapshot_ = nullptr;
  }
}

void RocksTransaction::RefreshSnapshot() {
  if (snapshot_isolation_) {
    txn_->SetSnapshot();
    return;
  }
  ReleaseReadSnapshot();
  read_snapshot_ = store_.db()->GetSnapshot();
}

rocksdb::ReadOptions RocksTransaction::SnapshotReadOptions() const {
  rocksdb::ReadOptions read_options;
  read_options.snapshot = snapshot_isolation_ ? txn_->GetSnapshot() : read_snapshot_;
  return read_options;
}

Status RocksTransaction::Get(ColumnFamily cf, std::string_view key, std::string* value,
                             bool* found) {
  // Without a RocksDB transaction there is nothing of our own to read back.
  rocksdb::Status s =
      txn_ != nullptr
          ? txn_->Get(SnapshotReadOptions(), store_.handle(cf), ToSlice(key), value)
          : store_.db()->Get(SnapshotReadOptions(), store_.handle(cf), ToSlice(key), value);
  *found = s.ok();
  return s.IsNotFound() ? Status::OK() : FromRocks(s, "read");
}

Status RocksTransaction::GetForUpdate(ColumnFamily cf, std::string_view key, std::string* value,
                                      bool* found) {
  rocksdb::ReadOptions read_options;
  if (snapshot_isolation_) read_options.snapshot = txn_->GetSnapshot();
  // READ COMMITTED reads the latest committed version once the lock is held
  // and does not validate against a snapshot.
  rocksdb::Transaction& txn = Txn();
  rocksdb::Status s;
  if (MayHaveWritten(cf, key)) {
    s = txn.GetForUpdate(read_options, store_.handle(cf), ToSlice(key), value,
                         /*exclusive=*/true, /*do_validate=*/snapshot_isolation_);
  } else {
    // Not in our write batch: lock the key, then read the DB as GetForUpdate
    // would, without searching the batch's index.
    s = txn.GetForUpdate(read_options, store_.handle(cf), ToSlice(key),
                         static_cast<std::string*>(nullptr),
                         /*exclusive=*/true, /*do_validate=*/snapshot_isolation_);
    if (s.ok()) s = store_.db()->Get(read_options, store_.handle(cf), ToSlice(key), value);
  }
  *found = s.ok();
  return s.IsNotFound() ? Status::OK() : FromRocks(s, "read for update");
}

Status RocksTransaction::Put(ColumnFamily cf, std::string_view key, std::string_view value) {
  NoteWrite(cf, key);
  return FromRocks(Txn().Put(store_.handle(cf), ToSlice(key), ToSlice(value)), "write");
}

Status RocksTransaction::Delete(ColumnFamily cf, std::string_view key) {
  NoteWrite(cf, key);
  return FromRocks(Txn().Delete(store_.handle(cf), ToSlice(key)), "delete");
}

std::unique_ptr<KvIterator> RocksTransaction::Scan(ColumnFamily cf, std::string_view lower,
                                                   std::string_view upper) {
  auto it = std::make_unique<RocksKvIterator>(std::string(lower), std::string(upper));
  // A transaction that has written nothing yet has nothing to merge: a plain
  // snapshot iterator skips the delta iterator's per-row work. Writes made
  // while it runs stay invisible to it (INSERT ... SELECT from the same table
  // never meets its own rows).
  it->Start(HasWrites() ? txn_.get() : nullptr, store_.db(), SnapshotReadOptions(),
            store_.handle(cf));
  return it;
}

void RocksTransaction::SetSavePoint() {
  Txn().SetSavePoint();
  savepoint_change_counts_.push_back(changes_.size());
}

Status RocksTransaction::RollbackToSavePoint() {
  if (savepoint_change_counts_.empty()) return Status::Internal("no savepoint to roll back to");
  rocksdb::Status s = txn_->RollbackToSavePoint();
  if (!s.ok()) return FromRocks(s, "rollback to savepoint");
  changes_.resize(savepoint_change_counts_.back());
  savepoint_change_counts_.pop_back();
  return Status::OK();
}

void RocksTransaction::AppendChange(uint32_t relation_id, std::string old_row,
                                    std::string new_row) {
  changes_.push_back(Change{relation_id, std::move(old_row), std::move(new_row)});
}

Status RocksTransaction::Commit() {
  if (finished_) return Status::Internal("transaction already finished");
  if (changes_.empty() && !HasWrites()) {
    // Nothing to make durable: a read-only transaction must not pay for a
    // WAL write and fsync (every SELECT runs in one).
    if (txn_ != nullptr) (void)txn_->Rollback();
    finished_ = true;
    return Status::OK();
  }
  Status s = changes_.empty() ? FromRocks(Txn().Commit(), "commit") : CommitWithChanges();
  if (!s.ok()) {
    Rollback();
    return s;
  }
  finished_ = true;
  return Status::OK();
}

Status RocksTransaction::CommitWithChanges() {
  // The sequence is taken and the commit made under one mutex, so sequence
  // order is commit order: a reader that has seen sequence S can never later
  // find a smaller one appear.
  rocksdb::Transaction& txn = Txn();
  std::lock_guard<std::mutex> lock(store_.commit_mutex());
  uint64_t sequence = store_.NextCommitSequenceLocked();
  std::string value;
  for (size_t i = 0; i < changes_.size(); ++i) {
    const Change& c = changes_[i];
    std::string key = EncodeChangelogKey({c.relation_id, sequence, static_cast<uint32_t>(i)});
    EncodeChange(c.old_row, c.new_row, &value);
    // Untracked: these keys are new and the mutex serializes their writers,
    // and snapshot validation must not fail a REPEATABLE READ commit on them.
    rocksdb::Status s = txn.PutUntracked(store_.handle(ColumnFamily::kChangelog), key, value);
    if (!s.ok()) return FromRocks(s, "write change log");
  }
  std::string encoded;
  AppendBigEndian64(sequence, &encoded);
  rocksdb::Status s = txn.PutUntracked(store_.handle(ColumnFamily::kMeta),
                                       ToSlice(kCommitSequenceMetaKey), encoded);
  if (s.ok()) s = txn.Commit();
  if (!s.ok()) return FromRocks(s, "commit");
  store_.CommittedSequenceLocked(sequence);
  return Status::OK();
}

void RocksTransaction::Rollback() {
  if (finished_) return;
  if (txn_ != nullptr) (void)txn_->Rollback();
  changes_.clear();
  savepoint_change_counts_.clear();
  finished_ = true;
}

}  // namespace basalt::storage
