// Window frames (PostgreSQL's nodeWindowAgg.c semantics): for each row of a
// partition, its peer group and the rows of its frame — ROWS, RANGE
// (CURRENT ROW, or offsets over the one ORDER BY key) or GROUPS bounds,
// less what EXCLUDE removes. The frame moves through the partition row by
// row, and the peer group's end and each bound are found by pointers that
// move forward with it (as nodeWindowAgg.c's read pointers), so a
// partition is read a few times in order and nothing is kept per row.
#pragma once

#include <array>
#include <cstddef>
#include <utility>

#include "common/value.h"
#include "sql/binder/bound_expression.h"
#include "sql/execution/window_partition.h"

namespace basalt::sql {

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
  // RANGE with an offset: 22013 when it is negative (or NaN).
  void CheckRangeOffsets() const;

  // Starts on `partition`'s rows, before its first row.
  void Begin(WindowPartition* partition);
  // Moves to row i, the row after the current one (0 after Begin).
  void MoveTo(size_t i);

  // The current row's peer group: its number and rows [start, end) (rows
  // equal on every ORDER BY key; the whole partition without ORDER BY).
  size_t group() const { return group_; }
  size_t peer_start() const { return peer_start_; }
  size_t peer_end() const { return peer_end_; }
  // The current row's frame bounds [start, end), before exclusion.
  std::pair<size_t, size_t> Bounds() const { return {start_, end_}; }
  // The current row's frame.
  FrameRows Rows() const;

 private:
  // The first row of a peer group, found by moving forward group by group.
  struct GroupPointer {
    size_t group = 0;
    size_t row = 0;
  };
  // The first row after row's peers.
  size_t NextGroupStart(size_t row);
  // The first row of peer group `group` (the partition's size past the
  // last one); `group` never decreases between calls with one pointer.
  size_t GroupStart(GroupPointer& pointer, size_t group);
  size_t StartBound();
  size_t EndBound();
  // RANGE with an offset: the first row of the non-NULL keys at or after
  // (`after`: strictly after) the value `offset` before or after the
  // current row's, searched from where `pointer` was left.
  size_t RangeSearch(size_t& pointer, const Value& offset, bool preceding, bool after);

  const BoundWindow& window_;
  Value start_offset_;
  Value end_offset_;
  DataType range_type_;

  WindowPartition* partition_ = nullptr;
  size_t row_ = 0;
  size_t group_ = 0;
  size_t peer_start_ = 0;
  size_t peer_end_ = 0;
  size_t start_ = 0;
  size_t end_ = 0;
  GroupPointer start_group_;
  GroupPointer end_group_;
  size_t start_range_ = 0;
  size_t end_range_ = 0;
};

}  // namespace basalt::sql
