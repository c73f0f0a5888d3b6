// Joins. Both algorithms read their right input whole first (a hash table,
// or a list for the nested loop), then stream the left input; each output
// row is a left row followed by a right row, with NULLs for the side an
// outer join's unmatched row lacks. Right and full joins return the
// unmatched right rows at the end.
//
// A hash join whose build side passes work_mem partitions both sides by
// key hash into encrypted temp files (grace hash join) and joins them in
// passes, each pass as many partitions as fit in work_mem; rows then come
// out grouped by partition rather than in left-input order.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "sql/binder/bound_statement.h"
#include "sql/execution/physical_operator.h"
#include "sql/execution/query_memory.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

class SpillFile;

// What both algorithms share: reading the right side, combining rows,
// outer-join bookkeeping and output batching.
class JoinOperator : public PhysicalOperator {
 public:
  bool Next(ExecContext& ctx, RowBatch* batch) final;
  void ReportStats(OperatorStats* stats) const override {
    stats->rows_removed_by_join_filter = rows_removed_by_join_filter_;
  }

 protected:
  // `right` is null for a LateralJoin, which builds its right input per row.
  JoinOperator(PhysicalOperatorPtr left, PhysicalOperatorPtr right, JoinType type,
               const BoundExpr* condition, int left_width, int right_width);

  // Reads the right input into right_rows_ (and whatever index the
  // algorithm keeps).
  virtual void Build(ExecContext& ctx) = 0;
  // Adds the joined rows of one left row to the output (TryPair); returns
  // whether it matched any right row.
  virtual bool Probe(const Row& left, ExecContext& ctx) = 0;
  // The next left rows of the current pass: the left input, unless the
  // algorithm split the join into passes.
  virtual bool NextLeft(ExecContext& ctx, RowBatch* batch) {
    return children_[0]->Next(ctx, batch);
  }
  // Once a pass's left rows and unmatched right rows are out: replaces
  // right_rows_ (and the index) by the next pass's; false when none is left.
  virtual bool NextPass(ExecContext&) { return false; }

  // If the right row `index` passes the condition with `left`, adds the
  // pair to the output (semi and anti joins: only says so) and marks the
  // right row matched. Probes stop at the first match when first_match_only_.
  bool TryPair(const Row& left, size_t index, ExecContext& ctx);

  JoinType type_;
  bool first_match_only_;       // semi and anti joins
  const BoundExpr* condition_;  // null: every pair
  int left_width_;
  int right_width_;
  std::vector<Row> right_rows_;
  std::vector<bool> right_matched_;  // right and full joins

 private:
  // The next output row to fill, at the end of the pending rows.
  Row& NewPendingRow();

  bool built_ = false;
  bool left_done_ = false;
  size_t unmatched_next_ = 0;  // the next right row to check at the end
  RowBatch input_;             // the current left rows
  // Output rows not returned yet: [pending_next_, pending_size_). The rows
  // past pending_size_ are storage kept for the next ones (rows handed
  // back by the caller), so that building a pair allocates nothing.
  RowBatch pending_;
  size_t pending_size_ = 0;
  size_t pending_next_ = 0;
  Row combined_;  // reused for semi and anti joins' condition checks
  uint64_t pairs_tried_ = 0;
  uint64_t rows_removed_by_join_filter_ = 0;
};

class NestedLoopJoin : public JoinOperator {
 public:
  NestedLoopJoin(PhysicalOperatorPtr left, PhysicalOperatorPtr right, JoinType type,
                 const BoundExpr* condition, int left_width, int right_width)
      : JoinOperator(std::move(left), std::move(right), type, condition, left_width, right_width) {}
  std::string Describe() const override { return "Nested Loop"; }

 private:
  void Build(ExecContext& ctx) override;
  bool Probe(const Row& left, ExecContext& ctx) override;

  // The right rows are charged to the query (53200 past its limit); they
  // do not spill yet.
  OperatorMemory memory_{"Nested Loop"};
};

// A LATERAL join (inner or left): for each left row, the right input is
// built afresh from its plan with the lateral values pushed as outer values
// (ExecContext::outer_values) and read whole, then paired as in a nested
// loop. With `memoize`, the right rows of each distinct set of lateral
// values are read once (an incremental refresh's changed rows often share
// their join keys).
class LateralJoin : public JoinOperator {
 public:
  // `right` and `lateral_values` (over left rows) belong to the plan.
  LateralJoin(PhysicalOperatorPtr left, const LogicalOperator& right, JoinType type,
              const std::vector<BoundExprPtr>& lateral_values, const BoundExpr* condition,
              int left_width, int right_width, bool memoize);
  std::string Describe() const override { return "Nested Loop (lateral)"; }

