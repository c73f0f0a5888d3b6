// What materialized-view refreshes are doing and did, for every session of
// the server: the refreshes running now (pg_stat_progress_refresh_matview,
// which PostgreSQL does not have) and each view's last refresh since the
// server started (basalt_matview_status: strategy, duration, rows written).
#pragma once

#include <atomic>
#include <cstdint>
#include <list>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "common/data_type.h"
#include "common/value.h"

namespace basalt::sql {

class MatviewRefreshBoard {
 public:
  // One running refresh; the refreshing session updates it without locks.
  struct Progress {
    int32_t pid = 0;
    Oid database = 0;
    Oid view = 0;
    std::string strategy;
    std::atomic<int> phase{0};  // index into kPhases
    std::atomic<uint64_t> rows_done{0};
    uint64_t rows_estimate = 0;  // the view's rows after its last refresh (0: unknown)
  };
  static constexpr const char* kPhases[] = {"computing result", "building indexes",
                                            "applying changes"};

  struct Outcome {
    std::string strategy;
    int64_t finished_at = 0;  // microseconds since 2000-01-01, as timestamptz
    double duration_ms = 0;
    uint64_t rows_inserted = 0;
    uint64_t rows_deleted = 0;
    bool replaced_all = false;  // a full refresh: the view holds rows_inserted rows
  };

  // Registers a refresh that starts now; Finish or Abandon ends it.
  Progress& Start(int32_t pid, Oid database, Oid view, std::string strategy);
  void Finish(Progress& progress, Outcome outcome);
  void Abandon(Progress& progress);

  // pg_stat_progress_refresh_matview's rows of `database`: pid, datid,
  // relid, strategy, phase, rows_done, rows_total_estimate.
  std::vector<Row> ProgressRows(Oid database) const;
  // basalt_matview_status's rows of `database`: relid, strategy,
  // last_refresh, duration_ms, rows_inserted, rows_deleted.
  std::vector<Row> StatusRows(Oid database) const;

 private:
  mutable std::mutex mutex_;
  std::list<Progress> running_;  // GUARDED_BY(mutex_)
  struct Last {
    Outcome outcome;
    uint64_t view_rows = 0;  // known after a full refresh, then kept up to date
  };
  std::map<std::pair<Oid, Oid>, Last> last_;  // GUARDED_BY(mutex_)
};

}  // namespace basalt::sql
