#include "storage/lock_manager.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/datetime.h"
#include "common/sqlstate.h"

namespace basalt::storage {
namespace {

// PostgreSQL's conflict table (lock.c's LockConflicts): bit n set when the
// mode conflicts with mode n.
constexpr uint16_t Bits(std::initializer_list<int> levels) {
  uint16_t mask = 0;
  for (int l : levels) mask = static_cast<uint16_t>(mask | (1u << l));
  return mask;
}
constexpr uint16_t kConflicts[9] = {
    0,
    Bits({8}),                    // AccessShare
    Bits({7, 8}),                 // RowShare
    Bits({5, 6, 7, 8}),           // RowExclusive
    Bits({4, 5, 6, 7, 8}),        // ShareUpdateExclusive
    Bits({3, 4, 6, 7, 8}),        // Share
    Bits({3, 4, 5, 6, 7, 8}),     // ShareRowExclusive
    Bits({2, 3, 4, 5, 6, 7, 8}),  // Exclusive
    Bits({1, 2, 3, 4, 5, 6, 7, 8}),
};

uint16_t ConflictMask(LockLevel level) {
  return kConflicts[static_cast<int>(level)];
}
uint16_t LevelBit(LockLevel level) {
  return static_cast<uint16_t>(1u << static_cast<int>(level));
}

// How long a waiter sleeps before it looks at its interrupt, lock timeout
// and deadlock timer again (a grant wakes it at once).
constexpr auto kWaitSlice = std::chrono::milliseconds(20);

// A made-up pid for owners without a connection (unit tests); real pids
// come from the server's BackendKeyData.
constexpr int32_t kSyntheticPidBase = 4000000;

}  // namespace

std::string_view LockLevelName(LockLevel level) {
  switch (level) {
    case LockLevel::kAccessShare: return "AccessShareLock";
    case LockLevel::kRowShare: return "RowShareLock";
    case LockLevel::kRowExclusive: return "RowExclusiveLock";
    case LockLevel::kShareUpdateExclusive: return "ShareUpdateExclusiveLock";
    case LockLevel::kShare: return "ShareLock";
    case LockLevel::kShareRowExclusive: return "ShareRowExclusiveLock";
    case LockLevel::kExclusive: return "ExclusiveLock";
    case LockLevel::kAccessExclusive: return "AccessExclusiveLock";
  }
  return "AccessShareLock";
}

bool LockLevelsConflict(LockLevel a, LockLevel b) {
  return (ConflictMask(a) & LevelBit(b)) != 0;
}

size_t LockManager::TagHash::operator()(const LockTag& t) const {
  uint64_t h = (uint64_t{t.database} << 32) ^ t.id1;
  h = h * 0x9E3779B97F4A7C15ull ^ (uint64_t{t.id2} << 16) ^ t.id3 ^
      (static_cast<uint64_t>(t.kind) << 62);
  return std::hash<uint64_t>()(h);
}

LockOwner::~LockOwner() {
  manager_.Unregister(*this);
}

std::unique_ptr<LockOwner> LockManager::Register(int32_t pid, Oid database) {
  std::lock_guard<std::mutex> lock(mutex_);
  int32_t backend_id = next_backend_id_;
  if (!free_backend_ids_.empty()) {
    backend_id = free_backend_ids_.back();
    free_backend_ids_.pop_back();
  } else {
    ++next_backend_id_;
  }
  if (pid == 0) pid = kSyntheticPidBase + backend_id;
  std::unique_ptr<LockOwner> owner(new LockOwner(*this, pid, database, backend_id));
  owners_.push_back(owner.get());
  return owner;
}

size_t LockManager::SessionsOn(Oid database) {
  std::lock_guard<std::mutex> lock(mutex_);
  return static_cast<size_t>(std::count_if(owners_.begin(), owners_.end(), [&](const LockOwner* o) {
    return o->database() == database;
  }));
}

void LockManager::Unregister(LockOwner& owner) {
  std::lock_guard<std::mutex> lock(mutex_);
  RemoveWaiterLocked(owner);
  std::vector<LockTag> tags;
  for (const LockOwner::Held& held : owner.held_) tags.push_back(held.tag);
  owner.held_.clear();
  owner.transaction_log_.clear();
  for (const LockTag& tag : tags) {
    auto entry = entries_.find(tag);
    if (entry == entries_.end()) continue;
    std::erase(entry->second.holders, &owner);
    WakeWaitersLocked(tag);
  }
  if (owner.storage_transaction_ != 0) by_storage_transaction_.erase(owner.storage_transaction_);
  std::erase(owners_, &owner);
  free_backend_ids_.push_back(owner.backend_id_);
}

bool LockManager::HoldersAllow(const LockOwner& owner, const LockTag& tag, LockLevel level,
                               const Entry& entry) {
  const uint16_t conflicts = ConflictMask(level);
  for (const LockOwner* holder : entry.holders) {
    if (holder == &owner) continue;
    for (const LockOwner::Held& held : holder->held_) {
      if (held.tag == tag && (conflicts & LevelBit(held.level)) != 0) return false;
    }
  }
  return true;
}

void LockManager::GrantLocked(LockOwner& owner, const LockTag& tag, LockLevel level,
                              LockScope scope) {
  auto held = std::find_if(owner.held_.begin(), owner.held_.end(), [&](const LockOwner::Held& h) {
    return h.tag == tag && h.level == level;
  });
  if (held == owner.held_.end()) {
    Entry& entry = entries_[tag];
    if (std::find(entry.holders.begin(), entry.holders.end(), &owner) == entry.holders.end()) {
      entry.holders.push_back(&owner);
    }
    owner.held_.push_back(LockOwner::Held{tag, level});
    held = owner.held_.end() - 1;
  }
  if (scope == LockScope::kTransaction) {
    ++held->transaction_count;
    owner.transaction_log_.emplace_back(tag, level);
  } else {
    ++held->session_count;
  }
}

void LockManager::ReleaseLocked(LockOwner& owner, const LockTag& tag, LockLevel level,
                                LockScope scope) {
  auto held = std::find_if(owner.held_.begin(), owner.held_.end(), [&](const LockOwner::Held& h) {
    return h.tag == tag && h.level == level;
  });
  if (held == owner.held_.end()) return;
  int64_t& count = scope == LockScope::kTransaction ? held->transaction_count : held->session_count;
  if (count > 0) --count;
  if (held->transaction_count > 0 || held->session_count > 0) return;
  owner.held_.erase(held);
  auto entry = entries_.find(tag);
  if (entry == entries_.end()) return;
  const bool still_holds = std::any_of(owner.held_.begin(), owner.held_.end(),
                                       [&](const LockOwner::Held& h) { return h.tag == tag; });
  if (!still_holds) std::erase(entry->second.holders, &owner);
  WakeWaitersLocked(tag);
}

void LockManager::WakeWaitersLocked(const LockTag& tag) {
  auto found = entries_.find(tag);
  if (found == entries_.end()) return;
  Entry& entry = found->second;
  // As PostgreSQL's ProcLockWakeup: in queue order, a waiter goes if no
  // holder and no waiter still ahead of it wants a conflicting mode.
  uint16_t ahead = 0;
  for (size_t i = 0; i < entry.waiters.size();) {
    const Waiter waiter = entry.waiters[i];
    if ((ConflictMask(waiter.level) & ahead) == 0 &&
        HoldersAllow(*waiter.owner, tag, waiter.level, entry)) {
      entry.waiters.erase(entry.waiters.begin() + static_cast<std::ptrdiff_t>(i));
      GrantLocked(*waiter.owner, tag, waiter.level, waiter.scope);
      waiter.owner->wait_kind_ = LockOwner::WaitKind::kNone;
      waiter.owner->granted_ = true;
      waiter.owner->granted_cv_.notify_one();
      continue;
    }
    ahead = static_cast<uint16_t>(ahead | LevelBit(waiter.level));
    ++i;
  }
  if (entry.holders.empty() && entry.waiters.empty()) entries_.erase(found);
}

void LockManager::RemoveWaiterLocked(LockOwner& owner) {
  if (owner.wait_kind_ == LockOwner::WaitKind::kLock) {
    auto found = entries_.find(owner.wait_tag_);
    if (found != entries_.end()) {
      std::erase_if(found->second.waiters, [&](const Waiter& w) { return w.owner == &owner; });
      // Those queued behind us may go now.
      WakeWaitersLocked(owner.wait_tag_);
    }
  }
  owner.wait_kind_ = LockOwner::WaitKind::kNone;
}

Status LockManager::Acquire(LockOwner& owner, const LockTag& tag, LockLevel level, LockScope scope,
                            const LockWaitPolicy& policy, std::string_view object, bool* waited) {
  std::unique_lock<std::mutex> lock(mutex_);
  Entry& entry = entries_[tag];
  const bool holds_tag = std::any_of(owner.held_.begin(), owner.held_.end(),
                                     [&](const LockOwner::Held& h) { return h.tag == tag; });
  // A request queues behind earlier conflicting waiters (no starvation of a
  // waiting DROP by a stream of readers), unless it already holds the lock
  // in some mode: waiting then could only deadlock.
  bool queue_allows = holds_tag;
  if (!queue_allows) {
    queue_allows = std::none_of(entry.waiters.begin(), entry.waiters.end(), [&](const Waiter& w) {
      return LockLevelsConflict(level, w.level);
    });
  }
  if (queue_allows && HoldersAllow(owner, tag, level, entry)) {
    GrantLocked(owner, tag, level, scope);
    return Status::OK();
  }
  if (policy.nowait) {
    if (entry.holders.empty() && entry.waiters.empty()) entries_.erase(tag);
    return Status::Error(sqlstate::kLockNotAvailable,
                         fmt::format("could not obtain lock on {}", object));
  }
  if (waited != nullptr) *waited = true;
  entry.waiters.push_back(Waiter{&owner, level, scope});
  owner.wait_kind_ = LockOwner::WaitKind::kLock;
  owner.wait_tag_ = tag;
  owner.wait_level_ = level;
  owner.wait_start_ = CurrentTimestamp();
  owner.granted_ = false;
  return WaitForGrantLocked(lock, owner, policy);
}

Status LockManager::WaitForGrantLocked(std::unique_lock<std::mutex>& lock, LockOwner& owner,
                                       const LockWaitPolicy& policy) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  auto next_deadlock_check = started + std::chrono::milliseconds(owner.deadlock_timeout_ms());
  while (!owner.granted_) {
    owner.granted_cv_.wait_for(lock, kWaitSlice);
    if (owner.granted_) break;
    Status status = policy.interrupt != nullptr ? policy.interrupt->Check() : Status::OK();
    const auto now = Clock::now();
    if (status.ok() && policy.lock_timeout_ms > 0 &&
        now - started >= std::chrono::milliseconds(policy.lock_timeout_ms)) {
      status =
          Status::Error(sqlstate::kLockNotAvailable, "canceling statement due to lock timeout");
    }
    if (status.ok() && now >= next_deadlock_check) {
      status = CheckDeadlockLocked(owner);
      next_deadlock_check = now + std::chrono::milliseconds(owner.deadlock_timeout_ms());
    }
    if (!status.ok()) {
      RemoveWaiterLocked(owner);
      return status;
    }
  }
  return Status::OK();
}

