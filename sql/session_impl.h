// SessionImpl: the Session behind sql/engine.h. Owns the connection's
// settings and its open transaction; runs each statement through
// parser -> binder -> planner -> executor. Files:
//   session.cc              ExecuteSimpleQuery, statement dispatch, DML/SELECT
//   session_transaction.cc  BEGIN/COMMIT/ROLLBACK, implicit transactions
//   session_utility.cc      SET/SHOW/RESET, CHECKPOINT, CREATE/DROP TABLE, EXPLAIN
//   session_extended.cc     Parse/Bind/Describe/Execute/Close/Sync
//   session_portal.cc       running portals: plan cache, streaming, draining
//   session_prepare.cc      PREPARE/EXECUTE/DEALLOCATE
//   session_cursor.cc       DECLARE/FETCH/MOVE, WITH HOLD, pg_cursors
//   commands/               CREATE TABLE AS, materialized views (one file per
//                           command; REFRESH's strategies one file each)
//   session_role.cc         CREATE/ALTER/DROP ROLE
//   session_copy.cc         COPY FROM STDIN / TO STDOUT
//   session_alter_table.cc  ALTER TABLE ADD PRIMARY KEY / UNIQUE, VACUUM, ANALYZE
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>

#include "catalog/catalog.h"
#include "common/session_formats.h"
#include "common/time_zone.h"
#include "sql/backend_activity.h"
#include "sql/binder/bound_statement.h"
#include "sql/catalog_names.h"
#include "sql/commands/matview/change_log_reader.h"
#include "sql/commands/matview/refresh.h"
#include "sql/commands/matview/refresh_board.h"
#include "sql/commands/relation_fill.h"
#include "sql/copy/copy_from.h"
#include "sql/engine.h"
#include "sql/execution/deferred_constraints.h"
#include "sql/execution/exec_context.h"
#include "sql/execution/physical_operator.h"
#include "sql/execution/sequence_functions.h"
#include "sql/parser/ast.h"
#include "sql/prepared_statement.h"
#include "sql/settings.h"
#include "sql/statement_plan.h"
#include "storage/kv_store.h"
#include "storage/transaction.h"

namespace basalt::sql {

struct ColumnRename;  // sql/binder/deparse.h

// A relation name as written (`s.t` or `t`), for messages.
std::string ShownName(const ast::QualifiedName& name);
// 42P01 `relation "s.t" does not exist`, without a position, as
// PostgreSQL's TRUNCATE, LOCK and REFRESH.
[[noreturn]] void ThrowUndefinedRelation(const ast::QualifiedName& name);
// A SET value as text (session_utility.cc): constants as written, on/off
// for booleans.
std::string SetValueText(const ast::Expr& e);

class SessionImpl : public Session {
 public:
  SessionImpl(storage::KvStore& store, catalog::Catalog& catalog, Oid role_oid, std::string user,
              bool superuser, Oid database_oid, std::string database,
              std::shared_ptr<Interrupt> interrupt = nullptr, int32_t process_id = 0,
              MatviewRefreshBoard* refresh_board = nullptr,
              storage::SequenceValues* sequence_values = nullptr);
  ~SessionImpl() override;

  // session_activity.cc: the session's row on `board` (pg_stat_activity)
  // from now on; `backend_type` as pg_stat_activity names it.
  void JoinActivityBoard(ActivityBoard* board, std::string backend_type);
  // A session of the automatic analyzer or refresher: its ANALYZE counts
  // as autovacuum's in pg_stat_all_tables.
  void MarkMaintenanceWorker() { maintenance_worker_ = true; }
  // session_temp.cc: the search_path as names resolve through it: the
  // session's temporary schema first (or where the path says pg_temp).
  std::vector<std::string> SearchPath() const;
  // While CREATE SCHEMA's elements run: the search path with the new
  // schema in front (SearchPath returns it).
  std::optional<std::vector<std::string>> search_path_override_;
  void SetClientAddress(std::string address, int32_t port) override;
  void SetTls(const TlsConnection& tls) override;
  void ReportIdle() override;

  void ExecuteSimpleQuery(std::string_view query_text, ResultSink& sink) override;
  // session_extended.cc
  void Prepare(std::string_view name, std::string_view text,
               const std::vector<Oid>& parameter_types) override;
  StatementDescription DescribeStatement(std::string_view name) override;
  void Bind(std::string_view portal, std::string_view statement,
            std::vector<BindParameter> parameters,
            const std::vector<int16_t>& result_formats) override;
  std::optional<std::vector<ResultColumn>> DescribePortal(std::string_view portal) override;
  bool Execute(std::string_view portal, int64_t max_rows, ResultSink& sink) override;
  void CloseStatement(std::string_view name) override;
  void ClosePortal(std::string_view name) override;
  void Sync() override;
  void AbortAfterProtocolError() override { AbortAfterError(); }
  // session_copy.cc
  bool copy_in_progress() const override { return copy_in_ != nullptr; }
  void CopyData(std::string_view bytes) override;
  void CopyDone(ResultSink& sink) override;
  void CopyFail(std::string_view message) override;

  TransactionState transaction_state() const override { return state_; }
  Result<std::string> setting(std::string_view name) const override { return settings_.Get(name); }
  std::vector<std::pair<std::string, std::string>> ReportedParameters() const override {
    return settings_.Reported();
  }
  bool is_superuser() const override { return superuser_; }

  Settings& settings() { return settings_; }
  // Held for the session's life: its place in the role's CONNECTION LIMIT.
  void set_role_slot(std::shared_ptr<void> slot) { role_slot_ = std::move(slot); }

