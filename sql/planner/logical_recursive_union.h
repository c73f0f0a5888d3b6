// WITH RECURSIVE: the non-recursive term (children[0]) once, then the
// recursive term (children[1]) again and again over the rows the previous
// round added, which its LogicalWorkTableScan reads, until a round adds
// none. Without `all`, rows already returned are not added again.
#pragma once

#include <vector>

#include "common/data_type.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

struct LogicalRecursiveUnion : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kRecursiveUnion;
  LogicalRecursiveUnion() : LogicalOperator(kKind) {}
  int work_table_id = -1;
  bool all = false;
  std::vector<DataType> types;  // of the columns
};

struct LogicalWorkTableScan : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kWorkTableScan;
  LogicalWorkTableScan() : LogicalOperator(kKind) {}
  int work_table_id = -1;
  std::vector<DataType> types;  // of the columns
};

}  // namespace basalt::sql
