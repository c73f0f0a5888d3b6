#include "storage/serializable_tracker.h"

#include <algorithm>

namespace basalt::storage {

uint64_t SerializableTracker::Begin(const std::function<void()>& take_snapshot) {
  std::lock_guard lock(mutex_);
  take_snapshot();
  ++running_[position_];
  return position_;
}

void SerializableTracker::End(uint64_t start) {
  std::lock_guard lock(mutex_);
  auto it = running_.find(start);
  if (it != running_.end() && --it->second == 0) running_.erase(it);
  PruneLocked();
}

void SerializableTracker::PruneLocked() {
  // A committed write set matters only to transactions that began before it.
  const uint64_t oldest = running_.empty() ? position_ : running_.begin()->first;
  while (!committed_.empty() && committed_.front().position <= oldest) committed_.pop_front();
}

bool SerializableTracker::Conflicts(const ReadSet& reads,
                                    const std::vector<std::string>& sorted_writes) {
  for (const std::string& key : reads.keys) {
    if (std::binary_search(sorted_writes.begin(), sorted_writes.end(), key)) return true;
  }
  for (const auto& [lower, upper] : reads.ranges) {
    auto it = std::lower_bound(sorted_writes.begin(), sorted_writes.end(), lower);
    if (it != sorted_writes.end() && (upper.empty() || *it < upper)) return true;
  }
  return false;
}

Status SerializableTracker::ValidateLocked(uint64_t start, const ReadSet& reads,
                                           std::string_view when) const {
  for (const Committed& c : committed_) {
    if (c.position > start && Conflicts(reads, c.sorted_writes)) {
      return Status::Error(sqlstate::kSerializationFailure,
                           "could not serialize access due to read/write dependencies among "
                           "transactions")
          .WithDetail("Reason code: Canceled on identification as a pivot, " + std::string(when) +
                      ".")
          .WithHint("The transaction might succeed if retried.");
    }
  }
  return Status::OK();
}

Status SerializableTracker::ValidateWrite(uint64_t start, const ReadSet& reads,
                                          uint64_t* checked_position) {
  if (published_position_.load() == *checked_position) return Status::OK();
  std::lock_guard lock(mutex_);
  *checked_position = position_;
  return ValidateLocked(start, reads, "during write");
}

Status SerializableTracker::ValidateAndCommit(uint64_t start, const ReadSet& reads,
                                              std::vector<std::string> writes,
                                              const std::function<Status()>& commit) {
  std::lock_guard lock(mutex_);
  BASALT_RETURN_IF_ERROR(ValidateLocked(start, reads, "during commit attempt"));
  BASALT_RETURN_IF_ERROR(commit());
  published_position_.store(++position_);
  // Only transactions running now (besides this one) can need these writes.
  int running = 0;
  for (const auto& [position, count] : running_) running += count;
  if (running > 1 && !writes.empty()) {
    std::sort(writes.begin(), writes.end());
    committed_.push_back(Committed{position_, std::move(writes)});
  }
  return Status::OK();
}

}  // namespace basalt::storage
