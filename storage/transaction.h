// Transaction: a RocksDB pessimistic transaction plus Basalt's statement
// snapshots and commit sequencing.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

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

  // *found is false (and OK returned) when the key does not exist.
  virtual Status Get(ColumnFamily cf, std::string_view key, std::string* value, bool* found) = 0;
  // As Get, and locks the key until commit (for uniqueness checks and updates).
  // Lock waits that time out fail with 55P03, deadlocks with 40P01.
  virtual Status GetForUpdate(ColumnFamily cf, std::string_view key, std::string* value,
                              bool* found) = 0;
  virtual Status Put(ColumnFamily cf, std::string_view key, std::string_view value) = 0;
  virtual Status Delete(ColumnFamily cf, std::string_view key) = 0;
  virtual std::unique_ptr<KvIterator> Scan(ColumnFamily cf, std::string_view lower,
                                           std::string_view upper) = 0;

  // Statement-level atomicity inside a transaction block: a failed statement
  // rolls back to the savepoint set before it.
  virtual void SetSavePoint() = 0;
  virtual Status RollbackToSavePoint() = 0;

  // Records a row change of `relation_id` for incremental view maintenance.
  // The records are written to the changelog column family at commit, keyed
  // by (relation id, commit sequence, ordinal), with the commit sequence
  // assigned in commit order (so a reader of "everything up to S" never sees
  // a gap filled later). Empty old_row means insert; empty new_row, delete.
  virtual void AppendChange(uint32_t relation_id, std::string old_row, std::string new_row) = 0;

  virtual Status Commit() = 0;
  virtual void Rollback() = 0;
};

}  // namespace basalt::storage
