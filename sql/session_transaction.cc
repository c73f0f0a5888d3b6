// Transaction control: implicit transactions per query string, explicit
// blocks, the failed-block state, and what happens at commit (catalog
// publication, removal of dropped tables' data).
#include <fmt/format.h>

#include <utility>

#include "common/datetime.h"
#include "sql/activity_counts.h"
#include "sql/execution/evaluate.h"
#include "sql/session_impl.h"
#include "storage/table_store.h"

namespace basalt::sql {

namespace {

storage::IsolationLevel IsolationLevelOf(std::string_view level) {
  // READ UNCOMMITTED behaves as READ COMMITTED, as in PostgreSQL.
  if (level == "serializable") return storage::IsolationLevel::kSerializable;
  if (level == "repeatable read") return storage::IsolationLevel::kRepeatableRead;
  return storage::IsolationLevel::kReadCommitted;
}

[[noreturn]] void ThrowFailedBlock() {
  throw Error(sqlstate::kInFailedSqlTransaction,
              "current transaction is aborted, commands ignored until end of transaction block");
}

}  // namespace

void SessionImpl::EnsureTransaction() {
  lock_owner_->set_deadlock_timeout_ms(settings_.Milliseconds("deadlock_timeout"));
  if (txn_ == nullptr) {
    const bool in_block = state_ == TransactionState::kInBlock;
    if (!in_block) {
      implicit_ = true;
      transaction_timestamp_ = CurrentTimestamp();
    }
    storage::TransactionOptions options;
    options.isolation = IsolationLevelOf(
        settings_.Get(in_block ? "transaction_isolation" : "default_transaction_isolation")
            .value());
    options.lock_timeout_ms = settings_.Milliseconds("lock_timeout");
    options.interrupt = &interrupt_;
    options.lock_owner = lock_owner_.get();
    store_.locks().BeginTransaction(*lock_owner_);
    // 'now' and 'today' in this transaction's input read its start.
    SessionFormats formats = CurrentSessionFormats();
    formats.transaction_start = transaction_timestamp_;
    SetSessionFormats(formats);
    options.synchronous_commit = settings_.SynchronousCommit();
    transaction_catalog_ = catalog_.Current();
    snapshot_catalog_version_ = transaction_catalog_->version();
    txn_ = store_.Begin(options);
    immediate_applied_ = 0;
    view_applied_.clear();
    views_caught_up_.clear();
    written_tables_.clear();
    repeatable_read_ = options.isolation != storage::IsolationLevel::kReadCommitted;
    return;
  }
  txn_->SetLockTimeout(settings_.Milliseconds("lock_timeout"));
  // READ COMMITTED: every statement sees what committed before it started.
  if (!repeatable_read_) {
    snapshot_catalog_version_ = catalog_.Current()->version();
    txn_->RefreshSnapshot();
  }
}

void SessionImpl::CommitTransaction() {
  if (!deferred_.empty() && txn_ != nullptr) {
    try {
      ExecContext ctx = NewExecContext(nullptr, nullptr);
      deferred_.CheckPending(ctx, /*all=*/true);
    } catch (...) {
      // As PostgreSQL: a deferred check that fails at COMMIT rolls back.
      RollbackTransaction();
      throw;
    }
  }
  deferred_.Clear();
  RunOnCommitActions();
  HoldCursors();
  CloseTransactionPortals();
  try {
    MaintainImmediateViews(nullptr);
  } catch (...) {
    // As a failed commit: the transaction is gone.
    RollbackTransaction();
    throw;
  }
  ++transaction_serial_;  // its portals end with it
  EndTransactionState();
  std::unique_ptr<storage::Transaction> txn = std::move(txn_);
  state_ = TransactionState::kIdle;
  implicit_ = false;
  savepoints_.clear();
  std::vector<uint32_t> dropped = writer_.dropped_relations();
  const bool without_sync = std::exchange(commit_without_sync_, false);
  Status st = Status::OK();
  if (txn != nullptr) {
    txn->SetSynchronousCommit(settings_.SynchronousCommit() && !without_sync);
    RememberOwnCommit(*txn);
    st = writer_.CommitAndPublish(*txn);
    CountTransactionEnd(*txn, st.ok());
    if (st.ok()) {
      RecordOwnCommit();
    } else {
      committing_.reset();
    }
  }
  // Restarts of sequences that committed stay; a failed commit undoes them.
  if (st.ok()) {
    sequence_restarts_.clear();
  } else {
    UndoSequenceRestarts(0);
  }
  // After the catalog is published: a statement that waited for these
  // locks binds against the new catalog.
  store_.locks().EndTransaction(*lock_owner_);
  if (!st.ok()) ThrowStatus(st);
  // Relation ids are never reused, so removing the rows after the commit
  // cannot race a new table; a failure only leaves garbage behind.
  for (uint32_t relation : dropped) (void)storage::TableStore::DropData(store_, relation);
}

void SessionImpl::CountTransactionEnd(storage::Transaction& txn, bool committed) {
  ServerActivityCounts().AddTransactionWrites(txn.row_writes(), committed);
  ServerActivityCounts().AddTransactionEnd(database_oid_, committed);
}

void SessionImpl::RollbackTransaction() {
  CloseTransactionPortals();
  ++transaction_serial_;
  EndTransactionState();
  UndoSequenceRestarts(0);
  if (txn_ != nullptr) {
    txn_->Rollback();
    CountTransactionEnd(*txn_, /*committed=*/false);
  }
  txn_.reset();
  writer_.Discard();
  deferred_.Clear();
  commit_without_sync_ = false;
  store_.locks().EndTransaction(*lock_owner_);
  savepoints_.clear();
  implicit_ = false;
  state_ = TransactionState::kIdle;
}

void SessionImpl::AbortAfterError() {
  if (state_ == TransactionState::kInBlock || state_ == TransactionState::kFailed) {
    // As PostgreSQL: the failed part is undone at once and its locks
    // released — the whole transaction, or inside a savepoint only what came
    // after the innermost one (ROLLBACK TO resumes from there). The block
    // stays failed until ROLLBACK or ROLLBACK TO.
    if (state_ == TransactionState::kInBlock && txn_ != nullptr) {
      if (savepoints_.empty()) {
        txn_->Rollback();
        CountTransactionEnd(*txn_, /*committed=*/false);
        txn_.reset();
        writer_.Discard();
        store_.locks().EndTransaction(*lock_owner_);
        UndoSequenceRestarts(0);
      } else if (txn_->RollbackToSavePoint().ok()) {
        ForgetImmediateChangesAbove(txn_->BufferedChangeCount());
        UndoSequenceRestarts(savepoints_.back().sequence_restarts);
        txn_->SetSavePoint();
        writer_.RollbackTo(savepoints_.back().catalog);
        deferred_.RollbackTo(savepoints_.back().deferred);
        store_.locks().ReleaseToMark(*lock_owner_, savepoints_.back().locks);
      }
    }
    state_ = TransactionState::kFailed;
    return;
  }
  RollbackTransaction();
}

void SessionImpl::ExecuteTransactionStatement(const ast::TransactionStmt& stmt, ResultSink& sink) {
  using Type = ast::TransactionStmt::Type;
  switch (stmt.type) {
    case Type::kBegin: ExecuteBegin(stmt, sink); return;
    case Type::kCommit: ExecuteCommit(sink); return;
    case Type::kSetTransaction: ExecuteSetTransaction(stmt, sink); return;
    case Type::kRollback:
      if (state_ == TransactionState::kIdle) {
        SendWarning(sink, sqlstate::kNoActiveSqlTransaction, "there is no transaction in progress");
      }
      RollbackTransaction();
      EndSettingsScope(/*commit=*/false, sink);
      sink.CommandComplete("ROLLBACK");
      return;
    case Type::kSavepoint: ExecuteSavepoint(stmt, sink); return;
    case Type::kRelease: ExecuteRelease(stmt, sink); return;
    case Type::kRollbackTo: ExecuteRollbackTo(stmt, sink); return;
    case Type::kSetConstraints: ExecuteSetConstraints(stmt, sink); return;
  }
}

void SessionImpl::ExecuteBegin(const ast::TransactionStmt& stmt, ResultSink& sink) {
  if (state_ == TransactionState::kFailed) ThrowFailedBlock();
  if (state_ == TransactionState::kInBlock) {
    // Drivers send their own BEGIN first: its modes still apply while the
    // block has run no query.
    SendWarning(sink, sqlstate::kActiveSqlTransaction,
                "there is already a transaction in progress");
    ApplyTransactionModes(stmt);
  } else {
    // Statements earlier in the same query string join the block.
    if (txn_ == nullptr) transaction_timestamp_ = CurrentTimestamp();
    implicit_ = false;
    state_ = TransactionState::kInBlock;
    settings_at_begin_ = settings_;
    settings_at_commit_ = settings_;
    // The block's modes show as transaction_isolation and
    // transaction_read_only until it ends (EndSettingsScope).
    (void)settings_.Set("transaction_isolation",
                        settings_.Get("default_transaction_isolation").value());
    (void)settings_.Set("transaction_read_only",
                        settings_.Get("default_transaction_read_only").value());
    ApplyTransactionModes(stmt);
  }
  sink.CommandComplete(stmt.start_transaction ? "START TRANSACTION" : "BEGIN");
}

void SessionImpl::ApplyTransactionModes(const ast::TransactionStmt& stmt) {
  // PostgreSQL: the level is fixed by the first snapshot, i.e. once the
  // transaction has run a query (here: opened its storage transaction).
  const bool ran_query = txn_ != nullptr;
  if (stmt.isolation_level) {
    if (ran_query && *stmt.isolation_level != settings_.Get("transaction_isolation").value()) {
      throw Error(sqlstate::kActiveSqlTransaction,
                  "SET TRANSACTION ISOLATION LEVEL must be called before any query");
    }
    (void)settings_.Set("transaction_isolation", *stmt.isolation_level);
  }
  if (stmt.read_only) {
    if (ran_query && !*stmt.read_only && settings_.Get("transaction_read_only").value() == "on") {
      throw Error(sqlstate::kActiveSqlTransaction,
                  "transaction read-write mode must be set before any query");
    }
    (void)settings_.Set("transaction_read_only", *stmt.read_only ? "on" : "off");
  }
}

void SessionImpl::ExecuteCommit(ResultSink& sink) {
  if (state_ == TransactionState::kFailed) {
    RollbackTransaction();
    EndSettingsScope(/*commit=*/false, sink);
    sink.CommandComplete("ROLLBACK");
    return;
  }
  if (state_ != TransactionState::kInBlock) {
    SendWarning(sink, sqlstate::kNoActiveSqlTransaction, "there is no transaction in progress");
  }
  try {
    CommitTransaction();
  } catch (...) {
    // Rolled back (a deferred constraint failed, ...): so are its settings.
    EndSettingsScope(/*commit=*/false, sink);
    throw;
  }
  EndSettingsScope(/*commit=*/true, sink);
  sink.CommandComplete("COMMIT");
}

void SessionImpl::ExecuteSetTransaction(const ast::TransactionStmt& stmt, ResultSink& sink) {
  if (state_ == TransactionState::kFailed) ThrowFailedBlock();
  if (state_ != TransactionState::kInBlock) {
    SendWarning(sink, sqlstate::kNoActiveSqlTransaction,
                "SET TRANSACTION can only be used in transaction blocks");
  } else {
    ApplyTransactionModes(stmt);
  }
  sink.CommandComplete("SET");
}

size_t SessionImpl::FindSavepoint(const std::string& name) const {
  for (size_t i = savepoints_.size(); i-- > 0;) {
    if (savepoints_[i].name == name) return i;
  }
  throw Error(sqlstate::kInvalidSavepointSpecification,
              fmt::format("savepoint \"{}\" does not exist", name));
}

void SessionImpl::ExecuteSavepoint(const ast::TransactionStmt& stmt, ResultSink& sink) {
  if (state_ == TransactionState::kFailed) ThrowFailedBlock();
  if (state_ != TransactionState::kInBlock) {
    throw Error(sqlstate::kNoActiveSqlTransaction,
                "SAVEPOINT can only be used in transaction blocks");
  }
  if (txn_ == nullptr) EnsureTransaction();
  txn_->SetSavePoint();
  savepoints_.push_back(Savepoint{stmt.savepoint, settings_, settings_at_commit_, writer_.mark(),
                                  store_.locks().TransactionMark(*lock_owner_), deferred_.mark(),
                                  sequence_restarts_.size()});
  sink.CommandComplete("SAVEPOINT");
}

void SessionImpl::ExecuteRelease(const ast::TransactionStmt& stmt, ResultSink& sink) {
  if (state_ == TransactionState::kFailed) ThrowFailedBlock();
  if (state_ != TransactionState::kInBlock) {
    throw Error(sqlstate::kNoActiveSqlTransaction,
                "RELEASE SAVEPOINT can only be used in transaction blocks");
  }
  const size_t index = FindSavepoint(stmt.savepoint);
  // Releasing a savepoint releases the ones inside it too; what they did stays.
  while (savepoints_.size() > index) {
    Status st = txn_->ReleaseSavePoint();
    if (!st.ok()) ThrowStatus(st);
    savepoints_.pop_back();
  }
  sink.CommandComplete("RELEASE");
}

void SessionImpl::ExecuteRollbackTo(const ast::TransactionStmt& stmt, ResultSink& sink) {
  if (state_ == TransactionState::kIdle) {
    throw Error(sqlstate::kNoActiveSqlTransaction,
                "ROLLBACK TO SAVEPOINT can only be used in transaction blocks");
  }
  const size_t index = FindSavepoint(stmt.savepoint);
  // Undo the inner savepoints and this one, then set it again: it stays.
  for (size_t i = index; i < savepoints_.size(); ++i) {
    Status st = txn_->RollbackToSavePoint();
    if (!st.ok()) ThrowStatus(st);
  }
  savepoints_.erase(savepoints_.begin() + static_cast<std::ptrdiff_t>(index) + 1,
                    savepoints_.end());
  ForgetImmediateChangesAbove(txn_->BufferedChangeCount());
  txn_->SetSavePoint();
  Savepoint& savepoint = savepoints_.back();
  writer_.RollbackTo(savepoint.catalog);
  deferred_.RollbackTo(savepoint.deferred);
  UndoSequenceRestarts(savepoint.sequence_restarts);
  store_.locks().ReleaseToMark(*lock_owner_, savepoint.locks);
  auto before = settings_.Reported();
  settings_ = savepoint.settings;
  settings_at_commit_ = savepoint.settings_at_commit;
  SendChangedParameters(before, sink);
  state_ = TransactionState::kInBlock;
  sink.CommandComplete("ROLLBACK");
}

namespace {

// client_min_messages: the lowest severity sent (LOG ranks below NOTICE here).
int MessageRank(std::string_view level) {
  if (level == "error") return 3;
  if (level == "warning") return 2;
  if (level == "notice") return 1;
  return 0;  // debug5 .. debug1, log
}

}  // namespace

void SessionImpl::SendNotice(ResultSink& sink, sqlstate::Code code, std::string_view message) {
  if (MessageRank(settings_.Get("client_min_messages").value()) <= 1) sink.Notice(code, message);
}

void SessionImpl::SendNoticeWithDetail(ResultSink& sink, sqlstate::Code code,
                                       std::string_view message, std::string_view detail) {
  if (MessageRank(settings_.Get("client_min_messages").value()) <= 1) {
    sink.NoticeWithDetail(code, message, detail);
  }
}

void SessionImpl::SendWarning(ResultSink& sink, sqlstate::Code code, std::string_view message) {
  if (MessageRank(settings_.Get("client_min_messages").value()) <= 2) sink.Warning(code, message);
}

bool SessionImpl::ReadOnly() const {
  std::string_view setting = state_ == TransactionState::kInBlock ? "transaction_read_only"
                                                                  : "default_transaction_read_only";
  return settings_.Get(setting).value() == "on";
}

void SessionImpl::CheckWritable(std::string_view what) {
  if (ReadOnly()) {
    throw Error(sqlstate::kReadOnlySqlTransaction,
                fmt::format("cannot execute {} in a read-only transaction", what));
  }
}

void SessionImpl::EndSettingsScope(bool commit, ResultSink& sink) {
  if (!settings_at_begin_) return;
  auto before = settings_.Reported();
  settings_ = commit ? std::move(*settings_at_commit_) : std::move(*settings_at_begin_);
  settings_at_begin_.reset();
  settings_at_commit_.reset();
  SendChangedParameters(before, sink);
}

void SessionImpl::EndTransactionState() {
  if (settings_before_local_) {
    settings_ = std::move(*settings_before_local_);
    settings_before_local_.reset();
  }
  transaction_id_.reset();
}

std::optional<uint64_t> SessionImpl::TransactionId(bool assign) {
  if (!transaction_id_ && assign) {
    Result<uint64_t> id = store_.NextCounterValue("transaction_id");
    if (!id.ok()) ThrowStatus(id.status());
    transaction_id_ = *id;
  }
  return transaction_id_;
}

void SessionImpl::SendChangedParameters(
    const std::vector<std::pair<std::string, std::string>>& before, ResultSink& sink) {
  auto after = settings_.Reported();
  for (size_t i = 0; i < after.size() && i < before.size(); ++i) {
    if (before[i].second != after[i].second) sink.ParameterStatus(after[i].first, after[i].second);
  }
}

void SessionImpl::RefuseInBlock(std::string_view command) const {
  if (state_ == TransactionState::kInBlock || multi_statement_query_) {
    throw Error(sqlstate::kActiveSqlTransaction,
                fmt::format("{} cannot run inside a transaction block", command));
  }
}

}  // namespace basalt::sql
