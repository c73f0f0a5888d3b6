// basalt.matview_read_your_writes: a session that committed writes to the
// tables of an incremental (deferred) view and then reads the view sees
// them, without calling REFRESH. The session remembers, per table, the
// commit sequence of its last transaction that logged changes to it; a
// statement reading such a view whose place in the change log is below
// that sequence first refreshes it, in a transaction of its own (or waits
// for a refresh already running, whose EXCLUSIVE lock it queues behind),
// then reads with a snapshot taken after.
//
// Only outside a transaction block and under READ COMMITTED: a block may
// hold locks the refresh would wait for (unseen by the deadlock detector,
// since the session waits for itself), and a REPEATABLE READ snapshot
// could not see the refresh anyway.
#include <algorithm>

#include "sql/commands/matview/incremental_shape.h"
#include "sql/discarding_result_sink.h"
#include "sql/session_impl.h"

namespace basalt::sql {
namespace {

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

bool SessionImpl::CatchUpWithOwnCommits(const StatementPlan& plan) {
  if (own_commits_.empty() || !settings_.MatviewReadYourWrites() ||
      state_ == TransactionState::kInBlock || repeatable_read_ || txn_ == nullptr) {
    return false;
  }
  bool refreshed = false;
  for (const StatementPlan::RelationLock& lock : plan.locks) {
    const catalog::proto::Table& def = lock.table->def;
    if (!lock.table->IsMaterializedView() || !def.incremental() || MaintainedImmediately(def) ||
        !def.populated()) {
      continue;
    }
    uint64_t needed = 0;
    for (const auto& table : TablesWatchedBy(*plan.catalog, def)) {
      auto own = own_commits_.find(table->layout.ChangeLogId());
      if (own != own_commits_.end()) needed = std::max(needed, own->second);
    }
    ChangeLogPlace place;
    if (needed == 0 ||
        (ReadChangeLogPlace(*txn_, def.oid(), &place) && PlaceCovers(place, needed))) {
      continue;
    }
    SessionImpl refresher(store_, catalog_, role_oid_, user_, superuser_, database_oid_, database_,
                          interrupt_holder_, 0, refresh_board_);
    DiscardingResultSink sink;
    refresher.ExecuteSimpleQuery(RefreshStatement(*plan.catalog, def), sink);
    refreshed = true;
  }
  return refreshed;
}

}  // namespace basalt::sql
