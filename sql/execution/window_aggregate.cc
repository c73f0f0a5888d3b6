#include "sql/execution/window_aggregate.h"

#include <fmt/format.h>

#include "common/error.h"
#include "common/numeric.h"
#include "sql/execution/aggregate_function.h"
#include "sql/execution/evaluate.h"

namespace basalt::sql {

namespace {

bool SameValues(const Row& a, const Row& b, const std::vector<BoundExprPtr>& exprs, size_t first) {
  for (size_t k = 0; k < a.size(); ++k) {
    if (a[k].is_null() || b[k].is_null()) {
      if (a[k].is_null() != b[k].is_null()) return false;
      continue;
    }
    if (CompareValues(a[k], b[k], exprs[first + k]->type) != 0) return false;
  }
  return true;
}

}  // namespace

void WindowAggregate::PrepareFrame(ExecContext& ctx) {
  const BoundExpr& call = *functions_[0];
  const BoundWindow& w = call.window;
  auto offset = [&](bool has, size_t child, const char* which) {
    if (!has) return Value::Null();
    Value v = Evaluate(*call.children[child], Row{}, &ctx);
    if (v.is_null()) {
      throw Error(sqlstate::kNullValueNotAllowed,
                  fmt::format("frame {} offset must not be null", which));
    }
    // RANGE offsets are checked by the in_range comparison, on the first row.
    if (w.mode != FrameMode::kRange && v.AsInt() < 0) {
      throw Error(sqlstate::kInvalidPrecedingOrFollowingSize,
                  fmt::format("frame {} offset must not be negative", which));
    }
    return v;
  };
  Value start = offset(BoundWindow::HasOffset(w.start), w.StartOffset(), "starting");
  Value end = offset(BoundWindow::HasOffset(w.end), w.EndOffset(), "ending");
  const DataType range_type = w.order.empty() ? DataType() : call.children[w.OrderBegin()]->type;
  frame_.emplace(w, std::move(start), std::move(end), range_type);
}

bool WindowAggregate::ReadPartition(ExecContext& ctx) {
  rows_.clear();
  rows_next_ = 0;
  memory_.Attach(ctx);
  memory_.ReleaseAll();
  const BoundWindow& w = window();
  const BoundExpr& call = *functions_[0];
  Row keys;
  while (true) {
    if (input_next_ == input_.size()) {
      if (input_done_) break;
      input_next_ = 0;
      if (!children_[0]->Next(ctx, &input_)) {
        input_done_ = true;
        break;
      }
      ctx.CheckForInterrupts();
      continue;
    }
    Row& row = input_[input_next_];
    keys.clear();
    for (size_t k = 0; k < w.partition_count; ++k) {
      keys.push_back(Evaluate(*call.children[w.PartitionBegin() + k], row, &ctx));
    }
    if (rows_.empty()) {
      partition_keys_ = keys;
    } else if (!SameValues(keys, partition_keys_, call.children, w.PartitionBegin())) {
      break;  // the row starts the next partition
    }
    memory_.Add(RowMemory(row));
    rows_.push_back(std::move(row));
    ++input_next_;
  }
  return !rows_.empty();
}

void WindowAggregate::ComputePartition(ExecContext& ctx) {
  const BoundWindow& w = window();
  const BoundExpr& first = *functions_[0];
  std::vector<DataType> key_types;
  for (size_t k = 0; k < w.order.size(); ++k) {
    key_types.push_back(first.children[w.OrderBegin() + k]->type);
  }
  std::vector<Value> order_keys;
  order_keys.reserve(rows_.size() * w.order.size());
  for (const Row& row : rows_) {
    for (size_t k = 0; k < w.order.size(); ++k) {
      order_keys.push_back(Evaluate(*first.children[w.OrderBegin() + k], row, &ctx));
    }
  }
  const bool range_offsets = w.mode == FrameMode::kRange &&
                             (BoundWindow::HasOffset(w.start) || BoundWindow::HasOffset(w.end));
  if (range_offsets) frame_->CheckRangeOffsets();
  const WindowPartition partition =
      MakeWindowPartition(w, rows_.size(), order_keys, key_types, range_offsets);
  // Each call appends its value to every row, in the calls' order.
  for (const BoundExprPtr& call : functions_) {
    switch (call->window_function) {
      case WindowFunction::kRowNumber:
      case WindowFunction::kRank:
      case WindowFunction::kDenseRank:
      case WindowFunction::kPercentRank:
      case WindowFunction::kCumeDist:
      case WindowFunction::kNtile: ComputeRanking(*call, partition, ctx); break;
      case WindowFunction::kLag:
      case WindowFunction::kLead: ComputeOffset(*call, ctx); break;
      case WindowFunction::kFirstValue:
      case WindowFunction::kLastValue:
      case WindowFunction::kNthValue: ComputeFrameValue(*call, partition, ctx); break;
      case WindowFunction::kAggregate: ComputeAggregate(*call, partition, ctx); break;
    }
  }
}

void WindowAggregate::ComputeRanking(const BoundExpr& call, const WindowPartition& p,
                                     ExecContext& ctx) {
  const size_t n = rows_.size();
  // ntile: PostgreSQL's bucket walk, started at the first row whose
  // argument is not NULL.
  bool ntile_started = false;
  int64_t ntile = 0;
  int64_t rows_per_bucket = 0;
  int64_t boundary = 0;
  int64_t remainder = 0;
  for (size_t i = 0; i < n; ++i) {
    Value v;
    switch (call.window_function) {
      case WindowFunction::kRowNumber: v = Value::Int(static_cast<int64_t>(i + 1)); break;
      case WindowFunction::kRank: v = Value::Int(static_cast<int64_t>(p.peer_start[i] + 1)); break;
      case WindowFunction::kDenseRank:
        v = Value::Int(static_cast<int64_t>(p.group_of[i] + 1));
        break;
      case WindowFunction::kPercentRank:
        v = Value::Float(n > 1 ? static_cast<double>(p.peer_start[i]) / static_cast<double>(n - 1)
                               : 0.0);
        break;
      case WindowFunction::kCumeDist:
        v = Value::Float(static_cast<double>(p.peer_end[i]) / static_cast<double>(n));
        break;
      default: {  // ntile
        if (!ntile_started) {
          const Value buckets = Evaluate(*call.children[0], rows_[i], &ctx);
          if (buckets.is_null()) {
            rows_[i].push_back(Value::Null());
            continue;
          }
          if (buckets.AsInt() <= 0) {
            throw Error(sqlstate::kInvalidArgumentForNtile,
                        "argument of ntile must be greater than zero");
          }
          const auto total = static_cast<int64_t>(n);
          boundary = total / buckets.AsInt();
          if (boundary <= 0) {
            boundary = 1;
          } else {
            remainder = total % buckets.AsInt();
            if (remainder != 0) ++boundary;
          }
          ntile = 1;
          ntile_started = true;
        }
        if (++rows_per_bucket > boundary) {
          if (remainder != 0 && ntile == remainder) {
            remainder = 0;
            boundary -= 1;
          }
          ++ntile;
          rows_per_bucket = 1;
        }
        v = Value::Int(ntile);
        break;
      }
    }
    rows_[i].push_back(std::move(v));
  }
}

void WindowAggregate::ComputeOffset(const BoundExpr& call, ExecContext& ctx) {
  const size_t n = rows_.size();
  std::vector<Value> values;
  values.reserve(n);
  for (const Row& row : rows_) values.push_back(Evaluate(*call.children[0], row, &ctx));
  const bool lag = call.window_function == WindowFunction::kLag;
  for (size_t i = 0; i < n; ++i) {
    int64_t offset = 1;
    if (call.window.arg_count >= 2) {
      const Value v = Evaluate(*call.children[1], rows_[i], &ctx);
      if (v.is_null()) {
        rows_[i].push_back(Value::Null());
        continue;
      }
      offset = v.AsInt();
    }
    const Int128 target = lag ? Int128(i) - offset : Int128(i) + offset;
    if (target >= 0 && target < Int128(n)) {
      rows_[i].push_back(values[static_cast<size_t>(target)]);
    } else if (call.window.arg_count == 3) {
      rows_[i].push_back(Evaluate(*call.children[2], rows_[i], &ctx));
    } else {
      rows_[i].push_back(Value::Null());
    }
  }
}

void WindowAggregate::ComputeFrameValue(const BoundExpr& call, const WindowPartition& p,
                                        ExecContext& ctx) {
  const size_t n = rows_.size();
  std::vector<Value> values;
  values.reserve(n);
  for (const Row& row : rows_) values.push_back(Evaluate(*call.children[0], row, &ctx));
  for (size_t i = 0; i < n; ++i) {
    const FrameRows frame = frame_->Rows(p, i);
    size_t index = 0;
    bool found = !frame.Empty();
    switch (call.window_function) {
      case WindowFunction::kFirstValue:
        if (found) index = frame.At(0);
        break;
      case WindowFunction::kLastValue:
        if (found) index = frame.Last();
        break;
      default: {  // nth_value
        const Value nth = Evaluate(*call.children[1], rows_[i], &ctx);
        if (nth.is_null()) {
          found = false;
          break;
        }
        if (nth.AsInt() <= 0) {
          throw Error(sqlstate::kInvalidArgumentForNthValue,
                      "argument of nth_value must be greater than zero");
        }
        const auto k = static_cast<size_t>(nth.AsInt());
        found = k <= frame.Count();
        if (found) index = frame.At(k - 1);
        break;
      }
    }
    rows_[i].push_back(found ? values[index] : Value::Null());
  }
}

void WindowAggregate::ComputeAggregate(const BoundExpr& call, const WindowPartition& p,
                                       ExecContext& ctx) {
  const BoundExpr& aggregate = *call.children[0];
  const size_t n = rows_.size();
  const size_t inputs = aggregate.children.size() - (aggregate.has_filter ? 1 : 0);
  // Each row's arguments, once; rows FILTER rejects take no part.
  std::vector<Row> args(n);
  std::vector<bool> passes(n, true);
  for (size_t j = 0; j < n; ++j) {
    if (aggregate.has_filter) {
      const Value pass = Evaluate(*aggregate.children.back(), rows_[j], &ctx);
      passes[j] = !pass.is_null() && pass.AsBool();
      if (!passes[j]) continue;
    }
    for (size_t a = 0; a < inputs; ++a) {
      args[j].push_back(Evaluate(*aggregate.children[a], rows_[j], &ctx));
    }
  }
  auto aggregate_rows = [&](const FrameRows& frame) {
    AggregateState state;
    for (size_t r = 0; r < frame.run_count; ++r) {
      for (size_t j = frame.runs[r].first; j < frame.runs[r].second; ++j) {
        if (!passes[j]) continue;
        Row copy = args[j];
        AccumulateAggregate(aggregate, copy, &state);
      }
    }
    return FinishAggregate(aggregate, &state);
  };
  Value value;
  if (frame_->IsGrowingPrefix()) {
    // The frame only grows: one state, fed each row once.
    AggregateState state;
    size_t fed = 0;
    bool computed = false;
    for (size_t i = 0; i < n; ++i) {
      const size_t end = frame_->Bounds(p, i).second;
      if (end < fed) {  // not a prefix after all: aggregate this frame alone
        FrameRows frame;
        frame.runs[0] = {0, end};
        frame.run_count = 1;
        rows_[i].push_back(aggregate_rows(frame));
        computed = false;
        continue;
      }
      if (!computed || end > fed) {
        for (; fed < end; ++fed) {
          if (passes[fed]) AccumulateAggregate(aggregate, args[fed], &state);
        }
        value = AggregateValueSoFar(aggregate, state);
        computed = true;
      }
      rows_[i].push_back(value);
    }
    return;
  }
  FrameRows previous;
  bool computed = false;
  for (size_t i = 0; i < n; ++i) {
    ctx.CheckForInterrupts();
    const FrameRows frame = frame_->Rows(p, i);
    if (!computed || !(frame == previous)) {
      value = aggregate_rows(frame);
      previous = frame;
      computed = true;
    }
    rows_[i].push_back(value);
  }
}

bool WindowAggregate::Next(ExecContext& ctx, RowBatch* batch) {
  batch->clear();
  if (!frame_) PrepareFrame(ctx);
  while (batch->size() < kBatchSize) {
    if (rows_next_ < rows_.size()) {
      batch->push_back(std::move(rows_[rows_next_++]));
      continue;
    }
    if (!ReadPartition(ctx)) break;
    ComputePartition(ctx);
  }
  return !batch->empty();
}

}  // namespace basalt::sql
