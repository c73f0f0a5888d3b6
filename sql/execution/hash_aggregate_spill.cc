// HashAggregate past work_mem: the rows of groups not in the full table go
// to partitions by their key's hash, aggregated one by one afterwards.
#include "sql/execution/hash_aggregate.h"
#include "sql/execution/spill_file.h"

namespace basalt::sql {

void HashAggregate::SpillRow(const Row& row, ExecContext& ctx) {
  if (partitions_.empty()) partitions_.resize(kSpillPartitions);
  std::unique_ptr<SpillFile>& file = partitions_[SpillPartitionOf(key_, partition_level_)];
  if (file == nullptr)
    file = std::make_unique<SpillFile>(ctx, &memory_.spill(),
                                       SpillBlockSize(memory_.work_mem(), kSpillPartitions));
  file->Write(row);
}

bool HashAggregate::AggregateNextPartition(ExecContext& ctx) {
  // The partitions the pass just finished wrote come before older ones:
  // depth first keeps at most one level of files per level of spilling.
  for (size_t i = partitions_.size(); i-- > 0;) {
    if (partitions_[i] != nullptr)
      pending_.emplace_back(std::move(partitions_[i]), partition_level_ + 1);
  }
  partitions_.clear();
  table_.clear();
  last_group_ = kNoGroup;
  index_.clear();
  integer_index_.clear();
  next_ = 0;
  memory_.ReleaseAll();
  if (pending_.empty()) return false;
  std::unique_ptr<SpillFile> input = std::move(pending_.back().first);
  partition_level_ = pending_.back().second;
  pending_.pop_back();
  ++batches_;
  table_full_ = false;
  input->Rewind();
  Row row;
  for (uint64_t n = 0; input->Read(&row); ++n) {
    if ((n & 1023) == 0) ctx.CheckForInterrupts();
    ConsumeRow(row, ctx);
  }
  index_.clear();
  integer_index_.clear();
  return true;
}

}  // namespace basalt::sql