bool LockManager::TryAcquire(LockOwner& owner, const LockTag& tag, LockLevel level,
                             LockScope scope) {
  return Acquire(owner, tag, level, scope, LockWaitPolicy{.nowait = true}, "").ok();
}

bool LockManager::ReleaseSession(LockOwner& owner, const LockTag& tag, LockLevel level) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto held = std::find_if(owner.held_.begin(), owner.held_.end(), [&](const LockOwner::Held& h) {
    return h.tag == tag && h.level == level && h.session_count > 0;
  });
  if (held == owner.held_.end()) return false;
  ReleaseLocked(owner, tag, level, LockScope::kSession);
  return true;
}

void LockManager::ReleaseAllSession(LockOwner& owner) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<LockOwner::Held> session_held;
  for (const LockOwner::Held& h : owner.held_) {
    if (h.session_count > 0 && h.tag.kind == LockTag::Kind::kAdvisory) session_held.push_back(h);
  }
  for (const LockOwner::Held& h : session_held) {
    for (int64_t i = 0; i < h.session_count; ++i) {
      ReleaseLocked(owner, h.tag, h.level, LockScope::kSession);
    }
  }
}

Status LockManager::WaitForLockers(
    LockOwner& owner, const LockTag& tag, LockLevel level, const Interrupt* interrupt,
    const std::function<void(size_t total, size_t done, int32_t pid)>& progress) {
  struct Locker {
    const LockOwner* owner;
    uint32_t transaction;  // its local_transaction_ then
    int32_t pid;
  };
  std::unique_lock<std::mutex> lock(mutex_);
  std::vector<Locker> lockers;
  if (auto entry = entries_.find(tag); entry != entries_.end()) {
    const uint16_t conflicts = ConflictMask(level);
    for (const LockOwner* holder : entry->second.holders) {
      if (holder == &owner) continue;
      for (const LockOwner::Held& held : holder->held_) {
        if (held.tag == tag && (conflicts & LevelBit(held.level)) != 0) {
          lockers.push_back({holder, holder->local_transaction_, holder->pid_});
          break;
        }
      }
    }
  }
  // Whether the locker's transaction is over (or its session gone).
  auto ended = [&](const Locker& l) {
    if (std::find(owners_.begin(), owners_.end(), l.owner) == owners_.end()) return true;
    return l.owner->local_transaction_ != l.transaction || !l.owner->in_transaction_;
  };
  for (size_t done = 0; done < lockers.size(); ++done) {
    if (progress) {
      lock.unlock();
      progress(lockers.size(), done, lockers[done].pid);
      lock.lock();
    }
    // Polled: a transaction's end wakes no one in particular.
    while (!ended(lockers[done])) {
      owner.granted_cv_.wait_for(lock, kWaitSlice);
      if (interrupt != nullptr) BASALT_RETURN_IF_ERROR(interrupt->Check());
    }
  }
  if (progress) {
    lock.unlock();
    progress(lockers.size(), lockers.size(), 0);
  }
  return Status::OK();
}

