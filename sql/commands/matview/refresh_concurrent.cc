// Concurrent refresh, as PostgreSQL's refresh_by_match_merge: the new
// result is matched with the stored rows on the unique keys and whole-row
// identity, and only the difference is written, deletes before inserts, in
// the refreshing transaction (match_merge.h, within work_mem). A refresh
// that changes 10 rows of a million writes 10 rows. Readers read their
// snapshot throughout.
#include <fmt/format.h>

#include <string>

#include "sql/commands/matview/match_merge.h"
#include "sql/commands/matview/refresh.h"
#include "storage/table_store.h"

namespace basalt::sql {

void RefreshConcurrent(MatviewRefresh& refresh) {
  const catalog::TableEntry& view = *refresh.view;
  RefreshExplanation* explanation = refresh.explanation;
  std::string plan;
  if (explanation && explanation->dry_run()) {
    refresh.compute({}, &plan);
    explanation->AddStep("Compute Result", std::move(plan), 0, {});
    explanation->AddStep("Match Stored Rows on Unique Keys", "", 0, {});
    explanation->AddStep("Insert Unmatched Rows", "", 0, {});
    return;
  }
  ExecContext ctx = refresh.new_context();
  MatchMerge merge(ctx, view);
  auto started = std::chrono::steady_clock::now();
  uint64_t computed = 0;
  refresh.compute(
      [&](const RowBatch& rows) {
        computed += rows.size();
        for (const Row& row : rows) merge.AddNew(row);
        if (refresh.progress) refresh.progress->rows_done += rows.size();
      },
      explanation ? &plan : nullptr);
  if (explanation) {
    explanation->AddStep("Compute Result", std::move(plan), computed, started);
    started = std::chrono::steady_clock::now();
  }

  // As PostgreSQL's full join of the stored and the new rows: a stored row
  // stays if the new result has it and its keys are not NULL; every other
  // stored row goes, then every new row no stored row matched comes in
  // (all its copies).
  if (refresh.progress) refresh.progress->phase = MatviewRefreshBoard::kApplyingChanges;
  storage::TableStore table(refresh.store, &view.layout);
  refresh.rows_deleted = merge.DeleteUnmatched(table);
  if (explanation) {
    const SpillStats& spill = merge.spill();
    explanation->AddStep("Match Stored Rows on Unique Keys",
                         spill.files == 0 ? ""
                                          : fmt::format("Temp Files: {}  Disk: {}kB", spill.files,
                                                        (spill.bytes + 1023) / 1024),
                         refresh.rows_deleted, started);
    started = std::chrono::steady_clock::now();
  }
  refresh.rows_inserted = merge.InsertUnmatched(table);
  if (explanation) {
    explanation->AddStep("Insert Unmatched Rows", "", refresh.rows_inserted, started);
  }
}

}  // namespace basalt::sql
