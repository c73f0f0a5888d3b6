#include "sql/execution/hash_aggregate.h"

#include "sql/execution/evaluate.h"
#include "sql/execution/spill_file.h"

namespace basalt::sql {

HashAggregate::HashAggregate(PhysicalOperatorPtr child, const std::vector<BoundExprPtr>& groups,
                             const std::vector<BoundExprPtr>& aggregates)
    : groups_(groups),
      aggregates_(aggregates),
      integer_key_(groups.size() == 1 && groups[0]->type.IsInteger()) {
  children_.push_back(std::move(child));
}

HashAggregate::~HashAggregate() = default;

HashAggregate::Group& HashAggregate::NewGroup(Row keys) {
  table_.push_back(Group{std::move(keys), {}});
  table_.back().states.resize(aggregates_.size());
  return table_.back();
}

void HashAggregate::Accumulate(Group& group, const Row& row, ExecContext& ctx) {
  for (size_t a = 0; a < aggregates_.size(); ++a) {
    const BoundExpr& call = *aggregates_[a];
    // FILTER (WHERE ...): only the rows it is true for.
    if (call.has_filter) {
      const Value pass = Evaluate(*call.children.back(), row, &ctx);
      if (pass.is_null() || !pass.AsBool()) continue;
    }
    // The arguments, then the ORDER BY keys.
    const size_t inputs = call.children.size() - (call.has_filter ? 1 : 0);
    // Assigned over the last row's arguments (AccumulateAggregate may have
    // moved them away): a column's value is copied once, not evaluated
    // into a temporary first.
    args_.resize(inputs);
    for (size_t i = 0; i < inputs; ++i) {
      const BoundExpr& arg = *call.children[i];
      if (arg.kind == BoundExprKind::kColumn) {
        args_[i] = row[static_cast<size_t>(arg.column_index)];
      } else {
        args_[i] = Evaluate(arg, row, &ctx);
      }
    }
    memory_.Add(AccumulateAggregate(call, args_, &group.states[a]));
  }
}

const Value& HashAggregate::GroupValue(size_t i, const Row& row, ExecContext& ctx) {
  const BoundExpr& g = *groups_[i];
  if (g.kind == BoundExprKind::kColumn) return row[static_cast<size_t>(g.column_index)];
  key_values_[i] = Evaluate(g, row, &ctx);
  return key_values_[i];
}

void HashAggregate::ConsumeRow(const Row& row, ExecContext& ctx) {
  if (groups_.empty()) {
    Accumulate(table_[0], row, ctx);
    return;
  }
  // Each key is read once per row (GroupValue), then compared with the
  // last row's group or encoded.
  key_values_.resize(groups_.size());
  keys_.resize(groups_.size());
  for (size_t i = 0; i < groups_.size(); ++i) keys_[i] = &GroupValue(i, row, ctx);
  if (last_group_ != kNoGroup && SameKeysAsGroup(table_[last_group_])) {
    Accumulate(table_[last_group_], row, ctx);
    return;
  }
  // The key's encoding goes to a buffer reused row after row; a group's
  // own copy of the values is made once, when it first appears. One
  // non-NULL integer key is looked up by its value and encoded only for a
  // new group or a spilled row.
  key_.clear();
  if (integer_key_) {
    if (!keys_[0]->is_null()) {
      if (auto it = integer_index_.find(keys_[0]->AsInt()); it != integer_index_.end()) {
        last_group_ = it->second;
        Accumulate(table_[it->second], row, ctx);
        return;
      }
    }
    AppendGroupKey(*keys_[0], groups_[0]->type, &key_);
  } else {
    for (size_t i = 0; i < groups_.size(); ++i) AppendGroupKey(*keys_[i], groups_[i]->type, &key_);
  }
  if (auto it = index_.find(key_); it != index_.end()) {
    last_group_ = it->second;
    Accumulate(table_[it->second], row, ctx);
    return;
  }
  if (table_full_) {
    SpillRow(row, ctx);
    return;
  }
  Row keys;
  keys.reserve(groups_.size());
  for (size_t i = 0; i < groups_.size(); ++i) {
    const BoundExpr& g = *groups_[i];
    if (g.kind == BoundExprKind::kColumn) {
      keys.push_back(row[static_cast<size_t>(g.column_index)]);
    } else {
      keys.push_back(std::move(key_values_[i]));
    }
  }
  memory_.Add(
      RowMemory(keys) + 2 * static_cast<int64_t>(key_.size()) +
      static_cast<int64_t>(sizeof(Group) + 64 + aggregates_.size() * sizeof(AggregateState)));
  if (integer_key_ && !keys[0].is_null()) {
    integer_index_.emplace(keys[0].AsInt(), table_.size());
  } else {
    index_.emplace(key_, table_.size());
  }
  last_group_ = table_.size();
  Accumulate(NewGroup(std::move(keys)), row, ctx);
  if (memory_.OverWorkMem()) table_full_ = true;
}

bool HashAggregate::SameKeysAsGroup(const Group& group) const {
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (!SameGroupKey(*keys_[i], group.keys[i])) return false;
  }
  return true;
}

bool HashAggregate::Consume(ExecContext& ctx, const std::atomic<bool>* stop) {
  memory_.Attach(ctx);
  if (groups_.empty()) NewGroup({});  // one row even without input
  auto stopped = [stop] { return stop != nullptr && stop->load(std::memory_order_relaxed); };
  RowBatch input;
  while (!stopped() && children_[0]->Next(ctx, &input)) {
    ctx.CheckForInterrupts();
    for (const Row& row : input) {
      ConsumeRow(row, ctx);
      // A participant does not spill: past work_mem it gives up.
      if (stop != nullptr && table_full_) return false;
    }
  }
  index_.clear();  // only the groups are needed from here on
  integer_index_.clear();
  return !stopped();
}

bool HashAggregate::ConsumePartial(ExecContext& ctx, const std::atomic<bool>& stop) {
  return Consume(ctx, &stop);
}

void HashAggregate::ReportStats(OperatorStats* stats) const {
  if (groups_.empty()) return;  // a plain Aggregate holds one group
  stats->hash_aggregate = true;
  stats->aggregate_batches = batches_;
  stats->aggregate_memory_kb = KiloBytes(memory_.peak());
  stats->aggregate_disk_kb = KiloBytes(static_cast<int64_t>(memory_.spill().bytes));
}

bool HashAggregate::Next(ExecContext& ctx, RowBatch* batch) {
  batch->clear();
  if (!consumed_) {
    consumed_ = true;
    Consume(ctx, nullptr);
  }
  while (batch->empty()) {
    if (next_ >= table_.size() && !AggregateNextPartition(ctx)) return false;
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
  }
  return true;
}

}  // namespace basalt::sql
