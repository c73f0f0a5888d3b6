// EXPLAIN [ANALYZE] of a query or write. The plan prints in PostgreSQL's
// shapes (planner/explain.h): with COSTS, Basalt's own estimates in
// `(cost=a..b rows=n width=w)`. ANALYZE runs the statement as it would run
// alone — planned and locked by PlanAndLock, inside the statement's
// transaction, so a write is done (and undone by ROLLBACK) as PostgreSQL's
// EXPLAIN ANALYZE does —, drops its rows, and shows what each node did.
// EXPLAIN of REFRESH MATERIALIZED VIEW is commands/matview/explain_refresh.cc.
#include <chrono>
#include <utility>

#include "sql/binder/binder.h"
#include "sql/execution/instrumented_operator.h"
#include "sql/planner/explain.h"
#include "sql/planner/planner.h"
#include "sql/session_impl.h"

namespace basalt::sql {

namespace {

using Clock = std::chrono::steady_clock;

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

ExplainOptions OptionsOf(const ast::ExplainStmt& stmt, const catalog::CatalogSnapshot& catalog) {
  ExplainOptions options;
  options.verbose = stmt.verbose;
  options.catalog = &catalog;
  options.costs = stmt.costs;
  options.analyze = stmt.analyze;
  options.timing = stmt.analyze && stmt.timing;
  options.summary = stmt.summary;
  options.format = stmt.format == ast::ExplainStmt::Format::kJson ? ExplainOptions::Format::kJson
                                                                  : ExplainOptions::Format::kText;
  return options;
}

// FORMAT JSON's one value, of type json as PostgreSQL's.
void SendExplainJson(const std::string& json, ResultSink& sink) {
  sink.BeginResult({ResultColumn{"QUERY PLAN", DataType::Of(TypeId::kJson), 0, 0}});
  const std::vector<Row> rows{Row{Value::String(json)}};
  sink.Rows(rows);
  sink.CommandComplete("EXPLAIN");
}

}  // namespace

void SessionImpl::ExecuteExplain(const ast::ExplainStmt& stmt, ResultSink& sink) {
  if (stmt.statement->kind() == ast::StatementKind::kRefreshMatView) {
    ExplainRefreshMatView(stmt, sink);
    return;
  }
  if (stmt.statement->kind() == ast::StatementKind::kExecute) {
    // EXPLAIN EXECUTE: the prepared statement with the arguments' values,
    // read as a portal's through running_portal_.
    Portal portal = ExecutePortal(stmt.statement->As<ast::ExecuteStmt>(), sink);
    const ast::Statement* prepared = portal.statement->statement.get();
    const bool query = prepared != nullptr && (prepared->kind() == ast::StatementKind::kSelect ||
                                               prepared->kind() == ast::StatementKind::kInsert ||
                                               prepared->kind() == ast::StatementKind::kUpdate ||
                                               prepared->kind() == ast::StatementKind::kDelete ||
                                               prepared->kind() == ast::StatementKind::kMerge);
    if (!query) {
      throw Error(sqlstate::kFeatureNotSupported, "EXPLAIN of this statement is not supported");
    }
    const Portal* outer = std::exchange(running_portal_, &portal);
    try {
      ExplainStatement(stmt, *portal.statement->statement, sink);
    } catch (...) {
      running_portal_ = outer;
      throw;
    }
    running_portal_ = outer;
    return;
  }
  ExplainStatement(stmt, *stmt.statement, sink);
}

void SessionImpl::ExplainStatement(const ast::ExplainStmt& stmt, const ast::Statement& explained,
                                   ResultSink& sink) {
  if (stmt.analyze) {
    ExplainAnalyze(stmt, explained, sink);
    return;
  }
  const Clock::time_point planning = Clock::now();
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  ExplainOptions options = OptionsOf(stmt, *snapshot);
  options.parallel_workers = ParallelWorkersNow();
  std::shared_ptr<const catalog::CatalogSnapshot> readable = ReadableCatalog(snapshot);
  Binder binder(*readable, database_oid_, user_, SearchPath());
  // Through the extended protocol the statement may use the portal's $n.
  if (running_portal_ != nullptr) {
    binder.SetParameterTypes(&running_portal_->statement->parameter_types);
  }
  BoundStatement bound = binder.Bind(explained);
  if (std::holds_alternative<std::unique_ptr<BoundCreateTable>>(bound)) {
    throw Error(sqlstate::kFeatureNotSupported, "EXPLAIN of this statement is not supported");
  }
  std::unique_ptr<StatementPlan> plan = PlanStatement(std::move(bound), DisabledPasses());
  const double planning_ms = MillisecondsSince(planning);
  const std::string text = FormatExplain(BuildExplainTree(*plan->root, options, nullptr), options,
                                         options.summary ? planning_ms : -1, -1);
  if (options.format == ExplainOptions::Format::kJson) {
    SendExplainJson(text, sink);
  } else {
    SendExplainText(text, sink);
  }
}

void SessionImpl::ExplainAnalyze(const ast::ExplainStmt& stmt, const ast::Statement& explained,
                                 ResultSink& sink) {
  CheckCanRun(explained);  // a write in a read-only transaction: 25006
  const Clock::time_point planning = Clock::now();
  // Through the extended protocol the statement may use the portal's $n.
  const std::vector<DataType>* parameter_types =
      running_portal_ != nullptr ? &running_portal_->statement->parameter_types : nullptr;
  const std::vector<Value>* parameters =
      running_portal_ != nullptr ? &running_portal_->parameters : nullptr;
  std::shared_ptr<const StatementPlan> plan = PlanAndLock(explained, parameter_types);
  const double planning_ms = MillisecondsSince(planning);
  const ExplainOptions options = OptionsOf(stmt, *plan->catalog);
  PlanInstrumentation instrumentation(options.timing);
  const Clock::time_point execution = Clock::now();
  {
    PhysicalOperatorPtr root = OpenPlan(*plan, &instrumentation);
    ExecContext ctx = NewExecContext(parameters, &sink);
    ctx.instrumentation = &instrumentation;
    RowBatch batch;
    while (root->Next(ctx, &batch)) {
    }
  }  // the operators are gone: their counters are in the actuals
  const double execution_ms = MillisecondsSince(execution);
  const std::string text =
      FormatExplain(BuildExplainTree(*plan->root, options, &instrumentation), options,
                    options.summary ? planning_ms : -1, options.summary ? execution_ms : -1);
  if (options.format == ExplainOptions::Format::kJson) {
    SendExplainJson(text, sink);
  } else {
    SendExplainText(text, sink);
  }
}

void SessionImpl::SendExplainText(const std::string& text, ResultSink& sink) {
  sink.BeginResult({ResultColumn{"QUERY PLAN", DataType::Of(TypeId::kText), 0, 0}});
  std::vector<Row> rows;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    rows.push_back({Value::String(text.substr(start, end - start))});
    start = end + 1;
  }
  sink.Rows(rows);
  sink.CommandComplete("EXPLAIN");
}

}  // namespace basalt::sql
