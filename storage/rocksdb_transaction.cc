#include "storage/rocksdb_transaction.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <functional>
#include <limits>

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
  RocksKvIterator(std::string lower, std::string upper, bool backward = false)
      : lower_(std::move(lower)), upper_(std::move(upper)), backward_(backward) {}

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
    if (!backward_) {
      it_->Seek(lower_slice_);
    } else if (upper_.empty()) {
      it_->SeekToLast();
    } else {
      // The last key at or before the (exclusive) upper bound, then below it.
      it_->SeekForPrev(upper_slice_);
      if (it_->Valid() && it_->key().compare(upper_slice_) >= 0) it_->Prev();
    }
  }

  // The scan could not start: not valid, with `status` as its status.
  void Fail(Status status) { failure_ = std::move(status); }

  bool Valid() const override {
    // A delta iterator merges in the transaction's writes; check the bounds
    // here too rather than rely on every layer honouring them.
    if (it_ == nullptr || !it_->Valid()) return false;
    if (backward_) {
      return it_->key().compare(lower_slice_) >= 0 &&
             (upper_.empty() || it_->key().compare(upper_slice_) < 0);
    }
    return !check_upper_ || it_->key().compare(upper_slice_) < 0;
  }
  void Next() override {
    if (backward_) {
      it_->Prev();
    } else {
      it_->Next();
    }
  }
  std::string_view key() const override {
    rocksdb::Slice k = it_->key();
    return {k.data(), k.size()};
  }
  std::string_view value() const override {
    rocksdb::Slice v = it_->value();
    return {v.data(), v.size()};
  }
  Status status() const override {
    return it_ == nullptr ? failure_ : FromRocks(it_->status(), "scan");
  }

 private:
  std::string lower_;
  std::string upper_;
  bool backward_;
  rocksdb::Slice lower_slice_;
  rocksdb::Slice upper_slice_;
  bool check_upper_ = false;
  std::unique_ptr<rocksdb::Iterator> it_;  // null when the scan failed to start
  Status failure_;
};

// How long one RocksDB lock wait lasts before the transaction looks at its
// Interrupt and lock timeout again (the latency of a cancel during a wait).
constexpr int64_t kLockWaitSliceMs = 20;

constexpr size_t kWrittenKeyFilterBits = size_t{1} << 16;  // 8 KiB per writing transaction

uint64_t KeyHash(ColumnFamily cf, std::string_view key) {
  return std::hash<std::string_view>()(key) ^ (static_cast<uint64_t>(cf) * 0x9E3779B97F4A7C15ull);
}

}  // namespace

RocksTransaction::RocksTransaction(RocksStore& store, const TransactionOptions& options)
    : store_(store),
      snapshot_isolation_(options.isolation != IsolationLevel::kReadCommitted),
      serializable_(options.isolation == IsolationLevel::kSerializable),
      lock_timeout_ms_(options.lock_timeout_ms >= 0 ? options.lock_timeout_ms
                                                    : store.options().lock_timeout_ms),
      interrupt_(options.interrupt),
      lock_owner_(options.lock_owner),
      synchronous_commit_(options.synchronous_commit) {
  // The RocksDB transaction owns the snapshot under snapshot isolation, so it
  // starts now; under READ COMMITTED it waits for the first write or lock.
  snapshot_watermark_ = store.LastCommitSequence();
  if (serializable_) {
    serializable_start_ = store.serializable_tracker().Begin([this] { (void)Txn(); });
    // Commits that were under way at the snapshot are checked at the first write.
    validated_position_ = serializable_start_.visible;
  } else if (snapshot_isolation_) {
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
    // With a lock owner, the lock manager's detector breaks cycles (after
    // deadlock_timeout, through relation and advisory locks too).
    txn_options.deadlock_detect = lock_owner_ == nullptr;
    txn_options.lock_timeout = kLockWaitSliceMs;
    txn_.reset(store_.db()->BeginTransaction(write_options, txn_options));
    if (lock_owner_ != nullptr) {
      store_.locks().StartStorageTransaction(*lock_owner_, txn_->GetID());
    }
  }
  return *txn_;
}