 private:
  // `statement` is shared so PREPARE can keep its part of the tree.
  void ExecuteStatement(const std::shared_ptr<const ast::Statement>& statement, ResultSink& sink);
  // Starts statement_timeout's clock for the statement that starts now.
  void BeginStatement();
  // The TimeZone setting's zone (cached while the setting is unchanged).
  std::shared_ptr<const TimeZone> TimeZoneSetting();
  SessionFormats FormatsSetting();
  // session_extended.cc: the result columns Describe reports for `statement`
  // (binding it with NULL parameters, which counts and types them).
  std::optional<std::vector<ResultColumn>> DescribeColumns(const ast::Statement& statement,
                                                           std::vector<DataType>& parameters);
  // Runs `portal` to its end, or the first `max_rows` of it (then true if
  // rows are left).
  bool RunPortal(std::string_view name, Portal& portal, int64_t max_rows, ResultSink& sink);
  // What `statement` returns: its columns from Parse, but for FETCH those of
  // its cursor as it is now.
  // Null when it returns no rows.
  const std::vector<ResultColumn>* StatementColumns(const PreparedStatement& statement);
  // The first Execute of a portal of a planned statement: the statement's
  // cached plan if it is current (else a new one, which becomes the cached
  // one), its locks, and the execution's operators in portal.root.
  void StartPlannedPortal(Portal& portal, ResultSink& sink);
  // Sends up to `max_rows` (0: all) of the portal's rows; true if it stopped
  // at the limit (PortalSuspended), else the command tag was sent.
  bool SendPortalRows(Portal& portal, int64_t max_rows, ResultSink& sink);
  // Before `statement` runs, unless it is a plain SELECT: every suspended
  // portal of the transaction reads the rest of its rows.
  void MaterializeSuspendedPortals(const ast::Statement& statement, ResultSink& sink);
  // The open portals of the transaction read to their end (before a write).
  void MaterializeOpenPortals(ResultSink* sink);
  // Ends the operators of the transaction's portals before it ends (they
  // read through it); the portals themselves are dropped by FindPortal.
  void CloseTransactionPortals();
  // CLOSE ALL, DISCARD ALL: every portal but the running one.
  void CloseAllPortals();
  // 25P02 in a failed block; 25006 for a write in a read-only transaction.
  void CheckCanRun(const ast::Statement& statement);
  void ExecuteQuery(const ast::Statement& statement, ResultSink& sink);
  // Binds and plans `statement` (a SELECT, INSERT, UPDATE or DELETE) with
  // `parameters` (their types; null: none) against this transaction's
  // catalog. Counted in plans_built_.
  std::shared_ptr<const StatementPlan> BuildPlan(const ast::Statement& statement,
                                                 const std::vector<DataType>* parameters);
  // Whether `plan` was made against the catalog and search_path in force.
  bool PlanIsCurrent(const StatementPlan& plan) const;
  // `snapshot` with the indexes this transaction's storage snapshot may not
  // read left out (catalog::CatalogSnapshot::WithIndexesUsableAt): what
  // statements bind against.
  std::shared_ptr<const catalog::CatalogSnapshot> ReadableCatalog(
      std::shared_ptr<const catalog::CatalogSnapshot> snapshot) const;
  // Takes the plan's relation locks until the transaction ends; true if it
  // waited for one.
  bool LockPlan(const StatementPlan& plan);
  // `cached` if it is current, else a new plan; then its locks, planning
  // again if a DDL committed while it waited.
  std::shared_ptr<const StatementPlan> PlanAndLock(
      const ast::Statement& statement, const std::vector<DataType>* parameters,
      std::shared_ptr<const StatementPlan> cached = {});
  // A new execution of `plan`: its physical operators. SELECT FOR UPDATE
  // in a read-only transaction is 25006 here.
  PhysicalOperatorPtr OpenPlan(const StatementPlan& plan,
                               PlanInstrumentation* instrumentation = nullptr);
  // `sink` receives the statement's warnings; null drops them.
  ExecContext NewExecContext(const std::vector<Value>* parameters, ResultSink* sink);
  // max_parallel_workers_per_gather and min_parallel_table_scan_size now,
  // and the threads a parallel aggregate over a table would start with
  // them, for EXPLAIN (execution/parallel_aggregate.h).
  ParallelLimits ParallelLimitsNow() const;
  std::function<int(const catalog::TableEntry&)> ParallelWorkersNow();
  // Runs `root` (an execution of `plan`) to its end: rows to `sink`, then
  // the command tag.
  void RunToCompletion(const StatementPlan& plan, PhysicalOperator& root,
                       const std::vector<Value>* parameters, ResultSink& sink);
  // Takes `level` on `table` until the transaction ends; true if it waited.
  bool LockRelation(const catalog::TableEntry& table, storage::LockLevel level,
                    bool nowait = false);
  // Resolves `names` (42P01 for a missing one unless `missing_ok`, then it
  // is skipped) and locks each in `level`, resolving again if a DDL
  // committed while it waited (DROP, TRUNCATE, LOCK TABLE).
  std::vector<std::shared_ptr<const catalog::TableEntry>> ResolveAndLock(
      const std::vector<ast::QualifiedName>& names, storage::LockLevel level, bool nowait,
      const std::function<void(const ast::QualifiedName&)>& missing);
  void ExecuteLock(const ast::LockStmt& stmt, ResultSink& sink);
  // Runs `statements` of a simple Query from `next` on, then ends the
  // implicit transaction; stops early when a COPY FROM STDIN waits for data
  // (the rest then runs after CopyDone).
  void RunSimpleQueryStatements(std::vector<ast::StatementPtr> statements, size_t next,
                                ResultSink& sink);
  // session_copy.cc
  void ExecuteCopy(const ast::CopyStmt& stmt, ResultSink& sink);
  void ExecuteCopyTo(const ast::CopyStmt& stmt, ResultSink& sink);
  void StartCopyFrom(const ast::CopyStmt& stmt, ResultSink& sink);
  // Whether `table`'s storage relation was made by this transaction (CREATE
  // TABLE or TRUNCATE) with no savepoint since: nobody else can see it.
  bool RelationIsPrivate(const catalog::TableEntry& table) const;
  // A COPY FROM STDIN failed or the client gave up: the transaction aborts.
  void AbortCopy();
  // session_alter_table.cc
  void ExecuteAlterTable(const ast::AlterTableStmt& stmt, ResultSink& sink);
  // session_alter_constraint.cc: ADD CHECK / FOREIGN KEY, and DROP,
  // VALIDATE and RENAME CONSTRAINT.
  // `column_name`: the column a column constraint is written on (ADD
  // COLUMN), empty for a table constraint.
  void AddTableConstraint(const std::shared_ptr<const catalog::TableEntry>& table,
                          const ast::Constraint& constraint, const std::string& column_name);
  // ADD PRIMARY KEY / UNIQUE (session_alter_table.cc) or CHECK / FOREIGN KEY.
  void AddConstraint(const std::shared_ptr<const catalog::TableEntry>& table,
                     const ast::Constraint& constraint, const std::string& column_name);
  // commands/alter_table_columns.cc: ALTER TABLE's list of column actions
  // (with ADD constraint among them), applied in order, each to the table
  // as the previous one left it.
  void AlterTableCommands(const ast::AlterTableStmt& stmt,
                          const std::shared_ptr<const catalog::TableEntry>& table,
                          ResultSink& sink);
  void AddColumn(const std::shared_ptr<const catalog::TableEntry>& table,
                 const ast::AlterTableCommand& command, ResultSink& sink);
  void DropColumn(const std::shared_ptr<const catalog::TableEntry>& table,
                  const ast::AlterTableCommand& command, ResultSink& sink);
  void AlterColumnNullability(const std::shared_ptr<const catalog::TableEntry>& table, int column,
                              bool not_null);
  void AlterColumnType(const std::shared_ptr<const catalog::TableEntry>& table, int column,
                       const ast::AlterTableCommand& command);
  // Writes every row of `table` again, as `transform` makes it, into the
  // new relations `rewritten` got from CatalogWriter::RewriteTable, in
  // unlocked batches; then builds its indexes.
  void RewriteRows(const catalog::TableEntry& table, const catalog::TableEntry& rewritten,
                   const std::function<Row(Row, ExecContext&)>& transform);
  void AlterConstraint(const ast::AlterTableStmt& stmt,
                       const std::shared_ptr<const catalog::TableEntry>& table, ResultSink& sink);
  // 23514 / 23503 if a row of `table` breaks its constraint `name`.
  void ValidateConstraintRows(const std::shared_ptr<const catalog::TableEntry>& table,
                              const std::string& name);
  // commands/comment.cc: COMMENT ON, the text kept on the object's catalog
  // message ('' for none).
  void ExecuteComment(const ast::CommentStmt& stmt, ResultSink& sink);
  void CommentOnRelation(const ast::CommentStmt& stmt, const std::string& text);
  void CommentOnSchema(const std::string& name, const std::string& text);
  void CommentOnDatabase(const std::string& name, const std::string& text, ResultSink& sink);
  void CommentOnRole(const std::string& name, const std::string& text);
  // commands/alter_relation.cc: RENAME, SET SCHEMA, OWNER TO, SET / RESET (...)
  void ExecuteAlterRelation(const ast::AlterRelationStmt& stmt, ResultSink& sink);
  // RENAME COLUMN's rewrite of a view reading the column: its query printed
  // under the new name (from `snapshot`, before the rename), then bound
  // again and stored.
  std::string RenamedQuery(const std::shared_ptr<const catalog::CatalogSnapshot>& snapshot,
                           const std::shared_ptr<const catalog::TableEntry>& dependent,
                           const catalog::TableEntry& table, const ColumnRename& rename);
  void StoreRenamedQuery(const catalog::TableEntry& dependent, const catalog::TableEntry& table,
                         const ColumnRename& rename, const std::string& text);
  void ExecuteVacuum(const ast::VacuumStmt& stmt, ResultSink& sink);
  // ANALYZE of one relation: its statistics into its catalog entry.
  void AnalyzeRelation(const std::shared_ptr<const catalog::TableEntry>& table, ResultSink& sink);
  // 25001 `<command> cannot run inside a transaction block` in a block.
  void RefuseInBlock(std::string_view command) const;
  // session_prepare.cc
  void ExecutePrepare(const std::shared_ptr<const ast::Statement>& statement, ResultSink& sink);
  void ExecuteExecute(const ast::ExecuteStmt& stmt, ResultSink& sink);
  // EXECUTE's portal: the prepared statement and its arguments' values
  // (session_prepare.cc).
  Portal ExecutePortal(const ast::ExecuteStmt& execute, ResultSink& sink);
  void ExecuteDeallocate(const ast::DeallocateStmt& stmt, ResultSink& sink);
  // session_cursor.cc
  void ExecuteDeclareCursor(const ast::DeclareCursorStmt& stmt, ResultSink& sink);
  void ExecuteFetch(const ast::FetchStmt& stmt, ResultSink& sink);
  // Reads the cursor's plan until its row `row` (1-based) is read; false if
  // the result has fewer rows.
  bool ReadCursorRow(Portal& portal, size_t row);
  // FETCH / MOVE `direction`: the rows it returns go to `out` (MOVE: null);
  // returns their count.
  size_t MoveCursor(Portal& portal, const ast::FetchDirection& direction, std::vector<Row>* out);
  // At COMMIT: the transaction's WITH HOLD cursors read all their rows and
  // outlive it.
  void HoldCursors();
  // pg_cursors: the SQL cursors of the session.
  std::vector<Row> CursorRows();
  // pg_prepared_statements: the named statements of the session.
  std::vector<Row> PreparedStatementRows();
  // The rows of pg_cursors or pg_prepared_statements, and of the refresh
  // board's pg_stat_progress_refresh_matview and basalt_matview_status.
  std::vector<Row> SessionRows(Oid relation);
  // session_activity.cc: pg_stat_activity's rows; a statement starting.
  std::vector<Row> DatabaseActivityRows();  // pg_stat_database
  std::vector<Row> SslRows();               // pg_stat_ssl
  std::vector<Row> GssapiRows();            // pg_stat_gssapi
  std::vector<Row> ActivityRows();
  // session_temp.cc: the session's temporary schema, made in the
  // transaction if missing (CREATE TEMP TABLE), and dropped at the end.
  std::string TempNamespaceName() const;
  void EnsureTempNamespace();
  void DropTempNamespace() noexcept;
  // Temporary tables ON COMMIT DROP / DELETE ROWS, at the start of a commit
  // (a failure fails the commit).
  void RunOnCommitActions();
  void ReportActive(std::string_view query);
  // pg_cancel_backend / pg_terminate_backend (with a timeout to wait for
  // the session's end): false, with a WARNING, when `pid` is no session.
  bool SignalBackend(int32_t pid, bool terminate, int64_t timeout_ms, ResultSink* sink);
  // 42501 unless this session's role may cancel or terminate `target`.
  void CheckMaySignal(const BackendActivity& target, bool terminate) const;
  // DROP DATABASE ... WITH (FORCE): ends the other sessions on `database`.
  void TerminateSessionsOn(Oid database);
  // Polls `done` until true (true) or `timeout_ms` passed (false);
  // interruptible.
  bool WaitUntil(const std::function<bool()>& done, int64_t timeout_ms);
  // basalt_matview_status (commands/matview/matview_status.cc).
  std::vector<Row> MatviewStatusRows();
  // basalt.matview_read_your_writes (commands/matview/read_your_writes.cc):
  // before a commit, arranges to learn its sequence and the tables whose
  // changes it logged; after it, remembers them; before a statement,
  // refreshes the incremental views it reads that lag behind them (true
  // if it did); under REPEATABLE READ the transaction then reads those
  // views at a snapshot taken after the refresh.
  void RememberOwnCommit(storage::Transaction& txn);
  void RecordOwnCommit();
  bool CatchUpWithOwnCommits(const StatementPlan& plan);
  void ReadCaughtUpView(const catalog::proto::Table& view);
  // Inside a block, whether it holds a lock a refresh of `view` (over
  // `tables`) would wait for.
  bool BlockHoldsUpRefresh(const catalog::proto::Table& view,
                           const std::vector<std::shared_ptr<const catalog::TableEntry>>& tables);
  void ExecuteClose(const ast::CloseStmt& stmt, ResultSink& sink);
  // DISCARD ALL: CLOSE ALL, DEALLOCATE ALL, RESET ALL and
  // pg_advisory_unlock_all(), outside a transaction block only.
  void ExecuteDiscard(const ast::DiscardStmt& stmt, ResultSink& sink);
  // RESET ALL's work: every setting back to its session default.
  void ResetAllSettings(ResultSink& sink);

