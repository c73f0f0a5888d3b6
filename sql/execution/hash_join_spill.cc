// HashJoin past work_mem (grace hash join): both sides split by key hash
// into partitions, so rows that can match share a partition; the join then
// runs pass by pass, each pass loading as many partitions' right rows as
// fit in work_mem and reading the same partitions' left rows.
#include <functional>

#include "sql/execution/join.h"
#include "sql/execution/spill_file.h"

namespace basalt::sql {
namespace {

constexpr size_t kJoinPartitions = 64;

}  // namespace

void HashJoin::StartPartitioning(ExecContext& ctx) {
  max_buckets_ = std::max(max_buckets_, table_.bucket_count());
  partitions_.resize(kJoinPartitions);
  std::vector<Row> rows = std::move(right_rows_);
  right_rows_.clear();
  table_.clear();
  for (const Row& row : rows) SpillRow(right_keys_, row, true, ctx);
  memory_.ReleaseAll();
}

void HashJoin::SpillRow(const std::vector<BoundExprPtr>& keys, const Row& row, bool right,
                        ExecContext& ctx) {
  // A NULL key matches nothing; its row still has to come out once (outer
  // and anti joins), so it goes to partition 0 like any other.
  const bool has_key = EncodeKey(keys, row, ctx);
  Partition& p = partitions_[has_key ? std::hash<std::string>{}(key_) % kJoinPartitions : 0];
  std::unique_ptr<SpillFile>& file = right ? p.right : p.left;
  if (file == nullptr) {
    // Both sides of every partition may be open for writing at once.
    file = std::make_unique<SpillFile>(ctx, &memory_.spill(),
                                       SpillBlockSize(memory_.work_mem(), 2 * kJoinPartitions));
  }
  file->Write(row);
  if (right) p.right_bytes += RowMemory(row) + static_cast<int64_t>(key_.size()) + 64;
}

bool HashJoin::LoadPass(ExecContext& ctx) {
  right_rows_.clear();
  table_.clear();
  has_last_probe_ = false;  // its matches were the last pass's rows
  memory_.ReleaseAll();
  for (size_t i = pass_begin_; i < pass_end_; ++i) partitions_[i] = Partition{};  // files go
  if (pass_end_ >= partitions_.size()) return false;
  pass_begin_ = pass_end_;
  // At least one partition, however big (it is charged against the
  // query's limit like any table).
  int64_t bytes = partitions_[pass_end_++].right_bytes;
  while (pass_end_ < partitions_.size() &&
         bytes + partitions_[pass_end_].right_bytes <= memory_.work_mem()) {
    bytes += partitions_[pass_end_++].right_bytes;
  }
  Row row;
  for (size_t i = pass_begin_; i < pass_end_; ++i) {
    Partition& p = partitions_[i];
    if (p.right != nullptr) {
      p.right->Rewind();
      while (p.right->Read(&row)) AddRight(std::move(row), ctx);
      p.right.reset();  // in memory now
    }
    if (p.left != nullptr) p.left->Rewind();
  }
  left_partition_ = pass_begin_;
  max_buckets_ = std::max(max_buckets_, table_.bucket_count());
  return true;
}

bool HashJoin::NextLeft(ExecContext& ctx, RowBatch* batch) {
  if (partitions_.empty()) return children_[0]->Next(ctx, batch);
  batch->clear();
  Row row;
  for (; left_partition_ < pass_end_; ++left_partition_) {
    SpillFile* file = partitions_[left_partition_].left.get();
    while (file != nullptr && batch->size() < kBatchSize && file->Read(&row)) {
      batch->push_back(std::move(row));
    }
    if (!batch->empty()) return true;
  }
  return false;
}

bool HashJoin::NextPass(ExecContext& ctx) {
  return !partitions_.empty() && LoadPass(ctx);
}

}  // namespace basalt::sql