Status RocksTransaction::WaitForLock(const std::function<rocksdb::Status()>& attempt,
                                     ColumnFamily cf, std::string_view key, bool exclusive,
                                     std::string_view what, LockWait wait) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  auto next_deadlock_check = Clock::time_point::max();
  bool registered = false;  // as a waiter with the lock manager
  struct EndWait {
    RocksTransaction* self;
    bool* registered;
    ~EndWait() {
      if (*registered) self->store_.locks().EndRowWait(*self->lock_owner_);
    }
  } end_wait{this, &registered};
  while (true) {
    if (wait == LockWait::kNoWait) txn_->SetLockTimeout(0);
    rocksdb::Status s = attempt();
    if (wait == LockWait::kNoWait) txn_->SetLockTimeout(kLockWaitSliceMs);
    const bool timed_out =
        s.IsTimedOut() || (s.IsBusy() && s.subcode() == rocksdb::Status::SubCode::kLockTimeout);
    if (s.IsNotFound()) return Status::OK();  // a lock on an absent key: the caller reads
    if (!timed_out) return FromRocks(s, what);
    if (wait == LockWait::kNoWait) {
      return Status::Error(sqlstate::kLockNotAvailable, "could not obtain lock on row");
    }
    if (interrupt_ != nullptr) BASALT_RETURN_IF_ERROR(interrupt_->Check());
    const auto now = Clock::now();
    if (lock_timeout_ms_ > 0 && now - started >= std::chrono::milliseconds(lock_timeout_ms_)) {
      return Status::Error(sqlstate::kLockNotAvailable, "canceling statement due to lock timeout");
    }
    if (lock_owner_ == nullptr) continue;
    LockManager& locks = store_.locks();
    if (!registered) {
      locks.BeginRowWait(*lock_owner_, store_.handle(cf)->GetID(), key, exclusive);
      registered = true;
      next_deadlock_check = started + std::chrono::milliseconds(lock_owner_->deadlock_timeout_ms());
    } else if (now >= next_deadlock_check) {
      BASALT_RETURN_IF_ERROR(locks.CheckDeadlock(*lock_owner_));
      next_deadlock_check = now + std::chrono::milliseconds(lock_owner_->deadlock_timeout_ms());
    }
  }
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
  return txn_ != nullptr &&
         (!pending_new_.empty() || txn_->GetWriteBatch()->GetWriteBatch()->Count() != 0);
}

bool RocksTransaction::BatchHoldsWritesIn(ColumnFamily cf, std::string_view lower,
                                          std::string_view upper) {
  std::unique_ptr<rocksdb::WBWIIterator> it(txn_->GetWriteBatch()->NewIterator(store_.handle(cf)));
  it->Seek(ToSlice(lower));
  return it->Valid() && (upper.empty() || it->Entry().key.compare(ToSlice(upper)) < 0);
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
  for (const rocksdb::Snapshot* snapshot : newer_snapshots_) store_.db()->ReleaseSnapshot(snapshot);
  newer_snapshots_.clear();
}

void RocksTransaction::ReadRelationNewerThanSnapshot(uint32_t relation_id, uint64_t version) {
  if (!snapshot_isolation_) return;
  auto held = newer_relations_.find(relation_id);
  const rocksdb::Snapshot* snapshot =
      held != newer_relations_.end() ? held->second : Txn().GetSnapshot();
  if (snapshot != nullptr && snapshot->GetSequenceNumber() >= version) return;
  // The newest snapshot taken so far serves every relation it is new enough for.
  if (newer_snapshots_.empty() || newer_snapshots_.back()->GetSequenceNumber() < version) {
    newer_snapshots_.push_back(store_.db()->GetSnapshot());
  }
  newer_relations_[relation_id] = newer_snapshots_.back();
}

