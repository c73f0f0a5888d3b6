// GROUP BY and aggregates: reads its whole input, folding each row into its
// group's aggregate states, then returns one row per group (the key values,
// then each aggregate's result) in the order the groups first appeared.
// Without group keys it returns exactly one row, even for no input.
//
// Groups are found by the key codec's encoding of their key values, so keys
// equal in SQL share a group: numeric 1.0 and 1.00, float -0 and 0, every
// NaN, every NULL; text by its bytes.
//
// Past work_mem the group table stops growing: rows of groups already in it
// are still folded in, the others are written to one of kSpillPartitions
// encrypted temp files by their key's hash. Once the in-memory groups are
// returned, each partition is aggregated the same way (spilling again into
// finer partitions when needed). A group's rows all go one way and keep
// their order, so order-sensitive aggregates see what they would in memory;
// only the order of the groups differs. Aggregate states that grow (such
// as array_agg's) are charged as they grow: a group's state stays in
// memory, so such groups fill the table sooner and, past the query's
// limit, fail with 53200.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "sql/binder/bound_expression.h"
#include "sql/execution/aggregate_function.h"
#include "sql/execution/physical_operator.h"
#include "sql/execution/query_memory.h"

namespace basalt::sql {

class SpillFile;

class HashAggregate : public PhysicalOperator {
 public:
  // `groups` (over the input row) and `aggregates` (kAggregate calls) belong
  // to the plan and must outlive the operator.
  HashAggregate(PhysicalOperatorPtr child, const std::vector<BoundExprPtr>& groups,
                const std::vector<BoundExprPtr>& aggregates);
  ~HashAggregate() override;
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return groups_.empty() ? "Aggregate" : "HashAggregate"; }
  struct Group {
    Row keys;
    std::vector<AggregateState> states;  // one per aggregate
  };
  // A participant of a parallel aggregate (parallel_aggregate.h): folds the
  // whole input into groups without spilling and without finishing them.
  // False, having stopped early, when the groups outgrew work_mem or `stop`
  // was set (by another participant that failed); true when groups() holds
  // every input row's group.
  bool ConsumePartial(ExecContext& ctx, const std::atomic<bool>& stop);
  std::vector<Group>& groups() { return table_; }
  // Whether and how much the aggregation spilled.
  const SpillStats& spill_stats() const { return memory_.spill(); }
  void ReportStats(OperatorStats* stats) const override;

 private:
  // Folds the whole input into groups, spilling past work_mem; with
  // `stop` (ConsumePartial) it never spills and returns false once the
  // groups outgrow work_mem or *stop is set.
  bool Consume(ExecContext& ctx, const std::atomic<bool>* stop);
  // Folds one input row into its group, or spills it (hash_aggregate_spill.cc).
  void ConsumeRow(const Row& row, ExecContext& ctx);
  void Accumulate(Group& group, const Row& row, ExecContext& ctx);
  void SpillRow(const Row& row, ExecContext& ctx);
  // Replaces the returned groups by those of the next spilled partition;
  // false when none is left.
  bool AggregateNextPartition(ExecContext& ctx);
  Group& NewGroup(Row keys);
  // Group key `i` of `row`: the row's own value for a column, else the
  // expression's value, evaluated into key_values_[i].
  const Value& GroupValue(size_t i, const Row& row, ExecContext& ctx);
  // Whether keys_ are surely the key values of `group` (SameGroupKey).
  bool SameKeysAsGroup(const Group& group) const;

  const std::vector<BoundExprPtr>& groups_;
  const std::vector<BoundExprPtr>& aggregates_;
  bool consumed_ = false;
  std::unordered_map<std::string, size_t> index_;  // key encoding -> groups_ entry
  // One integer key (GROUP BY an id, a bucket): its non-NULL values are
  // looked up here by value instead, without encoding and hashing a string
  // per row. They group the same: equal integers, equal encodings.
  const bool integer_key_;
  std::unordered_map<int64_t, size_t> integer_index_;
  std::vector<Group> table_;
  Row key_values_;                  // the current row's key values (reused)
  std::vector<const Value*> keys_;  // the current row's key values, wherever they are
  std::string key_;                 // their encoding (reused)
  // The group the last row went to: a row with the same key values goes
  // there without encoding its key (input clustered by the keys, as a
  // table read in key order grouped by a prefix of it, meets this a lot).
  static constexpr size_t kNoGroup = static_cast<size_t>(-1);
  size_t last_group_ = kNoGroup;
  Row args_;         // an aggregate's argument values (reused)
  size_t next_ = 0;  // the next group to return

  OperatorMemory memory_{"HashAggregate"};
  // Spilling: the table is full, new groups' rows go to partitions_ (of
  // partition_level_, which picks the hash bits); pending_ are the
  // partitions still to aggregate, with their levels.
  bool table_full_ = false;
  int partition_level_ = 0;
  std::vector<std::unique_ptr<SpillFile>> partitions_;
  std::vector<std::pair<std::unique_ptr<SpillFile>, int>> pending_;
  uint64_t batches_ = 1;  // passes: the input's, then one per spilled partition
};

}  // namespace basalt::sql
