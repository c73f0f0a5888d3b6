// What materialized-view refreshes are doing and did, for every session of
// the server: the refreshes running now (pg_stat_progress_refresh_matview,
// which PostgreSQL does not have), each view's last refresh since the
// server started and what the automatic refresher makes of it (read by
// basalt_matview_status, sql/commands/matview/matview_status.cc), and the
// commit clock that dates change-log sequences for staleness.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <list>
#include <map>
#include <mutex>
#include <optional>
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
    std::atomic<int> phase{0};  // a Phase
    std::atomic<uint64_t> rows_done{0};
    uint64_t rows_estimate = 0;  // the view's rows after its last refresh (0: unknown)
    // Incremental refreshes: the change records taken (-1 until read, and
    // for other strategies) and those whose delta terms have run.
    std::atomic<int64_t> changes_total{-1};
    std::atomic<uint64_t> changes_done{0};
  };
  enum Phase {
    kComputingResult,
    kBuildingIndexes,
    kApplyingChanges,
    kReadingChanges,
    kComputingDeltas,
  };
  static constexpr const char* kPhases[] = {"computing result", "building indexes",
                                            "applying changes", "reading changes",
                                            "computing deltas"};

  struct Outcome {
    std::string strategy;
    // Why an incremental view was refreshed fully (empty: it was not).
    std::string fallback_reason;
    int64_t started_at = 0;   // microseconds since 2000-01-01, as timestamptz
    int64_t finished_at = 0;  // the same
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
  // relid, strategy, phase, rows_done, rows_total_estimate, changes_done,
  // changes_total.
  std::vector<Row> ProgressRows(Oid database) const;

  // The automatic refresher's word on a view: its state ("waiting",
  // "refreshing", "backing off: ...") and the error of its last automatic
  // refresh (empty after one succeeds).
  void SetAutoState(Oid database, Oid view, std::string state);
  void SetAutoError(Oid database, Oid view, std::string error);

  struct ViewRecord {
    std::optional<Outcome> last;  // nullopt: not refreshed since the server started
    bool running = false;
    std::string auto_state;
    std::string auto_error;
  };
  ViewRecord Record(Oid database, Oid view) const;

  // Commit sequences dated: the refresher samples (the last commit
  // sequence, now) every tick; a sequence's time is that of the first
  // sample that covered it, so at most a tick late. Sequences committed
  // before the first sample get its time (a staleness too small by at most
  // the server's uptime before that sample).
  void SampleCommitClock(uint64_t sequence, int64_t now);
  int64_t CommitTimeOf(uint64_t sequence) const;

 private:
  mutable std::mutex mutex_;
  std::list<Progress> running_;  // GUARDED_BY(mutex_)
  struct Last {
    std::optional<Outcome> outcome;
    uint64_t view_rows = 0;  // known after a full refresh, then kept up to date
    std::string auto_state;
    std::string auto_error;
  };
  std::map<std::pair<Oid, Oid>, Last> last_;  // GUARDED_BY(mutex_)
  // (sequence, time) samples in increasing order, at most kClockSamples.
  static constexpr size_t kClockSamples = 4096;
  std::deque<std::pair<uint64_t, int64_t>> clock_;  // GUARDED_BY(mutex_)
};

}  // namespace basalt::sql
