// Typed arithmetic used by the evaluator (arithmetic.cc).
#pragma once

#include "common/data_type.h"
#include "common/error.h"
#include "common/value.h"
#include "sql/binder/bound_expression.h"
#include "sql/execution/evaluate.h"

namespace basalt::sql {

// `operand_type` is the domain both operands share (dates count as days);
// `result_type` decides the range check.
Value Arithmetic(ArithmeticOp op, const Value& a, const Value& b, const DataType& operand_type,
                 const DataType& result_type);
Value Negate(const Value& v, const DataType& type);

}  // namespace basalt::sql
