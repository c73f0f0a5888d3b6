#include "sql/execution/grouping_sets_aggregate.h"

#include <algorithm>

#include "sql/execution/evaluate.h"
#include "storage/key_codec.h"

namespace basalt::sql {

GroupingSetsAggregate::Group& GroupingSetsAggregate::FindGroup(size_t set, const Row& keys) {
  // The set's number first, so equal keys of different sets (a NULL key
  // and a key outside the set) stay apart.
  key_.clear();
  storage::AppendKeyValue(Value::Int(static_cast<int64_t>(set)), DataType::Of(TypeId::kInt8),
                          &key_);
  for (int k : sets_[set]) AppendGroupKey(keys[k], groups_[k]->type, &key_);
  if (auto it = index_.find(key_); it != index_.end()) return table_[it->second];
  index_.emplace(key_, table_.size());
  Group group;
  group.set = set;
  group.keys.assign(groups_.size(), Value::Null());
  for (int k : sets_[set]) group.keys[k] = keys[k];
  group.states.resize(aggregates_.size());
  table_.push_back(std::move(group));
  return table_.back();
}

void GroupingSetsAggregate::Consume(ExecContext& ctx) {
  // The empty set's group exists without input.
  const Row no_keys(groups_.size(), Value::Null());
  for (size_t s = 0; s < sets_.size(); ++s) {
    if (sets_[s].empty()) FindGroup(s, no_keys);
  }
  Row keys;
  std::vector<Row> args(aggregates_.size());
  std::vector<bool> passes(aggregates_.size());
  Row copy;
  RowBatch input;
  while (children_[0]->Next(ctx, &input)) {
    ctx.CheckForInterrupts();
    for (const Row& row : input) {
      keys.clear();
      for (const BoundExprPtr& g : groups_) keys.push_back(Evaluate(*g, row, &ctx));
      // Each aggregate's inputs once per row, fed to every set's group.
      for (size_t a = 0; a < aggregates_.size(); ++a) {
        const BoundExpr& call = *aggregates_[a];
        passes[a] = call.aggregate != AggregateFunction::kGrouping;
        if (passes[a] && call.has_filter) {
          const Value pass = Evaluate(*call.children.back(), row, &ctx);
          passes[a] = !pass.is_null() && pass.AsBool();
        }
        args[a].clear();
        if (!passes[a]) continue;
        const size_t inputs = call.children.size() - (call.has_filter ? 1 : 0);
        for (size_t i = 0; i < inputs; ++i) {
          args[a].push_back(Evaluate(*call.children[i], row, &ctx));
        }
      }
      for (size_t s = 0; s < sets_.size(); ++s) {
        Group& group = FindGroup(s, keys);
        for (size_t a = 0; a < aggregates_.size(); ++a) {
          if (!passes[a]) continue;
          copy = args[a];
          AccumulateAggregate(*aggregates_[a], copy, &group.states[a]);
        }
      }
    }
  }
  index_.clear();
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
  if (!consumed_) {
    consumed_ = true;
    Consume(ctx);
  }
  while (next_ < table_.size() && batch->size() < kBatchSize) {
    Group& group = table_[next_++];
    Row out = std::move(group.keys);
    out.reserve(out.size() + aggregates_.size());
    for (size_t a = 0; a < aggregates_.size(); ++a) {
      const BoundExpr& call = *aggregates_[a];
      out.push_back(call.aggregate == AggregateFunction::kGrouping
                        ? Value::Int(GroupingMask(call, group.set))
                        : FinishAggregate(call, &group.states[a]));
    }
    group.states.clear();
    group.states.shrink_to_fit();
    batch->push_back(std::move(out));
  }
  return !batch->empty();
}

}  // namespace basalt::sql
