#include "server/worker_pool.h"

#include <signal.h>

#include <cstring>
#include <exception>

#include <spdlog/spdlog.h>

namespace basalt::server {

struct WorkerPool::Worker {
  // Lives on its thread's stack; Post hands it a task under mutex_ and
  // notifies under mutex_ too, so the thread cannot exit in between.
  std::condition_variable wake;
  WorkerTask task;
  // In the idle list; guarded by mutex_.
  Worker* prev = nullptr;
  Worker* next = nullptr;
};

struct WorkerPool::StartArgs {
  WorkerPool* pool;
  WorkerTask task;
};

WorkerPool::WorkerPool(Options options) : options_(options) {
  pthread_attr_init(&attributes_);
  pthread_attr_setstacksize(&attributes_, options_.stack_size);
  pthread_attr_setdetachstate(&attributes_, PTHREAD_CREATE_JOINABLE);
}

WorkerPool::~WorkerPool() {
  Join();
  pthread_attr_destroy(&attributes_);
}

void WorkerPool::Post(WorkerTask task) {
  std::unique_lock lock(mutex_);
  if (Worker* worker = idle_head_) {
    idle_head_ = worker->next;
    if (idle_head_ != nullptr) idle_head_->prev = nullptr;
    worker->next = nullptr;
    --idle_count_;
    worker->task = std::move(task);
    worker->wake.notify_one();
    return;
  }
  if (threads_ < options_.max_threads) {
    StartThread(std::move(task), lock);
    return;
  }
  queue_.push_back(std::move(task));
}

void WorkerPool::StartThread(WorkerTask task, std::unique_lock<std::mutex>& lock) {
  ++threads_;
  // Thread creation takes tens of microseconds: not under the lock, which
  // every Post and every finishing task takes.
  lock.unlock();
  auto args = std::make_unique<StartArgs>(StartArgs{this, std::move(task)});
  pthread_t thread;
  const int rc = pthread_create(&thread, &attributes_, &ThreadMain, args.get());
  if (rc == 0) {
    (void)args.release();  // the thread owns it now
    lock.lock();
    return;
  }
  spdlog::error("could not start a worker thread: {}", std::strerror(rc));
  lock.lock();
  --threads_;
  if (threads_ > 0) {
    // A running thread takes it when its task ends.
    queue_.push_front(std::move(args->task));
    return;
  }
  // No thread at all (the system is out of threads or memory): run it
  // here rather than leave its client hanging forever.
  all_exited_.notify_all();
  lock.unlock();
  try {
    args->task();
  } catch (...) {
  }
  lock.lock();
}

void* WorkerPool::ThreadMain(void* arg) {
  std::unique_ptr<StartArgs> args(static_cast<StartArgs*>(arg));
  // Termination signals belong to the I/O threads' signal_set; a worker
  // blocked in a syscall should not be the one interrupted.
  sigset_t blocked;
  sigemptyset(&blocked);
  for (int signal_number : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGCHLD}) {
    sigaddset(&blocked, signal_number);
  }
  pthread_sigmask(SIG_BLOCK, &blocked, nullptr);
  pthread_setname_np(pthread_self(), "basalt-worker");
  WorkerPool* pool = args->pool;
  WorkerTask task = std::move(args->task);
  args.reset();
  pool->Work(std::move(task));
  return nullptr;
}

void WorkerPool::Work(WorkerTask task) {
  Worker self;
  std::unique_lock lock(mutex_);
  while (true) {
    if (task) {
      lock.unlock();
      try {
        task();
      } catch (const std::exception& e) {
        spdlog::error("worker task failed: {}", e.what());
      } catch (...) {
        spdlog::error("worker task failed with an unknown exception");
      }
      // The task's captures are destroyed outside the lock too.
      task = WorkerTask();
      lock.lock();
      continue;
    }
    if (!queue_.empty()) {
      task = std::move(queue_.front());
      queue_.pop_front();
      continue;
    }
    if (stopping_) break;

    self.prev = nullptr;
    self.next = idle_head_;
    if (idle_head_ != nullptr) idle_head_->prev = &self;
    idle_head_ = &self;
    ++idle_count_;
    const bool woken = self.wake.wait_for(
        lock, options_.idle_timeout, [&] { return static_cast<bool>(self.task) || stopping_; });
    if (self.task) {  // Post took us off the idle list
      task = std::move(self.task);
      continue;
    }
    // Still idle: only Post unlinks, and it always hands over a task.
    if (self.prev != nullptr) self.prev->next = self.next;
    if (self.next != nullptr) self.next->prev = self.prev;
    if (idle_head_ == &self) idle_head_ = self.next;
    --idle_count_;
    if (stopping_) break;
    if (!woken && threads_ > options_.warm_threads) break;  // idle too long
  }

  --threads_;
  const bool join_previous = has_zombie_;
  const pthread_t previous = zombie_;
  zombie_ = pthread_self();
  has_zombie_ = true;
  if (threads_ == 0) all_exited_.notify_all();
  lock.unlock();
  if (join_previous) pthread_join(previous, nullptr);
}

void WorkerPool::Join() {
  std::unique_lock lock(mutex_);
  stopping_ = true;
  for (Worker* worker = idle_head_; worker != nullptr; worker = worker->next) {
    worker->wake.notify_one();
  }
  all_exited_.wait(lock, [&] { return threads_ == 0; });
  if (!has_zombie_) return;
  // The last thread to exit; it joined the one before it, and so on.
  const pthread_t last = zombie_;
  has_zombie_ = false;
  lock.unlock();
  pthread_join(last, nullptr);
}

WorkerPool::Stats WorkerPool::stats() const {
  std::lock_guard lock(mutex_);
  return Stats{threads_, idle_count_, queue_.size()};
}

}  // namespace basalt::server