  // session_transaction.cc
  void ExecuteTransactionStatement(const ast::TransactionStmt& stmt, ResultSink& sink);
  void ExecuteBegin(const ast::TransactionStmt& stmt, ResultSink& sink);
  void ExecuteCommit(ResultSink& sink);
  void ExecuteSetTransaction(const ast::TransactionStmt& stmt, ResultSink& sink);
  // commands/set_constraints.cc
  void ExecuteSetConstraints(const ast::TransactionStmt& stmt, ResultSink& sink);
  void ExecuteSavepoint(const ast::TransactionStmt& stmt, ResultSink& sink);
  void ExecuteRelease(const ast::TransactionStmt& stmt, ResultSink& sink);
  void ExecuteRollbackTo(const ast::TransactionStmt& stmt, ResultSink& sink);
  // BEGIN's and SET TRANSACTION's modes, with PostgreSQL's rule that the
  // isolation level is fixed once the transaction has run a query (25001).
  void ApplyTransactionModes(const ast::TransactionStmt& stmt);
  // The savepoint named `name`, innermost first; 3B001 if there is none.
  size_t FindSavepoint(const std::string& name) const;
  // Opens the storage transaction if none is open — an implicit one outside
  // a block — with the block's (or the default) isolation level; refreshes
  // the snapshot for READ COMMITTED. Called by every statement that reads
  // or writes, so a block's snapshot is taken by its first query.
  void EnsureTransaction();
  void CommitTransaction();
  // pg_stat_database's and pg_stat_all_tables' counts of a transaction
  // that ended.
  void CountTransactionEnd(storage::Transaction& txn, bool committed);
  void RollbackTransaction();
  // A statement failed: an explicit block becomes failed, an implicit
  // transaction rolls back.
  void AbortAfterError();

