// What pg_stat_all_tables, pg_stat_all_indexes and pg_stat_database show,
// as PostgreSQL's cumulative statistics count it: per table its scans, the
// rows they read and the rows written; per index its scans; the last
// ANALYZE and VACUUM; per database its sessions and transactions.
// Scan operators add their counts when they end; a transaction's row writes
// are added when it ends (the writes of a rolled-back one count as writes,
// not as live rows, as in PostgreSQL). Automatic ANALYZE reads the writes
// since a table's last ANALYZE from here.
//
// The counts live in memory, one set per server process: a restart starts
// from zero (PostgreSQL keeps them over a clean shutdown, not a crash).
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "common/data_type.h"
#include "storage/transaction.h"

namespace basalt::sql {

struct TableActivityCounts {
  uint64_t seq_scan = 0;
  uint64_t seq_tup_read = 0;   // rows read by them, before any filter
  uint64_t idx_scan = 0;       // scans of any of the table's indexes
  uint64_t idx_tup_fetch = 0;  // rows those scans fetched from the table
  uint64_t n_tup_ins = 0;
  uint64_t n_tup_upd = 0;
  uint64_t n_tup_del = 0;
  // Rows the last ANALYZE of this process counted (0 after a TRUNCATE);
  // unset: the table's stored statistics say, if any.
  std::optional<int64_t> live_rows_counted;
  int64_t live_rows_change = 0;      // committed inserts - deletes since then
  uint64_t n_mod_since_analyze = 0;  // committed writes since the last ANALYZE
  uint64_t n_ins_since_vacuum = 0;
  std::optional<int64_t> last_vacuum, last_autovacuum;  // timestamps
  std::optional<int64_t> last_analyze, last_autoanalyze;
  uint64_t vacuum_count = 0;
  uint64_t autovacuum_count = 0;
  uint64_t analyze_count = 0;
  uint64_t autoanalyze_count = 0;
};

struct IndexActivityCounts {
  uint64_t idx_scan = 0;
  uint64_t idx_tup_read = 0;   // index entries read
  uint64_t idx_tup_fetch = 0;  // table rows fetched through them
};

struct DatabaseActivityCounts {
  uint64_t xact_commit = 0;
  uint64_t xact_rollback = 0;
  uint64_t sessions = 0;    // client sessions established
  uint64_t temp_files = 0;  // spill files of queries, and their bytes
  uint64_t temp_bytes = 0;
};

class ActivityCounts {
 public:
  void AddSession(Oid database);
  void AddTransactionEnd(Oid database, bool committed);
  void AddTempFile(Oid database, uint64_t bytes);
  void AddSeqScan(Oid table, uint64_t rows_read);
  void AddIndexScan(Oid table, Oid index, uint64_t entries_read, uint64_t rows_fetched);
  void AddTransactionWrites(const storage::Transaction::RowWritesByTable& writes, bool committed);
  // ANALYZE counted `rows` in the table at `at`; `automatic`: autovacuum's.
  void RecordAnalyze(Oid table, int64_t rows, bool automatic, int64_t at);
  void RecordVacuum(Oid table, bool automatic, int64_t at);

  uint64_t ModifiedSinceAnalyze(Oid table) const;
  TableActivityCounts Table(Oid table) const;
  IndexActivityCounts Index(Oid index) const;
  DatabaseActivityCounts Database(Oid database) const;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<Oid, TableActivityCounts> tables_;        // GUARDED_BY(mutex_)
  std::unordered_map<Oid, IndexActivityCounts> indexes_;       // GUARDED_BY(mutex_)
  std::unordered_map<Oid, DatabaseActivityCounts> databases_;  // GUARDED_BY(mutex_)
};

// The server's counts (one server per process).
ActivityCounts& ServerActivityCounts();

}  // namespace basalt::sql
