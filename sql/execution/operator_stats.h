// What EXPLAIN ANALYZE reports of one executed plan node: rows, loops and
// times measured around the operator's Next (instrumented_operator.h), and
// the counters an operator keeps of its own work (rows its filter removed,
// how a sort or hash table used memory and disk), which it adds through
// PhysicalOperator::ReportStats. A node run several times (the inside of a
// LATERAL join, once per outer row) adds each run's numbers: loops counts
// the runs, rows and times are totals, memory the largest run's.
#pragma once

#include <algorithm>
#include <cstdint>

namespace basalt::sql {

struct OperatorStats {
  uint64_t rows_removed_by_filter = 0;
  uint64_t rows_removed_by_join_filter = 0;

  // Sort: how the rows were sorted and the space that took.
  enum class SortMethod { kNone, kQuicksort, kExternalMerge };
  SortMethod sort_method = SortMethod::kNone;
  int64_t sort_space_kb = 0;  // memory (quicksort) or temp file bytes (external merge)

  // HashAggregate: its passes (1 + spilled partitions aggregated), the
  // most memory its table held, what it wrote to temp files.
  bool hash_aggregate = false;
  uint64_t aggregate_batches = 0;
  int64_t aggregate_memory_kb = 0;
  int64_t aggregate_disk_kb = 0;

  // Hash join: its build side's table (PostgreSQL's Hash node).
  bool hash_table = false;
  uint64_t hash_buckets = 0;
  uint64_t hash_batches = 0;           // partitions once spilled, else 1
  uint64_t original_hash_batches = 0;  // 1: every join starts in memory
  int64_t hash_memory_kb = 0;

  // Parallel aggregate: the threads started besides the statement's own
  // (0: it ran alone) and the groups the participants handed over.
  uint64_t workers_launched = 0;
  uint64_t partial_groups = 0;

  void Add(const OperatorStats& o) {
    rows_removed_by_filter += o.rows_removed_by_filter;
    rows_removed_by_join_filter += o.rows_removed_by_join_filter;
    if (o.sort_method != SortMethod::kNone) {
      // An external merge in any run is what the node did.
      if (sort_method != SortMethod::kExternalMerge) sort_method = o.sort_method;
      sort_space_kb = std::max(sort_space_kb, o.sort_space_kb);
    }
    if (o.hash_aggregate) {
      hash_aggregate = true;
      aggregate_batches = std::max(aggregate_batches, o.aggregate_batches);
      aggregate_memory_kb = std::max(aggregate_memory_kb, o.aggregate_memory_kb);
      aggregate_disk_kb = std::max(aggregate_disk_kb, o.aggregate_disk_kb);
    }
    if (o.hash_table) {
      hash_table = true;
      hash_buckets = std::max(hash_buckets, o.hash_buckets);
      hash_batches = std::max(hash_batches, o.hash_batches);
      original_hash_batches = std::max(original_hash_batches, o.original_hash_batches);
      hash_memory_kb = std::max(hash_memory_kb, o.hash_memory_kb);
    }
    workers_launched = std::max(workers_launched, o.workers_launched);
    partial_groups += o.partial_groups;
  }
};

// Kilobytes as PostgreSQL prints memory and disk use: rounded up.
inline int64_t KiloBytes(int64_t bytes) {
  return (std::max<int64_t>(bytes, 0) + 1023) / 1024;
}

// One plan node's measurements, summed over its runs.
struct NodeActuals {
  uint64_t loops = 0;     // runs whose Next was called
  uint64_t rows = 0;      // rows returned, all runs
  double startup_ms = 0;  // until each run's first row (or its end), summed
  double total_ms = 0;    // inside Next, summed
  OperatorStats stats;
};

}  // namespace basalt::sql
