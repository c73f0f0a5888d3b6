// One partition of a WindowAgg's input, in window order. Each row is kept
// with what the window functions read of it evaluated once: its ORDER BY
// keys and the calls' arguments, after its own columns. The rows live in a
// RowStore, so a partition past work_mem spills to an encrypted temp file
// and is read back by row number a block at a time.
#pragma once

#include <cstddef>
#include <vector>

#include "common/value.h"
#include "sql/execution/row_store.h"

namespace basalt::sql {

class WindowPartition {
 public:
  // The stored rows hold the ORDER BY keys at [key_begin, key_begin +
  // key_types.size()); `nulls_first`: where the first key's NULLs sort.
  WindowPartition(size_t key_begin, std::vector<DataType> key_types, bool nulls_first)
      : key_begin_(key_begin), key_types_(std::move(key_types)), nulls_first_(nulls_first) {}

  // Starts a new partition (of the query of `ctx`).
  void Clear(ExecContext& ctx);
  void Append(ExecContext& ctx, Row row);
  size_t size() const { return rows_.size(); }
  // Row i, valid until the next call of At (RowStore::At).
  Row& At(size_t i) { return rows_.At(i); }

  bool has_keys() const { return !key_types_.empty(); }
  // Row i's ORDER BY keys.
  Row KeysOf(size_t i);
  // Whether row i's keys equal `keys` (NULLs equal to NULLs): peers.
  bool HasKeys(size_t i, const Row& keys);
  // Row i's first ORDER BY key (RANGE with offsets).
  Value RangeKey(size_t i) { return At(i)[key_begin_]; }
  // The rows whose first key is not NULL: [non_null_begin, non_null_end).
  size_t non_null_begin() const { return nulls_first_ ? null_keys_ : 0; }
  size_t non_null_end() const { return nulls_first_ ? size() : size() - null_keys_; }

 private:
  size_t key_begin_;
  std::vector<DataType> key_types_;
  bool nulls_first_;
  RowStore rows_{"WindowAgg"};
  size_t null_keys_ = 0;  // rows whose first key is NULL
};

}  // namespace basalt::sql
