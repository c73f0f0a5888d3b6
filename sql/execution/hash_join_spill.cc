// HashJoin past work_mem (grace hash join): both sides split by key hash
// into partitions, so rows that can match share a partition; the join then
// runs pass by pass, each pass loading as many partitions' right rows as
// fit in work_mem and reading the same partitions' left rows. A partition
// whose right rows pass twice work_mem is split again by other bits of the
// hash into about twice as many parts as it has work_mems (re-writing its
// rows: one a little over work_mem is loaded as it is), unless a split left
// all its rows together (one key's rows).
#include <functional>

#include "sql/execution/join.h"
#include "sql/execution/spill_file.h"

namespace basalt::sql {
namespace {

constexpr size_t kJoinPartitionBits = 6;
constexpr size_t kJoinPartitions = size_t{1} << kJoinPartitionBits;
// Splits of splits: each level reads another 6 bits of the key's hash.
constexpr int kMaxSplitLevel = 8;

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
                        ExecContext& ctx, size_t first, int level, size_t parts) {
  // A NULL key matches nothing; its row still has to come out once (outer
  // and anti joins), so it goes to the first partition like any other.
  const bool has_key = EncodeKey(keys, row, ctx);
  const size_t shift = kJoinPartitionBits * static_cast<size_t>(level);
  const size_t index = has_key ? (std::hash<std::string>{}(key_) >> shift) & (parts - 1) : 0;
  Partition& p = partitions_[first + index];
  std::unique_ptr<SpillFile>& file = right ? p.right : p.left;
  if (file == nullptr) {
    // Both sides of every partition may be open for writing at once.
    file = std::make_unique<SpillFile>(ctx, &memory_.spill(),
                                       SpillBlockSize(memory_.work_mem(), 2 * kJoinPartitions));
  }
  file->Write(row);
  if (right) p.right_bytes += RowMemory(row) + static_cast<int64_t>(key_.size()) + 64;
}

void HashJoin::SplitPartition(size_t i, ExecContext& ctx) {
  Partition old = std::move(partitions_[i]);
  partitions_[i] = Partition{};
  // Right after it, so they are joined (or split again) next: only one
  // split partition's files are open at each level.
  const size_t first = i + 1;
  const int level = old.level + 1;
  size_t count = 2;
  while (count < kJoinPartitions &&
         static_cast<int64_t>(count) * memory_.work_mem() < 2 * old.right_bytes) {
    count *= 2;
  }
  std::vector<Partition> parts(count);
  partitions_.insert(partitions_.begin() + static_cast<ptrdiff_t>(first),
                     std::make_move_iterator(parts.begin()), std::make_move_iterator(parts.end()));
  Row row;
  for (const bool right : {true, false}) {
    SpillFile* file = right ? old.right.get() : old.left.get();
    if (file == nullptr) continue;
    file->Rewind();
    while (file->Read(&row)) {
      SpillRow(right ? right_keys_ : left_keys_, row, right, ctx, first, level, count);
    }
  }
  for (size_t k = first; k < first + count; ++k) {
    // All its rows again: one key, which no split divides.
    partitions_[k].level = partitions_[k].right_bytes == old.right_bytes ? kMaxSplitLevel : level;
  }
}

bool HashJoin::LoadPass(ExecContext& ctx) {
  right_rows_.clear();
  table_.clear();
  has_last_probe_ = false;  // its matches were the last pass's rows
  memory_.ReleaseAll();
  for (size_t i = pass_begin_; i < pass_end_; ++i) partitions_[i] = Partition{};  // files go
  if (pass_end_ >= partitions_.size()) return false;
  while (partitions_[pass_end_].right_bytes > 2 * memory_.work_mem() &&
         partitions_[pass_end_].level < kMaxSplitLevel) {
    SplitPartition(pass_end_, ctx);
  }
  pass_begin_ = pass_end_;
  // At least one partition, however big (one key's rows: it is charged
  // against the query's limit like any table).
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
