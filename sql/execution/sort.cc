#include "sql/execution/sort.h"

#include <algorithm>

#include "sql/execution/evaluate.h"
#include "sql/execution/spill_file.h"

namespace basalt::sql {
namespace {

// Runs a merge reads at once: each holds one read block in memory.
constexpr size_t kMaxMergeFanIn = 64;

// Whether key row a sorts before key row b.
bool KeyLess(const std::vector<BoundOrderBy>& keys, const Row& a, const Row& b) {
  for (size_t i = 0; i < keys.size(); ++i) {
    const Value& x = a[i];
    const Value& y = b[i];
    const BoundOrderBy& k = keys[i];
    if (x.is_null() || y.is_null()) {
      if (x.is_null() && y.is_null()) continue;
      // x is NULL: it goes first exactly when NULLS FIRST.
      return x.is_null() == k.nulls_first;
    }
    int c = CompareValues(x, y, k.expr->type);
    if (c != 0) return k.descending ? c > 0 : c < 0;
  }
  return false;
}

}  // namespace

// Merges sorted runs, each row of a run stored as its key values followed
// by the row. Among equal keys the run listed first wins: runs hold
// consecutive stretches of the input in order, so the merge stays stable.
class RunMerger {
 public:
  RunMerger(const std::vector<BoundOrderBy>& keys, std::vector<SpillFile*> runs)
      : keys_(keys), runs_(std::move(runs)), heads_(runs_.size()) {
    for (size_t i = 0; i < runs_.size(); ++i) {
      runs_[i]->Rewind();
      if (runs_[i]->Read(&heads_[i])) heap_.push_back(i);
    }
    std::make_heap(heap_.begin(), heap_.end(), Later());
  }

  // The next entry (keys then row) in order; false when all runs are done.
  bool Next(Row* entry) {
    if (heap_.empty()) return false;
    std::pop_heap(heap_.begin(), heap_.end(), Later());
    const size_t run = heap_.back();
    *entry = std::move(heads_[run]);
    if (runs_[run]->Read(&heads_[run])) {
      std::push_heap(heap_.begin(), heap_.end(), Later());
    } else {
      heap_.pop_back();
    }
    return true;
  }

 private:
  // The heap's order: the top is the run whose head comes first.
  struct LaterOrder {
    const RunMerger* m;
    bool operator()(size_t a, size_t b) const {
      if (KeyLess(m->keys_, m->heads_[b], m->heads_[a])) return true;
      if (KeyLess(m->keys_, m->heads_[a], m->heads_[b])) return false;
      return a > b;
    }
  };
  LaterOrder Later() const { return LaterOrder{this}; }

  const std::vector<BoundOrderBy>& keys_;
  std::vector<SpillFile*> runs_;
  std::vector<Row> heads_;  // the next entry of each run
  std::vector<size_t> heap_;
};

Sort::Sort(PhysicalOperatorPtr child, const std::vector<BoundOrderBy>& keys) : keys_(keys) {
  children_.push_back(std::move(child));
}

Sort::~Sort() = default;

void Sort::SortEntries(std::vector<Entry>* entries) const {
  std::stable_sort(entries->begin(), entries->end(), [&](const Entry& a, const Entry& b) {
    return KeyLess(keys_, a.first, b.first);
  });
}

void Sort::SpillRun(ExecContext& ctx) {
  SortEntries(&entries_);
  auto run = std::make_unique<SpillFile>(ctx, &memory_.spill(), RunBlockSize());
  Row record;
  for (Entry& e : entries_) {
    ctx.CheckForInterrupts();
    record = std::move(e.first);
    record.insert(record.end(), std::make_move_iterator(e.second.begin()),
                  std::make_move_iterator(e.second.end()));
    run->Write(record);
  }
  run->EndWrite();
  runs_.push_back(std::move(run));
  entries_.clear();
  entries_.shrink_to_fit();
  memory_.ReleaseAll();
}

void Sort::Consume(ExecContext& ctx) {
  memory_.Attach(ctx);
  RowBatch input;
  while (children_[0]->Next(ctx, &input)) {
    ctx.CheckForInterrupts();
    for (Row& row : input) {
      Row key;
      key.reserve(keys_.size());
      for (const BoundOrderBy& k : keys_) key.push_back(Evaluate(*k.expr, row, &ctx));
      memory_.Add(RowMemory(key) + RowMemory(row));
      entries_.emplace_back(std::move(key), std::move(row));
      if (memory_.OverWorkMem()) SpillRun(ctx);
    }
  }
  if (runs_.empty()) {
    SortEntries(&entries_);
    rows_.reserve(entries_.size());
    for (Entry& e : entries_) rows_.push_back(std::move(e.second));
    entries_.clear();
    return;
  }
  if (!entries_.empty()) SpillRun(ctx);
  MergeRuns(ctx);
}

size_t Sort::RunBlockSize() const {
  return SpillBlockSize(memory_.work_mem(), kMaxMergeFanIn);
}

void Sort::MergeRuns(ExecContext& ctx) {
  // Too many runs to read at once: merge neighbouring groups of them into
  // longer runs first (neighbours, so earlier input stays in earlier runs).
  while (runs_.size() > kMaxMergeFanIn) {
    std::vector<std::unique_ptr<SpillFile>> merged;
    for (size_t first = 0; first < runs_.size(); first += kMaxMergeFanIn) {
      const size_t last = std::min(runs_.size(), first + kMaxMergeFanIn);
      std::vector<SpillFile*> group;
      for (size_t i = first; i < last; ++i) group.push_back(runs_[i].get());
      RunMerger merger(keys_, std::move(group));
      auto out = std::make_unique<SpillFile>(ctx, &memory_.spill(), RunBlockSize());
      Row entry;
      for (uint64_t n = 0; merger.Next(&entry); ++n) {
        if ((n & 1023) == 0) ctx.CheckForInterrupts();
        out->Write(entry);
      }
      out->EndWrite();
      for (size_t i = first; i < last; ++i) runs_[i].reset();  // removes the file
      merged.push_back(std::move(out));
    }
    runs_ = std::move(merged);
  }
  std::vector<SpillFile*> all;
  for (auto& run : runs_) all.push_back(run.get());
  merger_ = std::make_unique<RunMerger>(keys_, std::move(all));
}

void Sort::ReportStats(OperatorStats* stats) const {
  // Spilled: the temp files' bytes (merge passes included), as PostgreSQL
  // reports its tapes' space; else the most the buffer held.
  const bool external = memory_.spill().files > 0;
  stats->sort_method =
      external ? OperatorStats::SortMethod::kExternalMerge : OperatorStats::SortMethod::kQuicksort;
  stats->sort_space_kb =
      KiloBytes(external ? static_cast<int64_t>(memory_.spill().bytes) : memory_.peak());
}

bool Sort::Next(ExecContext& ctx, RowBatch* batch) {
  batch->clear();
  if (!sorted_) {
    sorted_ = true;
    Consume(ctx);
  }
  if (merger_ != nullptr) {
    Row entry;
    while (batch->size() < kBatchSize && merger_->Next(&entry)) {
      batch->emplace_back(std::make_move_iterator(entry.begin() + static_cast<long>(keys_.size())),
                          std::make_move_iterator(entry.end()));
    }
    return !batch->empty();
  }
  while (next_ < rows_.size() && batch->size() < kBatchSize) {
    batch->push_back(std::move(rows_[next_++]));
  }
  if (next_ == rows_.size()) memory_.ReleaseAll();
  return !batch->empty();
}

}  // namespace basalt::sql
