#include "sql/execution/exec_context.h"

#include "sql/execution/evaluate.h"

namespace basalt::sql {

void ExecContext::CheckForInterrupts() const {
  if (interrupt == nullptr) return;
  Status status = interrupt->Check();
  if (!status.ok()) ThrowStatus(status);
}

ExecContext ParallelWorkerContext(const ExecContext& ctx, storage::Transaction& txn) {
  return ExecContext{.store = ctx.store,
                     .txn = txn,
                     .transaction_timestamp = ctx.transaction_timestamp,
                     .statement_timestamp = ctx.statement_timestamp,
                     .parameters = ctx.parameters,
                     .interrupt = ctx.interrupt,
                     .lock_owner = nullptr,
                     .lock_timeout_ms = ctx.lock_timeout_ms,
                     .session_relation_rows = nullptr,
                     .catalog = ctx.catalog,
                     .database_oid = ctx.database_oid,
                     .user = ctx.user,
                     .search_path = ctx.search_path,
                     .warning = nullptr,
                     .sequences = nullptr,
                     .read_only = true,
                     .setting = nullptr,
                     .set_setting = nullptr,
                     .transaction_id = nullptr,
                     .signal_backend = nullptr,
                     .outer_values = {},
                     .work_tables = {},
                     .subquery_results = {},
                     .cte_results = {},
                     .domain_checks = {},
                     .memory = ctx.memory,
                     .instrumentation = nullptr,
                     .deferred = nullptr,
                     .parallel_limits = nullptr};
}

}  // namespace basalt::sql
