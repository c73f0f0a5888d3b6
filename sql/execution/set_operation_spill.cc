// SetOperation past work_mem: rows of keys not in memory go to hash
// partitions (both sides for INTERSECT / EXCEPT, so a key's left and right
// rows meet), processed one by one once the inputs are read.
#include "sql/execution/set_operation.h"
#include "sql/execution/spill_file.h"

namespace basalt::sql {

void SetOperation::SpillRow(const Row& row, bool right, ExecContext& ctx) {
  if (partitions_.empty()) partitions_.resize(kSpillPartitions);
  Partition& p = partitions_[SpillPartitionOf(key_, level_)];  // key_: the row's, just encoded
  std::unique_ptr<SpillFile>& file = right ? p.right : p.left;
  if (file == nullptr)
    file = std::make_unique<SpillFile>(ctx, &memory_.spill(),
                                       SpillBlockSize(memory_.work_mem(), kSpillPartitions));
  file->Write(row);
}

bool SetOperation::NextInput(ExecContext& ctx, RowBatch* input) {
  input->clear();
  const size_t inputs = operation_ == BoundSetOperation::Kind::kUnion ? 2 : 1;
  while (input_ < inputs) {
    if (children_[input_]->Next(ctx, input)) return true;
    ++input_;
  }
  for (;;) {
    if (replay_ != nullptr) {
      Row row;
      while (input->size() < kBatchSize && replay_->Read(&row)) input->push_back(std::move(row));
      if (!input->empty()) return true;
      replay_.reset();
    }
    if (!StartNextPartition(ctx)) return false;
  }
}

bool SetOperation::StartNextPartition(ExecContext& ctx) {
  // Partitions just written come first: one level of files per level of
  // spilling at most.
  for (size_t i = partitions_.size(); i-- > 0;) {
    if (partitions_[i].left != nullptr || partitions_[i].right != nullptr) {
      pending_.emplace_back(std::move(partitions_[i]), level_ + 1);
    }
  }
  partitions_.clear();
  returned_.clear();
  right_counts_.clear();
  memory_.ReleaseAll();
  full_ = false;
  if (pending_.empty()) return false;
  Partition p = std::move(pending_.back().first);
  level_ = pending_.back().second;
  pending_.pop_back();
  if (p.right != nullptr) {
    p.right->Rewind();
    Row row;
    for (uint64_t n = 0; p.right->Read(&row); ++n) {
      if ((n & 1023) == 0) ctx.CheckForInterrupts();
      CountRight(row, ctx);
    }
  }
  replay_ = std::move(p.left);
  if (replay_ != nullptr) replay_->Rewind();
  return true;
}

}  // namespace basalt::sql
