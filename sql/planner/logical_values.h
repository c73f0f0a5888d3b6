// Rows given by expressions (VALUES, INSERT VALUES, SELECT without FROM),
// or rows already computed (`computed`: an incremental refresh's changed
// rows standing in for a table's scan).
#pragma once

#include <memory>

#include "catalog/catalog.h"
#include "common/value.h"
#include "sql/binder/bound_expression.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

struct LogicalValues : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kValues;
  LogicalValues() : LogicalOperator(kKind) {}
  std::vector<std::vector<BoundExprPtr>> rows;
  // Set instead of `rows`: the rows themselves, of `computed_types`.
  std::shared_ptr<const std::vector<Row>> computed;
  std::vector<DataType> computed_types;
  // Set when the rows are a table's changes standing in for its scan (an
  // incremental refresh's delta terms): EXPLAIN names the table.
  const catalog::TableEntry* changes_of = nullptr;
  // In a kept delta plan: which changed input of the term these rows are
  // (the refresh sets `computed` before each run); -1 otherwise.
  int delta_input = -1;
};

}  // namespace basalt::sql
