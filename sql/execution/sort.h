// ORDER BY: materializes the input and sorts it (stable, so equal keys keep
// their input order).
#pragma once

#include <vector>

#include "sql/binder/bound_statement.h"
#include "sql/execution/physical_operator.h"

namespace basalt::sql {

class Sort : public PhysicalOperator {
 public:
  Sort(PhysicalOperatorPtr child, const std::vector<BoundOrderBy>& keys) : keys_(keys) {
    children_.push_back(std::move(child));
  }
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "Sort"; }

 private:
  const std::vector<BoundOrderBy>& keys_;
  bool sorted_ = false;
  std::vector<Row> rows_;
  size_t next_ = 0;
};

}  // namespace basalt::sql
