// Planner: bound statement -> logical plan -> (optimizer passes) -> physical
// operators. Never looks anything up by name: the binder resolved it all.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sql/binder/bound_statement.h"
#include "sql/execution/physical_operator.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

class ScanRanges;

// Consumes the bound statement's expressions (moves them into the plan).
LogicalOperatorPtr PlanSelect(BoundSelect& select);
LogicalOperatorPtr PlanInsert(BoundInsert& insert);
LogicalOperatorPtr PlanUpdate(BoundUpdate& update);
LogicalOperatorPtr PlanDelete(BoundDelete& del);
LogicalOperatorPtr PlanMerge(BoundMerge& merge);
// A FROM item that reads a WITH query (BoundTableRef::cte): a CTE scan, or
// the reference's own binding as a subquery (CteUse's rule; plan_cte.cc).
LogicalOperatorPtr PlanCteReference(BoundTableRef& ref);

// Plans every subquery in the plan's expressions (nested ones too), once:
// clones of an expression share its BoundSubquery. The optimizer's
// decorrelation pass may then move a subquery's plan into a join; then
// OptimizeSubqueries optimizes the plans of the subqueries that are left,
// and those of the WITH queries the plan's CTE scans read.
void PlanSubqueries(LogicalOperator& plan);
void OptimizeSubqueries(LogicalOperator& plan, const std::vector<std::string>& disabled);

// Calls `visit` on each expression `op` itself holds (not its children's).
void ForEachExpression(LogicalOperator& op, const std::function<void(BoundExprPtr&)>& visit);

// The types of the columns of op's rows (a query plan's operators).
std::vector<DataType> OutputTypes(const LogicalOperator& op);

// Lowers an optimized logical plan to physical operators, which read the
// plan's expressions in place: `plan` must outlive them. With
// `instrumentation` (EXPLAIN ANALYZE), each operator is measured.
PhysicalOperatorPtr CreatePhysicalPlan(const LogicalOperator& plan,
                                       PlanInstrumentation* instrumentation = nullptr);
// One participant's copy of a parallel aggregate's input (the plan under a
// LogicalAggregate marked `parallel`): its parallel scan reads the ranges
// it takes from `ranges`. With `instrumentation` (the participant's own
// under EXPLAIN ANALYZE), each operator is measured.
// The table of the parallel scan in a parallel aggregate's input, or null.
const catalog::TableEntry* ParallelScanTable(const LogicalOperator& plan);
PhysicalOperatorPtr CreateParallelWorkerPlan(const LogicalOperator& plan, ScanRanges* ranges,
                                             PlanInstrumentation* instrumentation);

}  // namespace basalt::sql
