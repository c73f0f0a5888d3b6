// CommitSequencer: commit sequences for the change log without serializing
// the WAL syncs. A committing transaction reserves the next sequence under a
// short lock, writes its change records under it and commits (syncing as a
// group with other committers, in any order), then reports the sequence
// finished. The watermark moves past a sequence only once every sequence up
// to it has finished, so a reader of "everything up to the watermark" never
// sees a gap that a slower commit fills later. Private to storage/.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <set>

namespace basalt::storage {

class CommitSequencer {
 public:
  // At open: `last` is the highest sequence any commit ever used.
  void Reset(uint64_t last);
  // The next sequence. Every Reserve needs one Finish, committed or not (a
  // failed commit leaves an empty sequence, which readers skip).
  uint64_t Reserve();
  // The commit holding `sequence` has committed (durably, if it synced) or
  // failed.
  void Finish(uint64_t sequence);
  // Every sequence <= Watermark() has finished.
  uint64_t Watermark() const { return watermark_.load(std::memory_order_acquire); }
  // Waits until Watermark() >= sequence: a commit returns only once a
  // reader of the change log can see it. Only commits already under way
  // (syncing beside this one) are waited for.
  void WaitForWatermark(uint64_t sequence);

 private:
  std::mutex mutex_;
  std::condition_variable advanced_;
  uint64_t last_reserved_ = 0;          // GUARDED_BY(mutex_)
  std::set<uint64_t> finished_above_;   // finished, > watermark; GUARDED_BY(mutex_)
  std::atomic<uint64_t> watermark_{0};  // written under mutex_
};

}  // namespace basalt::storage
