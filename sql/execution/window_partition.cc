#include "sql/execution/window_partition.h"

#include "sql/execution/evaluate.h"

namespace basalt::sql {

void WindowPartition::Clear(ExecContext& ctx) {
  rows_.Attach(ctx);
  rows_.Clear();
  null_keys_ = 0;
}

void WindowPartition::Append(ExecContext& ctx, Row row) {
  if (has_keys() && row[key_begin_].is_null()) ++null_keys_;
  rows_.Append(ctx, std::move(row));
}

Row WindowPartition::KeysOf(size_t i) {
  const Row& row = At(i);
  const auto begin = row.begin() + static_cast<ptrdiff_t>(key_begin_);
  return Row(begin, begin + static_cast<ptrdiff_t>(key_types_.size()));
}

bool WindowPartition::HasKeys(size_t i, const Row& keys) {
  const Row& row = At(i);
  for (size_t k = 0; k < key_types_.size(); ++k) {
    const Value& a = row[key_begin_ + k];
    const Value& b = keys[k];
    if (a.is_null() || b.is_null()) {
      if (a.is_null() != b.is_null()) return false;
      continue;
    }
    if (CompareValues(a, b, key_types_[k]) != 0) return false;
  }
  return true;
}

}  // namespace basalt::sql
