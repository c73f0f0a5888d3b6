#include <fmt/format.h>

#include <algorithm>

#include "common/datetime.h"
#include "common/session_formats.h"
#include "sql/binder/binder.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/parallel_aggregate.h"
#include "sql/parser/parser.h"
#include "sql/planner/optimizer.h"
#include "sql/planner/planner.h"
#include "sql/session_impl.h"

namespace basalt::sql {

SessionImpl::SessionImpl(storage::KvStore& store, catalog::Catalog& catalog, Oid role_oid,
                         std::string user, bool superuser, Oid database_oid, std::string database,
                         std::shared_ptr<Interrupt> interrupt, int32_t process_id,
                         MatviewRefreshBoard* refresh_board,
                         storage::SequenceValues* sequence_values)
    : store_(store),
      catalog_(catalog),
      refresh_board_(refresh_board),
      sequences_(sequence_values != nullptr ? std::make_unique<SessionSequences>(*sequence_values)
                                            : nullptr),
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
  DropTempNamespace();
}

void SessionImpl::ExecuteSimpleQuery(std::string_view query_text, ResultSink& sink) {
  ReportActive(query_text);
  ScopedObjectNames names(&object_names_);
  ScopedSessionTimeZone zone(TimeZoneSetting());
  ScopedSessionFormats formats(FormatsSetting());
  std::vector<ast::StatementPtr> statements;
  std::vector<std::string> notices;
  try {
    statements = ParseStatements(query_text, &notices);
    ++statements_parsed_;
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
  query_text_ = query_text;
  RunSimpleQueryStatements(std::move(statements), 0, sink);
}

void SessionImpl::RunSimpleQueryStatements(std::vector<ast::StatementPtr> statements, size_t next,
                                           ResultSink& sink) {
  // Several statements in one Query message run as one implicit block.
  struct MultiStatement {
    bool& flag;
    ~MultiStatement() { flag = false; }
  } multi_statement{multi_statement_query_ = statements.size() > 1};
  try {
    for (; next < statements.size(); ++next) {
      BeginStatement();
      ExecuteStatement(std::shared_ptr<const ast::Statement>(std::move(statements[next])), sink);
      if (copy_in_ != nullptr) {
        // COPY FROM STDIN waits for the client's data; the rest of the
        // query string runs after CopyDone.
        copy_in_->simple_query = true;
        copy_in_->statements = std::move(statements);
        copy_in_->next_statement = next + 1;
        copy_in_->query_text = std::string(query_text_);
        return;
      }
    }
    // The implicit transaction of the query string ends with it.
    if (txn_ != nullptr && implicit_) CommitTransaction();
  } catch (...) {
    // Whatever failed — an SQL error, an allocation failure, anything
    // unexpected — the statement's writes must never be committed later.
    copy_in_.reset();
    AbortAfterError();
    throw;
  }
}

std::shared_ptr<const TimeZone> SessionImpl::TimeZoneSetting() {
  Result<std::string> name = settings_.Get("TimeZone");
  if (name.ok() && (time_zone_ == nullptr || time_zone_->name() != *name)) {
    time_zone_ = TimeZone::Find(*name);  // validated when set
  }
  return time_zone_;
}

SessionFormats SessionImpl::FormatsSetting() {
  auto text = [this](std::string_view name) {
    Result<std::string> value = settings_.Get(name);
    return value.ok() ? *value : std::string();
  };
  SessionFormats formats =
      SessionFormatsFromSettings(text("bytea_output"), text("DateStyle"), text("IntervalStyle"));
  if (txn_ != nullptr) formats.transaction_start = transaction_timestamp_;
  return formats;
}

void SessionImpl::BeginStatement() {
  // A SET TimeZone, DateStyle, ... earlier in the same query string
  // applies from here.
  SetSessionTimeZone(TimeZoneSetting());
  SetSessionFormats(FormatsSetting());
  const int64_t timeout_ms = settings_.Milliseconds("statement_timeout");
  interrupt_.BeginStatement(timeout_ms > 0 ? std::optional(Interrupt::Clock::now() +
                                                           std::chrono::milliseconds(timeout_ms))
                                           : std::nullopt);
}

namespace {

// Statements before which the transaction's changes must reach its
// immediate views: all but those that only write rows, read through plans
// (PlanAndLock maintains the views a plan reads) or end the transaction.
bool NeedsImmediateViewsFirst(const ast::Statement& statement) {
  switch (statement.kind()) {
    case ast::StatementKind::kSelect:
    case ast::StatementKind::kInsert:
    case ast::StatementKind::kUpdate:
    case ast::StatementKind::kDelete:
    case ast::StatementKind::kMerge:
    case ast::StatementKind::kExecute:
    case ast::StatementKind::kDeclareCursor:
    case ast::StatementKind::kFetch:
    case ast::StatementKind::kClose:
    case ast::StatementKind::kSet:
    case ast::StatementKind::kShow: return false;
    case ast::StatementKind::kTransaction:
      // A savepoint's rollback must find the views' rows for the changes
      // before it written before it too.
      return statement.As<ast::TransactionStmt>().type == ast::TransactionStmt::Type::kSavepoint;
    default: return true;
  }
}

}  // namespace

void SessionImpl::ExecuteStatement(const std::shared_ptr<const ast::Statement>& shared,
                                   ResultSink& sink) {
  const ast::Statement& statement = *shared;
  MaterializeSuspendedPortals(statement, sink);
  if (NeedsImmediateViewsFirst(statement)) MaintainImmediateViews(&sink);
  if (statement.kind() == ast::StatementKind::kTransaction) {
    ExecuteTransactionStatement(statement.As<ast::TransactionStmt>(), sink);
    return;
  }
  CheckCanRun(statement);
  switch (statement.kind()) {
    case ast::StatementKind::kSet: ExecuteSet(statement.As<ast::SetStmt>(), sink); return;
    case ast::StatementKind::kReset: ExecuteReset(statement.As<ast::ResetStmt>(), sink); return;
    case ast::StatementKind::kShow: ExecuteShow(statement.As<ast::ShowStmt>(), sink); return;
    case ast::StatementKind::kCheckpoint: ExecuteCheckpoint(sink); return;
    case ast::StatementKind::kCreateTable:
      EnsureTransaction();
      ExecuteCreateTable(statement.As<ast::CreateTableStmt>(), sink);
      return;
    case ast::StatementKind::kCreateSequence:
      EnsureTransaction();
      ExecuteCreateSequence(statement.As<ast::CreateSequenceStmt>(), sink);
      return;
    case ast::StatementKind::kAlterSequence:
      EnsureTransaction();
      ExecuteAlterSequence(statement.As<ast::AlterSequenceStmt>(), sink);
      return;
    case ast::StatementKind::kCreateIndex:
      EnsureTransaction();
      ExecuteCreateIndex(statement.As<ast::CreateIndexStmt>(), sink);
      return;
    case ast::StatementKind::kCreateView:
      EnsureTransaction();
      ExecuteCreateView(statement.As<ast::CreateViewStmt>(), sink);
      return;
    case ast::StatementKind::kCreateTableAs:
      EnsureTransaction();
      ExecuteCreateTableAs(statement.As<ast::CreateTableAsStmt>(), sink);
      return;
    case ast::StatementKind::kRefreshMatView:
      EnsureTransaction();
      ExecuteRefreshMatView(statement.As<ast::RefreshMatViewStmt>(), sink);
      return;
    case ast::StatementKind::kDrop:
      EnsureTransaction();
      ExecuteDrop(statement.As<ast::DropStmt>(), sink);
      return;
    case ast::StatementKind::kCreateSchema:
      EnsureTransaction();
      ExecuteCreateSchema(statement.As<ast::CreateSchemaStmt>(), sink);
      return;
    case ast::StatementKind::kCreateType:
      EnsureTransaction();
      ExecuteCreateType(statement.As<ast::CreateTypeStmt>(), sink);
      return;
    case ast::StatementKind::kAlterType:
      EnsureTransaction();
      ExecuteAlterType(statement.As<ast::AlterTypeStmt>(), sink);
      return;
    case ast::StatementKind::kCreateDomain:
      EnsureTransaction();
      ExecuteCreateDomain(statement.As<ast::CreateDomainStmt>(), sink);
      return;
    case ast::StatementKind::kAlterDomain:
      EnsureTransaction();
      ExecuteAlterDomain(statement.As<ast::AlterDomainStmt>(), sink);
      return;
    case ast::StatementKind::kAlterSchema:
      EnsureTransaction();
      ExecuteAlterSchema(statement.As<ast::AlterSchemaStmt>(), sink);
      return;
    case ast::StatementKind::kCreateDatabase:
      ExecuteCreateDatabase(statement.As<ast::CreateDatabaseStmt>(), sink);
      return;
    case ast::StatementKind::kDropDatabase:
      ExecuteDropDatabase(statement.As<ast::DropDatabaseStmt>(), sink);
      return;
    case ast::StatementKind::kAlterDatabase:
      ExecuteAlterDatabase(statement.As<ast::AlterDatabaseStmt>(), sink);
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
    case ast::StatementKind::kPrepare: ExecutePrepare(shared, sink); return;
    case ast::StatementKind::kExecute:
      ExecuteExecute(statement.As<ast::ExecuteStmt>(), sink);
      return;
    case ast::StatementKind::kDeallocate:
      ExecuteDeallocate(statement.As<ast::DeallocateStmt>(), sink);
      return;
    case ast::StatementKind::kDeclareCursor:
      ExecuteDeclareCursor(statement.As<ast::DeclareCursorStmt>(), sink);
      return;
    case ast::StatementKind::kFetch: ExecuteFetch(statement.As<ast::FetchStmt>(), sink); return;
    case ast::StatementKind::kCreateRole:
      EnsureTransaction();
      ExecuteCreateRole(statement.As<ast::CreateRoleStmt>(), sink);
      return;
    case ast::StatementKind::kAlterRole:
      EnsureTransaction();
      ExecuteAlterRole(statement.As<ast::AlterRoleStmt>(), sink);
      return;
    case ast::StatementKind::kDropRole:
      EnsureTransaction();
      ExecuteDropRole(statement.As<ast::DropRoleStmt>(), sink);
      return;
    case ast::StatementKind::kCopy:
      EnsureTransaction();
      ExecuteCopy(statement.As<ast::CopyStmt>(), sink);
      return;
    case ast::StatementKind::kAlterTable:
      EnsureTransaction();
      ExecuteAlterTable(statement.As<ast::AlterTableStmt>(), sink);
      return;
    case ast::StatementKind::kAlterRelation:
      EnsureTransaction();
      ExecuteAlterRelation(statement.As<ast::AlterRelationStmt>(), sink);
      return;
    case ast::StatementKind::kVacuum: ExecuteVacuum(statement.As<ast::VacuumStmt>(), sink); return;
    case ast::StatementKind::kReindex:
      ExecuteReindex(statement.As<ast::ReindexStmt>(), sink);
      return;
    case ast::StatementKind::kComment:
      EnsureTransaction();
      ExecuteComment(statement.As<ast::CommentStmt>(), sink);
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

void SessionImpl::CheckCanRun(const ast::Statement& statement) {
  if (state_ == TransactionState::kFailed) {
    throw Error(sqlstate::kInFailedSqlTransaction,
                "current transaction is aborted, commands ignored until end of transaction "
                "block");
  }
  switch (statement.kind()) {
    case ast::StatementKind::kInsert: CheckWritable("INSERT"); break;
    case ast::StatementKind::kUpdate: CheckWritable("UPDATE"); break;
    case ast::StatementKind::kDelete: CheckWritable("DELETE"); break;
    case ast::StatementKind::kMerge: CheckWritable("MERGE"); break;
    case ast::StatementKind::kCreateTable: CheckWritable("CREATE TABLE"); break;
    case ast::StatementKind::kCreateIndex: CheckWritable("CREATE INDEX"); break;
    case ast::StatementKind::kCreateSequence: CheckWritable("CREATE SEQUENCE"); break;
    case ast::StatementKind::kAlterSequence: CheckWritable("ALTER SEQUENCE"); break;
    case ast::StatementKind::kCreateView: CheckWritable("CREATE VIEW"); break;
    case ast::StatementKind::kCreateTableAs:
      CheckWritable(statement.As<ast::CreateTableAsStmt>().materialized ? "CREATE MATERIALIZED VIEW"
                                                                        : "CREATE TABLE AS");
      break;
    case ast::StatementKind::kRefreshMatView: CheckWritable("REFRESH MATERIALIZED VIEW"); break;
    case ast::StatementKind::kDrop: {
      const ast::ObjectType type = statement.As<ast::DropStmt>().object_type;
      CheckWritable(type == ast::ObjectType::kIndex              ? "DROP INDEX"
                    : type == ast::ObjectType::kView             ? "DROP VIEW"
                    : type == ast::ObjectType::kMaterializedView ? "DROP MATERIALIZED VIEW"
                    : type == ast::ObjectType::kSequence         ? "DROP SEQUENCE"
                    : type == ast::ObjectType::kSchema           ? "DROP SCHEMA"
                    : type == ast::ObjectType::kType             ? "DROP TYPE"
                    : type == ast::ObjectType::kDomain           ? "DROP DOMAIN"
                                                                 : "DROP TABLE");
      break;
    }
    case ast::StatementKind::kTruncate: CheckWritable("TRUNCATE TABLE"); break;
    case ast::StatementKind::kCreateRole: CheckWritable("CREATE ROLE"); break;
    case ast::StatementKind::kCreateSchema: CheckWritable("CREATE SCHEMA"); break;
    case ast::StatementKind::kAlterSchema: CheckWritable("ALTER SCHEMA"); break;
    case ast::StatementKind::kCreateType: CheckWritable("CREATE TYPE"); break;
    case ast::StatementKind::kAlterType: CheckWritable("ALTER TYPE"); break;
    case ast::StatementKind::kCreateDomain: CheckWritable("CREATE DOMAIN"); break;
    case ast::StatementKind::kAlterDomain: CheckWritable("ALTER DOMAIN"); break;
    case ast::StatementKind::kCreateDatabase: CheckWritable("CREATE DATABASE"); break;
    case ast::StatementKind::kDropDatabase: CheckWritable("DROP DATABASE"); break;
    case ast::StatementKind::kAlterDatabase: CheckWritable("ALTER DATABASE"); break;
    case ast::StatementKind::kAlterRole: CheckWritable("ALTER ROLE"); break;
    case ast::StatementKind::kDropRole: CheckWritable("DROP ROLE"); break;
    case ast::StatementKind::kCopy:
      if (statement.As<ast::CopyStmt>().from) CheckWritable("COPY FROM");
      break;
    case ast::StatementKind::kAlterTable: CheckWritable("ALTER TABLE"); break;
    case ast::StatementKind::kComment: CheckWritable("COMMENT"); break;
    case ast::StatementKind::kAlterRelation: {
      const ast::ObjectType type = statement.As<ast::AlterRelationStmt>().object_type;
      CheckWritable(type == ast::ObjectType::kMaterializedView ? "ALTER MATERIALIZED VIEW"
                    : type == ast::ObjectType::kView           ? "ALTER VIEW"
                                                               : "ALTER TABLE");
      break;
    }
    default: break;
  }
}

namespace {

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

std::shared_ptr<const StatementPlan> SessionImpl::BuildPlan(
    const ast::Statement& statement, const std::vector<DataType>* parameters) {
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  std::shared_ptr<const catalog::CatalogSnapshot> readable = ReadableCatalog(snapshot);
  Binder binder(*readable, database_oid_, user_, SearchPath());
  binder.SetParameterTypes(parameters);
  std::shared_ptr<StatementPlan> plan = PlanStatement(binder.Bind(statement), DisabledPasses());
  plan->indexes_masked = readable != snapshot;
  plan->catalog = std::move(snapshot);
  plan->search_path = settings_.SearchPathText();
  ++plans_built_;
  return plan;
}

bool SessionImpl::PlanIsCurrent(const StatementPlan& plan) const {
  if (writer_.View() != plan.catalog || settings_.SearchPathText() != plan.search_path) {
    return false;
  }
  // A plan that left out indexes too new for an older snapshot is for
  // that snapshot only.
  return !plan.indexes_masked || ReadableCatalog(plan.catalog) != plan.catalog;
}

std::shared_ptr<const catalog::CatalogSnapshot> SessionImpl::ReadableCatalog(
    std::shared_ptr<const catalog::CatalogSnapshot> snapshot) const {
  // A READ COMMITTED statement's snapshot is taken after the catalog it
  // planned against (PlanAndLock), so every index it sees is complete for it.
  if (!repeatable_read_ || txn_ == nullptr) return snapshot;
  return catalog::CatalogSnapshot::WithIndexesUsableAt(std::move(snapshot),
                                                       txn_->SnapshotVersion());
}

bool SessionImpl::LockPlan(const StatementPlan& plan) {
  bool waited = false;
  for (const StatementPlan::RelationLock& lock : plan.locks) {
    waited = LockRelation(*lock.table, lock.level) || waited;
  }
  return waited;
}

std::shared_ptr<const StatementPlan> SessionImpl::PlanAndLock(
    const ast::Statement& statement, const std::vector<DataType>* parameters,
    std::shared_ptr<const StatementPlan> cached) {
  bool waited = false;
  bool caught_up = false;
  std::shared_ptr<const StatementPlan> plan = std::move(cached);
  while (true) {
    if (plan == nullptr || !PlanIsCurrent(*plan)) plan = BuildPlan(statement, parameters);
    // Before the statement's own locks: the catch-up commits on its own.
    if (!std::exchange(caught_up, true)) waited = CatchUpWithOwnCommits(*plan) || waited;
    waited = LockPlan(*plan) || waited;
    // A DDL that committed meanwhile (it publishes before releasing its
    // locks) changes what the statement means: plan it again.
    if (!PlanIsCurrent(*plan)) continue;
    // Reading an immediate view: the transaction's changes reach it first
    // (a TRUNCATE's recomputation gives it new relations: plan again).
    const bool reads_immediate_view =
        HasUnappliedImmediateChanges() &&
        std::any_of(plan->locks.begin(), plan->locks.end(),
                    [](const auto& lock) { return MaintainedImmediately(lock.table->def); });
    if (reads_immediate_view) {
      MaintainImmediateViews(nullptr);
      if (!PlanIsCurrent(*plan)) continue;
    }
    // READ COMMITTED: a statement that waited sees what committed meanwhile,
    // as PostgreSQL takes the statement's snapshot after its locks. So does
    // one planned against a catalog published after its snapshot: the rows
    // a DDL wrote before its commit (a refreshed materialized view's new
    // relation) must be visible with the definition naming them.
    if (!repeatable_read_ && (waited || plan->catalog->version() != snapshot_catalog_version_)) {
      txn_->RefreshSnapshot();
    }
    if (repeatable_read_) ReadFrozenRelationsWhole(*plan);
    return plan;
  }
}

void SessionImpl::ReadFrozenRelationsWhole(const StatementPlan& plan) {
  auto read_whole = [&](uint32_t relation) {
    if (const uint64_t since = catalog_.FrozenSince(relation)) {
      txn_->ReadRelationNewerThanSnapshot(relation, since);
    }
  };
  for (const StatementPlan::RelationLock& lock : plan.locks) {
    read_whole(lock.table->def.relation_id());
    for (const catalog::proto::Index& index : lock.table->def.indexes()) {
      read_whole(index.relation_id());
    }
  }
}

std::vector<std::shared_ptr<const catalog::TableEntry>> SessionImpl::ResolveAndLock(
    const std::vector<ast::QualifiedName>& names, storage::LockLevel level, bool nowait,
    const std::function<void(const ast::QualifiedName&)>& missing) {
  while (true) {
    std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
    Binder binder(*snapshot, database_oid_, user_, SearchPath());
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
  std::shared_ptr<const StatementPlan> plan = PlanAndLock(statement, nullptr);
  PhysicalOperatorPtr root = OpenPlan(*plan);
  if (plan->columns) sink.BeginResult(*plan->columns);
  RunToCompletion(*plan, *root, nullptr, sink);
}

void SessionImpl::RunBoundQuery(std::unique_ptr<BoundSelect> query,
                                const std::function<void(const RowBatch&)>& consume,
                                std::string* plan_text) {
  std::unique_ptr<StatementPlan> plan = PlanStatement(std::move(query), DisabledPasses());
  RunOptimizedPlan(*plan->root, consume, plan_text);
}

void SessionImpl::RunLogicalPlan(LogicalOperatorPtr plan,
                                 const std::function<void(const RowBatch&)>& consume,
                                 std::string* plan_text) {
  plan = OptimizeLogicalPlan(std::move(plan));
  RunOptimizedPlan(*plan, consume, plan_text);
}

LogicalOperatorPtr SessionImpl::OptimizeLogicalPlan(LogicalOperatorPtr plan) {
  const std::vector<std::string> disabled = DisabledPasses();
  PlanSubqueries(*plan);
  plan = Optimize(std::move(plan), disabled);
  OptimizeSubqueries(*plan, disabled);
  return plan;
}

void SessionImpl::RunOptimizedPlan(const LogicalOperator& plan,
                                   const std::function<void(const RowBatch&)>& consume,
                                   std::string* plan_text) {
  if (plan_text != nullptr) *plan_text = ExplainPostgres(plan, ParallelWorkersNow());
  if (!consume) return;
  PhysicalOperatorPtr root = CreatePhysicalPlan(plan);
  ExecContext ctx = NewExecContext(nullptr, nullptr);
  RowBatch batch;
  while (root->Next(ctx, &batch)) consume(batch);
}

PhysicalOperatorPtr SessionImpl::OpenPlan(const StatementPlan& plan,
                                          PlanInstrumentation* instrumentation) {
  if (plan.row_lock) CheckWritable(RowLockCommandName(*plan.row_lock));
  return CreatePhysicalPlan(*plan.root, instrumentation);
}

ParallelLimits SessionImpl::ParallelLimitsNow() const {
  return ParallelLimits{
      .workers = std::stoi(settings_.Get("max_parallel_workers_per_gather").value()),
      .min_table_bytes = settings_.Bytes("min_parallel_table_scan_size")};
}

std::function<int(const catalog::TableEntry&)> SessionImpl::ParallelWorkersNow() {
  return [this, limits = ParallelLimitsNow()](const catalog::TableEntry& table) {
    return ParallelWorkers(store_, limits, table);
  };
}

ExecContext SessionImpl::NewExecContext(const std::vector<Value>* parameters, ResultSink* sink) {
  return ExecContext{
      .store = store_,
      .txn = *txn_,
      .transaction_timestamp = transaction_timestamp_,
      .statement_timestamp = implicit_ ? transaction_timestamp_ : CurrentTimestamp(),
      .parameters = parameters,
      .interrupt = &interrupt_,
      .lock_owner = lock_owner_.get(),
      .lock_timeout_ms = settings_.Milliseconds("lock_timeout"),
      .session_relation_rows = [this](Oid relation) { return SessionRows(relation); },
      .catalog = writer_.View(),
      .database_oid = database_oid_,
      .user = user_,
      .search_path = SearchPath(),
      .warning =
          [this, sink](sqlstate::Code code, std::string message) {
            if (sink != nullptr) SendWarning(*sink, code, message);
          },
      .sequences = sequences_.get(),
      .read_only = ReadOnly(),
      .setting = [this](std::string_view name) { return settings_.Get(name); },
      .set_setting = [this, sink](std::string_view name, std::optional<std::string_view> value,
                                  bool local) { return SetConfig(name, value, local, sink); },
      .transaction_id = [this](bool assign) { return TransactionId(assign); },
      .signal_backend =
          [this, sink](int32_t pid, bool terminate, int64_t timeout_ms) {
            return SignalBackend(pid, terminate, timeout_ms, sink);
          },
      .outer_values = {},
      .work_tables = {},
      .subquery_results = {},
      .cte_results = {},
      .domain_checks = {},
      .memory = std::make_shared<QueryMemory>(settings_.Bytes("work_mem"),
                                              settings_.Bytes("basalt.max_query_memory")),
      .deferred = &deferred_,
      .parallel_limits = [this] { return ParallelLimitsNow(); }};
}

void SessionImpl::RunToCompletion(const StatementPlan& plan, PhysicalOperator& root,
                                  const std::vector<Value>* parameters, ResultSink& sink) {
  ExecContext ctx = NewExecContext(parameters, &sink);
  RowBatch batch;
  uint64_t rows = 0;
  while (root.Next(ctx, &batch)) {
    rows += batch.size();
    if (plan.columns) sink.Rows(batch);
  }
  sink.CommandComplete(
      fmt::format("{}{}", plan.tag_prefix, plan.columns ? rows : ctx.rows_affected));
}

}  // namespace basalt::sql
