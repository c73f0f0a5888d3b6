// The waits-for graph of LockManager: deadlock detection (40P01 with
// PostgreSQL's DETAIL), pg_locks rows and pg_blocking_pids. Relation and
// advisory waits come from the lock table; row waits from the key locks the
// store reports (RocksDB's), mapped to owners by storage transaction id.
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "common/sqlstate.h"
#include "storage/lock_manager.h"

namespace basalt::storage {

std::vector<LockManager::WaitEdge> LockManager::WaitEdgesLocked() {
  std::vector<WaitEdge> edges;
  std::vector<HeldKeyLock> key_locks;
  bool key_locks_read = false;
  for (LockOwner* waiter : owners_) {
    if (waiter->wait_kind_ == LockOwner::WaitKind::kLock) {
      auto found = entries_.find(waiter->wait_tag_);
      if (found == entries_.end()) continue;
      const Entry& entry = found->second;
      const std::string waits_for = fmt::format("{} on {}", LockLevelName(waiter->wait_level_),
                                                DescribeTag(waiter->wait_tag_));
      for (LockOwner* holder : entry.holders) {
        if (holder == waiter) continue;
        const bool conflicts =
            std::any_of(holder->held_.begin(), holder->held_.end(), [&](const LockOwner::Held& h) {
              return h.tag == waiter->wait_tag_ && LockLevelsConflict(h.level, waiter->wait_level_);
            });
        if (conflicts) edges.push_back(WaitEdge{waiter, holder, waits_for});
      }
      // Waiters queued ahead with a conflicting request are waited for too.
      for (const Waiter& ahead : entry.waiters) {
        if (ahead.owner == waiter) break;
        if (LockLevelsConflict(ahead.level, waiter->wait_level_)) {
          edges.push_back(WaitEdge{waiter, ahead.owner, waits_for});
        }
      }
    } else if (waiter->wait_kind_ == LockOwner::WaitKind::kRow) {
      if (!key_locks_read && key_locks_) key_locks = key_locks_();
      key_locks_read = true;
      for (const HeldKeyLock& lock : key_locks) {
        if (lock.column_family != waiter->wait_column_family_ || lock.key != waiter->wait_key_) {
          continue;
        }
        if (!lock.exclusive && !waiter->wait_exclusive_) continue;
        for (uint64_t id : lock.holders) {
          auto holder = by_storage_transaction_.find(id);
          if (holder == by_storage_transaction_.end() || holder->second == waiter) continue;
          // PostgreSQL waits for a row by waiting for its locker's xid.
          edges.push_back(
              WaitEdge{waiter, holder->second,
                       fmt::format("ShareLock on transaction {}", holder->second->xid_)});
        }
      }
    }
  }
  return edges;
}

Status LockManager::CheckDeadlockLocked(LockOwner& owner) {
  if (owner.wait_kind_ == LockOwner::WaitKind::kNone) return Status::OK();
  std::vector<WaitEdge> edges = WaitEdgesLocked();
  std::unordered_map<const LockOwner*, std::vector<const WaitEdge*>> out;
  for (const WaitEdge& e : edges) out[e.waiter].push_back(&e);
  // Depth-first from `owner`: a path that comes back to it is a cycle it
  // is on, and it is the one to fail (as the PostgreSQL backend whose
  // deadlock_timeout fired).
  std::vector<const WaitEdge*> path;
  std::unordered_set<const LockOwner*> visited;
  std::vector<std::pair<const LockOwner*, size_t>> stack{{&owner, 0}};
  visited.insert(&owner);
  while (!stack.empty()) {
    auto& [node, next] = stack.back();
    const std::vector<const WaitEdge*>& node_edges = out[node];
    if (next == node_edges.size()) {
      stack.pop_back();
      if (!path.empty()) path.pop_back();
      continue;
    }
    const WaitEdge* edge = node_edges[next++];
    if (edge->blocker == &owner) {
      path.push_back(edge);
      std::string detail;
      for (const WaitEdge* e : path) {
        if (!detail.empty()) detail += '\n';
        detail += fmt::format("Process {} waits for {}; blocked by process {}.", e->waiter->pid_,
                              e->waits_for, e->blocker->pid_);
      }
      return Status::Error(sqlstate::kDeadlockDetected, "deadlock detected")
          .WithDetail(std::move(detail))
          .WithHint("See server log for query details.");
    }
    if (!visited.insert(edge->blocker).second) continue;
    path.push_back(edge);
    stack.emplace_back(edge->blocker, 0);
  }
  return Status::OK();
}

std::vector<int32_t> LockManager::BlockingPids(int32_t pid) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<int32_t> pids;
  for (const WaitEdge& e : WaitEdgesLocked()) {
    if (e.waiter->pid_ != pid) continue;
    if (std::find(pids.begin(), pids.end(), e.blocker->pid_) == pids.end()) {
      pids.push_back(e.blocker->pid_);
    }
  }
  return pids;
}

std::vector<LockStatusRow> LockManager::StatusRows() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<LockStatusRow> rows;
  std::vector<WaitEdge> edges = WaitEdgesLocked();
  for (const LockOwner* owner : owners_) {
    const std::string vxid = fmt::format("{}/{}", owner->backend_id_, owner->local_transaction_);
    auto row = [&](std::string locktype, LockLevel level, bool granted) -> LockStatusRow& {
      LockStatusRow& r = rows.emplace_back();
      r.locktype = std::move(locktype);
      r.virtualtransaction = vxid;
      r.pid = owner->pid_;
      r.mode = LockLevelName(level);
      r.granted = granted;
      return r;
    };
    auto tag_row = [&](const LockTag& tag, LockLevel level, bool granted) -> LockStatusRow& {
      LockStatusRow& r = row(tag.kind == LockTag::Kind::kRelation   ? "relation"
                             : tag.kind == LockTag::Kind::kAdvisory ? "advisory"
                                                                    : "object",
                             level, granted);
      r.database = tag.database;
      if (tag.kind == LockTag::Kind::kRelation) {
        r.relation = tag.id1;
      } else {
        r.classid = tag.id1;
        r.objid = tag.id2;
        r.objsubid = static_cast<int16_t>(tag.id3);
      }
      return r;
    };
    if (owner->in_transaction_) row("virtualxid", LockLevel::kExclusive, true).virtualxid = vxid;
    if (owner->xid_ != 0) {
      row("transactionid", LockLevel::kExclusive, true).transactionid = owner->xid_;
    }
    for (const LockOwner::Held& held : owner->held_) tag_row(held.tag, held.level, true);
    if (owner->wait_kind_ == LockOwner::WaitKind::kLock) {
      tag_row(owner->wait_tag_, owner->wait_level_, false).waitstart = owner->wait_start_;
    } else if (owner->wait_kind_ == LockOwner::WaitKind::kRow) {
      // Shown as PostgreSQL shows a row wait: ShareLock on the holder's xid.
      auto edge = std::find_if(edges.begin(), edges.end(),
                               [&](const WaitEdge& e) { return e.waiter == owner; });
      if (edge != edges.end()) {
        LockStatusRow& r = row("transactionid", LockLevel::kShare, false);
        r.transactionid = edge->blocker->xid_;
        r.waitstart = owner->wait_start_;
      }
    }
  }
  return rows;
}

}  // namespace basalt::storage
