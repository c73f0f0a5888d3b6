#include "storage/commit_sequencer.h"

namespace basalt::storage {

void CommitSequencer::Reset(uint64_t last) {
  std::lock_guard lock(mutex_);
  last_reserved_ = last;
  finished_above_.clear();
  watermark_.store(last, std::memory_order_release);
}

uint64_t CommitSequencer::Reserve() {
  std::lock_guard lock(mutex_);
  return ++last_reserved_;
}

void CommitSequencer::Finish(uint64_t sequence) {
  std::lock_guard lock(mutex_);
  uint64_t watermark = watermark_.load(std::memory_order_relaxed);
  if (sequence != watermark + 1) {
    finished_above_.insert(sequence);
    return;
  }
  ++watermark;
  while (!finished_above_.empty() && *finished_above_.begin() == watermark + 1) {
    finished_above_.erase(finished_above_.begin());
    ++watermark;
  }
  watermark_.store(watermark, std::memory_order_release);
  advanced_.notify_all();
}

void CommitSequencer::WaitForWatermark(uint64_t sequence) {
  if (Watermark() >= sequence) return;
  std::unique_lock lock(mutex_);
  advanced_.wait(lock, [&] { return watermark_.load(std::memory_order_relaxed) >= sequence; });
}

}  // namespace basalt::storage
