#include "sql/execution/window_frame.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "common/datetime.h"
#include "common/error.h"
#include "common/interval.h"
#include "common/numeric.h"
#include "sql/execution/datetime_arithmetic.h"
#include "sql/execution/evaluate.h"

namespace basalt::sql {

size_t FrameRows::Count() const {
  size_t count = 0;
  for (size_t r = 0; r < run_count; ++r) count += runs[r].second - runs[r].first;
  return count;
}

size_t FrameRows::At(size_t k) const {
  for (size_t r = 0; r < run_count; ++r) {
    const size_t length = runs[r].second - runs[r].first;
    if (k < length) return runs[r].first + k;
    k -= length;
  }
  return 0;
}

size_t FrameRows::Last() const {
  for (size_t r = run_count; r-- > 0;) {
    if (runs[r].second > runs[r].first) return runs[r].second - 1;
  }
  return 0;
}

bool FrameRows::operator==(const FrameRows& other) const {
  if (run_count != other.run_count) return false;
  for (size_t r = 0; r < run_count; ++r) {
    if (runs[r] != other.runs[r]) return false;
  }
  return true;
}

namespace {

template <typename T>
int Sign(T a, T b) {
  return a < b ? -1 : (a > b ? 1 : 0);
}

}  // namespace

WindowFrame::WindowFrame(const BoundWindow& window, Value start_offset, Value end_offset,
                         DataType range_type)
    : window_(window),
      start_offset_(std::move(start_offset)),
      end_offset_(std::move(end_offset)),
      range_type_(range_type) {}

bool WindowFrame::IsGrowingPrefix() const {
  return window_.start == FrameBound::kUnboundedPreceding &&
         window_.exclusion == FrameExclusion::kNoOthers;
}

void WindowFrame::CheckRangeOffsets() const {
  if (window_.mode != FrameMode::kRange) return;
  for (const Value* offset : {&start_offset_, &end_offset_}) {
    if (offset->is_null()) continue;
    bool negative = false;
    switch (range_type_.id) {
      case TypeId::kNumeric:
        negative = offset->AsNumeric().is_nan() || offset->AsNumeric().Sign() < 0;
        break;
      case TypeId::kFloat4:
      case TypeId::kFloat8:
        negative = std::isnan(offset->AsFloat()) || offset->AsFloat() < 0;
        break;
      // time + interval ignores the interval's days and months
      // (in_range_time_interval), so its sign is the time part's.
      case TypeId::kTime: negative = offset->AsInterval().micros < 0; break;
      case TypeId::kDate:
      case TypeId::kTimestamp:
      case TypeId::kTimestampTz:
      case TypeId::kInterval: negative = offset->AsInterval().Span() < 0; break;
      default: negative = offset->AsInt() < 0; break;
    }
    if (negative) {
      throw Error(sqlstate::kInvalidPrecedingOrFollowingSize,
                  "invalid preceding or following size in window function");
    }
  }
}

size_t WindowFrame::RangeSearch(size_t& pointer, const Value& offset, bool preceding, bool after) {
  const Value current = partition_->RangeKey(row_);
  const bool descending = window_.order[0].descending;
  // The bound's value is current - offset when the bound is toward smaller
  // keys: PRECEDING in ascending order, FOLLOWING in descending.
  const bool subtract = preceding != descending;
  // Compares a key with the bound without computing the bound where it
  // might overflow (integers in 128 bits).
  std::function<int(const Value&)> compare;
  Int128 int_bound = 0;
  double float_bound = 0;
  Numeric numeric_bound;
  Interval interval_bound;
  switch (range_type_.id) {
    case TypeId::kNumeric: {
      Result<Numeric> bound = subtract ? current.AsNumeric().Subtract(offset.AsNumeric())
                                       : current.AsNumeric().Add(offset.AsNumeric());
      if (!bound.ok()) ThrowStatus(bound.status());
      numeric_bound = std::move(bound).value();
      compare = [&](const Value& key) { return key.AsNumeric().Compare(numeric_bound); };
      break;
    }
    case TypeId::kFloat4:
    case TypeId::kFloat8:
      float_bound =
          subtract ? current.AsFloat() - offset.AsFloat() : current.AsFloat() + offset.AsFloat();
      compare = [&](const Value& key) { return Sign(key.AsFloat(), float_bound); };
      break;
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: {
      // Dates compare as timestamps (in_range_date_interval).
      const bool dates = range_type_.id == TypeId::kDate;
      auto micros = [dates](const Value& v) {
        return dates ? OrThrow(DateToTimestamp(v.AsInt())) : v.AsInt();
      };
      const Interval step =
          subtract ? OrThrow(NegateInterval(offset.AsInterval())) : offset.AsInterval();
      int_bound = dates ? OrThrow(AddIntervalToTimestamp(micros(current), step))
                        : AddInterval(current.AsInt(), step, range_type_.id);
      compare = [&, micros](const Value& key) { return Sign(Int128(micros(key)), int_bound); };
      break;
    }
    case TypeId::kInterval:
      interval_bound =
          OrThrow(subtract ? SubtractIntervals(current.AsInterval(), offset.AsInterval())
                           : AddIntervals(current.AsInterval(), offset.AsInterval()));
      compare = [&](const Value& key) { return key.AsInterval().Compare(interval_bound); };
      break;
    case TypeId::kTime:
      // Without time + interval's wraparound at midnight.
      int_bound = subtract ? Int128(current.AsInt()) - offset.AsInterval().micros
                           : Int128(current.AsInt()) + offset.AsInterval().micros;
      compare = [&](const Value& key) { return Sign(Int128(key.AsInt()), int_bound); };
      break;
    default:
      int_bound = subtract ? Int128(current.AsInt()) - offset.AsInt()
                           : Int128(current.AsInt()) + offset.AsInt();
      compare = [&](const Value& key) { return Sign(Int128(key.AsInt()), int_bound); };
      break;
  }
  // The rows before the one sought, in sort order: keys before the bound
  // (or at it, when `after`).
  auto before = [&](const Value& key) {
    const int c = descending ? -compare(key) : compare(key);
    return after ? c <= 0 : c < 0;
  };
  // The keys are sorted, so the bound moves forward with the current row:
  // the search starts where the last one ended (and would move back, were
  // the keys' order and the offset arithmetic ever at odds).
  const size_t low = partition_->non_null_begin();
  const size_t high = partition_->non_null_end();
  pointer = std::clamp(pointer, low, high);
  while (pointer < high && before(partition_->RangeKey(pointer))) ++pointer;
  while (pointer > low && !before(partition_->RangeKey(pointer - 1))) --pointer;
  return pointer;
}

void WindowFrame::Begin(WindowPartition* partition) {
  partition_ = partition;
  row_ = 0;
  group_ = 0;
  peer_start_ = 0;
  peer_end_ = 0;
  start_group_ = {};
  end_group_ = {};
  start_range_ = 0;
  end_range_ = 0;
}

size_t WindowFrame::NextGroupStart(size_t row) {
  const size_t size = partition_->size();
  if (!partition_->has_keys() || row >= size) return size;
  const Row keys = partition_->KeysOf(row);
  size_t next = row + 1;
  while (next < size && partition_->HasKeys(next, keys)) ++next;
  return next;
}

size_t WindowFrame::GroupStart(GroupPointer& pointer, size_t group) {
  while (pointer.group < group && pointer.row < partition_->size()) {
    pointer.row = NextGroupStart(pointer.row);
    ++pointer.group;
  }
  return pointer.row;
}

void WindowFrame::MoveTo(size_t i) {
  row_ = i;
  if (i == 0) {
    group_ = 0;
    peer_start_ = 0;
    peer_end_ = NextGroupStart(0);
  } else if (i == peer_end_) {
    ++group_;
    peer_start_ = i;
    peer_end_ = NextGroupStart(i);
  }
  start_ = StartBound();
  end_ = EndBound();
}

size_t WindowFrame::StartBound() {
  const size_t size = partition_->size();
  switch (window_.start) {
    case FrameBound::kUnboundedPreceding: return 0;
    case FrameBound::kCurrentRow: return window_.mode == FrameMode::kRows ? row_ : peer_start_;
    case FrameBound::kUnboundedFollowing: return size;
    case FrameBound::kPreceding:
    case FrameBound::kFollowing: break;
  }
  const bool preceding = window_.start == FrameBound::kPreceding;
  switch (window_.mode) {
    case FrameMode::kRows: {
      const auto n = static_cast<uint64_t>(start_offset_.AsInt());
      if (preceding) return n >= row_ ? 0 : row_ - n;
      return n >= size - row_ ? size : row_ + n;
    }
    case FrameMode::kGroups: {
      const auto n = static_cast<uint64_t>(start_offset_.AsInt());
      if (preceding) return n >= group_ ? 0 : GroupStart(start_group_, group_ - n);
      return GroupStart(start_group_, group_ + n);
    }
    case FrameMode::kRange:
      // NULL keys: the frame is their peers.
      if (partition_->RangeKey(row_).is_null()) return peer_start_;
      return RangeSearch(start_range_, start_offset_, preceding, /*after=*/false);
  }
  return 0;
}

size_t WindowFrame::EndBound() {
  const size_t size = partition_->size();
  switch (window_.end) {
    case FrameBound::kUnboundedFollowing: return size;
    case FrameBound::kCurrentRow: return window_.mode == FrameMode::kRows ? row_ + 1 : peer_end_;
    case FrameBound::kUnboundedPreceding: return 0;
    case FrameBound::kPreceding:
    case FrameBound::kFollowing: break;
  }
  const bool preceding = window_.end == FrameBound::kPreceding;
  switch (window_.mode) {
    case FrameMode::kRows: {
      const auto n = static_cast<uint64_t>(end_offset_.AsInt());
      if (preceding) return n > row_ ? 0 : row_ - n + 1;
      return n >= size - row_ - 1 ? size : row_ + n + 1;
    }
    case FrameMode::kGroups: {
      const auto n = static_cast<uint64_t>(end_offset_.AsInt());
      if (preceding) return n > group_ ? 0 : GroupStart(end_group_, group_ - n + 1);
      return GroupStart(end_group_, group_ + n + 1);
    }
    case FrameMode::kRange:
      if (partition_->RangeKey(row_).is_null()) return peer_end_;
      return RangeSearch(end_range_, end_offset_, preceding, /*after=*/true);
  }
  return size;
}

FrameRows WindowFrame::Rows() const {
  const size_t start = start_;
  const size_t end = end_;
  const size_t i = row_;
  FrameRows rows;
  auto add = [&](size_t first, size_t last) {
    if (first < last) rows.runs[rows.run_count++] = {first, last};
  };
  size_t excluded_start = end;
  size_t excluded_end = end;
  switch (window_.exclusion) {
    case FrameExclusion::kNoOthers: break;
    case FrameExclusion::kCurrentRow:
      excluded_start = i;
      excluded_end = i + 1;
      break;
    case FrameExclusion::kGroup:
    case FrameExclusion::kTies:
      excluded_start = peer_start_;
      excluded_end = peer_end_;
      break;
  }
  if (excluded_start >= end || excluded_end <= start) {
    add(start, end);
    return rows;
  }
  add(start, std::min(end, excluded_start));
  if (window_.exclusion == FrameExclusion::kTies && i >= start && i < end) add(i, i + 1);
  add(std::max(start, excluded_end), end);
  return rows;
}

}  // namespace basalt::sql
