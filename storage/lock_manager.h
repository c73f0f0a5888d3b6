// LockManager: PostgreSQL's heavyweight locks — relation locks in the eight
// table-level modes and advisory locks — with wait queues, lock_timeout,
// NOWAIT, and the deadlock detector that also sees row-lock waits (RocksDB
// key locks), so a cycle through rows, relations and advisory locks alike is
// broken after deadlock_timeout with PostgreSQL's 40P01 and DETAIL.
//
// One LockOwner per session (PostgreSQL's PGPROC): it holds locks for its
// transaction or its session, waits for at most one lock at a time, and
// names the storage transaction whose row locks it holds (for pg_locks'
// transactionid rows and the detector's edges).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/data_type.h"
#include "common/interrupt.h"
#include "common/status.h"

namespace basalt::storage {

// PostgreSQL's lock modes, with its numbers (LOCKMODE), weakest first.
enum class LockLevel : uint8_t {
  kAccessShare = 1,
  kRowShare = 2,
  kRowExclusive = 3,
  kShareUpdateExclusive = 4,
  kShare = 5,
  kShareRowExclusive = 6,
  kExclusive = 7,
  kAccessExclusive = 8,
};

// "AccessShareLock", ..., as pg_locks.mode and the deadlock DETAIL print them.
std::string_view LockLevelName(LockLevel level);
bool LockLevelsConflict(LockLevel a, LockLevel b);

// What is locked, as PostgreSQL's LOCKTAG.
struct LockTag {
  // kObject: shown as PostgreSQL's LOCKTAG_OBJECT (classid, objid); Basalt's
  // one use is an immediate view's input (MatviewInput).
  enum class Kind : uint8_t { kRelation, kAdvisory, kObject };
  Kind kind = Kind::kRelation;
  Oid database = 0;
  uint32_t id1 = 0;  // relation: its OID; advisory: the key's high half or first int4;
                     // object: the materialized view's OID (pg_locks.classid)
  uint32_t id2 = 0;  // advisory: the key's low half or second int4; object: the
                     // input table's OID (pg_locks.objid)
  uint16_t id3 = 0;  // advisory: 1 for one bigint key, 2 for two int4 keys

  static LockTag Relation(Oid database, Oid relation) {
    return LockTag{Kind::kRelation, database, relation, 0, 0};
  }
  static LockTag Advisory(Oid database, int64_t key) {
    const auto bits = static_cast<uint64_t>(key);
    return LockTag{Kind::kAdvisory, database, static_cast<uint32_t>(bits >> 32),
                   static_cast<uint32_t>(bits), 1};
  }
  static LockTag Advisory(Oid database, int32_t key1, int32_t key2) {
    return LockTag{Kind::kAdvisory, database, static_cast<uint32_t>(key1),
                   static_cast<uint32_t>(key2), 2};
  }
  // The writers of an immediate materialized view's input table (see
  // sql/commands/matview/immediate_maintenance.cc).
  static LockTag MatviewInput(Oid database, Oid view, Oid table) {
    return LockTag{Kind::kObject, database, view, table, 0};
  }
  friend bool operator==(const LockTag&, const LockTag&) = default;
};

// A transaction-scoped lock ends with the transaction (or a ROLLBACK TO
// before it); a session-scoped one (advisory) ends at unlock or disconnect.
enum class LockScope : uint8_t { kTransaction, kSession };

// How a lock request may wait.
struct LockWaitPolicy {
  bool nowait = false;          // fail at once with 55P03
  int64_t lock_timeout_ms = 0;  // 0: as long as it takes
  const Interrupt* interrupt = nullptr;
};

// One row of pg_locks.
struct LockStatusRow {
  std::string locktype;  // "relation", "advisory", "transactionid", "virtualxid"
  std::optional<Oid> database;
  std::optional<Oid> relation;
  std::optional<std::string> virtualxid;
  std::optional<uint32_t> transactionid;
  std::optional<Oid> classid;
  std::optional<Oid> objid;
  std::optional<int16_t> objsubid;
  std::string virtualtransaction;
  int32_t pid = 0;
  std::string mode;
  bool granted = false;
  // Microseconds since 2000-01-01 when the wait began; waiting rows only.
  std::optional<int64_t> waitstart;
};

// A row-lock (RocksDB key lock) held by storage transactions: what the
// deadlock detector asks the store for.
struct HeldKeyLock {
  uint32_t column_family = 0;
  std::string key;
  std::vector<uint64_t> holders;  // storage transaction ids
  bool exclusive = false;
};
using KeyLockSource = std::function<std::vector<HeldKeyLock>()>;

class LockManager;

class LockOwner {
 public:
  ~LockOwner();  // releases every lock it holds
  LockOwner(const LockOwner&) = delete;
  LockOwner& operator=(const LockOwner&) = delete;