  // session_utility.cc
  void ExecuteSet(const ast::SetStmt& stmt, ResultSink& sink);
  // set_config(name, value, is_local): SET, or SET LOCAL when `local` (to
  // the end of the implicit transaction outside a block); a NULL value is
  // RESET. Returns the new value; changes of reported settings go to
  // `sink` unless they end with the implicit transaction.
  Result<std::string> SetConfig(std::string_view name, std::optional<std::string_view> value,
                                bool local, ResultSink* sink);
  // txid_current(): the transaction's id, from a durable counter, so ids
  // increase across transactions and restarts; assigned by the first call
  // with `assign` (nullopt before that: txid_current_if_assigned()).
  std::optional<uint64_t> TransactionId(bool assign);
  void ExecuteReset(const ast::ResetStmt& stmt, ResultSink& sink);
  void ExecuteShow(const ast::ShowStmt& stmt, ResultSink& sink);
  void ExecuteCheckpoint(ResultSink& sink);
  void ExecuteCreateTable(const ast::CreateTableStmt& stmt, ResultSink& sink);
  // sql/commands/sequence.cc
  void ExecuteCreateSequence(const ast::CreateSequenceStmt& stmt, ResultSink& sink);
  void ExecuteAlterSequence(const ast::AlterSequenceStmt& stmt, ResultSink& sink);
  // Creates the sequences of `table`'s serial columns, owned by it (the
  // table's OID is assigned here if it has none).
  void CreateSerialSequences(catalog::proto::Table* table,
                             std::vector<catalog::proto::Table> sequences);
  // DROP of sequences whose owning column's default draws from them: 2BP01,
  // or with CASCADE the default is dropped.
  void DropSequenceDefaults(const std::vector<std::shared_ptr<const catalog::TableEntry>>& targets,
                            bool cascade, ResultSink& sink);
  // The sequences OWNED BY a column of `table`, dropped with it.
  std::vector<std::shared_ptr<const catalog::TableEntry>> OwnedSequences(
      const catalog::TableEntry& table);
  void ExecuteDrop(const ast::DropStmt& stmt, ResultSink& sink);
  // session_view.cc
  void ExecuteCreateView(const ast::CreateViewStmt& stmt, ResultSink& sink);
  // DROP TABLE and DROP VIEW, with the views depending on what they drop.
  void ExecuteDropRelations(const ast::DropStmt& stmt, ResultSink& sink);
  // What dropping relations takes with it.
  struct RelationDrop {
    std::vector<std::shared_ptr<const catalog::TableEntry>> targets;
    struct Dependent {
      std::shared_ptr<const catalog::TableEntry> object;
      std::shared_ptr<const catalog::TableEntry> on;  // what it was reached from
    };
    // Per target: the views depending on it, directly or through others,
    // in PostgreSQL's report order.
    std::vector<std::vector<Dependent>> views;
    // Per target: other tables' foreign keys referencing it.
    struct ForeignKey {
      std::shared_ptr<const catalog::TableEntry> table;
      std::string name;
      Oid oid = 0;
      std::shared_ptr<const catalog::TableEntry> on;
    };
    std::vector<std::vector<ForeignKey>> foreign_keys;
    std::unordered_set<Oid> seen;  // every relation the drop takes
  };
  RelationDrop PlanRelationDrop(std::vector<std::shared_ptr<const catalog::TableEntry>> targets);
  // Drops the targets, their dependent views (locked now) and foreign keys.
  void DropPlannedRelations(RelationDrop& drop, bool cascade, ResultSink& sink);
  // "table t", "view s.v" (qualified where the search path does not find
  // it), as PostgreSQL's getObjectDescription; "constraint k on table t".
  std::string DescribeRelation(const catalog::TableEntry& table);
  std::string DescribeForeignKey(const RelationDrop::ForeignKey& fk);
  // 2BP01 for dropping `object` ("" for several) with `depends` lines.
  [[noreturn]] void ThrowDependentObjects(const std::string& object,
                                          const std::vector<std::string>& depends);
  // CASCADE's NOTICE: `drop cascades to ...` once, or a count with DETAIL.
  void ReportCascades(const std::vector<std::string>& cascades, ResultSink& sink);
  // session_type.cc: CREATE / ALTER / DROP TYPE.
  void ExecuteCreateType(const ast::CreateTypeStmt& stmt, ResultSink& sink);
  void ExecuteCreateCompositeType(const ast::CreateTypeStmt& stmt, ResultSink& sink);
  void ExecuteAlterType(const ast::AlterTypeStmt& stmt, ResultSink& sink);
  void ExecuteDropType(const ast::DropStmt& stmt, ResultSink& sink);
  // The user-defined type a name finds (through the search_path), or null;
  // ResolveOwnedType: 42704 when there is none, 42501 unless this role owns
  // it.
  std::shared_ptr<const catalog::proto::UserType> FindUserType(const ast::QualifiedName& name);
  std::shared_ptr<const catalog::proto::UserType> ResolveOwnedType(const ast::QualifiedName& name);
  // "mood", "s.mood" where the search_path does not find it (format_type).
  std::string DescribeType(const catalog::proto::UserType& type);
  // A new type named `name` (in the schema it names or the first of the
  // search_path), owned by this role, of pg_type.typtype `kind`.
  catalog::proto::UserType NewUserType(const ast::QualifiedName& name, const std::string& kind);
  // ALTER TYPE / DOMAIN ... RENAME TO, OWNER TO, SET SCHEMA applied to `type`.
  void AlterTypeIdentity(ast::AlterTypeStmt::Action action, const std::string& value,
                         catalog::proto::UserType* type);
  // What dropping user-defined types takes with it: the columns of their
  // type (or an array of it), the domains over them and the (materialized) views
  // returning one.
  struct TypeDrop {
    std::vector<std::pair<Oid, std::string>> columns;  // (table OID, column name)
    std::vector<std::shared_ptr<const catalog::proto::UserType>> types;
    std::vector<std::shared_ptr<const catalog::TableEntry>> views;
    // Fields of composite types of the type (PostgreSQL drops them).
    std::vector<std::string> composite_fields;
  };
  // Adds `type`'s dependents outside the relations `skip` to `drop`, with
  // their DETAIL lines for a refused drop and their CASCADE NOTICE lines.
  void PlanTypeDependents(const catalog::proto::UserType& type, const std::unordered_set<Oid>& skip,
                          TypeDrop* drop, std::vector<std::string>* depends,
                          std::vector<std::string>* cascades);
  void DropTypeDependents(TypeDrop& drop, ResultSink& sink);
  // session_domain.cc: CREATE / ALTER DOMAIN.
  void ExecuteCreateDomain(const ast::CreateDomainStmt& stmt, ResultSink& sink);
  void ExecuteAlterDomain(const ast::AlterDomainStmt& stmt, ResultSink& sink);
  // A domain's DEFAULT bound against its base type, as stored text.
  std::string BindDomainDefault(const DataType& base, const ast::Expr& expr);
  // Adds CHECK `constraint` (named, or <domain>_check<n>) to `domain`.
  void AddDomainCheck(catalog::proto::UserType* domain, const ast::Constraint& constraint);
  // 23502 `column "c" of table "t" contains null values` / 23514 `...
  // contains <what>` unless every stored value of a column of `domain`
  // meets its constraints.
  void ValidateDomainColumns(Oid domain, const std::string& what);
  // session_schema.cc: CREATE / ALTER / DROP SCHEMA.
  void ExecuteCreateSchema(const ast::CreateSchemaStmt& stmt, ResultSink& sink);
  // CREATE SCHEMA's elements, made in `schema` (session_schema.cc).
  void CreateSchemaElements(const ast::CreateSchemaStmt& stmt, const std::string& schema,
                            ResultSink& sink);
  void ExecuteAlterSchema(const ast::AlterSchemaStmt& stmt, ResultSink& sink);
  void ExecuteDropSchema(const ast::DropStmt& stmt, ResultSink& sink);
  // session_database.cc: CREATE / ALTER / DROP DATABASE.
  void ExecuteCreateDatabase(const ast::CreateDatabaseStmt& stmt, ResultSink& sink);
  void ExecuteDropDatabase(const ast::DropDatabaseStmt& stmt, ResultSink& sink);
  void ExecuteAlterDatabase(const ast::AlterDatabaseStmt& stmt, ResultSink& sink);
  // 55006 if another session is connected to `db`.
  void CheckNoOtherSessions(const catalog::proto::Database& db);
  // A role spec (a name, CURRENT_USER, CURRENT_ROLE, SESSION_USER): 42704
  // if no such role.
  const catalog::proto::Role& ResolveRoleSpec(const catalog::CatalogSnapshot& snapshot,
                                              const std::string& spec);
  // commands/create_table_as.cc: CREATE TABLE ... AS and CREATE
  // MATERIALIZED VIEW.
  void ExecuteCreateTableAs(const ast::CreateTableAsStmt& stmt, ResultSink& sink);
  // commands/matview/refresh.cc
  void ExecuteRefreshMatView(const ast::RefreshMatViewStmt& stmt, ResultSink& sink);
  // The view REFRESH names, locked at `level`, after PostgreSQL's checks of
  // the statement against it.
  std::shared_ptr<const catalog::TableEntry> ResolveRefreshTarget(
      const ast::RefreshMatViewStmt& stmt, storage::LockLevel level);
  // Refreshes `view` (locked EXCLUSIVE) as `stmt` says, accounting for it in
  // `explanation` if not null.
  void RunRefresh(const std::shared_ptr<const catalog::TableEntry>& view,
                  const ast::RefreshMatViewStmt& stmt, RefreshExplanation* explanation);
  // commands/matview/explain_refresh.cc: EXPLAIN [ANALYZE] REFRESH.
  void ExplainRefreshMatView(const ast::ExplainStmt& explain, ResultSink& sink);
  // A materialized view's stored query bound, its tables locked ACCESS
  // SHARE.
  std::unique_ptr<BoundSelect> BindAndLockMatViewQuery(
      const std::shared_ptr<const catalog::TableEntry>& view);
  // What a refresh strategy works with, computing `query` (which must
  // outlive it).
  MatviewRefresh NewMatviewRefresh(const std::shared_ptr<const catalog::TableEntry>& view,
                                   std::unique_ptr<BoundSelect>& query);
  // The view's rows computed afresh in this transaction (a full refresh
  // under an EXCLUSIVE lock).
  void RecomputeMatView(const std::shared_ptr<const catalog::TableEntry>& view);
  // commands/matview/immediate_maintenance.cc: the transaction's changes
  // not yet applied to the immediate views watching the tables they touch,
  // applied; called before a statement reads such a view, before other
  // statements than plain reads and writes, and before commit. Open
  // portals are read to their end first (the maintenance writes); `sink`
  // gets their notices.
  void MaintainImmediateViews(ResultSink* sink);
  bool HasUnappliedImmediateChanges() const {
    return txn_ != nullptr && immediate_applied_ < txn_->BufferedChangeCount();
  }
  void MaintainImmediateView(std::shared_ptr<const catalog::TableEntry> view, size_t from,
                             size_t to);
  // A join view's input locks (immediate_maintenance.cc's header).
  void LockImmediateViewInputs(Oid view, const IncrementalShape& shape);
  // Rolled back to a savepoint with `changes` records left.
  void ForgetImmediateChangesAbove(size_t changes);
  // Plans `query` and runs it to its end in this transaction, handing each
  // batch of rows to `consume`. With `plan_text`, the plan is explained
  // there (PostgreSQL's format) first; with an empty `consume` it does not run.
  void RunBoundQuery(std::unique_ptr<BoundSelect> query,
                     const std::function<void(const RowBatch&)>& consume,
                     std::string* plan_text = nullptr);
  // Optimizes a logical plan made from a bound query (PlanSelect) and runs
  // it likewise.
  void RunLogicalPlan(LogicalOperatorPtr plan, const std::function<void(const RowBatch&)>& consume,
                      std::string* plan_text = nullptr);
  // The optimizer's passes over such a plan and its subqueries' plans.
  LogicalOperatorPtr OptimizeLogicalPlan(LogicalOperatorPtr plan);
  // The optimized plan's run: explained into `plan_text` if given, each
  // batch to `consume` if not empty.
  void RunOptimizedPlan(const LogicalOperator& plan,
                        const std::function<void(const RowBatch&)>& consume,
                        std::string* plan_text);
  // An incremental materialized view's shape, or 0A000 / the reason kept
  // for `auto` (commands/create_table_as.cc).
  void SetRefreshMode(const std::string& mode, const BoundSelect& query,
                      catalog::proto::Table* view);
  // Starts or stops change capture on the tables an incremental view reads
  // (its view_references), under SHARE locks that wait for their writers.
  void WatchTables(const catalog::proto::Table& view, bool watch);
  // ALTER MATERIALIZED VIEW ... SET / RESET (refresh_mode): the new mode's
  // shape check and hidden index, capture moved, and the view's place in
  // the change log forgotten (its next refresh recomputes it).
  void ChangeRefreshMode(const std::shared_ptr<const catalog::TableEntry>& view,
                         const std::string& mode);
  // The tables an incremental view reads, as the catalog has them now.
  std::vector<std::shared_ptr<const catalog::TableEntry>> WatchedTables(
      const catalog::proto::Table& view);
  // A new incremental view's place in the change log: every record the
  // transaction's snapshot sees counts as applied.
  ChangeLogPlace FirstChangeLogPlace(const catalog::proto::Table& view);
  // How a statement that fills a new relation writes it: in bulk under READ
  // COMMITTED, through the transaction under one snapshot per transaction.
  RelationFill::Mode FillMode() const {
    return repeatable_read_ ? RelationFill::Mode::kTransactional : RelationFill::Mode::kBulk;
  }
  // session_role.cc
  void ExecuteCreateRole(const ast::CreateRoleStmt& stmt, ResultSink& sink);
  void ExecuteAlterRole(const ast::AlterRoleStmt& stmt, ResultSink& sink);
  void ExecuteDropRole(const ast::DropRoleStmt& stmt, ResultSink& sink);
  // The current role as the catalog has it now (PostgreSQL checks
  // privileges against the newest catalog, not the one at login).
  catalog::proto::Role CurrentRole();
  // The role's newest version, its row locked for this transaction's ALTER.
  catalog::proto::Role LockRole(const catalog::proto::Role& role);
  // ALTER ROLE's RENAME TO and SET / RESET.
  void RenameRole(const ast::AlterRoleStmt& stmt, const catalog::proto::Role& role,
                  ResultSink& sink);
  void AlterRoleSettings(const ast::AlterRoleStmt& stmt, const catalog::proto::Role& role);
  // Applies CREATE / ALTER ROLE options to `role` (checked by the caller).
  void ApplyRoleOptions(const std::vector<ast::RoleOption>& options, catalog::proto::Role& role,
                        ResultSink& sink);