uint64_t RocksTransaction::SnapshotVersion() const {
  const rocksdb::Snapshot* snapshot = !snapshot_isolation_ ? read_snapshot_
                                      : txn_ != nullptr    ? txn_->GetSnapshot()
                                                           : nullptr;
  return snapshot != nullptr ? snapshot->GetSequenceNumber() : store_.CurrentVersion();
}

void RocksTransaction::RefreshSnapshot() {
  snapshot_watermark_ = store_.LastCommitSequence();
  if (snapshot_isolation_) {
    txn_->SetSnapshot();
    return;
  }
  ReleaseReadSnapshot();
  read_snapshot_ = store_.db()->GetSnapshot();
}

rocksdb::ReadOptions RocksTransaction::SnapshotReadOptions(ColumnFamily cf,
                                                           std::string_view key) const {
  rocksdb::ReadOptions read_options;
  read_options.snapshot = snapshot_isolation_ ? txn_->GetSnapshot() : read_snapshot_;
  if (!newer_relations_.empty() && cf == ColumnFamily::kData && key.size() >= 4) {
    auto held = newer_relations_.find(static_cast<uint32_t>(ReadBigEndian(key, 4)));
    if (held != newer_relations_.end()) read_options.snapshot = held->second;
  }
  return read_options;
}

Status RocksTransaction::Get(ColumnFamily cf, std::string_view key, std::string* value,
                             bool* found) {
  BASALT_RETURN_IF_ERROR(IndexNewWritesBefore(cf, key, key));
  // Without a RocksDB transaction there is nothing of our own to read back.
  rocksdb::Status s =
      txn_ != nullptr
          ? txn_->Get(SnapshotReadOptions(cf, key), store_.handle(cf), ToSlice(key), value)
          : store_.db()->Get(SnapshotReadOptions(cf, key), store_.handle(cf), ToSlice(key), value);
  *found = s.ok();
  if (serializable_ && cf == ColumnFamily::kData) reads_.keys.emplace_back(key);
  return s.IsNotFound() ? Status::OK() : FromRocks(s, "read");
}

Status RocksTransaction::GetLatest(ColumnFamily cf, std::string_view key, std::string* value,
                                   bool* found) {
  BASALT_RETURN_IF_ERROR(IndexNewWritesBefore(cf, key, key));
  const rocksdb::ReadOptions latest;
  rocksdb::Status s = txn_ != nullptr
                          ? txn_->Get(latest, store_.handle(cf), ToSlice(key), value)
                          : store_.db()->Get(latest, store_.handle(cf), ToSlice(key), value);
  *found = s.ok();
  return s.IsNotFound() ? Status::OK() : FromRocks(s, "read");
}

Status RocksTransaction::LockAndRead(ColumnFamily cf, std::string_view key,
                                     const rocksdb::ReadOptions& read_options, LockMode mode,
                                     LockWait wait, bool validate, std::string* value, bool* found,
                                     std::string_view what) {
  rocksdb::Transaction& txn = Txn();
  rocksdb::ColumnFamilyHandle* handle = store_.handle(cf);
  // The lock is taken without reading; then a key we may have written is
  // read through the write batch, any other straight from the DB (without
  // searching the batch's index).
  BASALT_RETURN_IF_ERROR(WaitForLock(
      [&] {
        return txn.GetForUpdate(read_options, handle, ToSlice(key),
                                static_cast<std::string*>(nullptr),
                                /*exclusive=*/mode == LockMode::kExclusive, validate);
      },
      cf, key, mode == LockMode::kExclusive, what, wait));
  if (value == nullptr) return Status::OK();
  BASALT_RETURN_IF_ERROR(IndexNewWritesBefore(cf, key, key));
  rocksdb::Status s = MayHaveWritten(cf, key)
                          ? txn.Get(read_options, handle, ToSlice(key), value)
                          : store_.db()->Get(read_options, handle, ToSlice(key), value);
  *found = s.ok();
  return s.IsNotFound() ? Status::OK() : FromRocks(s, what);
}

