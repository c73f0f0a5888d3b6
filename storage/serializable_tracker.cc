#include "storage/serializable_tracker.h"

#include <algorithm>
#include <limits>

namespace basalt::storage {

SerializableTracker::Start SerializableTracker::Begin(const std::function<void()>& take_snapshot) {
  std::lock_guard lock(mutex_);
  take_snapshot();
  Start start{VisibleLocked(), position_};
  ++running_[start.visible];
  return start;
}

void SerializableTracker::End(const Start& start) {
  std::lock_guard lock(mutex_);
  auto it = running_.find(start.visible);
  if (it != running_.end() && --it->second == 0) running_.erase(it);
  PruneLocked();
}

uint64_t SerializableTracker::VisibleLocked() const {
  return committing_.empty() ? position_ : *committing_.begin() - 1;
}

void SerializableTracker::PruneLocked() {
  // A published write set matters only to transactions whose snapshot may
  // lack it: those running with an older `visible`, and those yet to begin
  // while it is committing.
  const uint64_t oldest = running_.empty() ? VisibleLocked() : running_.begin()->first;
  while (!published_.empty() && published_.front().position <= oldest) published_.pop_front();
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

Status SerializableTracker::ValidateLocked(uint64_t after, uint64_t upto, const ReadSet& reads,
                                           std::string_view when) const {
  for (const Published& p : published_) {
    if (p.position > after && p.position <= upto && Conflicts(reads, p.sorted_writes)) {
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

Status SerializableTracker::ValidateWrite(const Start& start, const ReadSet& reads,
                                          uint64_t* checked_position) {
  if (published_position_.load() == *checked_position) return Status::OK();
  std::lock_guard lock(mutex_);
  *checked_position = position_;
  return ValidateLocked(start.visible, std::numeric_limits<uint64_t>::max(), reads, "during write");
}

Result<uint64_t> SerializableTracker::ValidateAndPublish(const Start& start, const ReadSet& reads,
                                                         std::vector<std::string> writes) {
  std::sort(writes.begin(), writes.end());
  std::lock_guard lock(mutex_);
  BASALT_RETURN_IF_ERROR(ValidateLocked(start.visible, std::numeric_limits<uint64_t>::max(), reads,
                                        "during commit attempt"));
  const uint64_t position = ++position_;
  published_position_.store(position);
  committing_.insert(position);
  if (!writes.empty()) published_.push_back(Published{position, std::move(writes)});
  return position;
}

void SerializableTracker::Finish(uint64_t position) {
  std::lock_guard lock(mutex_);
  committing_.erase(position);
  PruneLocked();
}

Status SerializableTracker::ValidateReadOnly(const Start& start, const ReadSet& reads) {
  if (start.published == start.visible) return Status::OK();  // its snapshot is a prefix
  std::lock_guard lock(mutex_);
  return ValidateLocked(start.visible, start.published, reads, "during commit attempt");
}

}  // namespace basalt::storage
