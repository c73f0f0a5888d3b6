#include "sql/execution/set_operation.h"

#include "sql/execution/aggregate_function.h"

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

bool SetOperation::Keep(const Row& row) {
  if (operation_ == BoundSetOperation::Kind::kUnion) {
    return all_ || Remember(Encode(row));
  }
  const std::string& key = Encode(row);
  auto it = right_counts_.find(key);
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

bool SetOperation::Remember(const std::string& key) {
  if (!returned_.insert(key).second) return false;
  memory_.Add(static_cast<int64_t>(key.size()) + kEntryOverhead);
  return true;
}

bool SetOperation::Next(ExecContext& ctx, RowBatch* batch) {
  batch->clear();
  memory_.Attach(ctx);
  const bool union_op = operation_ == BoundSetOperation::Kind::kUnion;
  if (!union_op && !counted_) {
    counted_ = true;
    RowBatch right;
    while (children_[1]->Next(ctx, &right)) {
      ctx.CheckForInterrupts();
      for (const Row& row : right) {
        auto [it, added] = right_counts_.try_emplace(Encode(row), 0);
        ++it->second;
        if (added) memory_.Add(static_cast<int64_t>(it->first.size()) + kEntryOverhead);
      }
    }
  }
  const size_t inputs = union_op ? 2 : 1;
  RowBatch input;
  while (input_ < inputs) {
    if (!children_[input_]->Next(ctx, &input)) {
      ++input_;
      continue;
    }
    ctx.CheckForInterrupts();
    for (Row& row : input) {
      if (Keep(row)) batch->push_back(std::move(row));
    }
    if (!batch->empty()) return true;
  }
  return false;
}

}  // namespace basalt::sql
