#include "storage/sequence_values.h"

#include <fmt/format.h>

#include "storage/coding.h"
#include "storage/transaction.h"

namespace basalt::storage {

namespace {

std::string SequenceKey(uint32_t oid) {
  std::string key = "sequence/";
  AppendBigEndian32(oid, &key);
  return key;
}

}  // namespace

// As PostgreSQL's nextval_internal, which checks before adding so nothing
// overflows.
bool SequenceStep(const SequenceBounds& b, int64_t last, int64_t* next) {
  if (b.increment > 0) {
    if ((b.max_value >= 0 && last > b.max_value - b.increment) ||
        (b.max_value < 0 && last + b.increment > b.max_value)) {
      if (!b.cycle) return false;
      *next = b.min_value;
      return true;
    }
  } else if ((b.min_value < 0 && last < b.min_value - b.increment) ||
             (b.min_value >= 0 && last + b.increment < b.min_value)) {
    if (!b.cycle) return false;
    *next = b.max_value;
    return true;
  }
  *next = last + b.increment;
  return true;
}

Result<SequenceValues::Entry*> SequenceValues::Load(uint32_t oid, int64_t start) {
  auto it = entries_.find(oid);
  if (it != entries_.end()) return &it->second;
  std::unique_ptr<Transaction> txn = store_.Begin();
  std::string stored;
  bool found = false;
  BASALT_RETURN_IF_ERROR(txn->Get(ColumnFamily::kMeta, SequenceKey(oid), &stored, &found));
  Entry entry;
  entry.state.last_value = start;
  if (found) {
    if (stored.size() != 9) return Status::Corruption("bad sequence state");
    entry.state.last_value = static_cast<int64_t>(ReadBigEndian(stored, 8));
    entry.state.is_called = stored[8] != 0;
  }
  return &entries_.emplace(oid, entry).first->second;
}

Status SequenceValues::Store(uint32_t oid, const SequenceState& state) {
  std::string value;
  AppendBigEndian64(static_cast<uint64_t>(state.last_value), &value);
  value.push_back(state.is_called ? 1 : 0);
  // Synced: a value handed out must not come back after a crash, and a
  // read-only transaction's commit syncs nothing that would carry it.
  return store_.WriteUnlocked(ColumnFamily::kMeta, {{SequenceKey(oid), value}}, /*sync=*/true);
}

Result<SequenceValues::Block> SequenceValues::Next(uint32_t oid, const SequenceBounds& bounds,
                                                   int64_t start, int64_t cache,
                                                   const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  BASALT_ASSIGN_OR_RETURN(Entry * entry, Load(oid, start));
  Block block{entry->state.last_value, 1};
  if (entry->state.is_called && !SequenceStep(bounds, entry->state.last_value, &block.first)) {
    const bool up = bounds.increment > 0;
    return Status::Error(
        sqlstate::kSequenceGeneratorLimitExceeded,
        fmt::format("nextval: reached {} value of sequence \"{}\" ({})", up ? "maximum" : "minimum",
                    name, up ? bounds.max_value : bounds.min_value));
  }
  int64_t last = block.first;
  for (int64_t next; block.count < cache && SequenceStep(bounds, last, &next); ++block.count) {
    last = next;
  }
  if (entry->left < block.count) {
    // Store the state kLogAhead values on, so the next calls write nothing.
    SequenceState ahead{last, true};
    int64_t reserved = block.count;
    for (int64_t next;
         reserved < block.count + kLogAhead && SequenceStep(bounds, ahead.last_value, &next);
         ++reserved) {
      ahead.last_value = next;
    }
    BASALT_RETURN_IF_ERROR(Store(oid, ahead));
    entry->left = reserved;
  }
  entry->left -= block.count;
  entry->state = SequenceState{last, true};
  return block;
}

Result<SequenceRow> SequenceValues::Read(uint32_t oid, int64_t start) {
  std::lock_guard<std::mutex> lock(mutex_);
  BASALT_ASSIGN_OR_RETURN(Entry * entry, Load(oid, start));
  return SequenceRow{entry->state, entry->left};
}

Status SequenceValues::StoreExactStates() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& [oid, entry] : entries_) {
    if (entry.left == 0) continue;  // what is stored is exact already
    BASALT_RETURN_IF_ERROR(Store(oid, entry.state));
    entry.left = 0;
  }
  return Status::OK();
}

Status SequenceValues::Set(uint32_t oid, const SequenceState& state) {
  std::lock_guard<std::mutex> lock(mutex_);
  BASALT_RETURN_IF_ERROR(Store(oid, state));
  entries_[oid] = Entry{state, 0};
  return Status::OK();
}

}  // namespace basalt::storage
