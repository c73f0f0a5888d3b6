#include "sql/activity_counts.h"

namespace basalt::sql {

void ActivityCounts::AddSession(Oid database) {
  std::lock_guard lock(mutex_);
  ++databases_[database].sessions;
}

void ActivityCounts::AddTransactionEnd(Oid database, bool committed) {
  std::lock_guard lock(mutex_);
  DatabaseActivityCounts& d = databases_[database];
  ++(committed ? d.xact_commit : d.xact_rollback);
}

void ActivityCounts::AddTempFile(Oid database, uint64_t bytes) {
  std::lock_guard lock(mutex_);
  DatabaseActivityCounts& d = databases_[database];
  ++d.temp_files;
  d.temp_bytes += bytes;
}

void ActivityCounts::AddSeqScan(Oid table, uint64_t rows_read) {
  std::lock_guard lock(mutex_);
  TableActivityCounts& t = tables_[table];
  ++t.seq_scan;
  t.seq_tup_read += rows_read;
}

void ActivityCounts::AddIndexScan(Oid table, Oid index, uint64_t entries_read,
                                  uint64_t rows_fetched) {
  std::lock_guard lock(mutex_);
  TableActivityCounts& t = tables_[table];
  ++t.idx_scan;
  t.idx_tup_fetch += rows_fetched;
  IndexActivityCounts& i = indexes_[index];
  ++i.idx_scan;
  i.idx_tup_read += entries_read;
  i.idx_tup_fetch += rows_fetched;
}

void ActivityCounts::AddTransactionWrites(const storage::Transaction::RowWritesByTable& writes,
                                          bool committed) {
  if (writes.empty()) return;
  std::lock_guard lock(mutex_);
  for (const auto& [table, w] : writes) {
    TableActivityCounts& t = tables_[table];
    t.n_tup_ins += w.inserted;
    t.n_tup_upd += w.updated;
    t.n_tup_del += w.deleted;
    t.n_ins_since_vacuum += w.inserted;
    if (!committed) continue;
    const int64_t change = static_cast<int64_t>(w.inserted) - static_cast<int64_t>(w.deleted);
    if (w.truncated) {
      t.live_rows_counted = 0;
      t.live_rows_change = change - w.change_before_truncate;
    } else {
      t.live_rows_change += change;
    }
    t.n_mod_since_analyze += w.inserted + w.updated + w.deleted;
  }
}

void ActivityCounts::RecordAnalyze(Oid table, int64_t rows, bool automatic, int64_t at) {
  std::lock_guard lock(mutex_);
  TableActivityCounts& t = tables_[table];
  t.live_rows_counted = rows;
  t.live_rows_change = 0;
  t.n_mod_since_analyze = 0;
  if (automatic) {
    t.last_autoanalyze = at;
    ++t.autoanalyze_count;
  } else {
    t.last_analyze = at;
    ++t.analyze_count;
  }
}

void ActivityCounts::RecordVacuum(Oid table, bool automatic, int64_t at) {
  std::lock_guard lock(mutex_);
  TableActivityCounts& t = tables_[table];
  t.n_ins_since_vacuum = 0;
  if (automatic) {
    t.last_autovacuum = at;
    ++t.autovacuum_count;
  } else {
    t.last_vacuum = at;
    ++t.vacuum_count;
  }
}

uint64_t ActivityCounts::ModifiedSinceAnalyze(Oid table) const {
  std::lock_guard lock(mutex_);
  auto it = tables_.find(table);
  return it == tables_.end() ? 0 : it->second.n_mod_since_analyze;
}

TableActivityCounts ActivityCounts::Table(Oid table) const {
  std::lock_guard lock(mutex_);
  auto it = tables_.find(table);
  return it == tables_.end() ? TableActivityCounts{} : it->second;
}

IndexActivityCounts ActivityCounts::Index(Oid index) const {
  std::lock_guard lock(mutex_);
  auto it = indexes_.find(index);
  return it == indexes_.end() ? IndexActivityCounts{} : it->second;
}

DatabaseActivityCounts ActivityCounts::Database(Oid database) const {
  std::lock_guard lock(mutex_);
  auto it = databases_.find(database);
  return it == databases_.end() ? DatabaseActivityCounts{} : it->second;
}

ActivityCounts& ServerActivityCounts() {
  // Never destroyed: operators of threads still ending at exit add to it.
  static ActivityCounts* const counts = new ActivityCounts;
  return *counts;
}

}  // namespace basalt::sql
