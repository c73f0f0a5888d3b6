// Subqueries in expressions. A subquery that reads no outer value runs once
// per execution (its result is kept in ExecContext::subquery_results); one
// that does runs for each row, with the values it reads pushed on
// ExecContext::outer_values for its plan's kOuterColumn nodes.
#pragma once

#include "common/value.h"
#include "sql/binder/bound_expression.h"
#include "sql/execution/exec_context.h"

namespace basalt::sql {

// Pushes the outer values a correlated subquery (or a LATERAL join's right
// input) reads for one run, and pops them when the run ends or fails.
class OuterValuesFrame {
 public:
  OuterValuesFrame(ExecContext* ctx, const std::vector<Value>* values) : ctx_(ctx) {
    ctx_->outer_values.push_back(values);
  }
  ~OuterValuesFrame() { ctx_->outer_values.pop_back(); }
  OuterValuesFrame(const OuterValuesFrame&) = delete;
  OuterValuesFrame& operator=(const OuterValuesFrame&) = delete;

 private:
  ExecContext* ctx_;
};

// A kSubquery node's value for `row`.
Value EvaluateSubquery(const BoundExpr& e, const Row& row, ExecContext* ctx);

}  // namespace basalt::sql
