// SerializableTracker: what makes SERIALIZABLE serializable rather than
// snapshot isolation. Each serializable transaction keeps the data keys it
// read and the key ranges it scanned; a serializable transaction that wrote
// something commits only if no serializable transaction that committed
// after its snapshot wrote a key it read or a key inside a range it scanned
// (backward validation). Validation and the RocksDB commit happen under one
// mutex, so writing serializable transactions are serializable in commit
// order, and a read-only one (which reads a prefix of that order) needs no
// validation. The guarantee holds among SERIALIZABLE transactions, as
// PostgreSQL's does. Private to storage/.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
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
  // Registers a serializable transaction. `take_snapshot` runs under the
  // tracker's mutex, so the snapshot and the returned start position agree
  // on which serializable commits came before.
  uint64_t Begin(const std::function<void()>& take_snapshot);
  // The transaction ended (committed or not). Every Begin needs one End.
  void End(uint64_t start);

  // The check ValidateAndCommit makes, made early: a serializable
  // transaction that writes after a conflicting commit fails at that write,
  // as PostgreSQL fails the writing statement. Cheap when nothing committed
  // since `*checked_position` (updated here).
  Status ValidateWrite(uint64_t start, const ReadSet& reads, uint64_t* checked_position);

  // Fails with 40001 if a serializable transaction committed since `start`
  // wrote into `reads`; otherwise runs `commit` and, if it succeeded,
  // records `writes` for the validation of transactions still running.
  Status ValidateAndCommit(uint64_t start, const ReadSet& reads, std::vector<std::string> writes,
                           const std::function<Status()>& commit);

 private:
  struct Committed {
    uint64_t position;
    std::vector<std::string> sorted_writes;
  };
  static bool Conflicts(const ReadSet& reads, const std::vector<std::string>& sorted_writes);
  // 40001 if a transaction committed after `start` wrote into `reads`.
  Status ValidateLocked(uint64_t start, const ReadSet& reads, std::string_view when) const;
  void PruneLocked();

  std::mutex mutex_;
  uint64_t position_ = 0;  // GUARDED_BY(mutex_)
  // position_, readable without the mutex.
  std::atomic<uint64_t> published_position_{0};
  std::map<uint64_t, int> running_;  // start position -> count; GUARDED_BY(mutex_)
  std::deque<Committed> committed_;  // by position; GUARDED_BY(mutex_)
};

}  // namespace basalt::storage
