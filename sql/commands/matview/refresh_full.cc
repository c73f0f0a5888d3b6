// Full refresh: compute the view's query into new relations and swap them
// in with one catalog commit. Readers keep the old relations (their plans
// name them) until that commit publishes the new definition, so they are
// never blocked and never see a mix; the old relations are removed after
// commit, by range deletes that readers still on an older snapshot do not see.
#include "sql/commands/matview/refresh.h"

#include "common/error.h"
#include "sql/execution/evaluate.h"

namespace basalt::sql {

void RefreshFull(MatviewRefresh& refresh, bool populate) {
  const catalog::proto::Table& def = refresh.view->def;
  RefreshExplanation* explanation = refresh.explanation;
  if (explanation && explanation->dry_run()) {
    std::string plan;
    if (populate) refresh.compute({}, &plan);
    explanation->AddStep(populate ? "Compute Result into New Relations" : "Swap In Empty Relations",
                         std::move(plan), 0, {});
    return;
  }
  auto started = std::chrono::steady_clock::now();
  Status st = refresh.writer.ReplaceMaterializedViewStorage(refresh.txn, *refresh.view, populate);
  if (!st.ok()) ThrowStatus(st);
  // Incremental views over this one recompute: its rows are replaced
  // without a record each (as by TRUNCATE).
  if (refresh.view->layout.capture_changes) {
    refresh.txn.AppendChange(refresh.view->layout.TableId(), "", "",
                             refresh.view->layout.log_changes);
  }
  if (!populate) {
    if (explanation) explanation->AddStep("Swap In Empty Relations", "", 0, started);
    return;
  }
  std::shared_ptr<const catalog::TableEntry> fresh =
      refresh.writer.View()->TableByOid(def.database_oid(), def.oid());
  RelationFill fill(refresh.store, refresh.txn, *fresh, refresh.fill_mode, refresh.interrupt);
  uint64_t computed = 0;
  std::string plan;
  refresh.compute(
      [&](const RowBatch& rows) {
        fill.Add(rows);
        computed += rows.size();
        if (refresh.progress) refresh.progress->rows_done += rows.size();
      },
      explanation ? &plan : nullptr);
  if (explanation) {
    explanation->AddStep("Compute Result into New Relations", std::move(plan), computed, started);
    started = std::chrono::steady_clock::now();
  }
  if (refresh.progress) refresh.progress->phase = MatviewRefreshBoard::kBuildingIndexes;
  refresh.rows_inserted = fill.Finish();
  if (explanation) explanation->AddStep("Build Indexes", "", 0, started);
}

}  // namespace basalt::sql
