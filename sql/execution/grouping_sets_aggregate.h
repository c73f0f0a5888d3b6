// GROUP BY ROLLUP / CUBE / GROUPING SETS: each input row joins one group per
// grouping set, found by the set's keys; a group's row holds NULL for the
// keys outside its set, then each aggregate's result, GROUPING() calls
// giving the mask of the keys outside it. An empty set makes a row even
// without input, as a query without GROUP BY does.
//
// The groups are a HashAggregate's, so they stay within work_mem as its
// do (spilling partitions past it) and count against the query's memory
// limit. Each input row goes to it once per set as the aggregates' inputs
// (evaluated once per input row), the set's number and the set's keys
// (NULL outside the set), which are its group keys. Rows come out in the
// order their groups first appeared.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sql/binder/bound_expression.h"
#include "sql/execution/hash_aggregate.h"
#include "sql/execution/physical_operator.h"

namespace basalt::sql {

class GroupingSetsAggregate : public PhysicalOperator {
 public:
  // `groups`, `aggregates` and `sets` (positions in `groups`) belong to the
  // plan and must outlive the operator.
  GroupingSetsAggregate(PhysicalOperatorPtr child, const std::vector<BoundExprPtr>& groups,
                        const std::vector<BoundExprPtr>& aggregates,
                        const std::vector<std::vector<int>>& sets);
  ~GroupingSetsAggregate() override;
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "MixedAggregate"; }
  void ReportStats(OperatorStats* stats) const override;

 private:
  class ExpandSets;

  // The output row of a group of hash_ (set number and keys, then the
  // aggregates but GROUPING calls).
  Row OutputRow(Row group) const;
  // The row of the empty set `set` over no input.
  Row EmptySetRow(size_t set) const;
  // GROUPING(...)'s value in a group of `set`.
  int64_t GroupingMask(const BoundExpr& call, size_t set) const;

  const std::vector<BoundExprPtr>& groups_;
  const std::vector<BoundExprPtr>& aggregates_;
  const std::vector<std::vector<int>>& sets_;
  // The aggregates but GROUPING calls, each input over its value in the
  // rows hash_ reads; their group keys: the set's number, then its keys.
  std::vector<BoundExprPtr> hash_aggregates_;
  std::vector<BoundExprPtr> hash_groups_;
  ExpandSets* expand_ = nullptr;  // hash_'s input
  std::unique_ptr<HashAggregate> hash_;
  size_t next_empty_set_ = 0;  // without input: the next set to try
  RowBatch grouped_;           // hash_'s rows (reused)
};

}  // namespace basalt::sql
