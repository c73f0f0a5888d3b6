// CommitSequencer: commit sequences for the change log without serializing
// the WAL syncs. A committing transaction reserves the next sequence under a
// short lock, writes its change records under it and commits (syncing as a
// group with other committers, in any order), then reports the sequence
// finished. The watermark moves past a sequence only once every sequence up
// to it has finished, so a reader of "everything up to the watermark" never
// sees a gap that a slower commit fills later.
//
// Sequences are made durable a block at a time (as hidden row ids are): the
// end of the reserved block is written, synced, before any sequence of the
// block is handed out, so a commit never has to write (and lock) a shared
// key, and after a restart sequences continue past the block: a restart
// leaves a gap, which readers skip like the sequence of a failed commit.
// Private to storage/.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>

#include "common/status.h"

namespace basalt::storage {

// Sequences reserved per durable write.
inline constexpr uint64_t kCommitSequenceBlock = 1024;

class CommitSequencer {
 public:
  // Returns the first sequence of a new block of kCommitSequenceBlock,
  // durably reserved (the store's synced meta counter).
  using BlockAllocator = std::function<Result<uint64_t>()>;

  // At open: every sequence <= `last` may have been used (the end of the
  // last reserved block).
  void Reset(uint64_t last);
  // The next sequence. Every sequence returned needs one Finish, committed
  // or not (a failed commit leaves an empty sequence, which readers skip).
  Result<uint64_t> Reserve(const BlockAllocator& allocate_block);
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
  uint64_t next_ = 1;                   // GUARDED_BY(mutex_)
  uint64_t limit_ = 1;                  // end of the reserved block, exclusive; GUARDED_BY(mutex_)
  std::set<uint64_t> finished_above_;   // finished, > watermark; GUARDED_BY(mutex_)
  std::atomic<uint64_t> watermark_{0};  // written under mutex_
};

}  // namespace basalt::storage
