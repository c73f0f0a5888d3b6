#include "sql/execution/window_aggregate.h"

#include <fmt/format.h>

#include "common/error.h"
#include "common/numeric.h"
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

// The values a call reads of rows other than the current one, kept in
// every stored row: the argument of lag / lead / first_value / last_value /
// nth_value; an aggregate's FILTER result and arguments.
size_t StoredArgumentCount(const BoundExpr& call) {
  switch (call.window_function) {
    case WindowFunction::kLag:
    case WindowFunction::kLead:
    case WindowFunction::kFirstValue:
    case WindowFunction::kLastValue:
    case WindowFunction::kNthValue: return 1;
    case WindowFunction::kAggregate: return call.children[0]->children.size();
    default: return 0;
  }
}

bool PassesFilter(const Value& pass) {
  return !pass.is_null() && pass.AsBool();
}

}  // namespace

WindowAggregate::WindowAggregate(PhysicalOperatorPtr child,
                                 const std::vector<BoundExprPtr>& functions)
    : functions_(functions) {
  children_.push_back(std::move(child));
  input_begin_ = window().order.size();
  calls_.resize(functions_.size());
  for (size_t c = 0; c < functions_.size(); ++c) {
    calls_[c].stored_begin = input_begin_;
    input_begin_ += StoredArgumentCount(*functions_[c]);
  }
}

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
  std::vector<DataType> key_types;
  for (size_t k = 0; k < w.order.size(); ++k) {
    key_types.push_back(call.children[w.OrderBegin() + k]->type);
  }
  const DataType range_type = key_types.empty() ? DataType() : key_types[0];
  frame_.emplace(w, std::move(start), std::move(end), range_type);
  const bool nulls_first = !w.order.empty() && w.order[0].nulls_first;
  partition_.emplace(/*key_begin=*/0, std::move(key_types), nulls_first);
}

Row WindowAggregate::StoredRow(ExecContext& ctx, Row row) const {
  const BoundWindow& w = window();
  Row stored;
  stored.reserve(input_begin_ + row.size());
  for (size_t k = 0; k < w.order.size(); ++k) {
    stored.push_back(Evaluate(*functions_[0]->children[w.OrderBegin() + k], row, &ctx));
  }
  for (const BoundExprPtr& call : functions_) {
    const size_t count = StoredArgumentCount(*call);
    if (call->window_function != WindowFunction::kAggregate) {
      if (count == 1) stored.push_back(Evaluate(*call->children[0], row, &ctx));
      continue;
    }
    // FILTER first; the arguments of rows it rejects are not evaluated.
    const BoundExpr& aggregate = *call->children[0];
    const size_t inputs = count - (aggregate.has_filter ? 1 : 0);
    if (aggregate.has_filter) {
      stored.push_back(Evaluate(*aggregate.children.back(), row, &ctx));
      if (!PassesFilter(stored.back())) {
        stored.resize(stored.size() + inputs);
        continue;
      }
    }
    for (size_t a = 0; a < inputs; ++a) {
      stored.push_back(Evaluate(*aggregate.children[a], row, &ctx));
    }
  }
  for (Value& v : row) stored.push_back(std::move(v));
  return stored;
}

bool WindowAggregate::ReadPartition(ExecContext& ctx) {
  states_memory_.Attach(ctx);
  partition_->Clear(ctx);
  next_row_ = 0;
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
    if (partition_->size() == 0) {
      partition_keys_ = keys;
    } else if (!SameValues(keys, partition_keys_, call.children, w.PartitionBegin())) {
      break;  // the row starts the next partition
    }
    partition_->Append(ctx, StoredRow(ctx, std::move(row)));
    ++input_next_;
  }
  return partition_->size() > 0;
}

void WindowAggregate::BeginPartition() {
  const BoundWindow& w = window();
  if (w.mode == FrameMode::kRange &&
      (BoundWindow::HasOffset(w.start) || BoundWindow::HasOffset(w.end))) {
    frame_->CheckRangeOffsets();
  }
  frame_->Begin(&*partition_);
  states_memory_.ReleaseAll();
  for (CallState& call : calls_) {
    CallState fresh;
    fresh.stored_begin = call.stored_begin;
    call = std::move(fresh);
  }
}

