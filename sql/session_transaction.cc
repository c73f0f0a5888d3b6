// Transaction control: implicit transactions per query string, explicit
// blocks, the failed-block state, and what happens at commit (catalog
// publication, removal of dropped tables' data).
#include <chrono>

#include "sql/execution/evaluate.h"
#include "sql/session_impl.h"
#include "storage/table_store.h"

namespace basalt::sql {

namespace {

int64_t NowSincePostgresEpoch() {
  constexpr int64_t kUnixToPostgresMicros = 946684800LL * 1000000;
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::microseconds>(now).count() - kUnixToPostgresMicros;
}

}  // namespace

void SessionImpl::EnsureTransaction() {
  if (txn_ == nullptr) {
    txn_ = store_.Begin();
    implicit_ = true;
    repeatable_read_ = false;
    transaction_timestamp_ = NowSincePostgresEpoch();
    return;
  }
  // READ COMMITTED: every statement sees what committed before it started.
  if (!repeatable_read_) txn_->RefreshSnapshot();
}

void SessionImpl::CommitTransaction() {
  std::unique_ptr<storage::Transaction> txn = std::move(txn_);
  state_ = TransactionState::kIdle;
  implicit_ = false;
  Status st = txn->Commit();
  if (!st.ok()) {
    writer_.Discard();
    ThrowStatus(st);
  }
  std::vector<uint32_t> dropped = writer_.dropped_relations();
  writer_.Publish();
  // Relation ids are never reused, so removing the rows after the commit
  // cannot race a new table; a failure only leaves garbage behind.
  for (uint32_t relation : dropped) (void)storage::TableStore::DropData(store_, relation);
}

void SessionImpl::RollbackTransaction() {
  if (txn_ != nullptr) txn_->Rollback();
  txn_.reset();
  writer_.Discard();
  implicit_ = false;
  state_ = TransactionState::kIdle;
}

void SessionImpl::AbortAfterError() {
  if (state_ == TransactionState::kInBlock || state_ == TransactionState::kFailed) {
    // Release locks now; the block stays failed until ROLLBACK/COMMIT.
    if (txn_ != nullptr) txn_->Rollback();
    txn_.reset();
    writer_.Discard();
    state_ = TransactionState::kFailed;
    return;
  }
  RollbackTransaction();
}

void SessionImpl::ExecuteTransactionStatement(const ast::TransactionStmt& stmt, ResultSink& sink) {
  switch (stmt.type) {
    case ast::TransactionStmt::Type::kBegin:
      if (state_ == TransactionState::kFailed) {
        throw Error(sqlstate::kInFailedSqlTransaction,
                    "current transaction is aborted, commands ignored until end of "
                    "transaction block");
      }
      if (state_ == TransactionState::kInBlock) {
        sink.Warning(sqlstate::kActiveSqlTransaction, "there is already a transaction in progress");
      } else {
        // Statements earlier in the same query string join the block.
        if (txn_ == nullptr) EnsureTransaction();
        implicit_ = false;
        state_ = TransactionState::kInBlock;
        settings_at_begin_ = settings_;
        settings_at_commit_ = settings_;
        const std::string level =
            stmt.isolation_level.value_or(settings_.Get("default_transaction_isolation").value());
        repeatable_read_ = level == "repeatable read" || level == "serializable";
      }
      sink.CommandComplete(stmt.start_transaction ? "START TRANSACTION" : "BEGIN");
      return;
    case ast::TransactionStmt::Type::kCommit:
      if (state_ == TransactionState::kFailed) {
        RollbackTransaction();
        EndSettingsScope(/*commit=*/false, sink);
        sink.CommandComplete("ROLLBACK");
        return;
      }
      if (state_ != TransactionState::kInBlock) {
        sink.Warning(sqlstate::kNoActiveSqlTransaction, "there is no transaction in progress");
      }
      if (txn_ != nullptr) CommitTransaction();
      EndSettingsScope(/*commit=*/true, sink);
      sink.CommandComplete("COMMIT");
      return;
    case ast::TransactionStmt::Type::kRollback:
      if (state_ == TransactionState::kIdle) {
        sink.Warning(sqlstate::kNoActiveSqlTransaction, "there is no transaction in progress");
      }
      RollbackTransaction();
      EndSettingsScope(/*commit=*/false, sink);
      sink.CommandComplete("ROLLBACK");
      return;
  }
}

void SessionImpl::EndSettingsScope(bool commit, ResultSink& sink) {
  if (!settings_at_begin_) return;
  auto before = settings_.Reported();
  settings_ = commit ? std::move(*settings_at_commit_) : std::move(*settings_at_begin_);
  settings_at_begin_.reset();
  settings_at_commit_.reset();
  auto after = settings_.Reported();
  for (size_t i = 0; i < after.size() && i < before.size(); ++i) {
    if (before[i].second != after[i].second) sink.ParameterStatus(after[i].first, after[i].second);
  }
}

}  // namespace basalt::sql
