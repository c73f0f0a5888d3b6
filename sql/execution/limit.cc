#include "sql/execution/limit.h"

#include "common/error.h"
#include "sql/execution/aggregate_function.h"
#include "sql/execution/evaluate.h"

namespace basalt::sql {

bool Limit::Next(ExecContext& ctx, RowBatch* batch) {
  batch->clear();
  if (!started_) {
    started_ = true;
    static const Row kNoInput;
    if (limit_expr_ != nullptr) {
      Value v = Evaluate(*limit_expr_, kNoInput, &ctx);
      if (!v.is_null()) {
        if (v.AsInt() < 0) {
          throw Error(sqlstate::kInvalidRowCountInLimitClause, "LIMIT must not be negative");
        }
        remaining_ = v.AsInt();
      }
    }
    if (offset_expr_ != nullptr) {
      Value v = Evaluate(*offset_expr_, kNoInput, &ctx);
      if (!v.is_null()) {
        if (v.AsInt() < 0) {
          throw Error(sqlstate::kInvalidRowCountInResultOffsetClause,
                      "OFFSET must not be negative");
        }
        to_skip_ = v.AsInt();
      }
    }
  }
  if (in_ties_) return NextTies(ctx, batch);
  while (remaining_ != 0 && children_[0]->Next(ctx, batch)) {
    size_t begin = 0;
    if (to_skip_ > 0) {
      begin = static_cast<size_t>(std::min<int64_t>(to_skip_, batch->size()));
      to_skip_ -= static_cast<int64_t>(begin);
    }
    size_t end = batch->size();
    if (remaining_ >= 0 && static_cast<int64_t>(end - begin) > remaining_) {
      end = begin + static_cast<size_t>(remaining_);
    }
    if (remaining_ >= 0) remaining_ -= static_cast<int64_t>(end - begin);
    if (remaining_ == 0 && !ties_.empty() && end > begin) {
      // The limit's last row: the rest of this batch may tie with it.
      in_ties_ = true;
      last_key_ = TieKey(ctx, (*batch)[end - 1]);
      while (end < batch->size() && TieKey(ctx, (*batch)[end]) == last_key_) ++end;
      tied_all_ = end == batch->size();
    }
    batch->erase(batch->begin() + end, batch->end());
    batch->erase(batch->begin(), batch->begin() + begin);
    if (!batch->empty()) return true;
  }
  batch->clear();
  return false;
}

std::string Limit::TieKey(ExecContext& ctx, const Row& row) const {
  std::string key;
  for (const BoundExprPtr& k : ties_) AppendGroupKey(Evaluate(*k, row, &ctx), k->type, &key);
  return key;
}

bool Limit::NextTies(ExecContext& ctx, RowBatch* batch) {
  // Reads on only while every row so far tied.
  batch->clear();
  if (!tied_all_ || !children_[0]->Next(ctx, batch)) {
    batch->clear();
    return false;
  }
  size_t end = 0;
  while (end < batch->size() && TieKey(ctx, (*batch)[end]) == last_key_) ++end;
  tied_all_ = end == batch->size();
  batch->resize(end);
  return !batch->empty();
}

}  // namespace basalt::sql
