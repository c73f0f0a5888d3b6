// GROUP BY and aggregates: reads its whole input, folding each row into its
// group's aggregate states, then returns one row per group (the key values,
// then each aggregate's result) in the order the groups first appeared.
// Without group keys it returns exactly one row, even for no input.
//
// Groups are found by the key codec's encoding of their key values, so keys
// equal in SQL share a group: numeric 1.0 and 1.00, float -0 and 0, every
// NaN, every NULL; text by its bytes.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "sql/binder/bound_expression.h"
#include "sql/execution/aggregate_function.h"
#include "sql/execution/physical_operator.h"

namespace basalt::sql {

class HashAggregate : public PhysicalOperator {
 public:
  // `groups` (over the input row) and `aggregates` (kAggregate calls) belong
  // to the plan and must outlive the operator.
  HashAggregate(PhysicalOperatorPtr child, const std::vector<BoundExprPtr>& groups,
                const std::vector<BoundExprPtr>& aggregates)
      : groups_(groups), aggregates_(aggregates) {
    children_.push_back(std::move(child));
  }
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return groups_.empty() ? "Aggregate" : "HashAggregate"; }

 private:
  struct Group {
    Row keys;
    std::vector<AggregateState> states;  // one per aggregate
  };

  void Consume(ExecContext& ctx);
  // The group of an input row, created when new.
  Group& FindGroup(const Row& row, ExecContext& ctx);
  Group& NewGroup(Row keys);

  const std::vector<BoundExprPtr>& groups_;
  const std::vector<BoundExprPtr>& aggregates_;
  bool consumed_ = false;
  std::unordered_map<std::string, size_t> index_;  // key encoding -> groups_ entry
  std::vector<Group> table_;
  Row key_values_;   // the current row's key values (reused)
  std::string key_;  // their encoding (reused)
  size_t next_ = 0;  // the next group to return
};

}  // namespace basalt::sql
