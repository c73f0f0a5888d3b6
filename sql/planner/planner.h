// Planner: bound statement -> logical plan -> (optimizer passes) -> physical
// operators. Never looks anything up by name: the binder resolved it all.
#pragma once

#include "sql/binder/bound_statement.h"
#include "sql/execution/physical_operator.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

// Consumes the bound statement's expressions (moves them into the plan).
LogicalOperatorPtr PlanSelect(BoundSelect& select);
LogicalOperatorPtr PlanInsert(BoundInsert& insert);
LogicalOperatorPtr PlanUpdate(BoundUpdate& update);
LogicalOperatorPtr PlanDelete(BoundDelete& del);

// Lowers an optimized logical plan to physical operators, which read the
// plan's expressions in place: `plan` must outlive them.
PhysicalOperatorPtr CreatePhysicalPlan(const LogicalOperator& plan);

}  // namespace basalt::sql
