// The automatic refresher: a background thread that refreshes materialized
// views WITH (auto_refresh = on) when due, each in a session of its own
// running `REFRESH MATERIALIZED VIEW` (so incrementally where the view's
// mode allows, under the same locks as a client's refresh).
//
// Due (RefreshDue): refresh_interval after the last refresh started (or
// after the refresher first saw the view); max_staleness: for a view
// maintained from the change log, when its oldest unapplied change will be
// that old by the time a refresh like the last one ends (never while
// nothing is pending); for a view refreshed fully, whose changes nobody
// records, every max_staleness less the last refresh's duration.
//
// At most max_workers refreshes run at once; none starts while RocksDB is
// behind (BackoffReason), which the view's status row says. Stop (and the
// destructor) aborts running refreshes through their sessions' interrupts:
// each rolls back, as a cancelled REFRESH does, and none starts after.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "catalog/catalog.h"
#include "common/interrupt.h"
#include "sql/commands/matview/refresh_board.h"
#include "sql/engine.h"
#include "storage/kv_store.h"

namespace basalt::sql {

// When a view is due, from what the refresher knows of it (microseconds;
// times since 2000-01-01).
struct DueInput {
  int64_t now = 0;
  int64_t since = 0;  // the last refresh's start, or when the refresher first saw the view
  int64_t last_duration = 0;
  int64_t refresh_interval = 0;  // 0: not set
  int64_t max_staleness = 0;     // 0: not set
  bool from_change_log = false;  // maintained incrementally: staleness is known
  // The oldest change the view has not applied, dated (from_change_log only).
  std::optional<int64_t> oldest_pending = std::nullopt;
};
bool RefreshDue(const DueInput& in);

// Why RocksDB is too far behind for a refresh to start now; nullopt if it is not.
std::optional<std::string> BackoffReason(const storage::KvStore::Backlog& backlog,
                                         const AutoRefreshSettings& settings);

class AutoRefresher {
 public:
  // Runs one statement as the view's owner in its database; throws
  // basalt::Error as a session does. `interrupt` stops it.
  using RunAs = std::function<void(Oid database, Oid role, std::shared_ptr<Interrupt> interrupt,
                                   std::string_view sql)>;

  AutoRefresher(storage::KvStore& store, catalog::Catalog& catalog, MatviewRefreshBoard& board,
                RunAs run, AutoRefreshSettings settings);
  ~AutoRefresher();  // Stop()
  void Stop();

  // How often the refresher looks (and samples the commit clock).
  static constexpr int64_t kTickMicros = 100'000;

 private:
  struct Worker {
    Oid database = 0;
    Oid view = 0;
    std::shared_ptr<Interrupt> interrupt = std::make_shared<Interrupt>();
    std::thread thread;
    bool done = false;  // GUARDED_BY(mutex_)
  };

  void Run();
  void Tick();
  // Whether `view` should start refreshing now (reads its pending changes
  // in `txn`).
  bool Due(const catalog::TableEntry& view, storage::Transaction& txn, int64_t now);
  void StartWorker(Oid database, const catalog::TableEntry& view);
  void Reap();

  storage::KvStore& store_;
  catalog::Catalog& catalog_;
  MatviewRefreshBoard& board_;
  const RunAs run_;
  const AutoRefreshSettings settings_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;      // GUARDED_BY(mutex_)
  std::list<Worker> workers_;  // GUARDED_BY(mutex_)
  // When the refresher first saw each (database, view): the start of its
  // interval until a refresh starts one. Refresher thread only.
  std::map<std::pair<Oid, Oid>, int64_t> first_seen_;
  // After a failed automatic refresh, the time of the next try.
  std::map<std::pair<Oid, Oid>, int64_t> retry_after_;  // GUARDED_BY(mutex_)
  std::thread thread_;
};

}  // namespace basalt::sql
