// Immediate maintenance (refresh_mode = 'immediate'): the writing
// transaction applies its own changes to the views that watch the tables it
// wrote, at the end of each statement, so every reader sees each view
// current as of its snapshot (docs/materialized-views.md).
//
// Writers do not serialize on the view:
// - a change's rows go through the delta rules of incremental refresh, with
//   the transaction's own change records as the changes;
// - the view's rows of a maintenance key (a group, or a row the changes
//   remove) are read and replaced only under that key's lock, so two writers
//   of one group take turns and writers of different groups run side by
//   side. The lock is a write of a meta key: a REPEATABLE READ writer whose
//   snapshot predates another's change of the group fails with 40001
//   instead of recomputing the group from its older snapshot;
// - under READ COMMITTED the snapshot moves past the locks just taken, so a
//   group is recomputed from what the writer it waited for committed;
// - a join's delta reads the other inputs, so a writer of one input and a
//   writer of another must not both miss each other's uncommitted rows:
//   each writer takes, per input of the view, ROW EXCLUSIVE on the inputs
//   it has not changed and SHARE on the one it changed — SHARE ROW
//   EXCLUSIVE on each it changed if it changed several, or one the view
//   reads twice, as their own changes join each other. Writers of the same
//   one input go on together; any other two writers take turns. A REPEATABLE READ
//   writer cannot move its snapshot: it fails with 40001 when a writer of
//   another input ended since it began.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "common/error.h"
#include "sql/commands/matview/change_log_reader.h"
#include "sql/commands/matview/incremental_shape.h"
#include "sql/commands/matview/refresh.h"
#include "sql/execution/evaluate.h"
#include "sql/session_impl.h"
#include "storage/coding.h"
#include "storage/index_key.h"