  // session_index.cc
  // The optimizer passes the planner settings turn off (enable_indexscan,
  // enable_seqscan).
  std::vector<std::string> DisabledPasses() const;
  void ExecuteCreateIndex(const ast::CreateIndexStmt& stmt, ResultSink& sink);
  // session_index_build.cc: CREATE INDEX CONCURRENTLY (or the resumption of
  // its INVALID index), and the build of an index already published not
  // valid: wait for the writers that predate it, backfill, mark it valid.
  void CreateIndexConcurrently(const ast::CreateIndexStmt& stmt, ResultSink& sink);
  void BuildPublishedIndex(Oid table_oid, const std::string& name, const std::string& command,
                           ResultSink& sink);
  // Fills the new index at `position` of the table's indexes in this
  // transaction (the table locked against writers), reporting progress.
  void FillNewIndex(const catalog::TableEntry& table, int position, const std::string& command,
                    ResultSink& sink);
  // session_reindex.cc: REINDEX, plain (new relations filled under SHARE)
  // or CONCURRENTLY (a build resumed, or a copy built and swapped in).
  void ExecuteReindex(const ast::ReindexStmt& stmt, ResultSink& sink);
  // commands/alter_relation.cc: ALTER INDEX ... RENAME TO of an index;
  // false when the name is no index's.
  bool RenameIndex(const ast::AlterRelationStmt& stmt);
  void ReindexUnderShareLock(Oid table_oid, const std::vector<std::string>& names,
                             ResultSink& sink);
  void ReindexConcurrently(Oid table_oid, const std::string& name, ResultSink& sink);
  // pg_stat_progress_create_index: the session's row changed by `change`;
  // with `sink` and basalt.progress_notices on, also a NOTICE.
  void ReportIndexBuild(ResultSink* sink, const std::function<void(IndexBuildProgress&)>& change);
  void EndIndexBuildReport();
  std::vector<Row> IndexBuildProgressRows();
  void ExecuteDropIndex(const ast::DropStmt& stmt, ResultSink& sink);
  struct IndexTarget {
    std::shared_ptr<const catalog::TableEntry> table;
    std::string name;
  };
  // DROP INDEX of resolved, locked indexes, in the transaction.
  void DropIndexes(const std::vector<IndexTarget>& targets);
  // session_index_build.cc: DROP INDEX CONCURRENTLY (the table held in SHARE
  // UPDATE EXCLUSIVE): the index made not valid in a transaction of its own,
  // then dropped once every transaction that could read it has ended.
  void DropIndexConcurrently(const catalog::TableEntry& table, const std::string& name);
  // TRUNCATE: the tables referencing one of `tables` by a foreign key
  // (0A000 unless listed too, or `cascade` adds them).
  void AddTruncatedReferencingTables(
      bool cascade, std::vector<std::shared_ptr<const catalog::TableEntry>>* tables,
      ResultSink& sink);
  void ExecuteTruncate(const ast::TruncateStmt& stmt, ResultSink& sink);
  void ExecuteExplain(const ast::ExplainStmt& stmt, ResultSink& sink);
  // REPEATABLE READ: the relations `plan` reads that a full REFRESH
  // published after the snapshot are read at a newer one, so their rows
  // are there as PostgreSQL's frozen rows are (Catalog::FrozenSince).
  void ReadFrozenRelationsWhole(const StatementPlan& plan);
  // EXPLAIN's result: a "QUERY PLAN" row per line of `text`
  // (commands/explain.cc).
  void SendExplainText(const std::string& text, ResultSink& sink);
  // EXPLAIN [ANALYZE] of a query or write, `explained` (EXECUTE's prepared
  // statement, or the EXPLAIN's own).
  void ExplainStatement(const ast::ExplainStmt& stmt, const ast::Statement& explained,
                        ResultSink& sink);
  // EXPLAIN ANALYZE: runs it, its rows dropped, with each operator measured.
  void ExplainAnalyze(const ast::ExplainStmt& stmt, const ast::Statement& explained,
                      ResultSink& sink);
  // Ends the block's settings scope: COMMIT keeps session-level SETs,
  // ROLLBACK undoes them; changed reported parameters are sent again.
  void EndSettingsScope(bool commit, ResultSink& sink);
  // The end of a transaction for set_config's local settings outside a
  // block and for the transaction id.
  void EndTransactionState();
  // ParameterStatus for each reported setting that differs from `before`.
  void SendChangedParameters(const std::vector<std::pair<std::string, std::string>>& before,
                             ResultSink& sink);
  // NOTICE / WARNING to the client unless client_min_messages hides it.
  void SendNotice(ResultSink& sink, sqlstate::Code code, std::string_view message);
  void SendNoticeWithDetail(ResultSink& sink, sqlstate::Code code, std::string_view message,
                            std::string_view detail);
  void SendWarning(ResultSink& sink, sqlstate::Code code, std::string_view message);
  // 25006 for a write (`what`: "INSERT", "CREATE TABLE", ...) in a read-only
  // transaction.
  void CheckWritable(std::string_view what);
  // Whether the transaction (or, outside a block, the next one) is READ ONLY.
  bool ReadOnly() const;

