// ANALYZE: a table's statistics, as PostgreSQL's analyze.c computes them.
// The table is read whole (its row count is exact); columns are described
// from a sample of 30,000 rows (PostgreSQL's 300 x default_statistics_target
// 100), all of them for a smaller table, so a table that fits the sample
// gets PostgreSQL's numbers: null_frac, avg_width, n_distinct (Haas and
// Stokes' estimator when values appear once), the most common values (kept
// when significantly more common than the rest) and a histogram of the
// others, and the correlation of values with the rows' stored order. The
// planner reads them from the table's catalog entry (plan_statistics.h).
#pragma once

#include "catalog/catalog.h"
#include "sql/execution/exec_context.h"

namespace basalt::sql {

inline constexpr size_t kAnalyzeSampleRows = 30000;

// Reads `table` at the transaction's snapshot and describes it.
catalog::proto::TableStatistics AnalyzeTable(ExecContext& ctx, const catalog::TableEntry& table);

}  // namespace basalt::sql
