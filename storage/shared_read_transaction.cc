#include "storage/shared_read_transaction.h"

namespace basalt::storage {

namespace {

Status NotInParallelQuery(std::string_view what) {
  return Status::Internal(std::string(what) + " in a parallel query");
}

}  // namespace

void SharedReadTransaction::RefreshSnapshot() {
  std::lock_guard lock(mutex_);
  txn_.RefreshSnapshot();
}

uint64_t SharedReadTransaction::SnapshotWatermark() const {
  std::lock_guard lock(mutex_);
  return txn_.SnapshotWatermark();
}

uint64_t SharedReadTransaction::SnapshotVersion() const {
  std::lock_guard lock(mutex_);
  return txn_.SnapshotVersion();
}

void SharedReadTransaction::ReadRelationNewerThanSnapshot(uint32_t relation_id, uint64_t version) {
  std::lock_guard lock(mutex_);
  txn_.ReadRelationNewerThanSnapshot(relation_id, version);
}

void SharedReadTransaction::SetLockTimeout(int64_t ms) {
  std::lock_guard lock(mutex_);
  txn_.SetLockTimeout(ms);
}

void SharedReadTransaction::SetSynchronousCommit(bool on) {
  std::lock_guard lock(mutex_);
  txn_.SetSynchronousCommit(on);
}

Status SharedReadTransaction::Get(ColumnFamily cf, std::string_view key, std::string* value,
                                  bool* found) {
  std::lock_guard lock(mutex_);
  return txn_.Get(cf, key, value, found);
}

Status SharedReadTransaction::GetLatest(ColumnFamily cf, std::string_view key, std::string* value,
                                        bool* found) {
  std::lock_guard lock(mutex_);
  return txn_.GetLatest(cf, key, value, found);
}

Status SharedReadTransaction::GetForUpdate(ColumnFamily, std::string_view, std::string*, bool*,
                                           LockMode, LockWait) {
  return NotInParallelQuery("a row lock");
}

Status SharedReadTransaction::GetLatestForUpdate(ColumnFamily, std::string_view, std::string*,
                                                 bool*) {
  return NotInParallelQuery("a row lock");
}

Status SharedReadTransaction::Lock(ColumnFamily, std::string_view, LockMode, LockWait) {
  return NotInParallelQuery("a lock");
}

Status SharedReadTransaction::Put(ColumnFamily, std::string_view, std::string_view, bool) {
  return NotInParallelQuery("a write");
}

Status SharedReadTransaction::PutNew(ColumnFamily, std::string_view, std::string_view) {
  return NotInParallelQuery("a write");
}

Status SharedReadTransaction::Delete(ColumnFamily, std::string_view) {
  return NotInParallelQuery("a write");
}

Status SharedReadTransaction::DeleteUncontended(ColumnFamily, std::string_view) {
  return NotInParallelQuery("a write");
}

std::unique_ptr<KvIterator> SharedReadTransaction::Scan(ColumnFamily cf, std::string_view lower,
                                                        std::string_view upper) {
  std::lock_guard lock(mutex_);
  return txn_.Scan(cf, lower, upper);
}

std::unique_ptr<KvIterator> SharedReadTransaction::ScanLatest(ColumnFamily cf,
                                                              std::string_view lower,
                                                              std::string_view upper) {
  std::lock_guard lock(mutex_);
  return txn_.ScanLatest(cf, lower, upper);
}

std::unique_ptr<KvIterator> SharedReadTransaction::ScanBackward(ColumnFamily cf,
                                                                std::string_view lower,
                                                                std::string_view upper) {
  std::lock_guard lock(mutex_);
  return txn_.ScanBackward(cf, lower, upper);
}

void SharedReadTransaction::SetSavePoint() {
  std::lock_guard lock(mutex_);
  txn_.SetSavePoint();
}

Status SharedReadTransaction::RollbackToSavePoint() {
  return NotInParallelQuery("a savepoint");
}

Status SharedReadTransaction::ReleaseSavePoint() {
  return NotInParallelQuery("a savepoint");
}

void SharedReadTransaction::AppendChange(uint32_t relation_id, std::string old_row,
                                         std::string new_row, bool logged) {
  std::lock_guard lock(mutex_);
  txn_.AppendChange(relation_id, std::move(old_row), std::move(new_row), logged);
}

size_t SharedReadTransaction::BufferedChangeCount() const {
  std::lock_guard lock(mutex_);
  return txn_.BufferedChangeCount();
}

Transaction::BufferedChange SharedReadTransaction::GetBufferedChange(size_t ordinal) const {
  std::lock_guard lock(mutex_);
  return txn_.GetBufferedChange(ordinal);
}

void SharedReadTransaction::OnCommitSequence(std::function<Status(uint64_t sequence)> hook) {
  std::lock_guard lock(mutex_);
  txn_.OnCommitSequence(std::move(hook));
}

Status SharedReadTransaction::Commit() {
  return NotInParallelQuery("a commit");
}

void SharedReadTransaction::Rollback() {}

}  // namespace basalt::storage