  int32_t pid() const { return pid_; }
  Oid database() const { return database_; }
  LockManager& manager() const { return manager_; }

  // Waits for row locks check for deadlocks after this long (PostgreSQL's
  // deadlock_timeout). Set by the session before each statement.
  void set_deadlock_timeout_ms(int64_t ms) { deadlock_timeout_ms_ = ms; }
  int64_t deadlock_timeout_ms() const { return deadlock_timeout_ms_; }

 private:
  friend class LockManager;
  LockOwner(LockManager& manager, int32_t pid, Oid database, int32_t backend_id)
      : manager_(manager), pid_(pid), database_(database), backend_id_(backend_id) {}

  struct Held {
    LockTag tag;
    LockLevel level;
    int64_t transaction_count = 0;
    int64_t session_count = 0;
  };
  enum class WaitKind : uint8_t { kNone, kLock, kRow };

  LockManager& manager_;
  const int32_t pid_;
  const Oid database_;
  const int32_t backend_id_;
  std::atomic<int64_t> deadlock_timeout_ms_{1000};

  // Everything below is guarded by the manager's mutex.
  std::vector<Held> held_;
  // Transaction-scoped acquisitions in order, so ROLLBACK TO can release
  // those made after its savepoint.
  std::vector<std::pair<LockTag, LockLevel>> transaction_log_;
  bool in_transaction_ = false;
  uint32_t local_transaction_ = 0;  // the second half of the virtual xid
  uint64_t transaction_start_ = 0;  // the manager's release clock at BeginTransaction
  uint32_t xid_ = 0;                // 0 until the transaction writes or locks rows
  uint64_t storage_transaction_ = 0;
  WaitKind wait_kind_ = WaitKind::kNone;
  LockTag wait_tag_;
  LockLevel wait_level_ = LockLevel::kAccessShare;
  uint32_t wait_column_family_ = 0;
  std::string wait_key_;
  bool wait_exclusive_ = false;
  int64_t wait_start_ = 0;
  bool granted_ = false;  // set by the releaser that granted our wait
  std::condition_variable granted_cv_;
};

class LockManager {
 public:
  explicit LockManager(KeyLockSource key_locks) : key_locks_(std::move(key_locks)) {}

  // A session's owner; `pid` 0 gets a made-up one (unit tests).
  std::unique_ptr<LockOwner> Register(int32_t pid, Oid database);
  // How many sessions (owners) are connected to `database`.
  size_t SessionsOn(Oid database);

  // Waits until `tag` can be held in `level` (or fails: 55P03 for NOWAIT
  // and lock_timeout, 40P01 for a deadlock, the interrupt's error).
  // `object` names it in NOWAIT's error (`relation "t"`). Sets *waited if it had to
  // wait. Re-acquiring a lock already held just counts it again.
  Status Acquire(LockOwner& owner, const LockTag& tag, LockLevel level, LockScope scope,
                 const LockWaitPolicy& policy, std::string_view object, bool* waited = nullptr);
  // Takes the lock only if it is free now.
  bool TryAcquire(LockOwner& owner, const LockTag& tag, LockLevel level, LockScope scope);
  // Releases one count of a session-scoped lock; false if none was held
  // (pg_advisory_unlock's WARNING case).
  bool ReleaseSession(LockOwner& owner, const LockTag& tag, LockLevel level);
  // Every session-scoped advisory lock (pg_advisory_unlock_all).
  void ReleaseAllSession(LockOwner& owner);

  // Waits until every transaction that holds `tag` now in a mode that
  // conflicts with `level` has ended, without taking the lock: sessions
  // asking for it meanwhile are not held up (PostgreSQL's WaitForLockers,
  // which CREATE INDEX CONCURRENTLY uses). `progress` hears (holders in
  // all, ended so far, pid of the one waited for) before each wait.
  // Fails only with the interrupt's error.
  Status WaitForLockers(
      LockOwner& owner, const LockTag& tag, LockLevel level, const Interrupt* interrupt,
      const std::function<void(size_t total, size_t done, int32_t pid)>& progress);

