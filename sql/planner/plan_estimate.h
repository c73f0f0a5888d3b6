// Basalt's estimates of a plan node, for EXPLAIN's `(cost=a..b rows=n
// width=w)`. Basalt keeps no table statistics and has no cost model like
// PostgreSQL's, so these are its own crude numbers in PostgreSQL's shape
// (docs/architecture.md, "EXPLAIN"): a table is taken to hold 1000 rows
// (as the join_order pass does), each AND term of a filter keeps a tenth,
// a primary-key lookup finds one row, GROUP BY makes at most 200 groups
// (PostgreSQL's default without statistics); a cost unit is a row's
// processing (0.01 per row read or returned, more for sorting and
// hashing), the startup cost what is spent before the first row.
#pragma once

#include "sql/planner/logical_operator.h"

namespace basalt::sql {

struct PlanEstimate {
  double startup_cost = 0;
  double total_cost = 0;
  double rows = 0;
  int width = 0;  // average bytes of a row: the columns' types' sizes
};

PlanEstimate EstimatePlan(const LogicalOperator& op);

}  // namespace basalt::sql
