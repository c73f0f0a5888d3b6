#include "common/interrupt.h"

namespace basalt {

void Interrupt::Request(Reason reason) {
  {
    std::lock_guard lock(mutex_);
    requested_.store(reason);
  }
  wake_.notify_all();
}

void Interrupt::BeginStatement(std::optional<Clock::time_point> deadline) {
  std::lock_guard lock(mutex_);
  requested_.store(Reason::kNone);
  deadline_ = deadline;
}

Status Interrupt::Check() const {
  switch (requested_.load(std::memory_order_relaxed)) {
    case Reason::kCancel:
      return Status::Error(sqlstate::kQueryCanceled, "canceling statement due to user request");
    case Reason::kShutdown:
      return Status::Error(sqlstate::kAdminShutdown,
                           "terminating connection due to administrator command");
    case Reason::kNone: break;
  }
  if (deadline_ && Clock::now() >= *deadline_) {
    return Status::Error(sqlstate::kQueryCanceled, "canceling statement due to statement timeout");
  }
  return Status::OK();
}

Status Interrupt::SleepFor(Clock::duration duration) {
  Clock::time_point until = Clock::now() + duration;
  if (deadline_ && *deadline_ < until) until = *deadline_;
  std::unique_lock lock(mutex_);
  wake_.wait_until(lock, until, [&] { return requested_.load() != Reason::kNone; });
  lock.unlock();
  return Check();
}

}  // namespace basalt