  // Transaction bracketing: the virtual xid, and the end that releases the
  // transaction-scoped locks. Marks are for savepoints.
  void BeginTransaction(LockOwner& owner);
  // Whether a transaction holding the object lock `tag` in SHARE mode or
  // stronger ended (released it) after `owner`'s BeginTransaction: its
  // writes may have committed after a snapshot taken then.
  bool WriterReleasedSince(LockOwner& owner, const LockTag& tag);
  void EndTransaction(LockOwner& owner);
  size_t TransactionMark(LockOwner& owner);
  void ReleaseToMark(LockOwner& owner, size_t mark);

  // The storage transaction `id` (RocksDB's) acts for `owner`: it gets an
  // xid; its row locks are the owner's. Cleared when it ends.
  void StartStorageTransaction(LockOwner& owner, uint64_t id);
  void EndStorageTransaction(LockOwner& owner);

  // Row-lock waits: between Begin and End the owner waits for key `key` of
  // column family `cf`; the waiter calls CheckDeadlock once it is due.
  void BeginRowWait(LockOwner& owner, uint32_t cf, std::string_view key, bool exclusive);
  void EndRowWait(LockOwner& owner);
  // 40P01 with PostgreSQL's DETAIL if `owner` is on a cycle of waits; the
  // owner then no longer counts as waiting.
  Status CheckDeadlock(LockOwner& owner);

  // pg_locks and pg_blocking_pids.
  std::vector<LockStatusRow> StatusRows();
  std::vector<int32_t> BlockingPids(int32_t pid);

 private:
  friend class LockOwner;
  struct Waiter {
    LockOwner* owner;
    LockLevel level;
    LockScope scope;
  };
  struct Entry {
    std::vector<LockOwner*> holders;  // owners with a Held for this tag
    std::vector<Waiter> waiters;      // in arrival order
  };
  struct TagHash {
    size_t operator()(const LockTag& t) const;
  };
  // One edge of the waits-for graph and how the DETAIL describes it.
  struct WaitEdge {
    LockOwner* waiter;
    LockOwner* blocker;
    std::string waits_for;  // "ShareLock on transaction 742"
  };

  void Unregister(LockOwner& owner);
  // REQUIRES: mutex_. Whether no other holder of `entry` holds a level
  // that conflicts with `level`.
  static bool HoldersAllow(const LockOwner& owner, const LockTag& tag, LockLevel level,
                           const Entry& entry);
  void GrantLocked(LockOwner& owner, const LockTag& tag, LockLevel level, LockScope scope);
  // Drops one count; wakes waiters that can now go.
  void ReleaseLocked(LockOwner& owner, const LockTag& tag, LockLevel level, LockScope scope);
  void WakeWaitersLocked(const LockTag& tag);
  void RemoveWaiterLocked(LockOwner& owner);
  // Waits (releasing `lock` meanwhile) until a releaser grants `owner`'s
  // queued request, or the policy's timeout, the interrupt or a deadlock
  // ends the wait (the request leaves the queue then).
  Status WaitForGrantLocked(std::unique_lock<std::mutex>& lock, LockOwner& owner,
                            const LockWaitPolicy& policy);
  Status CheckDeadlockLocked(LockOwner& owner);
  // The waits-for edges of every waiting owner (deadlock_detector.cc).
  std::vector<WaitEdge> WaitEdgesLocked();
  static std::string DescribeTag(const LockTag& tag);

  std::mutex mutex_;
  KeyLockSource key_locks_;
  std::unordered_map<LockTag, Entry, TagHash> entries_;
  // When a writer (SHARE or stronger) last released each object lock, on a
  // clock that ticks at each such release (WriterReleasedSince).
  uint64_t release_clock_ = 0;
  std::unordered_map<LockTag, uint64_t, TagHash> writer_releases_;
  std::vector<LockOwner*> owners_;
  std::vector<int32_t> free_backend_ids_;
  int32_t next_backend_id_ = 1;
  uint32_t next_xid_ = 1000;
  std::unordered_map<uint64_t, LockOwner*> by_storage_transaction_;
};

}  // namespace basalt::storage
