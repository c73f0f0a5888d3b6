// Grouped views whose aggregates follow a change by arithmetic: count(*),
// count(x), sum(x) of integers or of numeric with a fixed scale, min(x) and
// max(x), under GROUP BY or over all rows, without HAVING, DISTINCT or
// FILTER, each aggregate a column of the view as it is. A group that a
// change leaves non-empty, with every sum keeping its non-NULL inputs and
// every min / max its extreme (no deleted value reaches it), gets its new
// row from its stored one plus the change's counts, sums and extremes: a
// one-row change costs one view row, not the group's rows. Other groups are
// computed again (refresh_incremental.cc).
#pragma once

#include <optional>
#include <vector>

#include "common/data_type.h"
#include "common/value.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

class AdditiveGroups {
 public:
  // From the view's plan (PlanSelect of its query); nullopt for another shape.
  static std::optional<AdditiveGroups> Analyze(const LogicalOperator& plan);

  // The view's plan turned into its core under a projection of
  // [group keys..., aggregate arguments...]: the rows a change's delta terms
  // yield, each to Add with its sign.
  LogicalOperatorPtr DeltaPlan(LogicalOperatorPtr plan) const;
  size_t key_count() const { return key_count_; }

  // One group's change.
  struct Change {
    int64_t rows = 0;
    std::vector<int64_t> non_null;  // per aggregate
    // Per aggregate, NULL until a value comes: sum's sum of the values;
    // min's (max's) least (greatest) value inserted.
    std::vector<Value> sums;
    std::vector<Value> removed;  // min's (max's) least (greatest) value deleted
  };
  void Add(const Row& delta_row, int64_t sign, Change* change) const;

  // The group's new view row from its stored one (null if it has none), or
  // nullopt when the change needs the group computed again.
  std::optional<Row> Apply(const Row& key, const Row* stored, const Change& change) const;

 private:
  enum class Kind { kKey, kCountStar, kCount, kSum, kMin, kMax };
  // Whether a stored group keeps rows after the change, by its count(*).
  bool KeepsRows(const Row& stored, const Change& change) const;
  // Whether `a` is a better extreme than `b` for aggregate j (NULL: none).
  bool Beats(size_t j, const Value& a, const Value& b) const;
  struct Column {
    Kind kind = Kind::kKey;
    int index = 0;  // kKey: of the group keys; otherwise of the aggregates
  };
  std::vector<Column> columns_;           // per view column
  std::vector<Kind> aggregates_;          // per aggregate of the plan
  std::vector<DataType> result_types_;    // per aggregate
  std::vector<DataType> argument_types_;  // per aggregate
  size_t key_count_ = 0;
};

}  // namespace basalt::sql
