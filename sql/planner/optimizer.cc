#include "sql/planner/optimizer.h"

#include <algorithm>

namespace basalt::sql {

const std::vector<OptimizerPass>& OptimizerPasses() {
  // Constant folding first: the point-lookup pass matches `pk = constant`,
  // and folding turns `pk = 1 + 1` or `pk = '7'` into that shape.
  static const std::vector<OptimizerPass> kPasses = {
      // First: it moves subqueries' unoptimized plans into joins, which the
      // passes below then optimize with the rest.
      {"decorrelation", &Decorrelate},
      {"constant_folding", &FoldConstants},
      // Before the scan passes, so a WHERE term on one table of a join
      // reaches that table's scan.
      {"predicate_pushdown", &PushDownPredicates},
      // After predicate_pushdown, which puts the semi joins' terms on them;
      // before join_order, which may reorder the inner joins it makes.
      {"unique_semi_join", &UniquifySemiJoins},
      {"join_order", &OrderJoins},
      // After join_order, which puts small inputs first; before join_keys,
      // which would make its equalities hash keys.
      {"index_join", &UseIndexJoins},
      {"join_keys", &FindJoinKeys},
      {"point_lookup", &UsePointLookups},
      // After point_lookup, so a primary-key equality becomes a lookup, not
      // a filtered scan.
      {"scan_pushdown", &PushIntoScans},
      // After scan_pushdown (the scans' filters); before index_selection,
      // which marks its full index reads index-only.
      {"merge_join", &UseMergeJoins},
      // After scan_pushdown, which moves the WHERE into the scan; before
      // sort_elision, so a Sort that an index's order answers goes here.
      {"index_selection", &SelectIndexes},
      // Off unless enable_seqscan = off (the session disables it): reads an
      // index for an ORDER BY without LIMIT, where sorting a full scan is
      // usually cheaper.
      {"index_order", &ReadIndexesForOrder},
      // After scan_pushdown, which folds a WHERE into the scan below a Sort.
      {"sort_elision", &ElideSorts},
      // Last: the scans it looks for are the ones the passes above left
      // full. The session disables it with max_parallel_workers_per_gather
      // = 0 and under EXPLAIN ANALYZE.
      {"parallel_aggregate", &ParallelizeAggregates},
  };
  return kPasses;
}

LogicalOperatorPtr Optimize(LogicalOperatorPtr plan, const std::vector<std::string>& disabled) {
  for (const OptimizerPass& pass : OptimizerPasses()) {
    if (std::find(disabled.begin(), disabled.end(), pass.name) != disabled.end()) continue;
    plan = pass.run(std::move(plan));
  }
  return plan;
}

}  // namespace basalt::sql
