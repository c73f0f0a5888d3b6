// basalt.matview_read_your_writes: a session that committed writes to the
// tables of an incremental (deferred) view and then reads the view sees
// them, without calling REFRESH. The session remembers, per table, the
// commit sequence of its last transaction that logged changes to it; a
// statement reading such a view whose place in the change log is below
// that sequence first refreshes it, in a transaction of its own (or waits
// for a refresh already running, whose EXCLUSIVE lock it queues behind),
// then reads with a snapshot taken after.
//
// A REPEATABLE READ (or SERIALIZABLE) snapshot cannot see a refresh
// committed after it: such a transaction reads a view it brought up to
// date at a snapshot taken after the refresh (Transaction::
// ReadRelationNewerThanSnapshot), from then on, so its reads of the view
// still repeat; its other tables stay at the transaction's snapshot, as a
// deferred view's rows are independent of them anyway. Inside a block,
// not when the block holds a lock the refresh
// would wait for (a lock on the view stronger than ACCESS SHARE, ACCESS
// EXCLUSIVE on one of its tables): the session would wait for itself, a
// wait the deadlock detector cannot see. The refresh reads the tables'
// rows without locking them, so the block's own row locks never stop it.
#include <algorithm>

#include "sql/commands/matview/incremental_shape.h"
#include "sql/discarding_result_sink.h"
#include "sql/session_impl.h"

namespace basalt::sql {
namespace {

using TableEntryPtr = std::shared_ptr<const catalog::TableEntry>;

bool PlaceCovers(const ChangeLogPlace& place, uint64_t sequence) {
  if (place.watermark >= sequence) return true;
  return std::any_of(place.applied_above.begin(), place.applied_above.end(),
                     [&](const ChangeLogPlace::Applied& a) {
                       return a.sequence == sequence && a.ordinal_limit == UINT32_MAX;
                     });
}

}  // namespace

void SessionImpl::RememberOwnCommit(storage::Transaction& txn) {
  if (!settings_.MatviewReadYourWrites() || txn.BufferedChangeCount() == 0) return;
  auto tables = std::make_shared<std::set<uint32_t>>();
  for (size_t i = 0; i < txn.BufferedChangeCount(); ++i) {
    tables->insert(txn.GetBufferedChange(i).relation_id);
  }
  txn.OnCommitSequence([this, tables](uint64_t sequence) {
    // Counted only once the commit succeeds (CommitTransaction).
    committing_ = {sequence, std::move(*tables)};
    return Status::OK();
  });
}

void SessionImpl::RecordOwnCommit() {
  if (!committing_) return;
  for (uint32_t table : committing_->second) own_commits_[table] = committing_->first;
  committing_.reset();
}

bool SessionImpl::BlockHoldsUpRefresh(const catalog::proto::Table& view,
                                      const std::vector<TableEntryPtr>& tables) {
  if (state_ != TransactionState::kInBlock) return false;
  for (const storage::LockStatusRow& lock : store_.locks().StatusRows()) {
    if (lock.pid != lock_owner_->pid() || !lock.granted || !lock.relation) continue;
    if (*lock.relation == view.oid() && lock.mode != "AccessShareLock") return true;
    for (const TableEntryPtr& table : tables) {
      if (*lock.relation == table->def.oid() && lock.mode == "AccessExclusiveLock") return true;
    }
  }
  return false;
}

void SessionImpl::ReadCaughtUpView(const catalog::proto::Table& view) {
  // The transaction's own snapshot still holds the place from before the
  // refresh: the view is not caught up again in this transaction.
  views_caught_up_.insert(view.oid());
  const uint64_t refreshed = store_.CurrentVersion();
  txn_->ReadRelationNewerThanSnapshot(view.relation_id(), refreshed);
  for (const catalog::proto::Index& index : view.indexes()) {
    txn_->ReadRelationNewerThanSnapshot(index.relation_id(), refreshed);
  }
}

bool SessionImpl::CatchUpWithOwnCommits(const StatementPlan& plan) {
  if (own_commits_.empty() || !settings_.MatviewReadYourWrites() || txn_ == nullptr) {
    return false;
  }
  bool refreshed = false;
  for (const StatementPlan::RelationLock& lock : plan.locks) {
    const catalog::proto::Table& def = lock.table->def;
    if (!lock.table->IsMaterializedView() || !def.incremental() || MaintainedImmediately(def) ||
        !def.populated() || views_caught_up_.contains(def.oid())) {
      continue;
    }
    uint64_t needed = 0;
    const std::vector<TableEntryPtr> tables = TablesWatchedBy(*plan.catalog, def);
    for (const auto& table : tables) {
      auto own = own_commits_.find(table->layout.TableId());
      if (own != own_commits_.end()) needed = std::max(needed, own->second);
    }
    ChangeLogPlace place;
    if (needed == 0 ||
        (ReadChangeLogPlace(*txn_, def.oid(), &place) && PlaceCovers(place, needed)) ||
        BlockHoldsUpRefresh(def, tables)) {
      continue;
    }
    SessionImpl refresher(store_, catalog_, role_oid_, user_, superuser_, database_oid_, database_,
                          interrupt_holder_, 0, refresh_board_);
    DiscardingResultSink sink;
    refresher.ExecuteSimpleQuery(RefreshStatement(*plan.catalog, def), sink);
    refreshed = true;
    if (repeatable_read_) ReadCaughtUpView(def);
  }
  return refreshed;
}

}  // namespace basalt::sql