Row WindowAggregate::OutputRow(ExecContext& ctx, size_t i) {
  frame_->MoveTo(i);
  // The row's own columns are read only here, so they move out of the
  // store; the calls read other rows' keys and arguments.
  Row& stored = partition_->At(i);
  Row row(std::make_move_iterator(stored.begin() + static_cast<ptrdiff_t>(input_begin_)),
          std::make_move_iterator(stored.end()));
  for (size_t c = 0; c < functions_.size(); ++c) {
    const BoundExpr& call = *functions_[c];
    CallState& state = calls_[c];
    Value value;
    switch (call.window_function) {
      case WindowFunction::kRowNumber:
      case WindowFunction::kRank:
      case WindowFunction::kDenseRank:
      case WindowFunction::kPercentRank:
      case WindowFunction::kCumeDist:
      case WindowFunction::kNtile: value = Ranking(call, state, row, ctx); break;
      case WindowFunction::kLag:
      case WindowFunction::kLead: value = Offset(call, state, row, ctx); break;
      case WindowFunction::kFirstValue:
      case WindowFunction::kLastValue:
      case WindowFunction::kNthValue: value = FrameValue(call, state, row, ctx); break;
      case WindowFunction::kAggregate: value = Aggregate(call, state); break;
    }
    row.push_back(std::move(value));
  }
  return row;
}

Value WindowAggregate::Ranking(const BoundExpr& call, CallState& state, const Row& current,
                               ExecContext& ctx) {
  const size_t n = partition_->size();
  const WindowFrame& f = *frame_;
  switch (call.window_function) {
    case WindowFunction::kRowNumber: return Value::Int(static_cast<int64_t>(next_row_ + 1));
    case WindowFunction::kRank: return Value::Int(static_cast<int64_t>(f.peer_start() + 1));
    case WindowFunction::kDenseRank: return Value::Int(static_cast<int64_t>(f.group() + 1));
    case WindowFunction::kPercentRank:
      return Value::Float(n > 1 ? static_cast<double>(f.peer_start()) / static_cast<double>(n - 1)
                                : 0.0);
    case WindowFunction::kCumeDist:
      return Value::Float(static_cast<double>(f.peer_end()) / static_cast<double>(n));
    default: break;
  }
  // ntile: PostgreSQL's bucket walk, started at the first row whose
  // argument is not NULL.
  if (!state.ntile_started) {
    const Value buckets = Evaluate(*call.children[0], current, &ctx);
    if (buckets.is_null()) return Value::Null();
    if (buckets.AsInt() <= 0) {
      throw Error(sqlstate::kInvalidArgumentForNtile,
                  "argument of ntile must be greater than zero");
    }
    const auto total = static_cast<int64_t>(n);
    state.bucket_rows = total / buckets.AsInt();
    if (state.bucket_rows <= 0) {
      state.bucket_rows = 1;
    } else {
      state.remainder = total % buckets.AsInt();
      if (state.remainder != 0) ++state.bucket_rows;
    }
    state.ntile = 1;
    state.ntile_started = true;
  }
  if (++state.rows_in_bucket > state.bucket_rows) {
    if (state.remainder != 0 && state.ntile == state.remainder) {
      state.remainder = 0;
      state.bucket_rows -= 1;
    }
    ++state.ntile;
    state.rows_in_bucket = 1;
  }
  return Value::Int(state.ntile);
}

