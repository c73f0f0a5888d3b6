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
                         std::shared_ptr<Interrupt> interrupt)
    : store_(store),
      catalog_(catalog),
      role_oid_(role_oid),
      user_(user),
      superuser_(superuser),
      database_oid_(database_oid),
      database_(std::move(database)),
      settings_(std::move(user), superuser),
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
      const int64_t timeout_ms = settings_.Milliseconds("statement_timeout");
      interrupt_.BeginStatement(
          timeout_ms > 0
              ? std::optional(Interrupt::Clock::now() + std::chrono::milliseconds(timeout_ms))
              : std::nullopt);
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
    default:
      EnsureTransaction();
      ExecuteQuery(statement, sink);
      return;
  }
}

namespace {

// The table an INSERT, UPDATE, DELETE or SELECT ... FOR UPDATE writes or
// locks rows of; null for a plain SELECT.
const catalog::TableEntry* TargetTable(const BoundStatement& bound) {
  if (auto* select = std::get_if<std::unique_ptr<BoundSelect>>(&bound)) {
    return (*select)->row_lock ? (*select)->table.get() : nullptr;
  }
  if (auto* insert = std::get_if<std::unique_ptr<BoundInsert>>(&bound)) {
    return (*insert)->table.get();
  }
  if (auto* update = std::get_if<std::unique_ptr<BoundUpdate>>(&bound)) {
    return (*update)->table.get();
  }
  if (auto* del = std::get_if<std::unique_ptr<BoundDelete>>(&bound)) return (*del)->table.get();
  return nullptr;
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

BoundStatement SessionImpl::BindAndLock(const ast::Statement& statement) {
  // How long a committed DROP or TRUNCATE may take to reach the in-memory
  // catalog (it is published right after its commit) before we give up.
  constexpr auto kCatalogCatchUp = std::chrono::seconds(10);
  const auto give_up = std::chrono::steady_clock::now() + kCatalogCatchUp;
  while (true) {
    std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
    Binder binder(*snapshot, database_oid_, user_, settings_.SearchPath());
    BoundStatement bound = binder.Bind(statement);
    const catalog::TableEntry* target = TargetTable(bound);
    if (target == nullptr) return bound;
    Result<bool> current = writer_.LockForWrite(*txn_, *target);
    if (!current.ok()) ThrowStatus(current.status());
    if (*current) return bound;
    // A DROP or TRUNCATE committed while we waited for the lock: bind again
    // once the catalog shows it.
    while (writer_.View()->version() == snapshot->version()) {
      Status interrupted = interrupt_.SleepFor(std::chrono::milliseconds(1));
      if (!interrupted.ok()) ThrowStatus(interrupted);
      if (std::chrono::steady_clock::now() > give_up) {
        throw Error(sqlstate::kInternalError, "catalog change not published in time");
      }
    }
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

  ExecContext ctx{store_, *txn_, transaction_timestamp_, 0, &interrupt_};
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
