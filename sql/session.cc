#include <fmt/format.h>

#include "sql/binder/binder.h"
#include "sql/execution/evaluate.h"
#include "sql/parser/parser.h"
#include "sql/planner/optimizer.h"
#include "sql/planner/planner.h"
#include "sql/session_impl.h"

namespace basalt::sql {

SessionImpl::SessionImpl(storage::KvStore& store, catalog::Catalog& catalog, Oid role_oid,
                         std::string user, bool superuser, Oid database_oid, std::string database,
                         std::shared_ptr<Interrupt> interrupt, int32_t process_id)
    : store_(store),
      catalog_(catalog),
      role_oid_(role_oid),
      user_(user),
      superuser_(superuser),
      database_oid_(database_oid),
      database_(std::move(database)),
      settings_(std::move(user), superuser),
      lock_owner_(store.locks().Register(process_id, database_oid)),
      writer_(catalog),
      interrupt_holder_(interrupt != nullptr ? std::move(interrupt)
                                             : std::make_shared<Interrupt>()),
      interrupt_(*interrupt_holder_) {}

SessionImpl::~SessionImpl() {
  if (txn_ != nullptr) RollbackTransaction();
}

void SessionImpl::ExecuteSimpleQuery(std::string_view query_text, ResultSink& sink) {
  std::vector<ast::StatementPtr> statements;
  std::vector<std::string> notices;
  try {
    statements = ParseStatements(query_text, &notices);
  } catch (...) {
    // A syntax error inside a block aborts it, as in PostgreSQL.
    if (state_ == TransactionState::kInBlock) AbortAfterError();
    throw;
  }
  for (const std::string& notice : notices) SendNotice(sink, sqlstate::kNameTooLong, notice);
  if (statements.empty()) {
    sink.EmptyQuery();
    return;
  }
  try {
    for (const ast::StatementPtr& statement : statements) {
      BeginStatement();
      ExecuteStatement(*statement, sink);
    }
    // The implicit transaction of the query string ends with it.
    if (txn_ != nullptr && implicit_) CommitTransaction();
  } catch (...) {
    // Whatever failed — an SQL error, an allocation failure, anything
    // unexpected — the statement's writes must never be committed later.
    AbortAfterError();
    throw;
  }
}

void SessionImpl::BeginStatement() {
  const int64_t timeout_ms = settings_.Milliseconds("statement_timeout");
  interrupt_.BeginStatement(timeout_ms > 0 ? std::optional(Interrupt::Clock::now() +
                                                           std::chrono::milliseconds(timeout_ms))
                                           : std::nullopt);
}

void SessionImpl::ExecuteStatement(const ast::Statement& statement, ResultSink& sink) {
  if (statement.kind() == ast::StatementKind::kTransaction) {
    ExecuteTransactionStatement(statement.As<ast::TransactionStmt>(), sink);
    return;
  }
  if (state_ == TransactionState::kFailed) {
    throw Error(sqlstate::kInFailedSqlTransaction,
                "current transaction is aborted, commands ignored until end of transaction "
                "block");
  }
  switch (statement.kind()) {
    case ast::StatementKind::kInsert: CheckWritable("INSERT"); break;
    case ast::StatementKind::kUpdate: CheckWritable("UPDATE"); break;
    case ast::StatementKind::kDelete: CheckWritable("DELETE"); break;
    case ast::StatementKind::kCreateTable: CheckWritable("CREATE TABLE"); break;
    case ast::StatementKind::kDrop: CheckWritable("DROP TABLE"); break;
    case ast::StatementKind::kTruncate: CheckWritable("TRUNCATE TABLE"); break;
    default: break;
  }
  switch (statement.kind()) {
    case ast::StatementKind::kSet: ExecuteSet(statement.As<ast::SetStmt>(), sink); return;
    case ast::StatementKind::kReset: ExecuteReset(statement.As<ast::ResetStmt>(), sink); return;
    case ast::StatementKind::kShow: ExecuteShow(statement.As<ast::ShowStmt>(), sink); return;
    case ast::StatementKind::kCheckpoint: ExecuteCheckpoint(sink); return;
    case ast::StatementKind::kCreateTable:
      EnsureTransaction();
      ExecuteCreateTable(statement.As<ast::CreateTableStmt>(), sink);
      return;
    case ast::StatementKind::kDrop:
      EnsureTransaction();
      ExecuteDrop(statement.As<ast::DropStmt>(), sink);
      return;
    case ast::StatementKind::kTruncate:
      EnsureTransaction();
      ExecuteTruncate(statement.As<ast::TruncateStmt>(), sink);
      return;
    case ast::StatementKind::kExplain:
      EnsureTransaction();
      ExecuteExplain(statement.As<ast::ExplainStmt>(), sink);
      return;
    case ast::StatementKind::kLock:
      EnsureTransaction();
      ExecuteLock(statement.As<ast::LockStmt>(), sink);
      return;
    case ast::StatementKind::kClose: ExecuteClose(statement.As<ast::CloseStmt>(), sink); return;
    case ast::StatementKind::kDiscard:
      ExecuteDiscard(statement.As<ast::DiscardStmt>(), sink);
      return;
    case ast::StatementKind::kUnlisten:
      // No LISTEN yet, so nothing to stop listening to (pools send
      // UNLISTEN * on every release).
      sink.CommandComplete("UNLISTEN");
      return;
    default:
      EnsureTransaction();
      ExecuteQuery(statement, sink);
      return;
  }
}

namespace {

// The relation a statement reads or writes and the lock it takes on it, as
// PostgreSQL: ACCESS SHARE to read, ROW SHARE for SELECT FOR UPDATE/SHARE,
// ROW EXCLUSIVE to write. Null for a SELECT without FROM.
std::pair<const catalog::TableEntry*, storage::LockLevel> RelationLock(
    const BoundStatement& bound) {
  using storage::LockLevel;
  if (auto* select = std::get_if<std::unique_ptr<BoundSelect>>(&bound)) {
    return {(*select)->table.get(),
            (*select)->row_lock ? LockLevel::kRowShare : LockLevel::kAccessShare};
  }
  if (auto* insert = std::get_if<std::unique_ptr<BoundInsert>>(&bound)) {
    return {(*insert)->table.get(), LockLevel::kRowExclusive};
  }
  if (auto* update = std::get_if<std::unique_ptr<BoundUpdate>>(&bound)) {
    return {(*update)->table.get(), LockLevel::kRowExclusive};
  }
  if (auto* del = std::get_if<std::unique_ptr<BoundDelete>>(&bound)) {
    return {(*del)->table.get(), LockLevel::kRowExclusive};
  }
  return {nullptr, LockLevel::kAccessShare};
}

// The source table of INSERT ... SELECT, read under ACCESS SHARE.
const catalog::TableEntry* InsertSource(const BoundStatement& bound) {
  auto* insert = std::get_if<std::unique_ptr<BoundInsert>>(&bound);
  return insert != nullptr && (*insert)->source != nullptr ? (*insert)->source->table.get()
                                                           : nullptr;
}

// PostgreSQL's command name in `cannot execute ... in a read-only transaction`.
std::string_view RowLockCommandName(storage::RowLockStrength strength) {
  switch (strength) {
    case storage::RowLockStrength::kKeyShare: return "SELECT FOR KEY SHARE";
    case storage::RowLockStrength::kShare: return "SELECT FOR SHARE";
    case storage::RowLockStrength::kNoKeyUpdate: return "SELECT FOR NO KEY UPDATE";
    case storage::RowLockStrength::kUpdate: return "SELECT FOR UPDATE";
  }
  return "SELECT FOR UPDATE";
}

}  // namespace

bool SessionImpl::LockRelation(const catalog::TableEntry& table, storage::LockLevel level,
                               bool nowait) {
  storage::LockWaitPolicy policy{.nowait = nowait,
                                 .lock_timeout_ms = settings_.Milliseconds("lock_timeout"),
                                 .interrupt = &interrupt_};
  bool waited = false;
  // The name is only for NOWAIT's error: no formatting on the hot path.
  const std::string object = nowait ? fmt::format("relation \"{}\"", table.def.name()) : "";
  Status st = store_.locks().Acquire(
      *lock_owner_, storage::LockTag::Relation(database_oid_, table.def.oid()), level,
      storage::LockScope::kTransaction, policy, object, &waited);
  if (!st.ok()) ThrowStatus(st);
  return waited;
}

BoundStatement SessionImpl::BindAndLock(const ast::Statement& statement) {
  bool waited = false;
  while (true) {
    std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
    Binder binder(*snapshot, database_oid_, user_, settings_.SearchPath());
    binder.SetParameters(parameters_, /*describing=*/false);
    BoundStatement bound = binder.Bind(statement);
    auto [table, level] = RelationLock(bound);
    const catalog::TableEntry* source = InsertSource(bound);
    if (source != nullptr && source != table) {
      waited = LockRelation(*source, storage::LockLevel::kAccessShare) || waited;
    }
    if (table != nullptr) waited = LockRelation(*table, level) || waited;
    // A DDL that committed meanwhile (it publishes before releasing its
    // locks) changes what the statement means: bind it again.
    if (writer_.View()->version() != snapshot->version()) continue;
    // READ COMMITTED: a statement that waited sees what committed meanwhile,
    // as PostgreSQL takes the statement's snapshot after its locks.
    if (waited && !repeatable_read_) txn_->RefreshSnapshot();
    return bound;
  }
}

std::vector<std::shared_ptr<const catalog::TableEntry>> SessionImpl::ResolveAndLock(
    const std::vector<ast::QualifiedName>& names, storage::LockLevel level, bool nowait,
    const std::function<void(const ast::QualifiedName&)>& missing) {
  while (true) {
    std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
    Binder binder(*snapshot, database_oid_, user_, settings_.SearchPath());
    // Every name is resolved before anything is locked.
    std::vector<std::shared_ptr<const catalog::TableEntry>> tables;
    for (const ast::QualifiedName& name : names) {
      auto table = binder.ResolveTable(name, /*missing_ok=*/true);
      if (table == nullptr) {
        missing(name);
        continue;
      }
      tables.push_back(std::move(table));
    }
    for (const auto& table : tables) LockRelation(*table, level, nowait);
    if (writer_.View()->version() == snapshot->version()) return tables;
  }
}

void SessionImpl::ExecuteQuery(const ast::Statement& statement, ResultSink& sink) {
  BoundStatement bound = BindAndLock(statement);

  LogicalOperatorPtr plan;
  const std::vector<ResultColumn>* columns = nullptr;
  const char* tag = nullptr;
  if (auto* select = std::get_if<std::unique_ptr<BoundSelect>>(&bound)) {
    if ((*select)->row_lock) CheckWritable(RowLockCommandName((*select)->row_lock->strength));
    columns = &(*select)->columns;
    plan = PlanSelect(**select);
  } else if (auto* insert = std::get_if<std::unique_ptr<BoundInsert>>(&bound)) {
    plan = PlanInsert(**insert);
    tag = "INSERT 0 ";
  } else if (auto* update = std::get_if<std::unique_ptr<BoundUpdate>>(&bound)) {
    plan = PlanUpdate(**update);
    tag = "UPDATE ";
  } else if (auto* del = std::get_if<std::unique_ptr<BoundDelete>>(&bound)) {
    plan = PlanDelete(**del);
    tag = "DELETE ";
  } else {
    throw Error(sqlstate::kFeatureNotSupported, "statement is not supported yet");
  }
  PhysicalOperatorPtr root = CreatePhysicalPlan(Optimize(std::move(plan)));

  ExecContext ctx{.store = store_,
                  .txn = *txn_,
                  .transaction_timestamp = transaction_timestamp_,
                  .interrupt = &interrupt_,
                  .lock_owner = lock_owner_.get(),
                  .lock_timeout_ms = settings_.Milliseconds("lock_timeout"),
                  .warning = [&](sqlstate::Code code, std::string message) {
                    SendWarning(sink, code, message);
                  }};
  RowBatch batch;
  if (columns != nullptr) {
    sink.BeginResult(*columns);
    uint64_t rows = 0;
    while (root->Next(ctx, &batch)) {
      rows += batch.size();
      sink.Rows(batch);
    }
    sink.CommandComplete(fmt::format("SELECT {}", rows));
    return;
  }
  while (root->Next(ctx, &batch)) {
  }
  sink.CommandComplete(fmt::format("{}{}", tag, ctx.rows_affected));
}

}  // namespace basalt::sql
