// SerializableTracker: what makes SERIALIZABLE serializable rather than
// snapshot isolation. Each serializable transaction keeps the data keys it
// read and the key ranges it scanned; a serializable transaction that wrote
// something commits only if no serializable transaction published after its
// snapshot wrote a key it read or a key inside a range it scanned (backward
// validation).
//
// Validation and publication happen under the tracker's mutex and give the
// commit its position; the RocksDB commit (and its WAL sync) happens after,
// outside the mutex, so serializable commits sync as a group. Writing
// serializable transactions are serializable in position order. A commit
// between publication and Finish is "committing": a transaction that begins
// meanwhile may or may not see it, so it is validated against it as if it
// did not (at worst a false conflict), and a read-only transaction that
// began while commits were under way — its snapshot need not be a prefix of
// the position order — is validated against them at its commit. A commit
// that fails after publication keeps its write set published: it can only
// cause false conflicts, never hide a real one. The guarantee holds among
// SERIALIZABLE transactions, as PostgreSQL's does. Private to storage/.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace basalt::storage {

// Keys are data column family keys.
struct ReadSet {
  std::vector<std::string> keys;
  // [lower, upper); an empty upper is unbounded.
  std::vector<std::pair<std::string, std::string>> ranges;
};

class SerializableTracker {
 public:
  // Where a transaction began: every commit at a position <= `visible` had
  // finished before its snapshot (and is in it); those in (visible,
  // published] were committing and may or may not be.
  struct Start {
    uint64_t visible = 0;
    uint64_t published = 0;
  };

  // Registers a serializable transaction. `take_snapshot` runs under the
  // tracker's mutex, so the snapshot and the returned start agree on which
  // serializable commits came before.
  Start Begin(const std::function<void()>& take_snapshot);
  // The transaction ended (committed or not). Every Begin needs one End.
  void End(const Start& start);

  // The check ValidateAndPublish makes, made early: a serializable
  // transaction that writes after a conflicting commit fails at that write,
  // as PostgreSQL fails the writing statement. Cheap when nothing was
  // published since `*checked_position` (updated here).
  Status ValidateWrite(const Start& start, const ReadSet& reads, uint64_t* checked_position);

  // Fails with 40001 if a serializable transaction published after
  // `start.visible` wrote into `reads`; otherwise publishes `writes` as
  // committing and returns the commit's position. REQUIRES: Finish(position)
  // once the RocksDB commit succeeded or failed.
  Result<uint64_t> ValidateAndPublish(const Start& start, const ReadSet& reads,
                                      std::vector<std::string> writes);
  void Finish(uint64_t position);

  // A read-only transaction's commit: 40001 if a commit that was committing
  // at its start wrote into `reads` (OK at once if none was).
  Status ValidateReadOnly(const Start& start, const ReadSet& reads);

 private:
  struct Published {
    uint64_t position;
    std::vector<std::string> sorted_writes;
  };
  static bool Conflicts(const ReadSet& reads, const std::vector<std::string>& sorted_writes);
  // 40001 if a transaction published in (after, upto] wrote into `reads`.
  Status ValidateLocked(uint64_t after, uint64_t upto, const ReadSet& reads,
                        std::string_view when) const;
  // Every position <= this one has finished.
  uint64_t VisibleLocked() const;
  void PruneLocked();

  std::mutex mutex_;
  uint64_t position_ = 0;  // the last position given; GUARDED_BY(mutex_)
  // position_, readable without the mutex.
  std::atomic<uint64_t> published_position_{0};
  std::set<uint64_t> committing_;    // published, not finished; GUARDED_BY(mutex_)
  std::map<uint64_t, int> running_;  // Start::visible -> count; GUARDED_BY(mutex_)
  std::deque<Published> published_;  // by position; GUARDED_BY(mutex_)
};

}  // namespace basalt::storage
