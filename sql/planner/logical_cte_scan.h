// A scan of a WITH query computed once for all its references (CteUse):
// a leaf for the optimizer, whose passes never reach into the query's plan
// (`cte->plan`, optimized on its own: MATERIALIZED is an optimization
// fence, as in PostgreSQL).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/data_type.h"
#include "sql/binder/bound_statement.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

struct LogicalCteScan : LogicalOperator {
  static constexpr LogicalKind kKind = LogicalKind::kCteScan;
  LogicalCteScan() : LogicalOperator(kKind) {}
  std::shared_ptr<CteUse> cte;
  std::string name;                       // the WITH query's
  std::string alias;                      // written after the reference; empty: none
  std::vector<std::string> column_names;  // as the reference names them
  std::vector<DataType> types;            // of the columns
};

}  // namespace basalt::sql
