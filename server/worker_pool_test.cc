#include "server/worker_pool.h"

#include <pthread.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace basalt::server {
namespace {

using namespace std::chrono_literals;

// Tasks wait here until Open(), or give up after `limit`.
class Gate {
 public:
  // False when it timed out.
  bool Wait(std::chrono::milliseconds limit = 10s) {
    std::unique_lock lock(mutex_);
    ++waiting_;
    changed_.notify_all();
    return changed_.wait_for(lock, limit, [&] { return open_; });
  }
  void Open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  // True once `n` tasks wait (or have waited) here.
  bool AwaitWaiters(int n, std::chrono::milliseconds limit = 10s) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, limit, [&] { return waiting_ >= n; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int waiting_ = 0;
  bool open_ = false;
};

// Polls `condition` for up to `limit`.
template <typename Fn>
bool Eventually(Fn condition, std::chrono::milliseconds limit = 5s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

TEST_CASE("worker pool: blocked tasks never hold up the next one") {
  WorkerPool pool(WorkerPool::Options{.max_threads = 200, .warm_threads = 2});
  constexpr int kBlocked = 100;
  Gate gate;
  std::atomic<int> timed_out{0};
  for (int i = 0; i < kBlocked; ++i) {
    pool.Post([&] {
      if (!gate.Wait()) timed_out.fetch_add(1);
    });
  }
  // A fixed pool of a few threads would never get all of them waiting.
  REQUIRE(gate.AwaitWaiters(kBlocked));
  // And one more task still runs at once, while they all wait.
  std::atomic<bool> ran{false};
  pool.Post([&] { ran = true; });
  CHECK(Eventually([&] { return ran.load(); }, 2s));
  CHECK(pool.stats().threads >= kBlocked + 1);
  CHECK(pool.stats().queued == 0);
  gate.Open();
  pool.Join();
  CHECK(timed_out.load() == 0);
  CHECK(pool.stats().threads == 0);
}

TEST_CASE("worker pool: idle threads exit after the idle timeout, warm ones stay") {
  WorkerPool pool(WorkerPool::Options{.max_threads = 64, .warm_threads = 3, .idle_timeout = 50ms});
  Gate gate;
  for (int i = 0; i < 20; ++i) pool.Post([&] { gate.Wait(); });
  REQUIRE(gate.AwaitWaiters(20));
  CHECK(pool.stats().threads == 20);
  gate.Open();
  CHECK(Eventually([&] { return pool.stats().threads == 3; }));
  std::this_thread::sleep_for(200ms);  // several idle timeouts: the warm ones stay
  CHECK(pool.stats().threads == 3);
  CHECK(pool.stats().idle == 3);
  // The warm threads take new work without starting more.
  std::atomic<int> done{0};
  for (int i = 0; i < 3; ++i) {
    pool.Post([&] { done.fetch_add(1); });
    CHECK(Eventually([&] { return done.load() == i + 1; }));
  }
  CHECK(pool.stats().threads == 3);
}

TEST_CASE("worker pool: past max_threads tasks queue until a thread is free") {
  WorkerPool pool(WorkerPool::Options{.max_threads = 3, .warm_threads = 0});
  Gate gate;
  std::atomic<int> done{0};
  for (int i = 0; i < 10; ++i) {
    pool.Post([&] {
      gate.Wait();
      done.fetch_add(1);
    });
  }
  REQUIRE(gate.AwaitWaiters(3));
  const WorkerPool::Stats stats = pool.stats();
  CHECK(stats.threads == 3);
  CHECK(stats.queued == 7);
  gate.Open();
  CHECK(Eventually([&] { return done.load() == 10; }));
}

TEST_CASE("worker pool: Join runs what is queued and waits for running tasks") {
  std::atomic<int> done{0};
  {
    WorkerPool pool(WorkerPool::Options{.max_threads = 2, .warm_threads = 2});
    for (int i = 0; i < 6; ++i) {
      pool.Post([&] {
        std::this_thread::sleep_for(20ms);
        done.fetch_add(1);
      });
    }
    pool.Join();
    CHECK(done.load() == 6);
    CHECK(pool.stats().threads == 0);
    pool.Join();  // idempotent
  }
  // The destructor joins as well.
  {
    WorkerPool pool(WorkerPool::Options{});
    pool.Post([&] {
      std::this_thread::sleep_for(50ms);
      done.fetch_add(1);
    });
  }
  CHECK(done.load() == 7);
}

TEST_CASE("worker pool: a task may post another, even while the pool joins") {
  std::atomic<bool> inner{false};
  WorkerPool pool(WorkerPool::Options{.max_threads = 4, .warm_threads = 0});
  pool.Post([&] {
    std::this_thread::sleep_for(50ms);
    pool.Post([&] { inner = true; });
  });
  pool.Join();
  CHECK(inner.load());
}

TEST_CASE("worker pool: threads have the configured stack, and an exception costs one task") {
  WorkerPool pool(WorkerPool::Options{.stack_size = size_t{8} << 20});
  std::atomic<size_t> stack_size{0};
  pool.Post([] { throw std::runtime_error("boom"); });
  pool.Post([&] {
    pthread_attr_t attributes;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attributes) == 0) {
      pthread_attr_getstacksize(&attributes, &size);
      pthread_attr_destroy(&attributes);
    }
    stack_size = size;
  });
  CHECK(Eventually([&] { return stack_size.load() != 0; }));
  CHECK(stack_size.load() >= (size_t{8} << 20));
}

}  // namespace
}  // namespace basalt::server