Status RocksTransaction::GetForUpdate(ColumnFamily cf, std::string_view key, std::string* value,
                                      bool* found, LockMode mode, LockWait wait) {
  rocksdb::ReadOptions read_options;
  // READ COMMITTED reads the latest committed version once the lock is held
  // and does not validate against a snapshot.
  if (snapshot_isolation_) read_options.snapshot = Txn().GetSnapshot();
  return LockAndRead(cf, key, read_options, mode, wait, snapshot_isolation_, value, found,
                     "read for update");
}

Status RocksTransaction::GetLatestForUpdate(ColumnFamily cf, std::string_view key,
                                            std::string* value, bool* found) {
  return LockAndRead(cf, key, rocksdb::ReadOptions(), LockMode::kExclusive, LockWait::kWait,
                     /*validate=*/false, value, found, "read for update");
}

Status RocksTransaction::Lock(ColumnFamily cf, std::string_view key, LockMode mode, LockWait wait) {
  return LockAndRead(cf, key, rocksdb::ReadOptions(), mode, wait, /*validate=*/false, nullptr,
                     nullptr, "lock");
}

Status RocksTransaction::Put(ColumnFamily cf, std::string_view key, std::string_view value,
                             bool locked) {
  BASALT_RETURN_IF_ERROR(ValidateSerializableWrite(cf));
  NoteWrite(cf, key);
  rocksdb::Transaction& txn = Txn();
  BASALT_RETURN_IF_ERROR(WaitForLock(
      [&] { return txn.Put(store_.handle(cf), ToSlice(key), ToSlice(value), locked); }, cf, key,
      /*exclusive=*/true, "write"));
  if (serializable_ && cf == ColumnFamily::kData) writes_.emplace_back(key);
  return Status::OK();
}

Status RocksTransaction::PutNew(ColumnFamily cf, std::string_view key, std::string_view value) {
  BASALT_RETURN_IF_ERROR(ValidateSerializableWrite(cf));
  NoteWrite(cf, key);
  // Nobody can wait for or conflict on a key that did not exist: no lock is
  // taken (RocksDB's PutUntracked would still lock and track it, which costs
  // a bulk load as much as the write), and the write waits in pending_new_.
  (void)Txn();
  pending_new_.Add(cf, key, value);
  if (serializable_ && cf == ColumnFamily::kData) writes_.emplace_back(key);
  return Status::OK();
}

Status RocksTransaction::DeleteUncontended(ColumnFamily cf, std::string_view key) {
  BASALT_RETURN_IF_ERROR(ValidateSerializableWrite(cf));
  NoteWrite(cf, key);
  // As PutNew: straight into the batch, past the lock table; and past the
  // batch's index too (as RocksDB's DisableIndexing writes): nothing reads a
  // collected record again, and indexing 10,000 deletes cost a refresh a
  // quarter of its time.
  return FromRocks(Txn().GetWriteBatch()->GetWriteBatch()->Delete(store_.handle(cf), ToSlice(key)),
                   "delete");
}

Status RocksTransaction::Delete(ColumnFamily cf, std::string_view key) {
  BASALT_RETURN_IF_ERROR(ValidateSerializableWrite(cf));
  NoteWrite(cf, key);
  rocksdb::Transaction& txn = Txn();
  BASALT_RETURN_IF_ERROR(WaitForLock([&] { return txn.Delete(store_.handle(cf), ToSlice(key)); },
                                     cf, key,
                                     /*exclusive=*/true, "delete"));
  if (serializable_ && cf == ColumnFamily::kData) writes_.emplace_back(key);
  return Status::OK();
}

void RocksTransaction::PendingNewWrites::Add(ColumnFamily cf, std::string_view key,
                                             std::string_view value) {
  records_.push_back(static_cast<char>(cf));
  for (std::string_view part : {key, value}) {
    const auto size = static_cast<uint32_t>(part.size());
    records_.append(reinterpret_cast<const char*>(&size), sizeof(size));
    records_.append(part);
  }
  if (cf != ColumnFamily::kData || key.size() < 4) {
    other_families_ = true;
    return;
  }
  const auto relation = static_cast<uint32_t>(ReadBigEndian(key, 4));
  if (std::find(relations_.begin(), relations_.end(), relation) == relations_.end()) {
    relations_.push_back(relation);
  }
}

