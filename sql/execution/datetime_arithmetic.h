// Arithmetic on timestamps, intervals and times (the operators
// bind_datetime_operator.cc resolves).
#pragma once

#include "common/data_type.h"
#include "common/value.h"
#include "sql/binder/bound_expression.h"

namespace basalt::sql {

// Whether Arithmetic() with these operand and result types is one of them.
bool IsDatetimeArithmetic(const DataType& left_type, const DataType& result_type);
// REQUIRES: IsDatetimeArithmetic(left_type, result_type); a and b not NULL.
// The right operand's type follows from its representation: an Interval,
// a double (interval * float8) or an int64 (a timestamp, date or time).
Value DatetimeArithmetic(ArithmeticOp op, const Value& a, const Value& b, const DataType& left_type,
                         const DataType& result_type);
Value NegateInterval(const Value& v);
// timestamp + interval, or timestamptz + interval in the session's zone.
int64_t AddInterval(int64_t timestamp, const Interval& span, TypeId type);

}  // namespace basalt::sql
