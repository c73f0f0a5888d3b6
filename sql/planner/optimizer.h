// The optimizer: a named list of rewrite passes over the logical plan, each
// in its own file under passes/ and switchable on its own (tests, EXPLAIN).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

struct OptimizerPass {
  std::string_view name;
  LogicalOperatorPtr (*run)(LogicalOperatorPtr plan);
};

// The passes in the order they run.
const std::vector<OptimizerPass>& OptimizerPasses();

// Runs every pass not named in `disabled`.
LogicalOperatorPtr Optimize(LogicalOperatorPtr plan, const std::vector<std::string>& disabled = {});

// passes/decorrelation.cc: correlated EXISTS, NOT EXISTS and IN filter
// terms become semi and anti joins.
LogicalOperatorPtr Decorrelate(LogicalOperatorPtr plan);
// As Decorrelate, and uncorrelated EXISTS, NOT EXISTS and IN terms too
// (which the optimizer leaves to run once): an incremental refresh follows
// the changes of their tables through the joins (join_delta.cc).
LogicalOperatorPtr DecorrelateAll(LogicalOperatorPtr plan);
// passes/constant_folding.cc: constant subexpressions become constants;
// filters that are always TRUE disappear.
LogicalOperatorPtr FoldConstants(LogicalOperatorPtr plan);
// passes/predicate_pushdown.cc: each AND term of a WHERE or ON moves to the
// lowest operator that has its columns (outer joins' rules kept).
LogicalOperatorPtr PushDownPredicates(LogicalOperatorPtr plan);
// passes/unique_semi_join.cc: a semi join whose inner keys repeat becomes
// an inner join with the inner rows made unique on them, where statistics
// say that costs less.
LogicalOperatorPtr UniquifySemiJoins(LogicalOperatorPtr plan);
// passes/join_order.cc: trees of inner joins are rebuilt left-deep,
// connected inputs first, smallest (estimated) first.
LogicalOperatorPtr OrderJoins(LogicalOperatorPtr plan);
// passes/index_join.cc: a join of a small input (computed rows, key
// lookups) with a table indexed on the joined columns reads the table
// through the index per row (a LATERAL join onto key reads).
LogicalOperatorPtr UseIndexJoins(LogicalOperatorPtr plan);
// Left inputs of up to this many rows are joined through an index.
inline constexpr double kIndexJoinRows = 20000;
// Whether an index join reads `table` by key for each of `left_rows` rows
// through equalities on `columns`: the table reads them by key (all its
// primary key's columns, or an index's first column), and, by ANALYZE's
// statistics, a seek per left row and a read per row reached come to at
// most a fifth of the table's rows.
bool IndexJoinPays(const catalog::TableEntry& table, const std::vector<int>& columns,
                   double left_rows);
// passes/join_keys.cc: equalities between the two sides of a join become
// hash join keys.
LogicalOperatorPtr FindJoinKeys(LogicalOperatorPtr plan);
// passes/merge_join.cc: a semi or anti join on one key whose inputs both
// read in its order (primary key, index) for nothing, with a large right
// input, merges them.
LogicalOperatorPtr UseMergeJoins(LogicalOperatorPtr plan);
// passes/point_lookup.cc: Filter(pk = const [AND ...]) over a full scan
// becomes a primary-key lookup.
LogicalOperatorPtr UsePointLookups(LogicalOperatorPtr plan);
// passes/scan_pushdown.cc: a filter over a full scan moves into the scan,
// and the scan learns which columns the plan above it reads.
LogicalOperatorPtr PushIntoScans(LogicalOperatorPtr plan);
// passes/index_selection.cc: a scan whose filter has conjuncts a secondary
// index answers (equality on leading columns, an IN list, IS NULL, a range) reads
// that index; ORDER BY an index's order under LIMIT reads it instead of
// sorting. The other conjuncts stay in the filter.
LogicalOperatorPtr SelectIndexes(LogicalOperatorPtr plan);
// passes/index_selection.cc too: as SelectIndexes, and an ORDER BY without
// LIMIT also reads an index giving the order (PostgreSQL's choice with
// enable_seqscan = off).
LogicalOperatorPtr ReadIndexesForOrder(LogicalOperatorPtr plan);
// passes/sort_elision.cc: ORDER BY a primary-key prefix, ascending, over a
// full scan needs no Sort (the scan returns rows in key order).
LogicalOperatorPtr ElideSorts(LogicalOperatorPtr plan);
// passes/parallel_aggregate.cc: aggregates over one large table's full
// scan, with states that merge, are marked to run on several threads.
LogicalOperatorPtr ParallelizeAggregates(LogicalOperatorPtr plan);

}  // namespace basalt::sql
