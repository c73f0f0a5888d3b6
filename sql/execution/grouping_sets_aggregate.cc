#include "sql/execution/grouping_sets_aggregate.h"

#include <algorithm>

#include "sql/execution/evaluate.h"

namespace basalt::sql {

// Each input row once per grouping set: the inputs of `aggregates` (a
// FILTER's value first; the other inputs of rows it rejects are NULL, not
// evaluated), the set's number, and the group keys (NULL outside the set).
// Reads the aggregate's own child, which stays its child (EXPLAIN ANALYZE
// finds it there).
class GroupingSetsAggregate::ExpandSets : public PhysicalOperator {
 public:
  ExpandSets(PhysicalOperator& input, const std::vector<const BoundExpr*>& aggregates,
             const std::vector<BoundExprPtr>& groups, const std::vector<std::vector<int>>& sets)
      : input_(input), aggregates_(aggregates), groups_(groups), sets_(sets) {}

  bool saw_input() const { return saw_input_; }

  bool Next(ExecContext& ctx, RowBatch* batch) override {
    batch->clear();
    while (batch->size() + sets_.size() <= kBatchSize || batch->empty()) {
      if (next_ == batch_.size()) {
        next_ = 0;
        if (done_ || !input_.Next(ctx, &batch_)) {
          done_ = true;
          batch_.clear();
          break;
        }
        ctx.CheckForInterrupts();
        continue;
      }
      saw_input_ = true;
      Expand(batch_[next_++], ctx, batch);
    }
    return !batch->empty();
  }
  std::string Describe() const override { return "grouping sets"; }

 private:
  void Expand(const Row& row, ExecContext& ctx, RowBatch* batch) {
    inputs_.clear();
    for (const BoundExpr* call : aggregates_) {
      const size_t first = inputs_.size();
      for (const BoundExprPtr& child : call->children) {
        if (call->has_filter && child == call->children.back()) break;
        inputs_.push_back(Value::Null());
      }
      if (call->has_filter) {
        const Value pass = Evaluate(*call->children.back(), row, &ctx);
        const bool passes = !pass.is_null() && pass.AsBool();
        inputs_.push_back(pass);
        if (!passes) continue;
      }
      for (size_t i = first; i < first + call->children.size() - (call->has_filter ? 1 : 0); ++i) {
        inputs_[i] = Evaluate(*call->children[i - first], row, &ctx);
      }
    }
    keys_.clear();
    for (const BoundExprPtr& g : groups_) keys_.push_back(Evaluate(*g, row, &ctx));
    for (size_t s = 0; s < sets_.size(); ++s) {
      Row expanded;
      expanded.reserve(inputs_.size() + 1 + keys_.size());
      expanded = inputs_;
      expanded.push_back(Value::Int(static_cast<int64_t>(s)));
      const size_t first_key = expanded.size();
      expanded.resize(first_key + keys_.size());
      for (int k : sets_[s]) expanded[first_key + static_cast<size_t>(k)] = keys_[k];
      batch->push_back(std::move(expanded));
    }
  }

  PhysicalOperator& input_;
  const std::vector<const BoundExpr*> aggregates_;
  const std::vector<BoundExprPtr>& groups_;
  const std::vector<std::vector<int>>& sets_;
  RowBatch batch_;
  size_t next_ = 0;
  bool done_ = false;
  bool saw_input_ = false;
  Row inputs_;
  Row keys_;
};

GroupingSetsAggregate::GroupingSetsAggregate(PhysicalOperatorPtr child,
                                             const std::vector<BoundExprPtr>& groups,
                                             const std::vector<BoundExprPtr>& aggregates,
                                             const std::vector<std::vector<int>>& sets)
    : groups_(groups), aggregates_(aggregates), sets_(sets) {
  children_.push_back(std::move(child));
  // The hash aggregate's calls read their inputs where ExpandSets puts
  // them: the calls' children in order, a FILTER last of its call's.
  std::vector<const BoundExpr*> calls;
  int column = 0;
  for (const BoundExprPtr& call : aggregates_) {
    if (call->aggregate == AggregateFunction::kGrouping) continue;
    calls.push_back(call.get());
    BoundExprPtr copy = call->Clone();
    for (BoundExprPtr& input : copy->children) input = BoundExpr::Column(column++, input->type);
    hash_aggregates_.push_back(std::move(copy));
  }
  hash_groups_.push_back(BoundExpr::Column(column, DataType::Of(TypeId::kInt8)));
  for (size_t k = 0; k < groups_.size(); ++k) {
    hash_groups_.push_back(BoundExpr::Column(column + 1 + static_cast<int>(k), groups_[k]->type));
  }
  auto expand = std::make_unique<ExpandSets>(*children_[0], calls, groups_, sets_);
  expand_ = expand.get();
  hash_ = std::make_unique<HashAggregate>(std::move(expand), hash_groups_, hash_aggregates_);
}

GroupingSetsAggregate::~GroupingSetsAggregate() = default;

Row GroupingSetsAggregate::OutputRow(Row group) const {
  const auto set = static_cast<size_t>(group[0].AsInt());
  Row out(std::make_move_iterator(group.begin() + 1),
          std::make_move_iterator(group.begin() + 1 + static_cast<ptrdiff_t>(groups_.size())));
  size_t next_value = 1 + groups_.size();
  for (const BoundExprPtr& call : aggregates_) {
    out.push_back(call->aggregate == AggregateFunction::kGrouping
                      ? Value::Int(GroupingMask(*call, set))
                      : std::move(group[next_value++]));
  }
  return out;
}

Row GroupingSetsAggregate::EmptySetRow(size_t set) const {
  Row out(groups_.size(), Value::Null());
  for (const BoundExprPtr& call : aggregates_) {
    AggregateState none;
    out.push_back(call->aggregate == AggregateFunction::kGrouping
                      ? Value::Int(GroupingMask(*call, set))
                      : FinishAggregate(*call, &none));
  }
  return out;
}

int64_t GroupingSetsAggregate::GroupingMask(const BoundExpr& call, size_t set) const {
  int64_t mask = 0;
  for (const BoundExprPtr& argument : call.children) {
    const int key = static_cast<int>(argument->value.AsInt());
    const bool in_set = std::find(sets_[set].begin(), sets_[set].end(), key) != sets_[set].end();
    mask = (mask << 1) | (in_set ? 0 : 1);
  }
  return mask;
}

bool GroupingSetsAggregate::Next(ExecContext& ctx, RowBatch* batch) {
  batch->clear();
  if (hash_->Next(ctx, &grouped_)) {
    for (Row& group : grouped_) batch->push_back(OutputRow(std::move(group)));
    return true;
  }
  if (expand_->saw_input()) return false;
  // No input: the empty sets' groups alone.
  for (; next_empty_set_ < sets_.size(); ++next_empty_set_) {
    if (sets_[next_empty_set_].empty()) batch->push_back(EmptySetRow(next_empty_set_));
  }
  return !batch->empty();
}

void GroupingSetsAggregate::ReportStats(OperatorStats* stats) const {
  hash_->ReportStats(stats);
}

}  // namespace basalt::sql
