#include "sql/execution/hash_aggregate.h"

#include "sql/execution/evaluate.h"

namespace basalt::sql {

HashAggregate::Group& HashAggregate::FindGroup(const Row& row, ExecContext& ctx) {
  if (groups_.empty()) return table_[0];
  // The key's values and encoding go to buffers reused row after row; a
  // group's own copy is made once, when it first appears.
  key_values_.clear();
  key_.clear();
  for (const BoundExprPtr& g : groups_) {
    key_values_.push_back(Evaluate(*g, row, &ctx));
    AppendGroupKey(key_values_.back(), g->type, &key_);
  }
  if (auto it = index_.find(key_); it != index_.end()) return table_[it->second];
  index_.emplace(key_, table_.size());
  return NewGroup(key_values_);
}

HashAggregate::Group& HashAggregate::NewGroup(Row keys) {
  table_.push_back(Group{std::move(keys), {}});
  table_.back().states.resize(aggregates_.size());
  return table_.back();
}

void HashAggregate::Consume(ExecContext& ctx) {
  if (groups_.empty()) NewGroup({});  // one row even without input
  std::vector<Row> args(aggregates_.size());
  RowBatch input;
  while (children_[0]->Next(ctx, &input)) {
    ctx.CheckForInterrupts();
    for (const Row& row : input) {
      Group& group = FindGroup(row, ctx);
      for (size_t a = 0; a < aggregates_.size(); ++a) {
        const BoundExpr& call = *aggregates_[a];
        // FILTER (WHERE ...): only the rows it is true for.
        if (call.has_filter) {
          const Value pass = Evaluate(*call.children.back(), row, &ctx);
          if (pass.is_null() || !pass.AsBool()) continue;
        }
        // The arguments, then the ORDER BY keys.
        const size_t inputs = call.children.size() - (call.has_filter ? 1 : 0);
        args[a].clear();
        for (size_t i = 0; i < inputs; ++i)
          args[a].push_back(Evaluate(*call.children[i], row, &ctx));
        AccumulateAggregate(call, args[a], &group.states[a]);
      }
    }
  }
  index_.clear();  // only the groups are needed from here on
}

bool HashAggregate::Next(ExecContext& ctx, RowBatch* batch) {
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
      out.push_back(FinishAggregate(*aggregates_[a], &group.states[a]));
    }
    group.states.clear();
    group.states.shrink_to_fit();
    batch->push_back(std::move(out));
  }
  return !batch->empty();
}

}  // namespace basalt::sql
