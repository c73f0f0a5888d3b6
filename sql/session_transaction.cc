// Transaction control: implicit transactions per query string, explicit
// blocks, the failed-block state, and what happens at commit (catalog
// publication, removal of dropped tables' data).
#include <fmt/format.h>

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
        SendWarning(sink, sqlstate::kActiveSqlTransaction,
                    "there is already a transaction in progress");
      } else {
        // Statements earlier in the same query string join the block.
        if (txn_ == nullptr) EnsureTransaction();
        implicit_ = false;
        state_ = TransactionState::kInBlock;
        settings_at_begin_ = settings_;
        settings_at_commit_ = settings_;
        block_ran_query_ = false;
        // The block's modes show as transaction_isolation and
        // transaction_read_only until it ends (EndSettingsScope).
        const std::string level =
            stmt.isolation_level.value_or(settings_.Get("default_transaction_isolation").value());
        repeatable_read_ = level == "repeatable read" || level == "serializable";
        (void)settings_.Set("transaction_isolation", level);
        bool read_only =
            stmt.read_only.value_or(settings_.Get("default_transaction_read_only").value() == "on");
        (void)settings_.Set("transaction_read_only", read_only ? "on" : "off");
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
        SendWarning(sink, sqlstate::kNoActiveSqlTransaction, "there is no transaction in progress");
      }
      if (txn_ != nullptr) CommitTransaction();
      EndSettingsScope(/*commit=*/true, sink);
      sink.CommandComplete("COMMIT");
      return;
    case ast::TransactionStmt::Type::kSetTransaction:
      if (state_ == TransactionState::kFailed) {
        throw Error(sqlstate::kInFailedSqlTransaction,
                    "current transaction is aborted, commands ignored until end of "
                    "transaction block");
      }
      if (state_ != TransactionState::kInBlock) {
        SendWarning(sink, sqlstate::kNoActiveSqlTransaction,
                    "SET TRANSACTION can only be used in transaction blocks");
      } else {
        if (stmt.isolation_level && block_ran_query_) {
          throw Error(sqlstate::kActiveSqlTransaction,
                      "SET TRANSACTION ISOLATION LEVEL must be called before any query");
        }
        if (stmt.isolation_level) {
          repeatable_read_ =
              *stmt.isolation_level == "repeatable read" || *stmt.isolation_level == "serializable";
          (void)settings_.Set("transaction_isolation", *stmt.isolation_level);
        }
        if (stmt.read_only)
          (void)settings_.Set("transaction_read_only", *stmt.read_only ? "on" : "off");
      }
      sink.CommandComplete("SET");
      return;
    case ast::TransactionStmt::Type::kRollback:
      if (state_ == TransactionState::kIdle) {
        SendWarning(sink, sqlstate::kNoActiveSqlTransaction, "there is no transaction in progress");
      }
      RollbackTransaction();
      EndSettingsScope(/*commit=*/false, sink);
      sink.CommandComplete("ROLLBACK");
      return;
  }
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

void SessionImpl::SendWarning(ResultSink& sink, sqlstate::Code code, std::string_view message) {
  if (MessageRank(settings_.Get("client_min_messages").value()) <= 2) sink.Warning(code, message);
}

void SessionImpl::CheckWritable(std::string_view what) {
  std::string_view setting = state_ == TransactionState::kInBlock ? "transaction_read_only"
                                                                  : "default_transaction_read_only";
  if (settings_.Get(setting).value() == "on") {
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
  auto after = settings_.Reported();
  for (size_t i = 0; i < after.size() && i < before.size(); ++i) {
    if (before[i].second != after[i].second) sink.ParameterStatus(after[i].first, after[i].second);
  }
}

}  // namespace basalt::sql
