#include "sql/execution/join.h"

#include <algorithm>

#include "sql/execution/aggregate_function.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/spill_file.h"
#include "sql/execution/subquery.h"
#include "sql/planner/planner.h"

namespace basalt::sql {

JoinOperator::JoinOperator(PhysicalOperatorPtr left, PhysicalOperatorPtr right, JoinType type,
                           const BoundExpr* condition, int left_width, int right_width)
    : type_(type),
      first_match_only_(type == JoinType::kSemi || type == JoinType::kAnti),
      condition_(condition),
      left_width_(left_width),
      right_width_(right_width) {
  children_.push_back(std::move(left));
  if (right != nullptr) children_.push_back(std::move(right));  // null: LateralJoin
}

bool JoinOperator::TryPair(const Row& left, size_t index, ExecContext& ctx) {
  // Many pairs can come of few left rows: check now and then, not per pair.
  if ((++pairs_tried_ & 1023) == 0) ctx.CheckForInterrupts();
  const Row& right = right_rows_[index];
  if (first_match_only_) {
    // Semi and anti joins return left rows: a pair is built only to test.
    if (condition_ != nullptr) {
      combined_.clear();
      combined_.insert(combined_.end(), left.begin(), left.end());
      combined_.insert(combined_.end(), right.begin(), right.end());
      if (!EvaluatePredicate(*condition_, combined_, &ctx)) {
        ++rows_removed_by_join_filter_;
        return false;
      }
    }
    if (!right_matched_.empty()) right_matched_[index] = true;
    return true;
  }
  // The pair is built where it is returned from, and tested there.
  Row& pair = NewPendingRow();
  pair.resize(left.size() + right.size());
  std::copy(left.begin(), left.end(), pair.begin());
  std::copy(right.begin(), right.end(), pair.begin() + static_cast<std::ptrdiff_t>(left.size()));
  if (condition_ != nullptr && !EvaluatePredicate(*condition_, pair, &ctx)) {
    --pending_size_;  // its storage stays for the next row
    ++rows_removed_by_join_filter_;
    return false;
  }
  if (!right_matched_.empty()) right_matched_[index] = true;
  return true;
}

Row& JoinOperator::NewPendingRow() {
  if (pending_size_ == pending_.size()) pending_.emplace_back();
  return pending_[pending_size_++];
}

bool JoinOperator::Next(ExecContext& ctx, RowBatch* batch) {
  const bool track_matches = type_ == JoinType::kRight || type_ == JoinType::kFull;
  if (!built_) {
    built_ = true;
    Build(ctx);
    if (track_matches) right_matched_.assign(right_rows_.size(), false);
  }
  const bool keep_left = type_ == JoinType::kLeft || type_ == JoinType::kFull;
  for (;;) {
    while (pending_next_ >= pending_size_ && !left_done_) {
      pending_size_ = 0;  // the rows stay, to be filled again
      pending_next_ = 0;
      if (!NextLeft(ctx, &input_)) {
        left_done_ = true;
        break;
      }
      ctx.CheckForInterrupts();
      for (const Row& left : input_) {
        if (first_match_only_) {
          // Only whether the left row has a match (Probe adds no pairs).
          if (Probe(left, ctx) == (type_ == JoinType::kSemi)) NewPendingRow() = left;
          continue;
        }
        if (!Probe(left, ctx) && keep_left) {
          Row& row = NewPendingRow();
          row = left;
          row.resize(static_cast<size_t>(left_width_ + right_width_));
        }
      }
    }
    if (pending_next_ < pending_size_) {
      if (pending_next_ == 0 && pending_size_ <= kBatchSize) {
        // All pending rows fit one batch: hand them over whole, and keep
        // the rows the caller handed back to fill next.
        batch->swap(pending_);
        batch->resize(pending_size_);
        pending_next_ = pending_size_;
        return true;
      }
      batch->clear();
      const size_t n = std::min(kBatchSize, pending_size_ - pending_next_);
      for (size_t i = 0; i < n; ++i) batch->push_back(std::move(pending_[pending_next_ + i]));
      pending_next_ += n;
      return true;
    }
    // The right rows no left row matched.
    batch->clear();
    while (unmatched_next_ < right_matched_.size() && batch->size() < kBatchSize) {
      const size_t i = unmatched_next_++;
      if (right_matched_[i]) continue;
      Row row(static_cast<size_t>(left_width_));
      row.insert(row.end(), right_rows_[i].begin(), right_rows_[i].end());
      batch->push_back(std::move(row));
    }
    if (!batch->empty()) return true;
    if (!NextPass(ctx)) return false;
    left_done_ = false;
    unmatched_next_ = 0;
    if (track_matches) right_matched_.assign(right_rows_.size(), false);
  }
}

void NestedLoopJoin::Build(ExecContext& ctx) {
  memory_.Attach(ctx);
  RowBatch input;
  while (children_[1]->Next(ctx, &input)) {
    ctx.CheckForInterrupts();
    for (Row& row : input) {
      memory_.Add(RowMemory(row));
      right_rows_.push_back(std::move(row));
    }
  }
}

bool NestedLoopJoin::Probe(const Row& left, ExecContext& ctx) {
  bool matched = false;
  for (size_t i = 0; i < right_rows_.size() && !(matched && first_match_only_); ++i) {
    if ((i & 1023) == 1023) ctx.CheckForInterrupts();
    matched = TryPair(left, i, ctx) || matched;
  }
  return matched;
}

LateralJoin::LateralJoin(PhysicalOperatorPtr left, const LogicalOperator& right, JoinType type,
                         const std::vector<BoundExprPtr>& lateral_values,
                         const BoundExpr* condition, int left_width, int right_width, bool memoize)
    : JoinOperator(std::move(left), nullptr, type, condition, left_width, right_width),
      right_plan_(right),
      lateral_values_(lateral_values),
      memoize_(memoize) {}

void LateralJoin::ReadRight(std::vector<Value>& values, ExecContext& ctx) {
  OuterValuesFrame frame(&ctx, &values);
  PhysicalOperatorPtr right = CreatePhysicalPlan(right_plan_, ctx.instrumentation);
  RowBatch batch;
  while (right->Next(ctx, &batch)) {
    for (Row& row : batch) right_rows_.push_back(std::move(row));
  }
}

bool LateralJoin::Probe(const Row& left, ExecContext& ctx) {
  std::vector<Value> values;
  values.reserve(lateral_values_.size());
  for (const BoundExprPtr& v : lateral_values_) values.push_back(Evaluate(*v, left, &ctx));
  std::pair<size_t, size_t> rows;  // [begin, end) in right_rows_
  if (!memoize_) {
    right_rows_.clear();
    ReadRight(values, ctx);
    rows = {0, right_rows_.size()};
  } else {
    std::string key;
    for (size_t i = 0; i < values.size(); ++i) {
      AppendGroupKey(values[i], lateral_values_[i]->type, &key);
    }
    auto found = memo_.find(key);
    if (found != memo_.end()) {
      rows = found->second;
    } else {
      if (right_rows_.size() > kMaxMemoRows) {
        memo_.clear();
        right_rows_.clear();
      }
      const size_t begin = right_rows_.size();
      ReadRight(values, ctx);
      rows = {begin, right_rows_.size()};
      memo_.emplace(std::move(key), rows);
    }
  }
  bool matched = false;
  for (size_t i = rows.first; i < rows.second; ++i) matched = TryPair(left, i, ctx) || matched;
  return matched;
}

void HashJoin::ReadKeys(const std::vector<BoundExprPtr>& keys, const Row& row, ExecContext& ctx) {
  evaluated_keys_.resize(keys.size());
  key_refs_.resize(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    // A column key is read where it is, not copied.
    const BoundExpr& k = *keys[i];
    if (k.kind == BoundExprKind::kColumn) {
      key_refs_[i] = &row[static_cast<size_t>(k.column_index)];
    } else {
      evaluated_keys_[i] = Evaluate(k, row, &ctx);
      key_refs_[i] = &evaluated_keys_[i];
    }
  }
}

bool HashJoin::EncodeReadKeys(const std::vector<BoundExprPtr>& keys) {
  key_.clear();
  for (size_t i = 0; i < keys.size(); ++i) {
    if (key_refs_[i]->is_null()) return false;
    AppendGroupKey(*key_refs_[i], keys[i]->type, &key_);
  }
  return true;
}

bool HashJoin::EncodeKey(const std::vector<BoundExprPtr>& keys, const Row& row, ExecContext& ctx) {
  ReadKeys(keys, row, ctx);
  return EncodeReadKeys(keys);
}

bool HashJoin::SameKeysAsLastProbe() const {
  if (!has_last_probe_) return false;
  for (size_t i = 0; i < key_refs_.size(); ++i) {
    if (!SameGroupKey(*key_refs_[i], last_probe_keys_[i])) return false;
  }
  return true;
}

void HashJoin::FindMatches() {
  has_last_probe_ = true;
  last_probe_keys_.resize(key_refs_.size());
  for (size_t i = 0; i < key_refs_.size(); ++i) last_probe_keys_[i] = *key_refs_[i];
  matches_.clear();
  if (!EncodeReadKeys(left_keys_)) return;  // a NULL key matches nothing
  auto [begin, end] = table_.equal_range(key_);
  for (auto it = begin; it != end; ++it) matches_.push_back(it->second);
}

HashJoin::HashJoin(PhysicalOperatorPtr left, PhysicalOperatorPtr right, JoinType type,
                   const std::vector<BoundExprPtr>& left_keys,
                   const std::vector<BoundExprPtr>& right_keys, const BoundExpr* condition,
                   int left_width, int right_width)
    : JoinOperator(std::move(left), std::move(right), type, condition, left_width, right_width),
      left_keys_(left_keys),
      right_keys_(right_keys) {}

HashJoin::~HashJoin() = default;

void HashJoin::AddRight(Row row, ExecContext& ctx) {
  // Rows with a NULL key match nothing, but a right or full join still
  // returns them.
  const bool has_key = EncodeKey(right_keys_, row, ctx);
  memory_.Add(RowMemory(row) + (has_key ? static_cast<int64_t>(key_.size()) + 64 : 0));
  if (has_key) table_.emplace(key_, right_rows_.size());
  right_rows_.push_back(std::move(row));
}

void HashJoin::Build(ExecContext& ctx) {
  memory_.Attach(ctx);
  RowBatch input;
  while (children_[1]->Next(ctx, &input)) {
    ctx.CheckForInterrupts();
    for (Row& row : input) {
      if (!partitions_.empty()) {
        SpillRow(right_keys_, row, true, ctx);
        continue;
      }
      AddRight(std::move(row), ctx);
      if (memory_.OverWorkMem()) StartPartitioning(ctx);
    }
  }
  max_buckets_ = std::max(max_buckets_, table_.bucket_count());
  if (partitions_.empty()) return;
  // Spilled: the left rows go to the same partitions, then pass by pass.
  while (children_[0]->Next(ctx, &input)) {
    ctx.CheckForInterrupts();
    for (const Row& row : input) SpillRow(left_keys_, row, false, ctx);
  }
  LoadPass(ctx);
}

void HashJoin::ReportStats(OperatorStats* stats) const {
  JoinOperator::ReportStats(stats);
  stats->hash_table = true;
  stats->hash_buckets = std::max(max_buckets_, table_.bucket_count());
  stats->hash_batches = partitions_.empty() ? 1 : partitions_.size();
  stats->original_hash_batches = 1;
  stats->hash_memory_kb = KiloBytes(memory_.peak());
}

bool HashJoin::Probe(const Row& left, ExecContext& ctx) {
  ReadKeys(left_keys_, left, ctx);
  if (!SameKeysAsLastProbe()) FindMatches();
  bool matched = false;
  for (size_t i = 0; i < matches_.size() && !(matched && first_match_only_); ++i) {
    matched = TryPair(left, matches_[i], ctx) || matched;
  }
  return matched;
}

}  // namespace basalt::sql
