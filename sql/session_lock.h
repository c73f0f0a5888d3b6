// A relation lock a session holds across the transactions of one
// statement (PostgreSQL's session locks: CREATE INDEX CONCURRENTLY, REINDEX
// CONCURRENTLY), released however the statement ends.
#pragma once

#include "storage/lock_manager.h"

namespace basalt::sql {

class SessionLock {
 public:
  SessionLock(storage::LockOwner& owner, storage::LockTag tag, storage::LockLevel level)
      : owner_(owner), tag_(tag), level_(level) {}
  ~SessionLock() {
    if (held_) (void)owner_.manager().ReleaseSession(owner_, tag_, level_);
  }
  SessionLock(const SessionLock&) = delete;
  SessionLock& operator=(const SessionLock&) = delete;
  // REQUIRES: the owner's transaction holds the lock already (so it is
  // granted at once, and stays once that transaction ends).
  void Take() {
    held_ =
        owner_.manager().Acquire(owner_, tag_, level_, storage::LockScope::kSession, {}, "").ok();
  }

 private:
  storage::LockOwner& owner_;
  const storage::LockTag tag_;
  const storage::LockLevel level_;
  bool held_ = false;
};

}  // namespace basalt::sql