void LockManager::BeginTransaction(LockOwner& owner) {
  std::lock_guard<std::mutex> lock(mutex_);
  owner.in_transaction_ = true;
  ++owner.local_transaction_;
  owner.transaction_start_ = release_clock_;
}

bool LockManager::WriterReleasedSince(LockOwner& owner, const LockTag& tag) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = writer_releases_.find(tag);
  return found != writer_releases_.end() && found->second > owner.transaction_start_;
}

void LockManager::EndTransaction(LockOwner& owner) {
  std::lock_guard<std::mutex> lock(mutex_);
  owner.in_transaction_ = false;
  std::vector<std::pair<LockTag, LockLevel>> log = std::move(owner.transaction_log_);
  owner.transaction_log_.clear();
  for (const auto& [tag, level] : log) {
    // (A savepoint's rollback releases its locks too, but undoes its writes.)
    if (tag.kind == LockTag::Kind::kObject && level >= LockLevel::kShare) {
      writer_releases_[tag] = ++release_clock_;
    }
    ReleaseLocked(owner, tag, level, LockScope::kTransaction);
  }
}

size_t LockManager::TransactionMark(LockOwner& owner) {
  std::lock_guard<std::mutex> lock(mutex_);
  return owner.transaction_log_.size();
}

void LockManager::ReleaseToMark(LockOwner& owner, size_t mark) {
  std::lock_guard<std::mutex> lock(mutex_);
  while (owner.transaction_log_.size() > mark) {
    const auto [tag, level] = owner.transaction_log_.back();
    owner.transaction_log_.pop_back();
    ReleaseLocked(owner, tag, level, LockScope::kTransaction);
  }
}

