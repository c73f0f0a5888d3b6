// What operators and expressions need at run time: the storage transaction
// and statement-wide values. One per statement execution.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "catalog/catalog_snapshot.h"
#include "common/interrupt.h"
#include "common/sqlstate.h"
#include "common/status.h"
#include "common/value.h"
#include "sql/execution/query_memory.h"
#include "storage/kv_store.h"
#include "storage/transaction.h"

namespace basalt::sql {

class PlanInstrumentation;
struct CteResult;
class DomainChecks;

class SessionSequences;
class DeferredConstraints;

// What a subquery that reads no outer value returned, computed once per
// execution (sql/execution/subquery.cc).
struct SubqueryResult {
  std::vector<Value> values;  // the first column of its rows
  std::vector<Row> rows;      // whole rows instead, for a row compared with ANY / ALL
  bool any_row = false;
  // ANY with `=` (`hashed`): the non-NULL values as the comparison sees
  // them, encoded, and whether a NULL was among them.
  bool hashed = false;
  std::unordered_set<std::string> keys;
  bool has_null = false;
};

// The threads a parallel aggregate may start besides the statement's own,
// and the size (RocksDB's estimate of the table's bytes) below which it
// runs alone.
struct ParallelLimits {
  int workers = 0;
  int64_t min_table_bytes = 0;
};

struct ExecContext {
  storage::KvStore& store;
  storage::Transaction& txn;
  // now() / current_timestamp: microseconds since 2000-01-01 (PostgreSQL's
  // transaction start time).
  int64_t transaction_timestamp = 0;
  // statement_timestamp(): the current statement's start (the transaction's
  // in an implicit transaction, as PostgreSQL).
  int64_t statement_timestamp = 0;
  // The values of $1..$n (BoundExprKind::kParameter), null without any.
  const std::vector<Value>* parameters = nullptr;
  // INSERT/UPDATE/DELETE: rows written, for the command tag.
  uint64_t rows_affected = 0;
  // The session's: cancel and statement_timeout. Null in some unit tests.
  Interrupt* interrupt = nullptr;
  // The session's locks (advisory lock functions, pg_backend_pid) and its
  // lock_timeout. Null in some unit tests.
  storage::LockOwner* lock_owner = nullptr;
  int64_t lock_timeout_ms = 0;
  // The rows of a pg_catalog relation the session computes (pg_cursors,
  // pg_prepared_statements, the materialized-view refresh relations), by
  // the relation's OID.
  std::function<std::vector<Row>(Oid)> session_relation_rows;
  // The catalog as the statement's transaction sees it, and the session's
  // database, user and search_path (pg_catalog's computed relations,
  // current_schemas(), pg_table_is_visible(), ...). Null in some unit tests.
  std::shared_ptr<const catalog::CatalogSnapshot> catalog;
  Oid database_oid = 0;
  std::string user;
  std::vector<std::string> search_path;
  // A WARNING for the client (pg_advisory_unlock of a lock not held).
  std::function<void(sqlstate::Code, std::string)> warning;
  // The session's sequences (nextval, currval, ...). Null in some unit tests.
  SessionSequences* sequences = nullptr;
  // The transaction is READ ONLY (transaction_read_only, or
  // default_transaction_read_only outside a block): nextval and setval
  // fail with 25006, as PostgreSQL's do.
  bool read_only = false;
  // The session's settings and transaction id, for current_setting,
  // set_config and txid_current (sql/execution/session_functions.cc).
  // Empty in some unit tests. `setting`: the value as SHOW prints it, 42704
  // for an unknown name. `set_setting`: sets it (a NULL value resets it)
  // for the session, or until the transaction ends when `local`, and
  // returns the new value. `transaction_id`: the transaction's id, assigned
  // by the first call with `assign`, nullopt before that.
  std::function<Result<std::string>(std::string_view name)> setting;
  std::function<Result<std::string>(std::string_view name, std::optional<std::string_view> value,
                                    bool local)>
      set_setting;
  std::function<std::optional<uint64_t>(bool assign)> transaction_id;
  // pg_cancel_backend / pg_terminate_backend (timeout_ms: wait that long for
  // the session's end): whether the signal reached a session.
  std::function<bool(int32_t pid, bool terminate, int64_t timeout_ms)> signal_backend;

  // The values each running correlated subquery reads from its enclosing
  // query's row (kOuterColumn), innermost last.
  std::vector<const std::vector<Value>*> outer_values;
  // The rows each running WITH RECURSIVE's previous round added, by work
  // table id (sql/execution/recursive_union.h).
  std::unordered_map<int, const std::vector<Row>*> work_tables;
  // Subqueries that read no outer value, by their BoundSubquery.
  std::unordered_map<const void*, SubqueryResult> subquery_results;
  // The WITH queries CTE scans read, computed once, by their CteUse
  // (sql/execution/cte_scan.h).
  std::unordered_map<const void*, std::shared_ptr<CteResult>> cte_results;
  // Domains' constraints, bound on first use, by domain OID
  // (sql/execution/domain_checks.h).
  std::unordered_map<Oid, std::shared_ptr<const DomainChecks>> domain_checks;
  // work_mem and basalt.max_query_memory (sql/execution/query_memory.h).
  // Null in some unit tests: no limits, nothing spills.
  std::shared_ptr<QueryMemory> memory;
  // EXPLAIN ANALYZE's measurements (instrumented_operator.h); null when
  // not explaining. Operators that make operators while running (LATERAL,
  // WITH RECURSIVE) pass it to CreatePhysicalPlan.
  PlanInstrumentation* instrumentation = nullptr;
  // The transaction's deferred constraint checks and SET CONSTRAINTS
  // modes (deferred_constraints.h). Null: every check is immediate.
  DeferredConstraints* deferred = nullptr;
  // max_parallel_workers_per_gather and min_parallel_table_scan_size, read
  // when a parallel aggregate starts (sql/execution/parallel_aggregate.h),
  // not for every statement. Null: every aggregate runs alone.
  std::function<ParallelLimits()> parallel_limits;

  // Throws the interrupt's error (57014, ...) if the statement must stop.
  // Every loop over rows calls it.
  void CheckForInterrupts() const;
};

// The context of a parallel query's worker thread: the statement's values
// and limits, reading through `txn` (a storage::SharedReadTransaction over
// ctx.txn). What only the session's own thread may do — sequences, settings
// changes, warnings, deferred checks, EXPLAIN ANALYZE's counters, another
// parallel run — is left out; the planner gives workers no expression that
// needs them.
ExecContext ParallelWorkerContext(const ExecContext& ctx, storage::Transaction& txn);

}  // namespace basalt::sql
