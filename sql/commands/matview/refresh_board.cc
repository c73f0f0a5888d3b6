#include "sql/commands/matview/refresh_board.h"

namespace basalt::sql {

MatviewRefreshBoard::Progress& MatviewRefreshBoard::Start(int32_t pid, Oid database, Oid view,
                                                          std::string strategy) {
  std::lock_guard lock(mutex_);
  Progress& progress = running_.emplace_back();
  progress.pid = pid;
  progress.database = database;
  progress.view = view;
  progress.strategy = std::move(strategy);
  auto last = last_.find({database, view});
  if (last != last_.end()) progress.rows_estimate = last->second.view_rows;
  return progress;
}

void MatviewRefreshBoard::Finish(Progress& progress, Outcome outcome) {
  std::lock_guard lock(mutex_);
  Last& last = last_[{progress.database, progress.view}];
  last.view_rows = outcome.replaced_all
                       ? outcome.rows_inserted
                       : last.view_rows + outcome.rows_inserted - outcome.rows_deleted;
  last.outcome = std::move(outcome);
  running_.remove_if([&](const Progress& p) { return &p == &progress; });
}

void MatviewRefreshBoard::Abandon(Progress& progress) {
  std::lock_guard lock(mutex_);
  running_.remove_if([&](const Progress& p) { return &p == &progress; });
}

std::vector<Row> MatviewRefreshBoard::ProgressRows(Oid database) const {
  std::lock_guard lock(mutex_);
  std::vector<Row> rows;
  for (const Progress& p : running_) {
    if (p.database != database) continue;
    rows.push_back(Row{Value::Int(p.pid), Value::Int(p.database), Value::Int(p.view),
                       Value::String(p.strategy), Value::String(kPhases[p.phase.load()]),
                       Value::Int(static_cast<int64_t>(p.rows_done.load())),
                       Value::Int(static_cast<int64_t>(p.rows_estimate))});
  }
  return rows;
}

std::vector<Row> MatviewRefreshBoard::StatusRows(Oid database) const {
  std::lock_guard lock(mutex_);
  std::vector<Row> rows;
  for (const auto& [key, last] : last_) {
    if (key.first != database) continue;
    const Outcome& outcome = last.outcome;
    rows.push_back(Row{Value::Int(key.second), Value::String(outcome.strategy),
                       Value::Int(outcome.finished_at), Value::Float(outcome.duration_ms),
                       Value::Int(static_cast<int64_t>(outcome.rows_inserted)),
                       Value::Int(static_cast<int64_t>(outcome.rows_deleted))});
  }
  return rows;
}

}  // namespace basalt::sql
