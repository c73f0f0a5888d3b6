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

// Consumes the bound statement's expressions (moves them into the plan).
LogicalOperatorPtr PlanSelect(BoundSelect& select);
LogicalOperatorPtr PlanInsert(BoundInsert& insert);
LogicalOperatorPtr PlanUpdate(BoundUpdate& update);
LogicalOperatorPtr PlanDelete(BoundDelete& del);

// Plans (and optimizes) every subquery in the plan's expressions, once:
// clones of an expression share its BoundSubquery.
void PlanSubqueries(LogicalOperator& plan, const std::vector<std::string>& disabled);

// Calls `visit` on each expression `op` itself holds (not its children's).
void ForEachExpression(LogicalOperator& op, const std::function<void(BoundExprPtr&)>& visit);

// The types of the columns of op's rows (a query plan's operators).
std::vector<DataType> OutputTypes(const LogicalOperator& op);

// Lowers an optimized logical plan to physical operators, which read the
// plan's expressions in place: `plan` must outlive them.
PhysicalOperatorPtr CreatePhysicalPlan(const LogicalOperator& plan);

}  // namespace basalt::sql