void LockManager::StartStorageTransaction(LockOwner& owner, uint64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (owner.storage_transaction_ != 0) by_storage_transaction_.erase(owner.storage_transaction_);
  owner.storage_transaction_ = id;
  owner.xid_ = next_xid_++;
  by_storage_transaction_[id] = &owner;
}

void LockManager::EndStorageTransaction(LockOwner& owner) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (owner.storage_transaction_ != 0) by_storage_transaction_.erase(owner.storage_transaction_);
  owner.storage_transaction_ = 0;
  owner.xid_ = 0;
}

void LockManager::BeginRowWait(LockOwner& owner, uint32_t cf, std::string_view key,
                               bool exclusive) {
  std::lock_guard<std::mutex> lock(mutex_);
  owner.wait_kind_ = LockOwner::WaitKind::kRow;
  owner.wait_column_family_ = cf;
  owner.wait_key_.assign(key);
  owner.wait_exclusive_ = exclusive;
  owner.wait_start_ = CurrentTimestamp();
}

void LockManager::EndRowWait(LockOwner& owner) {
  std::lock_guard<std::mutex> lock(mutex_);
  owner.wait_kind_ = LockOwner::WaitKind::kNone;
}

Status LockManager::CheckDeadlock(LockOwner& owner) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status status = CheckDeadlockLocked(owner);
  // The victim leaves the graph before anyone else looks at it, so a second
  // member of the cycle checking right after never fails too.
  if (!status.ok()) owner.wait_kind_ = LockOwner::WaitKind::kNone;
  return status;
}

std::string LockManager::DescribeTag(const LockTag& tag) {
  if (tag.kind == LockTag::Kind::kRelation) {
    return fmt::format("relation {} of database {}", tag.id1, tag.database);
  }
  if (tag.kind == LockTag::Kind::kObject) {
    return fmt::format("input {} of materialized view {} of database {}", tag.id2, tag.id1,
                       tag.database);
  }
  return fmt::format("advisory lock [{},{},{},{}]", tag.database, tag.id1, tag.id2, tag.id3);
}

}  // namespace basalt::storage