namespace basalt::sql {

namespace {

// meta key of a maintenance key's lock: "matview_key/" | view OID BE4 | key.
std::string KeyLockKey(Oid view, std::string_view key) {
  std::string out = "matview_key/";
  storage::AppendBigEndian32(view, &out);
  out.append(key);
  return out;
}

}  // namespace

void DeleteKeyLocks(storage::Transaction& txn, Oid view) {
  const std::string prefix = KeyLockKey(view, "");
  std::unique_ptr<storage::KvIterator> it =
      txn.Scan(storage::ColumnFamily::kMeta, prefix, storage::PrefixSuccessor(prefix));
  std::vector<std::string> keys;
  for (; it->Valid(); it->Next()) keys.emplace_back(it->key());
  if (!it->status().ok()) ThrowStatus(it->status());
  for (const std::string& key : keys) {
    Status st = txn.Delete(storage::ColumnFamily::kMeta, key);
    if (!st.ok()) ThrowStatus(st);
  }
}

void SessionImpl::MaintainImmediateViews(ResultSink* sink) {
  if (!HasUnappliedImmediateChanges() || state_ == TransactionState::kFailed) return;
  MaterializeOpenPortals(sink);
  // Passes until nothing is left: a view's own writes are changes of a
  // table (itself) that other immediate views may watch. Within a pass the
  // views go in OID order, so a view over another comes after it and takes
  // that view's changes with the tables' in one step.
  while (immediate_applied_ < txn_->BufferedChangeCount()) {
    std::shared_ptr<const catalog::CatalogSnapshot> catalog = writer_.View();
    std::set<Oid> changed;
    for (size_t i = immediate_applied_; i < txn_->BufferedChangeCount(); ++i) {
      changed.insert(txn_->GetBufferedChange(i).relation_id);
    }
    written_tables_.insert(changed.begin(), changed.end());
    std::set<Oid> views;
    for (Oid table_oid : changed) {
      std::shared_ptr<const catalog::TableEntry> table =
          catalog->TableByOid(database_oid_, table_oid);
      if (table == nullptr) continue;
      views.insert(table->def.immediate_views().begin(), table->def.immediate_views().end());
    }
    const size_t end = txn_->BufferedChangeCount();
    bool applied_any = false;
    for (Oid view_oid : views) {
      const size_t from = std::max(immediate_applied_, view_applied_[view_oid]);
      const size_t to = txn_->BufferedChangeCount();
      if (from >= to) continue;
      std::shared_ptr<const catalog::TableEntry> view =
          catalog->TableByOid(database_oid_, view_oid);
      if (view != nullptr) MaintainImmediateView(view, from, to);
      view_applied_[view_oid] = to;
      applied_any = true;
    }
    if (!applied_any || txn_->BufferedChangeCount() == end) {
      immediate_applied_ = end;
      view_applied_.clear();
    }
  }
}

void SessionImpl::MaintainImmediateView(std::shared_ptr<const catalog::TableEntry> view,
                                        size_t from, size_t to) {
  LockRelation(*view, storage::LockLevel::kRowExclusive);
  // A TRUNCATE or REFRESH that committed while this waited gave the view
  // new relations: read its definition again.
  const Oid database = view->def.database_oid();
  view = writer_.View()->TableByOid(database, view->def.oid());
  // WITH NO DATA: nothing to keep current until a REFRESH fills it.
  if (view == nullptr || !MaintainedImmediately(view->def) || !view->def.populated()) return;
  if (repeatable_read_) {
    // Another transaction's new relations hold rows this snapshot misses.
    std::shared_ptr<const catalog::TableEntry> then =
        transaction_catalog_->TableByOid(database, view->def.oid());
    std::shared_ptr<const catalog::TableEntry> committed =
        catalog_.Current()->TableByOid(database, view->def.oid());
    if (then != nullptr && committed != nullptr &&
        then->def.relation_id() != committed->def.relation_id()) {
      throw Error(sqlstate::kSerializationFailure,
                  "could not serialize access due to concurrent update");
    }
  }
  std::unique_ptr<BoundSelect> query = BindAndLockMatViewQuery(view);
  const IncrementalShape shape = AnalyzeIncrementalShape(*query);
  std::vector<std::shared_ptr<const catalog::TableEntry>> tables = WatchedTables(view->def);
  PendingChanges pending = ReadOwnChanges(*txn_, tables, from, to);
  if (pending.records == 0) return;
  LockImmediateViewInputs(view->def.oid(), shape);
  // The other inputs as their writers committed them, past the locks.
  if (!repeatable_read_) txn_->RefreshSnapshot();

  MatviewRefresh refresh = NewMatviewRefresh(view, query);
  auto lock_keys = [&](const std::vector<std::string>& keys) {
    for (const std::string& key : keys) {
      const std::string lock_key = KeyLockKey(view->def.oid(), key);
      std::string value;
      bool found = false;
      Status st = txn_->GetForUpdate(storage::ColumnFamily::kMeta, lock_key, &value, &found);
      if (st.ok()) st = txn_->Put(storage::ColumnFamily::kMeta, lock_key, "", /*locked=*/true);
      if (!st.ok()) ThrowStatus(st);
    }
    // The groups as the writers this waited for left them.
    if (!repeatable_read_) txn_->RefreshSnapshot();
  };
  std::string reason;
  if (!ApplyOwnChanges(refresh, shape, pending, lock_keys, &reason)) RecomputeMatView(view);
}

void SessionImpl::LockImmediateViewInputs(Oid view, const IncrementalShape& shape) {
  // One table read once: no delta of it joins another's changes.
  if (shape.reads.size() == 1 && shape.reads.begin()->second == 1) return;
  storage::LockWaitPolicy policy{.nowait = false,
                                 .lock_timeout_ms = settings_.Milliseconds("lock_timeout"),
                                 .interrupt = &interrupt_};
  const auto inputs_written =
      std::count_if(shape.reads.begin(), shape.reads.end(),
                    [&](const auto& input) { return written_tables_.contains(input.first); });
  for (const auto& [table_oid, reads] : shape.reads) {  // in OID order
    const bool written = written_tables_.contains(table_oid);
    const storage::LockLevel level = !written ? storage::LockLevel::kRowExclusive
                                     : reads > 1 || inputs_written > 1
                                         ? storage::LockLevel::kShareRowExclusive
                                         : storage::LockLevel::kShare;
    const storage::LockTag tag = storage::LockTag::MatviewInput(database_oid_, view, table_oid);
    Status st = store_.locks().Acquire(*lock_owner_, tag, level, storage::LockScope::kTransaction,
                                       policy, "");
    if (!st.ok()) ThrowStatus(st);
    // A snapshot older than another writer's commit of an input this
    // delta joins would miss the rows both changed.
    if (repeatable_read_ && level != storage::LockLevel::kShare &&
        store_.locks().WriterReleasedSince(*lock_owner_, tag)) {
      throw Error(sqlstate::kSerializationFailure,
                  "could not serialize access due to concurrent update");
    }
  }
}

void SessionImpl::ForgetImmediateChangesAbove(size_t changes) {
  immediate_applied_ = std::min(immediate_applied_, changes);
  for (auto& [view, applied] : view_applied_) applied = std::min(applied, changes);
}

}  // namespace basalt::sql