bool RocksTransaction::PendingNewWrites::MayHold(ColumnFamily cf, std::string_view lower,
                                                 std::string_view upper) const {
  if (records_.empty()) return false;
  if (other_families_ || cf != ColumnFamily::kData) return other_families_;
  // Relations are key prefixes: [lower, upper] spans those from lower's to
  // upper's (an empty upper bound: to the end).
  const uint32_t first = lower.size() >= 4 ? static_cast<uint32_t>(ReadBigEndian(lower, 4)) : 0;
  const uint32_t last = upper.size() >= 4 ? static_cast<uint32_t>(ReadBigEndian(upper, 4))
                                          : std::numeric_limits<uint32_t>::max();
  return std::any_of(relations_.begin(), relations_.end(),
                     [&](uint32_t r) { return r >= first && r <= last; });
}

Status RocksTransaction::PendingNewWrites::MoveTo(RocksStore& store,
                                                  rocksdb::WriteBatchWithIndex& batch,
                                                  bool indexed) {
  std::string_view input = records_;
  const auto take = [&] {
    uint32_t size = 0;
    std::memcpy(&size, input.data(), sizeof(size));
    const rocksdb::Slice part(input.data() + sizeof(size), size);
    input.remove_prefix(sizeof(size) + size);
    return part;
  };
  while (!input.empty()) {
    rocksdb::ColumnFamilyHandle* handle = store.handle(static_cast<ColumnFamily>(input[0]));
    input.remove_prefix(1);
    const rocksdb::Slice key = take();
    const rocksdb::Slice value = take();
    const rocksdb::Status s =
        indexed ? batch.Put(handle, key, value) : batch.GetWriteBatch()->Put(handle, key, value);
    BASALT_RETURN_IF_ERROR(FromRocks(s, "write"));
  }
  Clear();
  return Status::OK();
}

void RocksTransaction::PendingNewWrites::Clear() {
  std::string().swap(records_);
  relations_.clear();
  other_families_ = false;
}

Status RocksTransaction::IndexNewWritesBefore(ColumnFamily cf, std::string_view lower,
                                              std::string_view upper) {
  if (!pending_new_.MayHold(cf, lower, upper)) return Status::OK();
  // Indexed puts: iterators already open over the batch stay valid.
  return pending_new_.MoveTo(store_, *txn_->GetWriteBatch(), /*indexed=*/true);
}

std::unique_ptr<KvIterator> RocksTransaction::StartScan(ColumnFamily cf, std::string_view lower,
                                                        std::string_view upper,
                                                        const rocksdb::ReadOptions& read_options,
                                                        bool backward) {
  if (serializable_ && cf == ColumnFamily::kData) reads_.ranges.emplace_back(lower, upper);
  auto it = std::make_unique<RocksKvIterator>(std::string(lower), std::string(upper), backward);
  if (Status s = IndexNewWritesBefore(cf, lower, upper); !s.ok()) {
    it->Fail(std::move(s));
    return it;
  }
  // A transaction that has written nothing in the range yet has nothing to
  // merge: a plain snapshot iterator skips the delta iterator's per-row work
  // (a REFRESH's query runs after its catalog writes). Writes made while it
  // runs stay invisible to it (INSERT ... SELECT from the same table never
  // meets its own rows). pending_new_ holds none in range: just moved.
  const bool merge = HasWrites() && BatchHoldsWritesIn(cf, lower, upper);
  it->Start(merge ? txn_.get() : nullptr, store_.db(), read_options, store_.handle(cf));
  return it;
}

std::unique_ptr<KvIterator> RocksTransaction::Scan(ColumnFamily cf, std::string_view lower,
                                                   std::string_view upper) {
  return StartScan(cf, lower, upper, SnapshotReadOptions(cf, lower), /*backward=*/false);
}

