// Interrupt: one per session, shared by the running statement and whoever
// may stop it (statement_timeout, cancel, shutdown). Every wait a statement
// makes — lock waits, pg_sleep — and every loop over rows checks it, so a
// statement can be stopped wherever it is.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>

#include "common/status.h"

namespace basalt {

class Interrupt {
 public:
  using Clock = std::chrono::steady_clock;

  enum class Reason : uint8_t { kNone, kCancel, kShutdown };

  // Thread-safe: asks the running statement to stop (57014 for a cancel,
  // 57P01 for shutdown) and wakes it if it sleeps here.
  void Request(Reason reason);

  // The statement that starts now must end by `deadline` (statement_timeout)
  // or never; clears an earlier request. Called by the session's thread.
  void BeginStatement(std::optional<Clock::time_point> deadline);

  // OK, or the error that ends the statement: 57014 `canceling statement
  // due to statement timeout` / `... due to user request`, 57P01.
  Status Check() const;

  // Sleeps for `duration` unless interrupted first (then returns the error).
  Status SleepFor(Clock::duration duration);

 private:
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<Reason> requested_{Reason::kNone};
  std::optional<Clock::time_point> deadline_;  // written only between statements
};

}  // namespace basalt
