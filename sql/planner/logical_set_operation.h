// UNION / INTERSECT / EXCEPT [ALL] of two inputs of the same width, rows
// compared as in DISTINCT (NULLs equal).
#pragma once

#include "sql/binder/bound_statement.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

struct LogicalSetOperation : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kSetOperation;
  LogicalSetOperation() : LogicalOperator(kKind) {}
  BoundSetOperation::Kind operation = BoundSetOperation::Kind::kUnion;
  bool all = false;
  std::vector<DataType> types;  // of the columns
};

}  // namespace basalt::sql
