#include "sql/execution/set_operation.h"

#include "sql/execution/aggregate_function.h"
#include "sql/execution/spill_file.h"

namespace basalt::sql {
namespace {

// A hash table entry beyond its key's bytes: node, hash, string header.
constexpr int64_t kEntryOverhead = 64;

}  // namespace

std::string SetOperation::Describe() const {
  switch (operation_) {
    case BoundSetOperation::Kind::kUnion: return all_ ? "Append" : "HashSetOp Union";
    case BoundSetOperation::Kind::kIntersect: return "HashSetOp Intersect";
    case BoundSetOperation::Kind::kExcept: return "HashSetOp Except";
  }
  return "SetOp";
}

const std::string& SetOperation::Encode(const Row& row) {
  key_.clear();
  for (size_t c = 0; c < types_.size(); ++c) AppendGroupKey(row[c], types_[c], &key_);
  return key_;
}

bool SetOperation::Keep(const Row& row, ExecContext& ctx) {
  if (operation_ == BoundSetOperation::Kind::kUnion) {
    if (all_) return true;
    const std::string& key = Encode(row);
    if (returned_.contains(key)) return false;
    if (full_) {
      SpillRow(row, false, ctx);
      return false;
    }
    Remember(key);
    if (memory_.OverWorkMem()) full_ = true;
    return true;
  }
  const std::string& key = Encode(row);
  auto it = right_counts_.find(key);
  if (it == right_counts_.end() && full_) {
    // Its right rows, if any, were spilled: it meets them in its partition.
    SpillRow(row, false, ctx);
    return false;
  }
  const bool in_right = it != right_counts_.end() && it->second > 0;
  if (operation_ == BoundSetOperation::Kind::kIntersect) {
    if (!in_right) return false;
    if (all_) {
      --it->second;  // each right row pairs with one left row
      return true;
    }
    return Remember(key);
  }
  // EXCEPT
  if (in_right) {
    if (all_) --it->second;  // this left row cancels one right row
    return false;
  }
  return all_ || Remember(key);
}

void SetOperation::CountRight(const Row& row, ExecContext& ctx) {
  const std::string& key = Encode(row);
  auto it = right_counts_.find(key);
  if (it == right_counts_.end()) {
    if (full_) {
      SpillRow(row, true, ctx);
      return;
    }
    it = right_counts_.emplace(key, 0).first;
    memory_.Add(static_cast<int64_t>(key.size()) + kEntryOverhead);
    if (memory_.OverWorkMem()) full_ = true;
  }
  ++it->second;
}

bool SetOperation::Remember(const std::string& key) {
  if (!returned_.insert(key).second) return false;
  memory_.Add(static_cast<int64_t>(key.size()) + kEntryOverhead);
  return true;
}

SetOperation::SetOperation(PhysicalOperatorPtr left, PhysicalOperatorPtr right,
                           BoundSetOperation::Kind operation, bool all,
                           const std::vector<DataType>& types)
    : operation_(operation), all_(all), types_(types), memory_(Describe()) {
  children_.push_back(std::move(left));
  children_.push_back(std::move(right));
}

SetOperation::~SetOperation() = default;

bool SetOperation::Next(ExecContext& ctx, RowBatch* batch) {
  batch->clear();
  memory_.Attach(ctx);
  if (operation_ != BoundSetOperation::Kind::kUnion && !counted_) {
    counted_ = true;
    RowBatch right;
    while (children_[1]->Next(ctx, &right)) {
      ctx.CheckForInterrupts();
      for (const Row& row : right) CountRight(row, ctx);
    }
  }
  RowBatch input;
  while (NextInput(ctx, &input)) {
    ctx.CheckForInterrupts();
    for (Row& row : input) {
      if (Keep(row, ctx)) batch->push_back(std::move(row));
    }
    if (!batch->empty()) return true;
  }
  return false;
}

}  // namespace basalt::sql