std::unique_ptr<KvIterator> RocksTransaction::ScanLatest(ColumnFamily cf, std::string_view lower,
                                                         std::string_view upper) {
  return StartScan(cf, lower, upper, rocksdb::ReadOptions(), /*backward=*/false);
}

std::unique_ptr<KvIterator> RocksTransaction::ScanBackward(ColumnFamily cf, std::string_view lower,
                                                           std::string_view upper) {
  return StartScan(cf, lower, upper, SnapshotReadOptions(cf, lower), /*backward=*/true);
}

Status RocksTransaction::ValidateSerializableWrite(ColumnFamily cf) {
  if (!serializable_ || cf != ColumnFamily::kData) return Status::OK();
  return store_.serializable_tracker().ValidateWrite(serializable_start_, reads_,
                                                     &validated_position_);
}

void RocksTransaction::SetSavePoint() {
  // Pending writes belong before the savepoint: they enter the batch first.
  // (A failure, which only a corrupt batch could cause, fails the commit.)
  if (!pending_new_.empty() && pending_failure_.ok()) {
    pending_failure_ = pending_new_.MoveTo(store_, *Txn().GetWriteBatch(), /*indexed=*/true);
  }
  Txn().SetSavePoint();
  savepoints_.push_back({changes_.size(), writes_.size(), commit_sequence_hooks_.size()});
}

Status RocksTransaction::RollbackToSavePoint() {
  if (savepoints_.empty()) return Status::Internal("no savepoint to roll back to");
  rocksdb::Status s = txn_->RollbackToSavePoint();
  if (!s.ok()) return FromRocks(s, "rollback to savepoint");
  // Pending writes all came after the savepoint (see SetSavePoint).
  pending_new_.Clear();
  changes_.resize(savepoints_.back().changes);
  writes_.resize(savepoints_.back().writes);
  commit_sequence_hooks_.resize(savepoints_.back().hooks);
  savepoints_.pop_back();
  return Status::OK();
}

Status RocksTransaction::ReleaseSavePoint() {
  if (savepoints_.empty()) return Status::Internal("no savepoint to release");
  rocksdb::Status s = txn_->PopSavePoint();
  if (!s.ok()) return FromRocks(s, "release savepoint");
  savepoints_.pop_back();
  return Status::OK();
}

void RocksTransaction::AppendChange(uint32_t relation_id, std::string old_row, std::string new_row,
                                    bool logged) {
  changes_.push_back(Change{relation_id, std::move(old_row), std::move(new_row), logged});
}

Transaction::BufferedChange RocksTransaction::GetBufferedChange(size_t ordinal) const {
  const Change& c = changes_[ordinal];
  return {c.relation_id, c.old_row, c.new_row};
}

void RocksTransaction::OnCommitSequence(std::function<Status(uint64_t sequence)> hook) {
  commit_sequence_hooks_.push_back(std::move(hook));
}

Status RocksTransaction::Commit() {
  if (finished_) return Status::Internal("transaction already finished");
  if (changes_.empty() && !HasWrites()) {
    // Nothing to make durable: a read-only transaction must not pay for a
    // WAL write and fsync (every SELECT runs in one).
    Status s = serializable_
                   ? store_.serializable_tracker().ValidateReadOnly(serializable_start_, reads_)
                   : Status::OK();
    if (txn_ != nullptr) (void)txn_->Rollback();
    Finish();
    return s;
  }
  Status s;
  if (serializable_) {
    // Validated and published under the tracker's mutex; the commit and its
    // sync happen outside it.
    SerializableTracker& tracker = store_.serializable_tracker();
    Result<uint64_t> position =
        tracker.ValidateAndPublish(serializable_start_, reads_, std::move(writes_));
    s = position.status();
    if (position.ok()) {
      s = CommitWrites();
      tracker.Finish(*position);
    }
  } else {
    s = CommitWrites();
  }
  if (!s.ok()) {
    Rollback();
    return s;
  }
  Finish();
  return Status::OK();
}

