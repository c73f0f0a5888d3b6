#include "sql/commands/matview/auto_refresh.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "common/datetime.h"
#include "common/error.h"
#include "sql/commands/matview/change_log_reader.h"
#include "sql/commands/matview/incremental_shape.h"

namespace basalt::sql {

bool RefreshDue(const DueInput& in) {
  if (in.refresh_interval > 0 && in.now >= in.since + in.refresh_interval) return true;
  if (in.max_staleness <= 0) return false;
  // Started now, a refresh like the last one ends at now + last_duration;
  // the next tick may be one tick late.
  const int64_t lead = in.last_duration + AutoRefresher::kTickMicros;
  if (!in.from_change_log) return in.now + lead >= in.since + in.max_staleness;
  return in.oldest_pending && in.now + lead >= *in.oldest_pending + in.max_staleness;
}

std::optional<std::string> BackoffReason(const storage::KvStore::Backlog& backlog,
                                         const AutoRefreshSettings& settings) {
  if (settings.backoff_level0_files > 0 && backlog.level0_files >= settings.backoff_level0_files) {
    return fmt::format("{} level-0 files (limit {})", backlog.level0_files,
                       settings.backoff_level0_files);
  }
  if (settings.backoff_pending_compaction_bytes > 0 &&
      backlog.pending_compaction_bytes >= settings.backoff_pending_compaction_bytes) {
    return fmt::format("{} bytes of compaction pending (limit {})",
                       backlog.pending_compaction_bytes, settings.backoff_pending_compaction_bytes);
  }
  return std::nullopt;
}

AutoRefresher::AutoRefresher(storage::KvStore& store, catalog::Catalog& catalog,
                             MatviewRefreshBoard& board, RunAs run, AutoRefreshSettings settings)
    : store_(store),
      catalog_(catalog),
      board_(board),
      run_(std::move(run)),
      settings_(settings),
      thread_([this] { Run(); }) {}

AutoRefresher::~AutoRefresher() {
  Stop();
}

void AutoRefresher::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  // No refresh starts now; the running ones are told to stop until they
  // have (a request made before a statement begins is cleared by it).
  std::unique_lock lock(mutex_);
  while (true) {
    bool running = false;
    for (Worker& worker : workers_) {
      if (worker.done) continue;
      running = true;
      worker.interrupt->Request(Interrupt::Reason::kShutdown);
    }
    if (!running) break;
    wake_.wait_for(lock, std::chrono::milliseconds(20));
  }
  for (Worker& worker : workers_) worker.thread.join();
  workers_.clear();
}

void AutoRefresher::Run() {
  while (true) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, std::chrono::microseconds(kTickMicros), [&] { return stopping_; });
      if (stopping_) return;
    }
    try {
      Tick();
    } catch (const std::exception&) {
      // A failed look (a store error) is retried at the next tick.
    }
  }
}

void AutoRefresher::Reap() {
  std::lock_guard lock(mutex_);
  for (auto it = workers_.begin(); it != workers_.end();) {
    if (!it->done) {
      ++it;
      continue;
    }
    it->thread.join();
    it = workers_.erase(it);
  }
}

