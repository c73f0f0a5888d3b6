// Window frames (PostgreSQL's nodeWindowAgg.c semantics): one partition's
// peer groups, and for each of its rows the rows of its frame — ROWS,
// RANGE (CURRENT ROW, or numeric offsets over the one ORDER BY key) or
// GROUPS bounds, less what EXCLUDE removes.
#pragma once

#include <array>
#include <cstddef>
#include <utility>
#include <vector>

#include "common/value.h"
#include "sql/binder/bound_expression.h"

namespace basalt::sql {

// One partition's rows, in window order, as the frame rules see them.
struct WindowPartition {
  size_t size = 0;
  // Per row: its peer group's number and bounds [start, end) (rows equal on
  // every ORDER BY key; the whole partition without ORDER BY).
  std::vector<size_t> group_of;
  std::vector<size_t> peer_start;
  std::vector<size_t> peer_end;
  // Per peer group, its first row; a last entry `size` closes the last one.
  std::vector<size_t> group_start;
  // RANGE with offsets: the ORDER BY key of each row, and where its
  // non-NULL keys are [non_null_begin, non_null_end).
  std::vector<Value> range_keys;
  size_t non_null_begin = 0;
  size_t non_null_end = 0;
};

// A frame's rows: up to three runs [first, second), in row order (EXCLUDE
// TIES keeps the current row between the rows before and after its peers).
struct FrameRows {
  std::array<std::pair<size_t, size_t>, 3> runs{};
  size_t run_count = 0;

  size_t Count() const;
  bool Empty() const { return Count() == 0; }
  // The k-th row (0-based); REQUIRES k < Count().
  size_t At(size_t k) const;
  size_t Last() const;  // REQUIRES !Empty()
  bool operator==(const FrameRows& other) const;
};

class WindowFrame {
 public:
  // `start_offset` / `end_offset`: the evaluated offsets (NULL where the
  // bound has none), checked by the caller (22004, 22013). `range_type`:
  // the ORDER BY key's type, for RANGE with offsets.
  WindowFrame(const BoundWindow& window, Value start_offset, Value end_offset, DataType range_type);

  // Whether the frame of each row starts at the partition's first row and
  // excludes nothing, so its rows are a prefix that grows row by row.
  bool IsGrowingPrefix() const;
  // The frame's bounds [start, end) for row i, before exclusion.
  std::pair<size_t, size_t> Bounds(const WindowPartition& partition, size_t i) const;
  // The frame's rows for row i.
  FrameRows Rows(const WindowPartition& partition, size_t i) const;
  // RANGE with an offset: 22013 when it is negative (or NaN).
  void CheckRangeOffsets() const;

 private:
  size_t Start(const WindowPartition& partition, size_t i) const;
  size_t End(const WindowPartition& partition, size_t i) const;
  // RANGE with an offset: the first row of the non-NULL keys at or after
  // (`after`: strictly after) the value `offset` before or after row i's.
  size_t RangeSearch(const WindowPartition& partition, size_t i, const Value& offset,
                     bool preceding, bool after) const;

  const BoundWindow& window_;
  Value start_offset_;
  Value end_offset_;
  DataType range_type_;
};

// Peer groups (and RANGE keys) of a partition of `size` rows whose ORDER BY
// key values are `order_keys`: row i's k-th key at i * key_types.size() + k.
WindowPartition MakeWindowPartition(const BoundWindow& window, size_t size,
                                    const std::vector<Value>& order_keys,
                                    const std::vector<DataType>& key_types, bool range_offsets);

}  // namespace basalt::sql
