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

bool SameKey(const Value& a, const Value& b, const DataType& type) {
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  return CompareValues(a, b, type) == 0;
}

template <typename T>
int Sign(T a, T b) {
  return a < b ? -1 : (a > b ? 1 : 0);
}

}  // namespace

WindowPartition MakeWindowPartition(const BoundWindow& window, size_t size,
                                    const std::vector<Value>& order_keys,
                                    const std::vector<DataType>& key_types, bool range_offsets) {
  const size_t width = key_types.size();
  WindowPartition p;
  p.size = size;
  p.group_of.resize(p.size);
  p.peer_start.resize(p.size);
  p.peer_end.resize(p.size);
  for (size_t i = 0; i < p.size; ++i) {
    bool peer = i > 0;
    for (size_t k = 0; k < key_types.size() && peer; ++k) {
      peer = SameKey(order_keys[i * width + k], order_keys[(i - 1) * width + k], key_types[k]);
    }
    if (!peer) p.group_start.push_back(i);
    p.group_of[i] = p.group_start.size() - 1;
    p.peer_start[i] = p.group_start.back();
  }
  p.group_start.push_back(p.size);
  for (size_t i = 0; i < p.size; ++i) p.peer_end[i] = p.group_start[p.group_of[i] + 1];
  if (range_offsets) {
    p.range_keys.reserve(p.size);
    for (size_t i = 0; i < p.size; ++i) p.range_keys.push_back(order_keys[i * width]);
    // NULLs sort together at one end.
    p.non_null_begin = 0;
    p.non_null_end = p.size;
    if (!window.order.empty() && window.order[0].nulls_first) {
      while (p.non_null_begin < p.size && p.range_keys[p.non_null_begin].is_null()) {
        ++p.non_null_begin;
      }
    } else {
      while (p.non_null_end > 0 && p.range_keys[p.non_null_end - 1].is_null()) --p.non_null_end;
    }
  }
  return p;
}

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

size_t WindowFrame::RangeSearch(const WindowPartition& p, size_t i, const Value& offset,
                                bool preceding, bool after) const {
  const Value& current = p.range_keys[i];
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
  auto begin = p.range_keys.begin();
  return static_cast<size_t>(std::partition_point(begin + static_cast<ptrdiff_t>(p.non_null_begin),
                                                  begin + static_cast<ptrdiff_t>(p.non_null_end),
                                                  before) -
                             begin);
}

size_t WindowFrame::Start(const WindowPartition& p, size_t i) const {
  const size_t group = p.group_of[i];
  const size_t groups = p.group_start.size() - 1;
  switch (window_.start) {
    case FrameBound::kUnboundedPreceding: return 0;
    case FrameBound::kCurrentRow: return window_.mode == FrameMode::kRows ? i : p.peer_start[i];
    case FrameBound::kUnboundedFollowing: return p.size;
    case FrameBound::kPreceding:
    case FrameBound::kFollowing: break;
  }
  const bool preceding = window_.start == FrameBound::kPreceding;
  switch (window_.mode) {
    case FrameMode::kRows: {
      const auto n = static_cast<uint64_t>(start_offset_.AsInt());
      if (preceding) return n >= i ? 0 : i - n;
      return n >= p.size - i ? p.size : i + n;
    }
    case FrameMode::kGroups: {
      const auto n = static_cast<uint64_t>(start_offset_.AsInt());
      if (preceding) return n >= group ? 0 : p.group_start[group - n];
      return n >= groups - group ? p.size : p.group_start[group + n];
    }
    case FrameMode::kRange:
      if (p.range_keys[i].is_null()) return p.peer_start[i];  // NULLs: their peers
      return RangeSearch(p, i, start_offset_, preceding, /*after=*/false);
  }
  return 0;
}

size_t WindowFrame::End(const WindowPartition& p, size_t i) const {
  const size_t group = p.group_of[i];
  const size_t groups = p.group_start.size() - 1;
  switch (window_.end) {
    case FrameBound::kUnboundedFollowing: return p.size;
    case FrameBound::kCurrentRow: return window_.mode == FrameMode::kRows ? i + 1 : p.peer_end[i];
    case FrameBound::kUnboundedPreceding: return 0;
    case FrameBound::kPreceding:
    case FrameBound::kFollowing: break;
  }
  const bool preceding = window_.end == FrameBound::kPreceding;
  switch (window_.mode) {
    case FrameMode::kRows: {
      const auto n = static_cast<uint64_t>(end_offset_.AsInt());
      if (preceding) return n > i ? 0 : i - n + 1;
      return n >= p.size - i - 1 ? p.size : i + n + 1;
    }
    case FrameMode::kGroups: {
      const auto n = static_cast<uint64_t>(end_offset_.AsInt());
      if (preceding) return n > group ? 0 : p.group_start[group - n + 1];
      return n >= groups - group - 1 ? p.size : p.group_start[group + n + 1];
    }
    case FrameMode::kRange:
      if (p.range_keys[i].is_null()) return p.peer_end[i];
      return RangeSearch(p, i, end_offset_, preceding, /*after=*/true);
  }
  return p.size;
}

std::pair<size_t, size_t> WindowFrame::Bounds(const WindowPartition& p, size_t i) const {
  return {Start(p, i), End(p, i)};
}

FrameRows WindowFrame::Rows(const WindowPartition& p, size_t i) const {
  const auto [start, end] = Bounds(p, i);
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
      excluded_start = p.peer_start[i];
      excluded_end = p.peer_end[i];
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