Value WindowAggregate::Offset(const BoundExpr& call, const CallState& state, const Row& current,
                              ExecContext& ctx) {
  int64_t offset = 1;
  if (call.window.arg_count >= 2) {
    const Value v = Evaluate(*call.children[1], current, &ctx);
    if (v.is_null()) return Value::Null();
    offset = v.AsInt();
  }
  const bool lag = call.window_function == WindowFunction::kLag;
  const Int128 target = lag ? Int128(next_row_) - offset : Int128(next_row_) + offset;
  if (target >= 0 && target < Int128(partition_->size())) {
    return partition_->At(static_cast<size_t>(target))[state.stored_begin];
  }
  if (call.window.arg_count == 3) return Evaluate(*call.children[2], current, &ctx);
  return Value::Null();
}

Value WindowAggregate::FrameValue(const BoundExpr& call, const CallState& state, const Row& current,
                                  ExecContext& ctx) {
  const FrameRows frame = frame_->Rows();
  if (call.window_function == WindowFunction::kNthValue) {
    const Value nth = Evaluate(*call.children[1], current, &ctx);
    if (nth.is_null()) return Value::Null();
    if (nth.AsInt() <= 0) {
      throw Error(sqlstate::kInvalidArgumentForNthValue,
                  "argument of nth_value must be greater than zero");
    }
    const auto k = static_cast<size_t>(nth.AsInt());
    if (k > frame.Count()) return Value::Null();
    return partition_->At(frame.At(k - 1))[state.stored_begin];
  }
  if (frame.Empty()) return Value::Null();
  const size_t index =
      call.window_function == WindowFunction::kFirstValue ? frame.At(0) : frame.Last();
  return partition_->At(index)[state.stored_begin];
}

int64_t WindowAggregate::Accumulate(const BoundExpr& aggregate, size_t stored_begin, size_t row,
                                    AggregateState* state) {
  const Row& stored = partition_->At(row);
  auto begin = stored.begin() + static_cast<ptrdiff_t>(stored_begin);
  if (aggregate.has_filter && !PassesFilter(*begin++)) return 0;
  const size_t inputs = aggregate.children.size() - (aggregate.has_filter ? 1 : 0);
  Row args(begin, begin + static_cast<ptrdiff_t>(inputs));
  return AccumulateAggregate(aggregate, args, state);
}

Value WindowAggregate::Aggregate(const BoundExpr& call, CallState& state) {
  const BoundExpr& aggregate = *call.children[0];
  auto aggregate_rows = [&](const FrameRows& frame) {
    AggregateState rows_state;
    for (size_t r = 0; r < frame.run_count; ++r) {
      for (size_t j = frame.runs[r].first; j < frame.runs[r].second; ++j) {
        Accumulate(aggregate, state.stored_begin, j, &rows_state);
      }
    }
    return FinishAggregate(aggregate, &rows_state);
  };
  if (frame_->IsGrowingPrefix()) {
    // The frame only grows: one state, fed each row once.
    const size_t end = frame_->Bounds().second;
    if (end < state.fed) {  // not a prefix after all: aggregate this frame alone
      FrameRows frame;
      frame.runs[0] = {0, end};
      frame.run_count = 1;
      state.computed = false;
      return aggregate_rows(frame);
    }
    if (!state.computed || end > state.fed) {
      for (; state.fed < end; ++state.fed) {
        states_memory_.Add(Accumulate(aggregate, state.stored_begin, state.fed, &state.state));
      }
      state.value = AggregateValueSoFar(aggregate, state.state);
      state.computed = true;
    }
    return state.value;
  }
  const FrameRows frame = frame_->Rows();
  if (!state.computed || !(frame == state.previous)) {
    state.value = aggregate_rows(frame);
    state.previous = frame;
    state.computed = true;
  }
  return state.value;
}

bool WindowAggregate::Next(ExecContext& ctx, RowBatch* batch) {
  batch->clear();
  if (!frame_) PrepareFrame(ctx);
  while (batch->size() < kBatchSize) {
    if (next_row_ < partition_->size()) {
      ctx.CheckForInterrupts();
      batch->push_back(OutputRow(ctx, next_row_));
      ++next_row_;
      continue;
    }
    if (!ReadPartition(ctx)) break;
    BeginPartition();
  }
  return !batch->empty();
}

}  // namespace basalt::sql