void AutoRefresher::Tick() {
  const int64_t now = CurrentTimestamp();
  board_.SampleCommitClock(store_.LastCommitSequence(), now);
  Reap();
  std::shared_ptr<const catalog::CatalogSnapshot> catalog = catalog_.Current();
  std::unique_ptr<storage::Transaction> txn;
  std::optional<std::optional<std::string>> backoff;  // looked up once, when a view is due
  for (const catalog::proto::Database* database : catalog->Databases()) {
    for (const auto& view : catalog->Tables(database->oid())) {
      const catalog::proto::Table& def = view->def;
      if (!view->IsMaterializedView() || !def.auto_refresh()) continue;
      const std::pair<Oid, Oid> key{database->oid(), def.oid()};
      first_seen_.try_emplace(key, now);
      if (!def.populated()) {
        board_.SetAutoState(key.first, key.second, "waiting: not populated (REFRESH it once)");
        continue;
      }
      size_t running = 0;
      bool refreshing = false;
      {
        std::lock_guard lock(mutex_);
        for (const Worker& worker : workers_) {
          running += worker.done ? 0 : 1;
          refreshing |= !worker.done && worker.database == key.first && worker.view == key.second;
        }
      }
      if (refreshing) continue;
      if (txn == nullptr) txn = store_.Begin();
      if (!Due(*view, *txn, now)) {
        board_.SetAutoState(key.first, key.second, "waiting");
        continue;
      }
      if (!backoff) backoff = BackoffReason(store_.CompactionBacklog(), settings_);
      if (*backoff) {
        board_.SetAutoState(key.first, key.second, "backing off: " + **backoff);
        continue;
      }
      if (running >= static_cast<size_t>(settings_.max_workers)) {
        board_.SetAutoState(
            key.first, key.second,
            fmt::format("due, waiting for one of {} workers", settings_.max_workers));
        continue;
      }
      StartWorker(key.first, *view);
    }
  }
}

bool AutoRefresher::Due(const catalog::TableEntry& view, storage::Transaction& txn, int64_t now) {
  const catalog::proto::Table& def = view.def;
  const std::pair<Oid, Oid> key{def.database_oid(), def.oid()};
  {
    std::lock_guard lock(mutex_);
    auto retry = retry_after_.find(key);
    if (retry != retry_after_.end() && now < retry->second) return false;
  }
  const MatviewRefreshBoard::ViewRecord record = board_.Record(key.first, key.second);
  if (record.running) return false;  // a client's REFRESH
  DueInput in;
  in.now = now;
  in.since = record.last ? std::max(record.last->started_at, first_seen_[key]) : first_seen_[key];
  in.last_duration = record.last ? static_cast<int64_t>(record.last->duration_ms * 1000) : 0;
  in.refresh_interval = def.refresh_interval_us();
  in.max_staleness = def.max_staleness_us();
  in.from_change_log = def.incremental() && !MaintainedImmediately(def);
  ChangeLogPlace place;
  if (in.from_change_log && in.max_staleness > 0 && ReadChangeLogPlace(txn, def.oid(), &place)) {
    const uint64_t oldest = OldestPendingSequence(SummarizePendingChanges(
        txn, TablesWatchedBy(*catalog_.Current(), def), place, /*count_limit=*/1));
    if (oldest != 0) in.oldest_pending = board_.CommitTimeOf(oldest);
  }
  return RefreshDue(in);
}

void AutoRefresher::StartWorker(Oid database, const catalog::TableEntry& view) {
  std::string sql = RefreshStatement(*catalog_.Current(), view.def);
  const Oid oid = view.def.oid();
  const Oid owner = view.def.owner_oid();
  // A failure is retried after the view's period, not at every tick.
  const int64_t period = std::max<int64_t>(1'000'000, view.def.refresh_interval_us() > 0
                                                          ? view.def.refresh_interval_us()
                                                          : view.def.max_staleness_us());
  std::lock_guard lock(mutex_);
  Worker& worker = workers_.emplace_back();
  worker.database = database;
  worker.view = oid;
  board_.SetAutoState(database, oid, "refreshing");
  worker.thread = std::thread([this, &worker, database, oid, owner, period, sql = std::move(sql)] {
    std::string error;
    try {
      run_(database, owner, worker.interrupt, sql);
    } catch (const Error& e) {
      error = fmt::format("{}: {}", e.code(), e.message());
    } catch (const std::exception& e) {
      error = e.what();
    }
    if (error.starts_with(sqlstate::kAdminShutdown)) {
      spdlog::info("automatic refresh stopped by shutdown: {}", sql);
    } else if (!error.empty()) {
      spdlog::warn("automatic refresh failed: {}: {}", sql, error);
    }
    board_.SetAutoError(database, oid, error);
    board_.SetAutoState(database, oid, "waiting");
    std::lock_guard done_lock(mutex_);
    if (!error.empty()) retry_after_[{database, oid}] = CurrentTimestamp() + period;
    worker.done = true;
    wake_.notify_all();
  });
}

}  // namespace basalt::sql
