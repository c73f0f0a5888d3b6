#include "sql/execution/sort.h"

#include <algorithm>

#include "sql/execution/evaluate.h"

namespace basalt::sql {

bool Sort::Next(ExecContext& ctx, RowBatch* batch) {
  batch->clear();
  if (!sorted_) {
    sorted_ = true;
    // Each entry: the key values, then the row.
    std::vector<std::pair<Row, Row>> entries;
    RowBatch input;
    while (children_[0]->Next(ctx, &input)) {
      for (Row& row : input) {
        Row key;
        key.reserve(keys_.size());
        for (const BoundOrderBy& k : keys_) key.push_back(Evaluate(*k.expr, row, &ctx));
        entries.emplace_back(std::move(key), std::move(row));
      }
    }
    std::stable_sort(entries.begin(), entries.end(), [&](const auto& a, const auto& b) {
      for (size_t i = 0; i < keys_.size(); ++i) {
        const Value& x = a.first[i];
        const Value& y = b.first[i];
        const BoundOrderBy& k = keys_[i];
        if (x.is_null() || y.is_null()) {
          if (x.is_null() && y.is_null()) continue;
          // x is NULL: it goes first exactly when NULLS FIRST.
          return x.is_null() == k.nulls_first;
        }
        int c = CompareValues(x, y, k.expr->type);
        if (c != 0) return k.descending ? c > 0 : c < 0;
      }
      return false;
    });
    rows_.reserve(entries.size());
    for (auto& e : entries) rows_.push_back(std::move(e.second));
  }
  while (next_ < rows_.size() && batch->size() < kBatchSize) {
    batch->push_back(std::move(rows_[next_++]));
  }
  return !batch->empty();
}

}  // namespace basalt::sql
