// Walks over the view's plans that incremental refresh needs
// (refresh_incremental.cc): its scans, its GROUP BY, its UNION ALL branches.
#pragma once

#include <vector>

#include "catalog/catalog.h"
#include "sql/commands/matview/delta_plans.h"
#include "sql/commands/matview/join_delta.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

// The scans of a plan's tables, in plan order (the FROM order).
void CollectScans(LogicalOperatorPtr& op, std::vector<LogicalOperatorPtr*>* out);
// The tables of those scans, in the same order.
std::vector<ScannedTable> ScannedTables(const LogicalOperator& plan);
// The plan node of the view's GROUP BY (or DISTINCT).
LogicalOperatorPtr& FindAggregate(LogicalOperatorPtr& root);
// Puts `rows` (the changes of `changes_of`) in place of the scan; a kept
// plan's stand-in for changed input `delta_input` (delta_plans.h).
void ReplaceScan(LogicalOperatorPtr* scan, RowsPtr rows, const catalog::TableEntry* changes_of,
                 int delta_input = -1);
// The set operation under the plan's top (a UNION ALL view's), or null.
LogicalOperatorPtr* UnionNode(LogicalOperatorPtr& root);
bool ContainsSetOperation(const LogicalOperator& op);
// The branches of a UNION ALL: paths (child positions) from the set
// operation to each leaf query; one empty path for a plan without one.
void CollectBranches(const LogicalOperator& op, std::vector<int>* path,
                     std::vector<std::vector<int>>* out);

}  // namespace basalt::sql
