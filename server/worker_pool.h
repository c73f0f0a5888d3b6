// WorkerPool: the threads statements run on. Elastic: a task goes to an idle
// thread or, when none is idle, to a thread started for it, so a statement
// that waits (row lock, pg_sleep, a client that stopped reading) never holds
// up another one. Threads idle for longer than `idle_timeout` exit, except
// `warm_threads` of them; the number of threads is bounded by `max_threads`
// (the server sets it from max_connections: one task per connection at a
// time, so nothing queues in practice).
//
// Threads are created with an explicit stack size (pthread attributes), so
// code that checks its stack depth can rely on pthread_getattr_np's bounds.
#pragma once

#include <pthread.h>

#include <chrono>
#include <concepts>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <type_traits>
#include <utility>

namespace basalt::server {

// A move-only `void()` callable (what std::move_only_function is in C++23):
// Asio's completion handlers cannot be copied.
class WorkerTask {
 public:
  WorkerTask() = default;
  template <typename Fn>
  requires(!std::same_as<std::decay_t<Fn>, WorkerTask> && std::invocable<std::decay_t<Fn>&>)
      WorkerTask(Fn&& fn)  // NOLINT: implicit, like std::function
      : impl_(std::make_unique<Model<std::decay_t<Fn>>>(std::forward<Fn>(fn))) {}

  explicit operator bool() const { return impl_ != nullptr; }
  void operator()() { impl_->Run(); }

 private:
  struct Concept {
    virtual ~Concept() = default;
    virtual void Run() = 0;
  };
  template <typename Fn>
  struct Model final : Concept {
    explicit Model(Fn f) : fn(std::move(f)) {}
    void Run() override { fn(); }
    Fn fn;
  };
  std::unique_ptr<Concept> impl_;
};

class WorkerPool {
 public:
  struct Options {
    // Upper bound on threads; past it tasks wait in a queue for a free one.
    size_t max_threads = 10'016;
    // Threads that stay (idle) instead of exiting after `idle_timeout`.
    size_t warm_threads = 4;
    std::chrono::milliseconds idle_timeout{10'000};
    size_t stack_size = size_t{8} << 20;
  };

  explicit WorkerPool(Options options);
  // Join()s.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Runs `task` on an idle thread, or on a new one while there are fewer
  // than max_threads (otherwise as soon as a thread is free). Thread-safe;
  // never waits for a task. An exception escaping a task is logged.
  // REQUIRES: Join() has not begun, unless called from a task of this pool.
  void Post(WorkerTask task);

  // Runs what is queued, waits for every running task, then ends all
  // threads and joins them. Idempotent.
  void Join();

  struct Stats {
    size_t threads = 0;  // alive (running a task or idle)
    size_t idle = 0;
    size_t queued = 0;
  };
  Stats stats() const;

 private:
  struct Worker;
  struct StartArgs;
  static void* ThreadMain(void* arg);
  void Work(WorkerTask first);
  // Starts a thread whose first task is `task`. REQUIRES: `lock` held;
  // releases it while creating the thread, holds it again on return.
  void StartThread(WorkerTask task, std::unique_lock<std::mutex>& lock);

  const Options options_;
  pthread_attr_t attributes_;

  mutable std::mutex mutex_;
  // Idle threads, most recently idle first: Post wakes the warmest one, the
  // coldest time out. Guarded by mutex_.
  Worker* idle_head_ = nullptr;
  size_t idle_count_ = 0;
  std::deque<WorkerTask> queue_;  // only when max_threads are busy; mutex_
  size_t threads_ = 0;            // started and not yet exited; mutex_
  bool stopping_ = false;         // mutex_
  // An exiting thread joins the previous exiting one and leaves itself here
  // for the next (or Join) to join: no thread is left unjoined. mutex_.
  pthread_t zombie_{};
  bool has_zombie_ = false;
  std::condition_variable all_exited_;  // threads_ reached 0
};

}  // namespace basalt::server
