#include "sql/commands/auto_analyze.h"

#include <chrono>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "common/error.h"
#include "sql/activity_counts.h"
#include "sql/parser/ast_printer.h"

namespace basalt::sql {

bool AnalyzeDue(uint64_t changed, double rows, const AutoAnalyzeSettings& settings) {
  // PostgreSQL's relation_needs_vacanalyze: a table never analyzed counts
  // as empty.
  const double threshold =
      static_cast<double>(settings.threshold) + settings.scale_factor * (rows < 0 ? 0 : rows);
  return changed > 0 && static_cast<double>(changed) > threshold;
}

AutoAnalyzer::AutoAnalyzer(catalog::Catalog& catalog, RunAs run, AutoAnalyzeSettings settings)
    : catalog_(catalog), run_(std::move(run)), settings_(settings) {
  if (settings_.enabled) thread_ = std::thread([this] { Run(); });
}

AutoAnalyzer::~AutoAnalyzer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  interrupt_->Request(Interrupt::Reason::kShutdown);
  if (thread_.joinable()) thread_.join();
}

void AutoAnalyzer::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::milliseconds(settings_.naptime_ms));
    if (stopping_) break;
    lock.unlock();
    AnalyzeDueTables();
    lock.lock();
  }
}

void AutoAnalyzer::AnalyzeDueTables() {
  std::shared_ptr<const catalog::CatalogSnapshot> catalog = catalog_.Current();
  for (const catalog::proto::Database* database : catalog->Databases()) {
    for (const auto& table : catalog->Tables(database->oid())) {
      const catalog::proto::Table& def = table->def;
      if (table->computed || (def.relkind() != "r" && !table->IsMaterializedView()) ||
          (table->IsMaterializedView() && !def.populated())) {
        continue;
      }
      const catalog::proto::Namespace* ns =
          catalog->NamespaceByOid(database->oid(), def.namespace_oid());
      if (ns == nullptr || ns->name().starts_with("pg_temp_")) continue;
      const double rows = def.has_statistics() ? def.statistics().row_count() : -1;
      if (!AnalyzeDue(ServerActivityCounts().ModifiedSinceAnalyze(def.oid()), rows, settings_))
        continue;
      {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
      }
      const std::string sql =
          fmt::format("ANALYZE {}.{}", ast::QuoteName(ns->name()), ast::QuoteName(def.name()));
      try {
        run_(database->oid(), def.owner_oid(), interrupt_, sql);
      } catch (const Error& e) {
        // Dropped or locked meanwhile: the next round sees it again.
        spdlog::debug("automatic analyze: {}: {}", sql, e.what());
      }
    }
  }
}

}  // namespace basalt::sql
