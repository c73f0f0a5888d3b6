#include "sql/commands/matview/refresh_board.h"

#include <algorithm>

#include "common/datetime.h"

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
    const int64_t changes_total = p.changes_total.load();
    rows.push_back(Row{
        Value::Int(p.pid), Value::Int(p.database), Value::Int(p.view), Value::String(p.strategy),
        Value::String(kPhases[p.phase.load()]),
        Value::Int(static_cast<int64_t>(p.rows_done.load())),
        Value::Int(static_cast<int64_t>(p.rows_estimate)),
        changes_total < 0 ? Value::Null() : Value::Int(static_cast<int64_t>(p.changes_done.load())),
        changes_total < 0 ? Value::Null() : Value::Int(changes_total)});
  }
  return rows;
}

void MatviewRefreshBoard::SetAutoState(Oid database, Oid view, std::string state) {
  std::lock_guard lock(mutex_);
  last_[{database, view}].auto_state = std::move(state);
}

void MatviewRefreshBoard::SetAutoError(Oid database, Oid view, std::string error) {
  std::lock_guard lock(mutex_);
  last_[{database, view}].auto_error = std::move(error);
}

MatviewRefreshBoard::ViewRecord MatviewRefreshBoard::Record(Oid database, Oid view) const {
  std::lock_guard lock(mutex_);
  ViewRecord record;
  for (const Progress& p : running_) record.running |= p.database == database && p.view == view;
  auto found = last_.find({database, view});
  if (found == last_.end()) return record;
  record.last = found->second.outcome;
  record.auto_state = found->second.auto_state;
  record.auto_error = found->second.auto_error;
  return record;
}

void MatviewRefreshBoard::SampleCommitClock(uint64_t sequence, int64_t now) {
  std::lock_guard lock(mutex_);
  if (!clock_.empty() && clock_.back().first >= sequence) return;
  // Past the bound, every other sample goes: older times get coarser.
  if (clock_.size() == kClockSamples) {
    std::deque<std::pair<uint64_t, int64_t>> kept;
    for (size_t i = 0; i < clock_.size(); i += 2) kept.push_back(clock_[i]);
    clock_ = std::move(kept);
  }
  clock_.emplace_back(sequence, now);
}

int64_t MatviewRefreshBoard::CommitTimeOf(uint64_t sequence) const {
  std::lock_guard lock(mutex_);
  auto covering = std::lower_bound(
      clock_.begin(), clock_.end(), sequence,
      [](const std::pair<uint64_t, int64_t>& sample, uint64_t s) { return sample.first < s; });
  if (covering == clock_.end()) return CurrentTimestamp();  // committed since the last sample
  if (covering == clock_.begin()) return clock_.front().second;
  return covering->second;
}

}  // namespace basalt::sql