  storage::KvStore& store_;
  catalog::Catalog& catalog_;
  // The server's refreshes, running and done; null in some unit tests.
  MatviewRefreshBoard* refresh_board_;
  // Incremental views' delta plans, kept between refreshes.
  DeltaPlanCache delta_plans_;
  // nextval and its kin; null without the engine's sequence values.
  std::unique_ptr<SessionSequences> sequences_;
  Oid role_oid_;
  std::string user_;
  bool superuser_;
  Oid database_oid_;
  std::string database_;
  Settings settings_;
  std::shared_ptr<const TimeZone> time_zone_;
  std::shared_ptr<void> role_slot_;
  // Inside a transaction block: the settings at BEGIN (ROLLBACK returns to
  // them) and the settings without this block's SET LOCALs (COMMIT keeps
  // those), as PostgreSQL's GUC stack.
  std::optional<Settings> settings_at_begin_;
  std::optional<Settings> settings_at_commit_;
  // Outside a block: the settings before the implicit transaction's first
  // set_config(..., is_local => true), restored when it ends.
  std::optional<Settings> settings_before_local_;
  // txid_current(): the transaction's id once one was asked for.
  std::optional<uint64_t> transaction_id_;

  // Relation and advisory locks; outlives txn_, which points to it.
  std::unique_ptr<storage::LockOwner> lock_owner_;
  // Null when none is open; inside a block, until its first query.
  std::unique_ptr<storage::Transaction> txn_;
  catalog::CatalogWriter writer_;  // this transaction's DDL
  // The names behind reg* values while this session runs a statement
  // (installed for the thread by each entry point).
  CurrentCatalogNames object_names_{
      [this] { return CatalogNames(writer_.View(), database_oid_, user_, SearchPath()); }};
  bool implicit_ = false;  // txn_ ends with the query string
  // The transaction wrote only derived state (an incremental refresh
  // outside a block): its commit need not wait for the WAL sync.
  bool maintenance_worker_ = false;
  bool commit_without_sync_ = false;

