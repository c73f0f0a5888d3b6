#include "sql/execution/merge_join.h"

#include "sql/execution/evaluate.h"

namespace basalt::sql {

MergeJoin::MergeJoin(PhysicalOperatorPtr left, PhysicalOperatorPtr right, JoinType type,
                     const BoundExpr& left_key, const BoundExpr& right_key)
    : type_(type), left_key_(left_key), right_key_(right_key) {
  children_.push_back(std::move(left));
  children_.push_back(std::move(right));
}

bool MergeJoin::AdvanceRight(ExecContext& ctx) {
  if (right_started_) ++right_next_;
  right_started_ = true;
  while (right_next_ == right_.size()) {
    right_next_ = 0;
    if (!children_[1]->Next(ctx, &right_)) {
      right_.clear();
      right_done_ = true;
      return false;
    }
  }
  right_value_ = Evaluate(right_key_, right_[right_next_], &ctx);
  return true;
}

bool MergeJoin::Matches(const Value& key, ExecContext& ctx) {
  if (!right_started_ && !AdvanceRight(ctx)) return false;
  // NULL keys come last and match nothing: past them nothing is left.
  while (!right_done_ && !right_value_.is_null() &&
         CompareValues(right_value_, key, right_key_.type) < 0) {
    AdvanceRight(ctx);
  }
  return !right_done_ && !right_value_.is_null() &&
         CompareValues(right_value_, key, right_key_.type) == 0;
}

bool MergeJoin::Next(ExecContext& ctx, RowBatch* batch) {
  batch->clear();
  while (batch->size() < kBatchSize) {
    if (left_next_ == left_.size()) {
      left_next_ = 0;
      if (left_done_ || !children_[0]->Next(ctx, &left_)) {
        left_done_ = true;
        left_.clear();
        break;
      }
      ctx.CheckForInterrupts();
      continue;
    }
    Row& row = left_[left_next_++];
    const Value key = Evaluate(left_key_, row, &ctx);
    const bool matched = !key.is_null() && Matches(key, ctx);
    if (matched == (type_ == JoinType::kSemi)) batch->push_back(std::move(row));
  }
  return !batch->empty();
}

}  // namespace basalt::sql
