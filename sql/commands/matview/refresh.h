// REFRESH MATERIALIZED VIEW's strategies. The entry point
// (SessionImpl::ExecuteRefreshMatView, refresh.cc) checks the
// preconditions, takes the locks, binds the view's query and picks one of
// them; each lives in a file of its own.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/interrupt.h"
#include "sql/binder/bound_statement.h"
#include "sql/commands/matview/change_log_reader.h"
#include "sql/commands/matview/delta_plans.h"
#include "sql/commands/matview/incremental_shape.h"
#include "sql/commands/matview/refresh_board.h"
#include "sql/commands/relation_fill.h"
#include "sql/execution/exec_context.h"
#include "sql/execution/physical_operator.h"
#include "sql/parser/ast_statement.h"
#include "storage/kv_store.h"
#include "storage/transaction.h"

namespace basalt::sql {

// EXPLAIN [ANALYZE] REFRESH's account of a refresh (explain_refresh.cc
// prints it): the changes it takes and its steps, each with the plan it
// runs. Without `analyze` nothing runs and nothing is written: the
// strategies stop after deciding and explaining their plans.
struct RefreshExplanation {
  bool analyze = false;
  std::string strategy;  // as basalt_matview_status.strategy says it
  // The construct that keeps the delta rules from the view's query; "" if
  // none does.
  std::string incremental_blocker;
  struct PendingTable {
    std::string name;
    uint64_t records = 0;
    uint64_t rows_deleted = 0;   // old row versions (deletes and updates)
    uint64_t rows_inserted = 0;  // new row versions (inserts and updates)
    bool truncated = false;
  };
  std::vector<PendingTable> pending;  // incremental views only
  struct Step {
    std::string name;
    std::string plan;   // the optimized plan in PostgreSQL's EXPLAIN format, or ""
    uint64_t rows = 0;  // with analyze: rows the step produced
    double ms = 0;      // with analyze: its time
  };
  std::vector<Step> steps;
  uint64_t rows_inserted = 0;  // with analyze: what the refresh wrote
  uint64_t rows_deleted = 0;

  bool dry_run() const { return !analyze; }
  // Records a step that started at `started` (rows and time count with
  // analyze only).
  void AddStep(std::string name, std::string plan, uint64_t rows,
               std::chrono::steady_clock::time_point started);
};

// What a strategy works with and reports. The view is locked EXCLUSIVE (readers go on,
// other refreshes and DDL wait) and its query's tables ACCESS SHARE.
struct MatviewRefresh {
  storage::KvStore& store;
  storage::Transaction& txn;
  catalog::CatalogWriter& writer;
  const Interrupt& interrupt;
  std::shared_ptr<const catalog::TableEntry> view;
  // Runs the view's query at the transaction's snapshot, handing each batch
  // of rows to the callback.
  // With `plan_text`, the plan it runs is explained there first.
  using Consumer = std::function<void(const RowBatch&)>;
  std::function<void(const Consumer&, std::string* plan_text)> compute;
  // A context for the strategy's own work at the transaction's snapshot
  // (work_mem, spill files, interrupts).
  std::function<ExecContext()> new_context;
  // The view's query bound afresh (each call a new tree), the optimizer of
  // plans made from it, and a runner of optimized plans at the
  // transaction's snapshot: the incremental strategy's delta plans. With
  // `plan_text` the plan is explained there; with an empty `consume` it is
  // not run.
  std::function<std::unique_ptr<BoundSelect>()> bind;
  std::function<LogicalOperatorPtr(LogicalOperatorPtr)> optimize;
  std::function<void(const LogicalOperator&, const Consumer& consume, std::string* plan_text)>
      run_optimized;
  // The view's delta plans kept by the session (null: none kept).
  ViewDeltaPlans* delta_plans = nullptr;
  RelationFill::Mode fill_mode = RelationFill::Mode::kBulk;
  // Incremental: the change-log watermark read before the list of views
  // watching the tables (AppliedByAllViews).
  uint64_t collect_limit = 0;
  bool collect_changes = true;  // remove the records every view applied
  // pg_stat_progress_refresh_matview's row of this refresh; may be null.
  MatviewRefreshBoard::Progress* progress = nullptr;
  // EXPLAIN [ANALYZE] REFRESH's account; null for a plain refresh.
  RefreshExplanation* explanation = nullptr;

  // What the refresh wrote.
  uint64_t rows_inserted = 0;
  uint64_t rows_deleted = 0;

  void run(LogicalOperatorPtr plan, const Consumer& consume, std::string* plan_text) {
    plan = optimize(std::move(plan));
    run_optimized(*plan, consume, plan_text);
  }
};

// The strategy REFRESH takes for `view` before looking at its changes:
// "incremental", "concurrent" or "full" (refresh.cc).
std::string ChooseRefreshStrategy(const catalog::proto::Table& view,
                                  const ast::RefreshMatViewStmt& stmt);

// Full (refresh_full.cc): the result into new relations (the view's and
// its indexes'), swapped in by the transaction's catalog commit. With
// `populate` false (WITH NO DATA) the new relation stays empty and the view
// unpopulated.
void RefreshFull(MatviewRefresh& refresh, bool populate);

// Concurrent (refresh_concurrent.cc): the result matched with the stored
// rows on the unique keys and whole-row identity; only rows that differ are
// deleted, then inserted, in the transaction. 21000 if the new result holds
// a row twice with no NULL in it.
void RefreshConcurrent(MatviewRefresh& refresh);

// Incremental (refresh_incremental.cc): the changes of `tables` (the
// query's) that the view has not applied, through the delta rules of
// `shape`, and the view's new place in the change log, in the transaction.
// Falls back to a full refresh (a first population, a TRUNCATE, a backlog
// past the cost rule's threshold) and then returns the reason; "" when the
// delta rules ran.
std::string RefreshIncremental(
    MatviewRefresh& refresh, const IncrementalShape& shape,
    const std::vector<std::shared_ptr<const catalog::TableEntry>>& tables);

// Locks maintenance keys (encoded, sorted) for immediate maintenance.
using KeyLocker = std::function<void(const std::vector<std::string>&)>;

// Immediate (immediate_maintenance.cc drives it): the writing
// transaction's own changes `pending` through the delta rules of `shape`,
// with `lock_keys` called before the view's rows of the touched keys are
// read. False, with nothing written and the reason, when the rules do not
// take the changes (a TRUNCATE, too many changed inputs): the caller then
// recomputes the view.
bool ApplyOwnChanges(MatviewRefresh& refresh, const IncrementalShape& shape,
                     PendingChanges& pending, KeyLocker lock_keys, std::string* reason);

// Removes the meta keys immediate maintenance locks a view's keys by
// (immediate_maintenance.cc), when the view is dropped or stops being
// immediate.
void DeleteKeyLocks(storage::Transaction& txn, Oid view);

}  // namespace basalt::sql
