#include "storage/rocksdb_status.h"

#include <string>

namespace basalt::storage {

Status FromRocks(const rocksdb::Status& s, std::string_view context) {
  if (s.ok()) return Status::OK();
  using Sub = rocksdb::Status::SubCode;
  if (s.IsDeadlock()) return Status::Error(sqlstate::kDeadlockDetected, "deadlock detected");
  if (s.IsTimedOut() || (s.IsBusy() && s.subcode() == Sub::kLockTimeout)) {
    return Status::Error(sqlstate::kLockNotAvailable, "could not obtain lock on row");
  }
  if (s.IsBusy()) {
    // Pessimistic transactions report Busy without a subcode when a key was
    // written by another transaction after this one's snapshot.
    return Status::Error(sqlstate::kSerializationFailure,
                         "could not serialize access due to concurrent update");
  }
  if (s.IsLockLimit()) {
    return Status::Error(sqlstate::kOutOfMemory, "out of lock memory in " + std::string(context));
  }
  std::string message = std::string(context) + ": " + s.ToString();
  if (s.IsCorruption()) return Status::Corruption(std::move(message));
  if (s.IsIOError() || s.IsNoSpace()) return Status::IoError(std::move(message));
  if (s.IsInvalidArgument()) {
    // Raised by the encrypting FileSystem for a wrong key: pass its message
    // through unchanged.
    return Status::Error(sqlstate::kInvalidParameterValue,
                         s.getState() != nullptr ? s.getState() : message);
  }
  return Status::Internal(std::move(message));
}

}  // namespace basalt::storage
