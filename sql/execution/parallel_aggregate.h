// GROUP BY and aggregates over a large table with several threads, as
// PostgreSQL's Finalize Aggregate over a Gather of Partial Aggregates.
//
// The planner (planner/passes/parallel_aggregate.cc) marks an aggregate
// whose input is one table's full scan under filters, projections and
// joins whose other sides are read whole, with aggregates whose states
// merge (CanCombineAggregate) and nothing a worker thread may not evaluate.
// At run time, if the table is at least min_parallel_table_scan_size,
// max_parallel_workers_per_gather threads and the statement's own each
// build their copy of the input (the joins' other sides included) and
// fold the rows of the key ranges they take into their own groups, which
// the statement's thread then merges. Reads go through one
// storage::SharedReadTransaction: the same snapshot and the transaction's
// own writes for every participant.
//
// The participants do not spill: if one's groups outgrow work_mem, all
// stop and the aggregate runs again on one thread as a HashAggregate,
// which spills (the input is read-only, so reading it again is safe).
// Groups come out in another order than a serial run's; float sums may
// differ in their last digits, as PostgreSQL's parallel sums do.
#pragma once

#include <memory>
#include <vector>

#include "sql/execution/hash_aggregate.h"
#include "sql/execution/physical_operator.h"
#include "sql/execution/query_memory.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

// The threads a parallel aggregate over `table` starts besides the
// statement's own: limits.workers, or 0 for a table of fewer bytes than
// limits.min_table_bytes (RocksDB's estimate).
int ParallelWorkers(storage::KvStore& store, const ParallelLimits& limits,
                    const catalog::TableEntry& table);

class ParallelAggregate : public PhysicalOperator {
 public:
  // `input` is the aggregate's logical input, `table` its parallel scan's
  // table; both belong to the plan, which must outlive the operator. With
  // `instrumentation` (EXPLAIN ANALYZE), the participants' operators are
  // measured and added to it.
  ParallelAggregate(const LogicalOperator& input, const catalog::TableEntry& table,
                    const std::vector<BoundExprPtr>& groups,
                    const std::vector<BoundExprPtr>& aggregates,
                    PlanInstrumentation* instrumentation);
  ~ParallelAggregate() override;
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return groups_.empty() ? "Aggregate" : "HashAggregate"; }
  void ReportStats(OperatorStats* stats) const override;

 private:
  // Runs the participants and merges their groups into merged_; false when
  // one outgrew work_mem (then nothing is kept).
  bool RunParallel(ExecContext& ctx, int workers);
  void Merge(ExecContext& ctx, std::vector<std::unique_ptr<HashAggregate>>& partials);

  const LogicalOperator& input_;
  const catalog::TableEntry& table_;
  const std::vector<BoundExprPtr>& groups_;
  const std::vector<BoundExprPtr>& aggregates_;
  PlanInstrumentation* instrumentation_;
  bool started_ = false;
  // A run on one thread (a small table, or after the participants stopped).
  std::unique_ptr<HashAggregate> serial_;
  std::vector<HashAggregate::Group> merged_;
  OperatorMemory memory_{"HashAggregate"};  // merged_'s
  size_t next_ = 0;
  uint64_t workers_launched_ = 0;
  uint64_t partial_groups_ = 0;
};

}  // namespace basalt::sql
