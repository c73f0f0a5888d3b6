// The date/time operators with interval, time and timestamp operands
// (PostgreSQL's timestamp_pl_interval, timestamp_mi, interval_mul, ...).
#pragma once

#include <string_view>

#include "sql/binder/bound_expression.h"

namespace basalt::sql {

// Binds `left op right` when an operand is a timestamp, timestamptz,
// interval or time: an untyped literal takes the type PostgreSQL's
// operator resolution gives it, a date becomes a timestamp where the
// operator takes one. Returns nullptr when no operand has such a type;
// throws 42883 when the pair has no operator. The node is kArithmetic with
// compare_type the left operand's type (datetime_arithmetic.cc reads it).
BoundExprPtr BindDatetimeArithmetic(std::string_view op, ArithmeticOp arith, BoundExprPtr& left,
                                    BoundExprPtr& right, int position);

}  // namespace basalt::sql
