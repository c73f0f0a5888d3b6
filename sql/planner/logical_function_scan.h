// A set-returning function in FROM: generate_series or unnest, its
// arguments evaluated once per execution (or per row of a LATERAL join).
#pragma once

#include <string>

#include "sql/binder/bound_statement.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

struct LogicalFunctionScan : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kFunctionScan;
  LogicalFunctionScan() : LogicalOperator(kKind) {}
  TableFunction function = TableFunction::kGenerateSeries;
  // For EXPLAIN: the function's name and the alias written (empty: none);
  // a target list's function (ProjectSet in PostgreSQL) has neither.
  std::string name;
  std::string alias;
  std::vector<BoundExprPtr> arguments;
  bool with_ordinality = false;
  DataType type;  // of the value column
  // A function returning record: its columns, in place of the value column
  // (BoundTableRef::record_columns).
  std::vector<RecordColumn> record_columns;
  // Functions run in lockstep with this one, a column each (the target
  // list's set-returning functions: BoundTableRef::lockstep).
  std::vector<std::unique_ptr<LogicalFunctionScan>> lockstep;
};

}  // namespace basalt::sql