 private:
  // Past this many memoized right rows the memo starts over (bounded memory).
  static constexpr size_t kMaxMemoRows = 100000;

  void Build(ExecContext&) override {}
  bool Probe(const Row& left, ExecContext& ctx) override;
  // Appends the right rows for `values` to right_rows_.
  void ReadRight(std::vector<Value>& values, ExecContext& ctx);

  const LogicalOperator& right_plan_;
  const std::vector<BoundExprPtr>& lateral_values_;
  const bool memoize_;
  // By the lateral values (AppendGroupKey): where their right rows are in
  // right_rows_ (begin, end), which then keeps every memoized row.
  std::unordered_map<std::string, std::pair<size_t, size_t>> memo_;
};

// Matches rows whose key values are equal (NULL keys never match), then
// checks the rest of the condition.
class HashJoin : public JoinOperator {
 public:
  // `left_keys` over left rows, `right_keys` over right rows; owned by the plan.
  HashJoin(PhysicalOperatorPtr left, PhysicalOperatorPtr right, JoinType type,
           const std::vector<BoundExprPtr>& left_keys, const std::vector<BoundExprPtr>& right_keys,
           const BoundExpr* condition, int left_width, int right_width);
  ~HashJoin() override;
  std::string Describe() const override { return "Hash Join"; }
  // Whether and how much the join spilled.
  const SpillStats& spill_stats() const { return memory_.spill(); }
  void ReportStats(OperatorStats* stats) const override;

 private:
  // Both sides' rows of one hash partition, once the join spilled.
  struct Partition {
    std::unique_ptr<SpillFile> right;
    std::unique_ptr<SpillFile> left;
    int64_t right_bytes = 0;  // what its right rows take in memory
    int level = 0;            // how many times its rows were split
  };

  void Build(ExecContext& ctx) override;
  bool Probe(const Row& left, ExecContext& ctx) override;
  bool NextLeft(ExecContext& ctx, RowBatch* batch) override;
  bool NextPass(ExecContext& ctx) override;
  // Points key_refs_ at a row's key values (those that are not columns
  // evaluated into evaluated_keys_).
  void ReadKeys(const std::vector<BoundExprPtr>& keys, const Row& row, ExecContext& ctx);
  // key_ = the encoding of the values key_refs_ points at; false when one is NULL.
  bool EncodeReadKeys(const std::vector<BoundExprPtr>& keys);
  // The encoding of a row's key values; false when one is NULL.
  bool EncodeKey(const std::vector<BoundExprPtr>& keys, const Row& row, ExecContext& ctx);
  // Whether key_refs_ (a left row's) surely equal the last probe's keys.
  bool SameKeysAsLastProbe() const;
  // Fills matches_ with the right rows matching key_refs_, and remembers them.
  void FindMatches();
  // Adds a right row to the in-memory table.
  void AddRight(Row row, ExecContext& ctx);
  // Spilling (hash_join_spill.cc): moves the table to partitions, writes
  // one row to its partition among the `parts` from `first` (split `level`
  // times), splits a partition too large for work_mem into new ones, loads
  // the partitions of the next pass.
  void StartPartitioning(ExecContext& ctx);
  void SpillRow(const std::vector<BoundExprPtr>& keys, const Row& row, bool right, ExecContext& ctx,
                size_t first = 0, int level = 0, size_t parts = 64);
  void SplitPartition(size_t i, ExecContext& ctx);
  bool LoadPass(ExecContext& ctx);

  const std::vector<BoundExprPtr>& left_keys_;
  const std::vector<BoundExprPtr>& right_keys_;
  std::unordered_multimap<std::string, size_t> table_;  // key -> right_rows_ index
  std::string key_;                                     // reused
  Row evaluated_keys_;                                  // keys that are not columns (reused)
  std::vector<const Value*> key_refs_;                  // the current row's key values
  // The last probe's key values and the right rows they matched: a left
  // row with the same keys (input clustered by the join key) takes them
  // without encoding and looking up its key.
  bool has_last_probe_ = false;
  Row last_probe_keys_;
  std::vector<size_t> matches_;
  OperatorMemory memory_{"Hash Join"};
  std::vector<Partition> partitions_;  // empty: all in memory
  size_t pass_begin_ = 0;              // the current pass's partitions
  size_t pass_end_ = 0;
  size_t left_partition_ = 0;  // the partition NextLeft reads
  size_t max_buckets_ = 0;     // the table's most buckets (EXPLAIN ANALYZE)
};

}  // namespace basalt::sql
