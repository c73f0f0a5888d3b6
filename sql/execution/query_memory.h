// Memory accounting of one query. Each operator that holds rows (sort
// buffer, hash table, build side) charges what it holds through its own
// OperatorMemory; past work_mem it spills to temp files (spilling
// operators) and the charge drops again. The sum over the query's
// operators must stay under basalt.max_query_memory: a charge past it fails
// with 53200 "out of memory", as PostgreSQL's palloc does, and the query
// ends while the server and other sessions go on.
//
// A query runs on one thread at a time: no locking.
#pragma once

#include <atomic>
#include <climits>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/value.h"

namespace basalt::sql {

struct ExecContext;

class QueryMemory {
 public:
  QueryMemory(int64_t work_mem_bytes, int64_t limit_bytes)
      : work_mem_(work_mem_bytes), limit_(limit_bytes) {}

  // What one operator may hold before it spills.
  int64_t work_mem() const { return work_mem_; }
  int64_t limit() const { return limit_; }
  int64_t used() const { return used_.load(std::memory_order_relaxed); }

  // Adds `bytes` to the query's total; 53200 (DETAIL naming `op`) when that
  // passes the limit, leaving the total unchanged.
  void Charge(int64_t bytes, std::string_view op);
  void Release(int64_t bytes) { used_.fetch_sub(bytes, std::memory_order_relaxed); }

 private:
  int64_t work_mem_;
  int64_t limit_;
  // Atomic: the threads of a parallel query charge it at once.
  std::atomic<int64_t> used_{0};
};

// Whether and how much an operator spilled, for tests and EXPLAIN ANALYZE.
struct SpillStats {
  uint64_t files = 0;  // temp files created
  uint64_t bytes = 0;  // bytes written to them
  uint64_t rows = 0;   // rows written to them
};

// One operator's share of its query's memory; releases it when destroyed.
class OperatorMemory {
 public:
  explicit OperatorMemory(std::string name) : name_(std::move(name)) {}
  ~OperatorMemory() { ReleaseAll(); }
  OperatorMemory(const OperatorMemory&) = delete;
  OperatorMemory& operator=(const OperatorMemory&) = delete;

  // Joins the query of `ctx` (once; later calls keep the first query). A
  // context without a QueryMemory (unit tests) gives no limits.
  void Attach(const ExecContext& ctx);
  // Charges `bytes` more (53200 past the query's limit).
  void Add(int64_t bytes);
  void ReleaseAll();
  int64_t used() const { return used_; }
  // The most it held at once (EXPLAIN ANALYZE's memory figures).
  int64_t peak() const { return peak_; }
  // Whether what the operator holds passed work_mem: time to spill.
  bool OverWorkMem() const { return query_ != nullptr && used_ > query_->work_mem(); }
  bool attached() const { return query_ != nullptr; }
  // The query's work_mem; no limit when not attached.
  int64_t work_mem() const { return query_ != nullptr ? query_->work_mem() : INT64_MAX; }

  SpillStats& spill() { return spill_; }
  const SpillStats& spill() const { return spill_; }

 private:
  std::string name_;
  std::shared_ptr<QueryMemory> query_;
  int64_t used_ = 0;
  int64_t peak_ = 0;
  SpillStats spill_;
};

// Roughly what a row occupies in memory: the Values, their heap strings and
// array elements. Only used to decide when to spill, so an estimate.
int64_t RowMemory(const Row& row);

}  // namespace basalt::sql
