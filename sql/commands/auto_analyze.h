// Automatic ANALYZE, as PostgreSQL's autovacuum does its analyze part: a
// background thread wakes every naptime and runs `ANALYZE` on each table
// (and populated materialized view) whose committed row writes since its
// last ANALYZE (sql/activity_counts.h) pass threshold + scale_factor × the
// row count that ANALYZE found, in a session of the table's owner.
//
// The counts live in memory only: after a restart a table needs that many
// changes again (PostgreSQL also forgets them after a crash). Temporary
// tables are left alone, as autovacuum cannot read other sessions' ones.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>

#include "catalog/catalog.h"
#include "common/interrupt.h"
#include "sql/engine.h"

namespace basalt::sql {

// Whether a table with `changed` rows written since its last ANALYZE, which
// counted `rows` (negative: never analyzed), is due.
bool AnalyzeDue(uint64_t changed, double rows, const AutoAnalyzeSettings& settings);

class AutoAnalyzer {
 public:
  // Runs one statement as `role` in `database`; throws basalt::Error.
  using RunAs = std::function<void(Oid database, Oid role, std::shared_ptr<Interrupt> interrupt,
                                   std::string_view sql)>;

  AutoAnalyzer(catalog::Catalog& catalog, RunAs run, AutoAnalyzeSettings settings);
  ~AutoAnalyzer();  // stops the thread, interrupting a running ANALYZE

 private:
  void Run();
  void AnalyzeDueTables();

  catalog::Catalog& catalog_;
  const RunAs run_;
  const AutoAnalyzeSettings settings_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // GUARDED_BY(mutex_)
  const std::shared_ptr<Interrupt> interrupt_ = std::make_shared<Interrupt>();
  std::thread thread_;
};

}  // namespace basalt::sql
