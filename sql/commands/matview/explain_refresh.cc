// EXPLAIN [ANALYZE] REFRESH MATERIALIZED VIEW: the strategy a refresh of
// the view would take now and why, the changes waiting per base table, and
// each step with the plan it runs (an incremental refresh's delta terms,
// the query of a full or concurrent one). The dry run goes through the
// strategies themselves, which stop before writing (RefreshExplanation),
// so what it shows is what REFRESH decides; ANALYZE runs the refresh and
// adds each step's rows and time.
#include <fmt/format.h>

#include <chrono>

#include "sql/commands/matview/refresh.h"
#include "sql/session_impl.h"

namespace basalt::sql {

namespace {

std::string Plural(uint64_t n, const char* word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

std::string PendingLine(const RefreshExplanation::PendingTable& table) {
  if (table.truncated) return fmt::format("{}: truncated", table.name);
  if (table.records == 0) return fmt::format("{}: none", table.name);
  return fmt::format("{}: {} ({} inserted, {} deleted)", table.name,
                     Plural(table.records, "change"), Plural(table.rows_inserted, "row"),
                     Plural(table.rows_deleted, "row"));
}

// A plan's lines under its step, as PostgreSQL nests a child node.
void AppendPlan(const std::string& plan, std::string* out) {
  size_t start = 0;
  while (start < plan.size()) {
    size_t end = plan.find('\n', start);
    if (end == std::string::npos) end = plan.size();
    *out += "        " + plan.substr(start, end - start) + "\n";
    start = end + 1;
  }
}

std::string Describe(const RefreshExplanation& e, const std::string& view,
                     const std::string& refresh_mode, double total_ms) {
  std::string out = "Refresh Materialized View " + view + "\n";
  out += "  Refresh Mode: " + refresh_mode + "\n";
  out += "  Strategy: " + e.strategy + "\n";
  if (!e.incremental_blocker.empty()) {
    out += "  Incremental Blocker: " + e.incremental_blocker + "\n";
  }
  if (!e.pending.empty()) {
    uint64_t records = 0;
    for (const auto& table : e.pending) records += table.records;
    out += "  Pending Changes: " + std::to_string(records) + "\n";
    for (const auto& table : e.pending) out += "    " + PendingLine(table) + "\n";
  }
  for (const RefreshExplanation::Step& step : e.steps) {
    out += "  ->  " + step.name;
    if (e.analyze) out += fmt::format("  (actual rows={} time={:.3f} ms)", step.rows, step.ms);
    out += "\n";
    AppendPlan(step.plan, &out);
  }
  if (e.analyze) {
    out +=
        fmt::format("  Rows Inserted: {}\n  Rows Deleted: {}\n", e.rows_inserted, e.rows_deleted);
    out += fmt::format("Execution Time: {:.3f} ms\n", total_ms);
  }
  return out;
}

}  // namespace

void SessionImpl::ExplainRefreshMatView(const ast::ExplainStmt& explain, ResultSink& sink) {
  const auto& stmt = static_cast<const ast::RefreshMatViewStmt&>(*explain.statement);
  if (explain.analyze) CheckWritable("REFRESH MATERIALIZED VIEW");
  // The dry run only reads (the view, its change log, its tables), so it
  // locks the view as a reader does and waits for no running refresh.
  std::shared_ptr<const catalog::TableEntry> view = ResolveRefreshTarget(
      stmt, explain.analyze ? storage::LockLevel::kExclusive : storage::LockLevel::kAccessShare);
  RefreshExplanation explanation;
  explanation.analyze = explain.analyze;
  const auto started = std::chrono::steady_clock::now();
  RunRefresh(view, stmt, &explanation);
  const double total_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  const std::string refresh_mode =
      view->def.refresh_mode().empty() ? "full" : view->def.refresh_mode();
  SendExplainText(
      Describe(explanation, QualifiedViewName(*writer_.View(), view->def), refresh_mode, total_ms),
      sink);
}

}  // namespace basalt::sql
