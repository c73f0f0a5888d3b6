#include "storage/commit_sequencer.h"

namespace basalt::storage {

void CommitSequencer::Reset(uint64_t last) {
  std::lock_guard lock(mutex_);
  next_ = limit_ = last + 1;
  finished_above_.clear();
  watermark_.store(last, std::memory_order_release);
}

Result<uint64_t> CommitSequencer::Reserve(const BlockAllocator& allocate_block) {
  std::lock_guard lock(mutex_);
  if (next_ == limit_) {
    // Once per block: the other committers wait for one synced write here.
    BASALT_ASSIGN_OR_RETURN(uint64_t first, allocate_block());
    if (first != limit_) {
      // Only this sequencer writes the counter, so blocks follow each other;
      // a jump would leave the watermark stuck below it.
      return Status::Internal("commit sequence block starts at " + std::to_string(first) +
                              ", expected " + std::to_string(limit_));
    }
    limit_ = first + kCommitSequenceBlock;
  }
  return next_++;
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
