// The values of sequences (CREATE SEQUENCE, serial, identity columns):
// outside transactions, as PostgreSQL's, so a value handed out is never
// handed out again, whether the transaction that took it commits or not,
// and also after a crash.
//
// Each sequence's state is kept in memory and in the meta column family.
// What is stored runs ahead of what was handed out (kLogAhead values, as
// PostgreSQL logs 32 ahead), so most calls write nothing; after a crash the
// sequence goes on after the stored value, skipping what was reserved but
// not handed out.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/status.h"
#include "storage/kv_store.h"

namespace basalt::storage {

// What bounds a sequence's values (pg_sequence's columns).
struct SequenceBounds {
  int64_t increment = 1;
  int64_t min_value = 1;
  int64_t max_value = INT64_MAX;
  bool cycle = false;
  bool operator==(const SequenceBounds&) const = default;
};

// The value after `last`, or false past a bound without CYCLE.
bool SequenceStep(const SequenceBounds& bounds, int64_t last, int64_t* next);

// A sequence's state as SELECT * FROM s shows it: the last value handed
// out, or the next one when is_called is false.
struct SequenceState {
  int64_t last_value = 0;
  bool is_called = false;
};

// What SELECT * FROM a sequence shows: its state and log_cnt, the values
// still covered by what is stored.
struct SequenceRow {
  SequenceState state;
  int64_t log_cnt = 0;
};

class SequenceValues {
 public:
  static constexpr int kLogAhead = 32;

  explicit SequenceValues(KvStore& store) : store_(store) {}

  // nextval: the next `cache` values at most (fewer at a bound without
  // CYCLE), after the last one handed out (the start value first): the
  // first, and how many. A session hands the rest out itself (CACHE).
  // 2200H when not even one is left, naming `name`.
  struct Block {
    int64_t first = 0;
    int64_t count = 0;
  };
  Result<Block> Next(uint32_t oid, const SequenceBounds& bounds, int64_t start, int64_t cache,
                     const std::string& name);
  // The state now; a sequence never used is at `start`, not called.
  Result<SequenceRow> Read(uint32_t oid, int64_t start);
  // setval, ALTER SEQUENCE ... RESTART: the state becomes `state`, durably.
  Status Set(uint32_t oid, const SequenceState& state);
  // At a clean shutdown: every sequence's stored state becomes its exact one
  // (the last value handed out), so the next start goes on right after it,
  // as PostgreSQL's shutdown checkpoint writes the sequence's own tuple.
  // Only a crash skips the values reserved ahead.
  Status StoreExactStates();

 private:
  struct Entry {
    SequenceState state;
    int64_t left = 0;  // values handed out before the stored state must move
  };
  // The entry of `oid`, loaded from the store the first time. mutex_ held.
  Result<Entry*> Load(uint32_t oid, int64_t start);
  Status Store(uint32_t oid, const SequenceState& state);

  KvStore& store_;
  std::mutex mutex_;
  std::unordered_map<uint32_t, Entry> entries_;  // GUARDED_BY(mutex_)
};

}  // namespace basalt::storage
