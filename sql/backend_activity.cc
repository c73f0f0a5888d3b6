#include "sql/backend_activity.h"

namespace basalt::sql {

ActivityBoard::Slot::~Slot() {
  board_.Remove(row_.pid, this);
}

void ActivityBoard::Slot::Update(const std::function<void(BackendActivity&)>& change) {
  std::lock_guard lock(mutex_);
  change(row_);
}

std::unique_ptr<ActivityBoard::Slot> ActivityBoard::Register(BackendActivity row,
                                                             std::shared_ptr<Interrupt> interrupt) {
  const int32_t pid = row.pid;
  std::unique_ptr<Slot> slot(new Slot(*this, std::move(row), std::move(interrupt)));
  std::lock_guard lock(mutex_);
  slots_[pid] = slot.get();
  return slot;
}

std::vector<BackendActivity> ActivityBoard::Rows() const {
  std::vector<BackendActivity> rows;
  std::lock_guard lock(mutex_);
  rows.reserve(slots_.size());
  for (const auto& [pid, slot] : slots_) {
    std::lock_guard row_lock(slot->mutex_);
    rows.push_back(slot->row_);
  }
  return rows;
}

std::optional<BackendActivity> ActivityBoard::Find(int32_t pid) const {
  std::lock_guard lock(mutex_);
  auto found = slots_.find(pid);
  if (found == slots_.end()) return std::nullopt;
  std::lock_guard row_lock(found->second->mutex_);
  return found->second->row_;
}

void ActivityBoard::SetTerminateHandler(std::function<void(int32_t pid)> handler) {
  std::lock_guard lock(mutex_);
  terminate_ = std::move(handler);
}

std::shared_ptr<Interrupt> ActivityBoard::InterruptOf(int32_t pid) const {
  std::lock_guard lock(mutex_);
  auto found = slots_.find(pid);
  return found == slots_.end() ? nullptr : found->second->interrupt_;
}

bool ActivityBoard::Cancel(int32_t pid) const {
  std::shared_ptr<Interrupt> interrupt = InterruptOf(pid);
  if (interrupt == nullptr) return false;
  interrupt->Request(Interrupt::Reason::kCancel);
  return true;
}

bool ActivityBoard::Terminate(int32_t pid) const {
  std::shared_ptr<Interrupt> interrupt = InterruptOf(pid);
  if (interrupt == nullptr) return false;
  std::function<void(int32_t)> terminate;
  {
    std::lock_guard lock(mutex_);
    terminate = terminate_;
  }
  // The handler also stops the running statement; a session no client
  // holds (a background refresh) has only its statement to stop.
  if (terminate) {
    terminate(pid);
  } else {
    interrupt->Request(Interrupt::Reason::kShutdown);
  }
  return true;
}

void ActivityBoard::Remove(int32_t pid, const Slot* slot) {
  std::lock_guard lock(mutex_);
  auto found = slots_.find(pid);
  if (found != slots_.end() && found->second == slot) slots_.erase(found);
}

}  // namespace basalt::sql
