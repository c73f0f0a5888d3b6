#include "sql/execution/hash_aggregate.h"

#include "sql/execution/evaluate.h"

namespace basalt::sql {

HashAggregate::Group& HashAggregate::FindGroup(Row keys) {
  std::string encoded;
  for (size_t i = 0; i < keys.size(); ++i) AppendGroupKey(keys[i], groups_[i]->type, &encoded);
  auto [it, inserted] = index_.try_emplace(std::move(encoded), table_.size());
  if (inserted) {
    table_.push_back(Group{std::move(keys), {}});
    table_.back().states.resize(aggregates_.size());
  }
  return table_[it->second];
}

void HashAggregate::Consume(ExecContext& ctx) {
  if (groups_.empty()) FindGroup({});  // one row even without input
  RowBatch input;
  while (children_[0]->Next(ctx, &input)) {
    ctx.CheckForInterrupts();
    for (const Row& row : input) {
      Row keys;
      keys.reserve(groups_.size());
      for (const BoundExprPtr& g : groups_) keys.push_back(Evaluate(*g, row, &ctx));
      Group& group = FindGroup(std::move(keys));
      for (size_t a = 0; a < aggregates_.size(); ++a) {
        const BoundExpr& call = *aggregates_[a];
        Row args;
        args.reserve(call.children.size());
        for (const BoundExprPtr& arg : call.children) args.push_back(Evaluate(*arg, row, &ctx));
        AccumulateAggregate(call, std::move(args), &group.states[a]);
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
