// REFRESH MATERIALIZED VIEW [CONCURRENTLY] name [WITH [NO] DATA]: the one
// entry point. It checks PostgreSQL's preconditions in PostgreSQL's order,
// takes the locks, binds the stored query and hands over to a strategy.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>

#include "common/datetime.h"
#include "sql/binder/binder.h"
#include "sql/commands/matview/change_log_reader.h"
#include "sql/commands/matview/refresh.h"
#include "sql/parser/ast_printer.h"
#include "sql/session_impl.h"

namespace basalt::sql {

namespace {

// A unique index CONCURRENTLY can match rows by: on plain columns, without
// a WHERE clause or expressions.
bool HasUsableUniqueIndex(const catalog::TableEntry& view) {
  for (const catalog::proto::Index& index : view.def.indexes()) {
    bool expressions = false;
    for (const catalog::proto::IndexColumn& c : index.columns()) {
      expressions = expressions || !c.expression().empty();
    }
    if (index.unique() && index.predicate().empty() && !expressions) return true;
  }
  return false;
}

}  // namespace

void RefreshExplanation::AddStep(std::string name, std::string plan, uint64_t rows,
                                 std::chrono::steady_clock::time_point started) {
  Step step{.name = std::move(name), .plan = std::move(plan)};
  if (analyze) {
    step.rows = rows;
    step.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                  .count();
  }
  steps.push_back(std::move(step));
}

std::string ChooseRefreshStrategy(const catalog::proto::Table& view,
                                  const ast::RefreshMatViewStmt& stmt) {
  // An immediate view is always current: its REFRESH recomputes it, as
  // pg_ivm's does.
  if (view.incremental() && !MaintainedImmediately(view) && stmt.with_data) return "incremental";
  return stmt.concurrently ? "concurrent" : "full";
}

std::unique_ptr<BoundSelect> SessionImpl::BindAndLockMatViewQuery(
    const std::shared_ptr<const catalog::TableEntry>& view) {
  // Bound with its recorded references, its tables locked ACCESS SHARE;
  // bound again if a DDL committed while it waited. Functions resolve in
  // pg_catalog only, as PostgreSQL 17's maintenance operations.
  while (true) {
    std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
    Binder binder(*snapshot, database_oid_, user_, {"pg_catalog", "pg_temp"});
    std::unique_ptr<BoundSelect> query = binder.BindViewQuery(view);
    for (const auto& table : binder.tables_read()) {
      LockRelation(*table, storage::LockLevel::kAccessShare);
    }
    if (writer_.View()->version() == snapshot->version()) return query;
  }
}

MatviewRefresh SessionImpl::NewMatviewRefresh(
    const std::shared_ptr<const catalog::TableEntry>& view, std::unique_ptr<BoundSelect>& query) {
  return MatviewRefresh{
      .store = store_,
      .txn = *txn_,
      .writer = writer_,
      .interrupt = interrupt_,
      .view = view,
      .compute =
          [this, &query](const MatviewRefresh::Consumer& consume, std::string* plan_text) {
            RunBoundQuery(std::move(query), consume, plan_text);
          },
      .new_context = [this] { return NewExecContext(nullptr, nullptr); },
      .bind =
          [this, view] {
            Binder binder(*writer_.View(), database_oid_, user_, {"pg_catalog", "pg_temp"});
            return binder.BindViewQuery(view);
          },
      .optimize = [this](LogicalOperatorPtr plan) { return OptimizeLogicalPlan(std::move(plan)); },
      .run_optimized = [this](
                           const LogicalOperator& plan, const MatviewRefresh::Consumer& consume,
                           std::string* plan_text) { RunOptimizedPlan(plan, consume, plan_text); },
      // Kept against the committed catalog only: this transaction's own DDL
      // does not move the version its plans would be kept under.
      .delta_plans = view->def.incremental() && writer_.empty()
                         ? &delta_plans_.For(view->def.oid(), writer_.View()->version(),
                                             fmt::format("{}", fmt::join(DisabledPasses(), ",")))
                         : nullptr,
      .fill_mode = FillMode(),
      .collect_limit = 0,
      .collect_changes = true,
      .progress = nullptr,
      .explanation = nullptr,
  };
}

void SessionImpl::RecomputeMatView(const std::shared_ptr<const catalog::TableEntry>& view) {
  LockRelation(*view, storage::LockLevel::kExclusive);
  std::unique_ptr<BoundSelect> query = BindAndLockMatViewQuery(view);
  if (!repeatable_read_) txn_->RefreshSnapshot();
  MatviewRefresh refresh = NewMatviewRefresh(view, query);
  RefreshFull(refresh, /*populate=*/true);
}

void SessionImpl::ExecuteRefreshMatView(const ast::RefreshMatViewStmt& stmt, ResultSink& sink) {
  // EXCLUSIVE for every strategy (PostgreSQL takes ACCESS EXCLUSIVE for a
  // plain refresh, blocking readers): readers go on, and one refresh of a
  // view runs at a time, since the mode conflicts with itself.
  RunRefresh(ResolveRefreshTarget(stmt, storage::LockLevel::kExclusive), stmt, nullptr);
  sink.CommandComplete("REFRESH MATERIALIZED VIEW");
}

std::shared_ptr<const catalog::TableEntry> SessionImpl::ResolveRefreshTarget(
    const ast::RefreshMatViewStmt& stmt, storage::LockLevel level) {
  if (stmt.concurrently && !stmt.with_data) {
    throw Error(sqlstate::kSyntaxError,
                "CONCURRENTLY and WITH NO DATA options cannot be used together");
  }
  std::shared_ptr<const catalog::TableEntry> view =
      ResolveAndLock({stmt.name}, level, /*nowait=*/false, [&](const ast::QualifiedName& name) {
        Binder binder(*writer_.View(), database_oid_, user_, SearchPath());
        if (binder.ResolveIndexTable(name) != nullptr) {
          throw Error(sqlstate::kWrongObjectType,
                      fmt::format("\"{}\" is not a table or materialized view", name.name));
        }
        ThrowUndefinedRelation(name);
      }).front();
  const catalog::proto::Table& def = view->def;
  if (!view->IsMaterializedView()) {
    // PostgreSQL's lookup callback accepts tables only, and the command
    // then says what a table is not.
    throw Error(sqlstate::kWrongObjectType,
                fmt::format("\"{}\" is not a {}materialized view", def.name(),
                            view->IsView() ? "table or " : ""));
  }
  if (stmt.concurrently && !def.populated()) {
    throw Error(sqlstate::kFeatureNotSupported,
                "CONCURRENTLY cannot be used when the materialized view is not populated");
  }
  if (stmt.concurrently && !HasUsableUniqueIndex(*view)) {
    const catalog::proto::Namespace* ns =
        writer_.View()->NamespaceByOid(def.database_oid(), def.namespace_oid());
    throw Error(
        sqlstate::kObjectNotInPrerequisiteState,
        fmt::format("cannot refresh materialized view \"{}.{}\" concurrently",
                    ns == nullptr ? "" : ast::QuoteName(ns->name()), ast::QuoteName(def.name())))
        .WithHint(
            "Create a unique index with no WHERE clause on one or more columns of the "
            "materialized view.");
  }
  return view;
}

void SessionImpl::RunRefresh(const std::shared_ptr<const catalog::TableEntry>& view,
                             const ast::RefreshMatViewStmt& stmt, RefreshExplanation* explanation) {
  const catalog::proto::Table& def = view->def;
  std::unique_ptr<BoundSelect> query = BindAndLockMatViewQuery(view);
  // READ COMMITTED: the result is what committed before the locks were held.
  if (!repeatable_read_) txn_->RefreshSnapshot();

  std::string strategy = ChooseRefreshStrategy(def, stmt);
  const bool incremental = strategy == "incremental";
  const bool dry_run = explanation != nullptr && explanation->dry_run();
  const IncrementalShape shape =
      incremental || explanation ? AnalyzeIncrementalShape(*query) : IncrementalShape{};
  if (explanation) explanation->incremental_blocker = shape.unsupported;
  MatviewRefreshBoard::Progress* progress =
      refresh_board_ && !dry_run
          ? &refresh_board_->Start(lock_owner_->pid(), database_oid_, def.oid(), strategy)
          : nullptr;
  struct AbandonOnError {
    MatviewRefreshBoard* board;
    MatviewRefreshBoard::Progress* progress;
    ~AbandonOnError() {
      if (progress) board->Abandon(*progress);
    }
  } abandon{refresh_board_, progress};
  const auto started = std::chrono::steady_clock::now();
  const int64_t started_at = CurrentTimestamp();
  std::string fallback_reason = def.refresh_mode_reason();
  MatviewRefresh refresh = NewMatviewRefresh(view, query);
  refresh.progress = progress;
  refresh.explanation = explanation;
  if (incremental) {
    // A refresh alone in its transaction commits without waiting for the
    // WAL sync: the view is derived state, and a refresh lost in a crash
    // (its rows and its place in the change log together) is redone from
    // the change log by the next one.
    commit_without_sync_ = state_ != TransactionState::kInBlock && !dry_run;
    // Read before the list of watching views: a view created after it
    // needs no record up to it (AppliedByAllViews).
    refresh.collect_limit = store_.LastCommitSequence();
    refresh.collect_changes = !repeatable_read_;
    const std::string fallback = RefreshIncremental(refresh, shape, WatchedTables(def));
    if (!fallback.empty()) strategy = "full (" + fallback + ")";
    fallback_reason = fallback;
  } else if (stmt.concurrently) {
    RefreshConcurrent(refresh);
    if (!def.refresh_mode_reason().empty()) strategy += " (" + def.refresh_mode_reason() + ")";
  } else {
    RefreshFull(refresh, stmt.with_data);
    if (!def.refresh_mode_reason().empty()) strategy += " (" + def.refresh_mode_reason() + ")";
    // Emptied: the next refresh populates it from scratch.
    if (def.incremental() && !dry_run) DeleteChangeLogPlace(*txn_, def.oid());
  }
  if (explanation) {
    explanation->strategy = strategy;
    explanation->rows_inserted = refresh.rows_inserted;
    explanation->rows_deleted = refresh.rows_deleted;
  }
  if (progress) {
    // Recorded when the statement ends, whether or not its transaction
    // commits later.
    refresh_board_->Finish(*progress,
                           {.strategy = strategy,
                            .fallback_reason = fallback_reason,
                            .started_at = started_at,
                            .finished_at = CurrentTimestamp(),
                            .duration_ms = std::chrono::duration<double, std::milli>(
                                               std::chrono::steady_clock::now() - started)
                                               .count(),
                            .rows_inserted = refresh.rows_inserted,
                            .rows_deleted = refresh.rows_deleted,
                            .replaced_all = strategy.starts_with("full")});
    abandon.progress = nullptr;
  }
}

}  // namespace basalt::sql
