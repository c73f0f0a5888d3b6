// Subqueries in expressions. A subquery that reads no outer value runs once
// per execution (its result is kept in ExecContext::subquery_results); one
// that does runs for each row, with the values it reads pushed on
// ExecContext::outer_values for its plan's kOuterColumn nodes.
#pragma once

#include "common/value.h"
#include "sql/binder/bound_expression.h"
#include "sql/execution/exec_context.h"

namespace basalt::sql {

// A kSubquery node's value for `row`.
Value EvaluateSubquery(const BoundExpr& e, const Row& row, ExecContext* ctx);

}  // namespace basalt::sql
