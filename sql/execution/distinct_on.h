// SELECT DISTINCT ON: passes on the first row of each run of input rows
// whose key values are equal (as GROUP BY compares: NULLs equal, numeric
// 1.0 and 1.00 equal). The input comes sorted on the keys, so each run is
// one distinct combination.
#pragma once

#include <string>
#include <vector>

#include "sql/binder/bound_expression.h"
#include "sql/execution/physical_operator.h"

namespace basalt::sql {

class DistinctOn : public PhysicalOperator {
 public:
  // `keys` belong to the plan and must outlive the operator.
  DistinctOn(PhysicalOperatorPtr child, const std::vector<BoundExprPtr>& keys) : keys_(keys) {
    children_.push_back(std::move(child));
  }
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "Unique"; }

 private:
  const std::vector<BoundExprPtr>& keys_;
  bool first_ = true;
  std::string last_key_;  // the key encoding of the last run
  std::string key_;       // the current row's (reused)
};

}  // namespace basalt::sql
