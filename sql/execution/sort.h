// ORDER BY: materializes the input and sorts it (stable, so equal keys keep
// their input order). Past work_mem the buffer is sorted and written to an
// encrypted temp file as a run; at the end the runs are merged (several
// passes when there are more than one merge reads at once), ties going to
// the earlier run, which keeps the sort stable.
#pragma once

#include <memory>
#include <vector>

#include "sql/binder/bound_statement.h"
#include "sql/execution/physical_operator.h"
#include "sql/execution/query_memory.h"

namespace basalt::sql {

class SpillFile;
class RunMerger;

class Sort : public PhysicalOperator {
 public:
  Sort(PhysicalOperatorPtr child, const std::vector<BoundOrderBy>& keys);
  ~Sort() override;
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "Sort"; }
  // Whether and how much the sort spilled.
  const SpillStats& spill_stats() const { return memory_.spill(); }
  void ReportStats(OperatorStats* stats) const override;

 private:
  // Each entry: the key values, then the row.
  using Entry = std::pair<Row, Row>;
  void Consume(ExecContext& ctx);
  void SortEntries(std::vector<Entry>* entries) const;
  // Writes the sorted buffer as a run and empties it.
  void SpillRun(ExecContext& ctx);
  // Merges runs until one merge of them all can stream the output.
  void MergeRuns(ExecContext& ctx);
  // A run's buffer: a merge reads up to kMaxMergeFanIn runs at once.
  size_t RunBlockSize() const;

  const std::vector<BoundOrderBy>& keys_;
  OperatorMemory memory_{"Sort"};
  bool sorted_ = false;
  std::vector<Entry> entries_;
  std::vector<Row> rows_;  // in-memory result
  size_t next_ = 0;
  std::vector<std::unique_ptr<SpillFile>> runs_;
  std::unique_ptr<RunMerger> merger_;  // spilled result
};

}  // namespace basalt::sql
