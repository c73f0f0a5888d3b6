// GROUP BY ROLLUP / CUBE / GROUPING SETS: each input row joins one group per
// grouping set, found by the set's keys; a group's row holds NULL for the
// keys outside its set, then each aggregate's result, GROUPING() calls
// giving the mask of the keys outside it. An empty set makes a row even
// without input, as a query without GROUP BY does. Rows come out in the
// order their groups first appeared.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "sql/binder/bound_expression.h"
#include "sql/execution/aggregate_function.h"
#include "sql/execution/physical_operator.h"

namespace basalt::sql {

class GroupingSetsAggregate : public PhysicalOperator {
 public:
  // `groups`, `aggregates` and `sets` (positions in `groups`) belong to the
  // plan and must outlive the operator.
  GroupingSetsAggregate(PhysicalOperatorPtr child, const std::vector<BoundExprPtr>& groups,
                        const std::vector<BoundExprPtr>& aggregates,
                        const std::vector<std::vector<int>>& sets)
      : groups_(groups), aggregates_(aggregates), sets_(sets) {
    children_.push_back(std::move(child));
  }
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "MixedAggregate"; }

 private:
  struct Group {
    size_t set = 0;  // its grouping set
    Row keys;        // NULL outside the set
    std::vector<AggregateState> states;
  };

  void Consume(ExecContext& ctx);
  Group& FindGroup(size_t set, const Row& keys);
  // GROUPING(...)'s value in a group of `set`.
  int64_t GroupingMask(const BoundExpr& call, size_t set) const;

  const std::vector<BoundExprPtr>& groups_;
  const std::vector<BoundExprPtr>& aggregates_;
  const std::vector<std::vector<int>>& sets_;
  bool consumed_ = false;
  std::unordered_map<std::string, size_t> index_;  // set and key encoding -> table_ entry
  std::vector<Group> table_;
  std::string key_;  // the current encoding (reused)
  size_t next_ = 0;
};

}  // namespace basalt::sql