  bool repeatable_read_ = false;  // one snapshot for the whole transaction
  // Immediate maintenance: every immediate view has applied the
  // transaction's change records below immediate_applied_; some, those
  // below their entry in view_applied_ (immediate_maintenance.cc).
  size_t immediate_applied_ = 0;
  std::map<Oid, size_t> view_applied_;
  std::set<Oid> written_tables_;  // by the transaction (change-log ids)
  int64_t transaction_timestamp_ = 0;
  // The catalog version published when the READ COMMITTED snapshot was
  // last taken (PlanAndLock).
  uint64_t snapshot_catalog_version_ = 0;
  // The running Query message holds several statements: an implicit block,
  // which RefuseInBlock refuses as an explicit one.
  bool multi_statement_query_ = false;
  // The committed catalog when the transaction began.
  std::shared_ptr<const catalog::CatalogSnapshot> transaction_catalog_;
  // Read-your-writes: per change-log id, the sequence of the session's last
  // commit that logged changes to it; and the commit under way.
  std::map<uint32_t, uint64_t> own_commits_;
  std::optional<std::pair<uint64_t, std::set<uint32_t>>> committing_;
  // REPEATABLE READ: the views this transaction brought up to those
  // commits (it reads them at a newer snapshot from then on).
  std::set<uint32_t> views_caught_up_;
  TransactionState state_ = TransactionState::kIdle;

