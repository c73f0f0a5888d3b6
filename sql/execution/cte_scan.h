// A scan of a WITH query computed once per execution however many scans
// read it (PostgreSQL's CTE Scan). The first scan to need a row runs the
// query's plan that far; the rows are kept in ExecContext::cte_results for
// the other scans, and for this one when it is built again (the inner side
// of a join, a LATERAL or correlated subquery run per outer row), in a
// RowStore: past work_mem in an encrypted spill file.
#pragma once

#include <string>
#include <vector>

#include "sql/execution/physical_operator.h"
#include "sql/execution/row_store.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

struct CteResult {
  PhysicalOperatorPtr producer;  // null once exhausted
  RowStore rows{"CTE Scan"};
};

class CteScan : public PhysicalOperator {
 public:
  // `query` (the WITH query's plan) and `key` (its CteUse) belong to the
  // plan and must outlive the operator.
  CteScan(const LogicalOperator& query, const void* key, std::string name)
      : query_(query), key_(key), name_(std::move(name)) {}
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "CTE Scan on " + name_; }

 private:
  // Runs the query until it holds a row at the cursor or is exhausted.
  bool Reach(ExecContext& ctx, CteResult& result);

  const LogicalOperator& query_;
  const void* key_;
  std::string name_;
  RowStore::Cursor cursor_;
};

}  // namespace basalt::sql