bool RocksTransaction::HasLoggedChanges() const {
  return std::any_of(changes_.begin(), changes_.end(), [](const Change& c) { return c.logged; });
}

Status RocksTransaction::CommitWrites() {
  // Pending writes join the batch as they are: nothing reads them now.
  BASALT_RETURN_IF_ERROR(pending_failure_);
  BASALT_RETURN_IF_ERROR(pending_new_.MoveTo(store_, *Txn().GetWriteBatch(), /*indexed=*/false));
  if (!synchronous_commit_) UseAsynchronousCommit();
  Status s = HasLoggedChanges() ? CommitWithChanges() : FromRocks(Txn().Commit(), "commit");
  if (s.ok() && !synchronous_commit_) store_.NoteUnsyncedCommit();
  return s;
}

void RocksTransaction::UseAsynchronousCommit() {
  rocksdb::WriteOptions write_options;
  write_options.sync = false;
  Txn().SetWriteOptions(write_options);
}

Status RocksTransaction::CommitWithChanges() {
  // The sequence is reserved under the sequencer's short lock; the commit
  // (and its WAL sync, shared with the commits syncing beside it) happens
  // outside it, so commits may land out of sequence order. Readers go by
  // the watermark, which passes a sequence only once every smaller one has
  // finished: a reader that has seen sequence S never finds a smaller one
  // appear later.
  CommitSequencer& sequencer = store_.commit_sequencer();
  BASALT_ASSIGN_OR_RETURN(const uint64_t sequence, store_.ReserveCommitSequence());
  Status s = WriteChangesAndCommit(sequence);
  sequencer.Finish(sequence);
  // Acknowledged once a reader of the change log can see it.
  if (s.ok()) sequencer.WaitForWatermark(sequence);
  return s;
}

Status RocksTransaction::WriteChangesAndCommit(uint64_t sequence) {
  rocksdb::Transaction& txn = Txn();
  for (const auto& hook : commit_sequence_hooks_) BASALT_RETURN_IF_ERROR(hook(sequence));
  std::string value;
  for (size_t i = 0; i < changes_.size(); ++i) {
    const Change& c = changes_[i];
    if (!c.logged) continue;
    std::string key = EncodeChangelogKey({c.relation_id, sequence, static_cast<uint32_t>(i)});
    EncodeChange(c.old_row, c.new_row, &value);
    // Straight into the batch, as PutNew: these keys are new (one writer
    // per sequence), so neither a lock nor snapshot validation is needed.
    // PutUntracked would still take the key's lock, and under load waiting
    // for the lock table's stripe mutex can outlast the 20 ms lock timeout:
    // a commit then failed with 55P03 although no other transaction wanted
    // the key.
    rocksdb::Status s =
        txn.GetWriteBatch()->Put(store_.handle(ColumnFamily::kChangelog), key, value);
    if (!s.ok()) return FromRocks(s, "write change log");
  }
  // No shared key is written (the sequence block was reserved durably
  // beforehand): a key every commit wrote would be locked by each commit
  // through its WAL sync, one commit at a time.
  rocksdb::Status s = txn.Commit();
  return FromRocks(s, "commit");
}

void RocksTransaction::Rollback() {
  if (finished_) return;
  if (txn_ != nullptr) (void)txn_->Rollback();
  pending_new_.Clear();
  changes_.clear();
  commit_sequence_hooks_.clear();
  savepoints_.clear();
  Finish();
}

void RocksTransaction::Finish() {
  finished_ = true;
  EndSerializable();
  if (lock_owner_ != nullptr && txn_ != nullptr) store_.locks().EndStorageTransaction(*lock_owner_);
}

void RocksTransaction::EndSerializable() {
  if (!serializable_ || serializable_ended_) return;
  serializable_ended_ = true;
  store_.serializable_tracker().End(serializable_start_);
}

}  // namespace basalt::storage