  // SAVEPOINTs of the block, outermost first; each has a storage savepoint.
  struct Savepoint {
    std::string name;
    Settings settings;  // restored by ROLLBACK TO
    std::optional<Settings> settings_at_commit;
    catalog::CatalogWriter::Mark catalog;
    size_t locks = 0;  // storage::LockManager::TransactionMark
    DeferredConstraints::Mark deferred;
    size_t sequence_restarts = 0;  // sequence_restarts_.size()
  };
  std::vector<Savepoint> savepoints_;
  // The states of the sequences this transaction restarted (TRUNCATE ...
  // RESTART IDENTITY, ALTER SEQUENCE ... RESTART) before it did, oldest
  // first: a rollback puts them back, as PostgreSQL's restart is
  // transactional (nextval itself is not, and is not undone).
  std::vector<std::pair<Oid, storage::SequenceState>> sequence_restarts_;
  void RestartSequence(const catalog::TableEntry& sequence, const storage::SequenceState& state);
  // Puts back the states restarts after the first `keep` changed.
  void UndoSequenceRestarts(size_t keep);
  // The transaction's deferred foreign-key checks and SET CONSTRAINTS
  // modes, checked at commit; empty between transactions.
  DeferredConstraints deferred_;

  // Prepared statements and portals of the extended protocol, by name ("" is
  // the unnamed one).
  std::map<std::string, std::shared_ptr<const PreparedStatement>, std::less<>> statements_;
  std::map<std::string, Portal, std::less<>> portals_;
  // Counts the transactions ended (commit or rollback); a portal lives only
  // in the transaction it was bound in (none is WITH HOLD yet).
  uint64_t transaction_serial_ = 0;
  // The portal `name` if it exists in this transaction, else null (a
  // portal of an ended transaction is dropped).
  Portal* FindPortal(std::string_view name);
  // What parsing and planning this session did: a test shows that Execute
  // of a prepared statement does neither.
  const Portal* running_portal_ = nullptr;  // the portal Execute is running
  // The query string being run (pg_cursors shows it); for Execute, the
  // prepared statement's.
  std::string_view query_text_;
  uint64_t statements_parsed_ = 0;
  // The COPY FROM STDIN waiting for the client's data (session_copy.cc).
  struct CopyInState {
    std::unique_ptr<CopyFromLoader> loader;
    // Made once for the whole COPY: a client may send each row as its own
    // CopyData (pgbench does), and a context per message (settings parsed,
    // the search path resolved) cost a million-row load a third of its time.
    std::unique_ptr<ExecContext> context;
    std::shared_ptr<const TimeZone> time_zone;
    SessionFormats formats;
    // Started by a simple Query: its statements after the COPY, and the
    // query text they point into.
    bool simple_query = false;
    std::vector<ast::StatementPtr> statements;
    size_t next_statement = 0;
    std::string query_text;
  };
  std::unique_ptr<CopyInState> copy_in_;
  // The query text of the statements that run after a COPY's CopyDone.
  std::string held_query_text_;
  uint64_t plans_built_ = 0;

 public:
  uint64_t statements_parsed() const { return statements_parsed_; }
  uint64_t plans_built() const { return plans_built_; }

 private:
  // Cancel, shutdown and statement_timeout for the running statement;
  // shared with whoever may stop it from another thread.
  std::shared_ptr<Interrupt> interrupt_holder_;
  Interrupt& interrupt_;
  ActivityBoard* activity_board_ = nullptr;
  bool created_temp_namespace_ = false;  // DropTempNamespace has work at the end
  // Temporary tables with an ON COMMIT action, by OID.
  std::map<Oid, ast::CreateTableStmt::OnCommit> on_commit_;
  std::unique_ptr<ActivityBoard::Slot> activity_;  // last: leaves the board first
};

}  // namespace basalt::sql
