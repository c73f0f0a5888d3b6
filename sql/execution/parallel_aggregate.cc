#include "sql/execution/parallel_aggregate.h"

#include <algorithm>
#include <exception>
#include <string>
#include <thread>
#include <unordered_map>

#include "common/object_names.h"
#include "common/session_formats.h"
#include "common/time_zone.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/instrumented_operator.h"
#include "sql/execution/table_scan.h"
#include "sql/planner/planner.h"
#include "storage/key_codec.h"
#include "storage/shared_read_transaction.h"

namespace basalt::sql {

namespace {

// Key ranges per participant: enough that one which meets cheap rows (or
// is slowed by the other threads of a busy machine) takes more of them.
constexpr size_t kRangesPerParticipant = 4;

// What a session's thread keeps per thread (common/time_zone.h,
// common/session_formats.h, common/object_names.h), installed on a worker thread
// while it works for the session.
struct SessionThreadState {
  std::shared_ptr<const TimeZone> time_zone = SessionTimeZoneSetting();
  SessionFormats formats = CurrentSessionFormats();
  const ObjectNames* names = CurrentObjectNames();
};

void CheckStatus(const Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

}  // namespace

ParallelAggregate::ParallelAggregate(const LogicalOperator& input, const catalog::TableEntry& table,
                                     const std::vector<BoundExprPtr>& groups,
                                     const std::vector<BoundExprPtr>& aggregates,
                                     PlanInstrumentation* instrumentation)
    : input_(input),
      table_(table),
      groups_(groups),
      aggregates_(aggregates),
      instrumentation_(instrumentation) {}

ParallelAggregate::~ParallelAggregate() = default;

int ParallelWorkers(storage::KvStore& store, const ParallelLimits& limits,
                    const catalog::TableEntry& table) {
  if (limits.workers <= 0) return 0;
  const uint64_t bytes = storage::TableStore::ApproximateSize(store, table.layout.relation_id);
  if (bytes < static_cast<uint64_t>(limits.min_table_bytes)) return 0;
  return limits.workers;
}

bool ParallelAggregate::RunParallel(ExecContext& ctx, int workers) {
  const size_t participants = static_cast<size_t>(workers) + 1;
  // The ranges are opened here, on the statement's thread, whose
  // transaction is not thread-safe.
  storage::TableStore store(ctx.store, &table_.layout);
  Result<std::vector<std::string>> splits =
      store.SplitKeys(ctx.txn, participants * kRangesPerParticipant);
  CheckStatus(splits.status());
  std::vector<std::unique_ptr<storage::RowIterator>> iterators;
  std::string lower = storage::RelationPrefix(table_.layout.relation_id);
  for (std::string& upper : *splits) {
    iterators.push_back(store.ScanRange(ctx.txn, lower, upper));
    lower = std::move(upper);
  }
  iterators.push_back(store.ScanRange(ctx.txn, lower, ""));
  ScanRanges ranges(std::move(iterators));

  storage::SharedReadTransaction shared(ctx.txn);
  std::vector<ExecContext> contexts;
  std::vector<std::unique_ptr<PlanInstrumentation>> measured;
  std::vector<std::unique_ptr<HashAggregate>> partials;
  contexts.reserve(participants);
  for (size_t p = 0; p < participants; ++p) {
    contexts.push_back(ParallelWorkerContext(ctx, shared));
    if (instrumentation_ != nullptr) {
      measured.push_back(std::make_unique<PlanInstrumentation>(instrumentation_->timing()));
    }
    partials.push_back(std::make_unique<HashAggregate>(
        CreateParallelWorkerPlan(input_, &ranges,
                                 instrumentation_ != nullptr ? measured.back().get() : nullptr),
        groups_, aggregates_));
  }
  std::atomic<bool> stop{false};
  std::vector<char> complete(participants, 0);
  std::vector<std::exception_ptr> errors(participants);
  auto participate = [&](size_t p) {
    try {
      complete[p] = partials[p]->ConsumePartial(contexts[p], stop);
    } catch (...) {
      errors[p] = std::current_exception();
    }
    if (!complete[p]) stop.store(true, std::memory_order_relaxed);
  };
  const SessionThreadState state;
  std::vector<std::thread> threads;
  threads.reserve(participants - 1);
  try {
    for (size_t p = 1; p < participants; ++p) {
      threads.emplace_back([&, p] {
        ScopedSessionTimeZone zone(state.time_zone);
        ScopedSessionFormats formats(state.formats);
        ScopedObjectNames names(state.names);
        participate(p);
      });
    }
  } catch (...) {  // no thread to be had: those started stop, and so do we
    stop.store(true);
    for (std::thread& thread : threads) thread.join();
    throw;
  }
  participate(0);
  for (std::thread& thread : threads) thread.join();
  workers_launched_ = threads.size();
  // The first error is the statement's (a worker's 22012 as the leader's);
  // the others stopped because of it.
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
  const bool all_complete =
      std::all_of(complete.begin(), complete.end(), [](char done) { return done != 0; });
  if (all_complete) Merge(ctx, partials);
  // The participants' operators go (their measurements are final then).
  // After a stop, EXPLAIN ANALYZE shows the serial run that follows.
  partials.clear();
  if (!all_complete) {
    workers_launched_ = 0;
    return false;
  }
  for (const std::unique_ptr<PlanInstrumentation>& m : measured) instrumentation_->Add(*m);
  return true;
}

void ParallelAggregate::Merge(ExecContext& ctx,
                              std::vector<std::unique_ptr<HashAggregate>>& partials) {
  memory_.Attach(ctx);
  std::unordered_map<std::string, size_t> index;
  std::string key;
  for (std::unique_ptr<HashAggregate>& partial : partials) {
    for (HashAggregate::Group& group : partial->groups()) {
      ++partial_groups_;
      key.clear();
      for (size_t i = 0; i < groups_.size(); ++i) {
        AppendGroupKey(group.keys[i], groups_[i]->type, &key);
      }
      auto [it, added] = index.emplace(key, merged_.size());
      if (added) {
        // Charged as HashAggregate charges a group (53200 past the
        // query's limit); the participants' charges go with them.
        memory_.Add(RowMemory(group.keys) + 2 * static_cast<int64_t>(key.size()) +
                    static_cast<int64_t>(sizeof(HashAggregate::Group) + 64 +
                                         aggregates_.size() * sizeof(AggregateState)));
        merged_.push_back(std::move(group));
        continue;
      }
      HashAggregate::Group& into = merged_[it->second];
      for (size_t a = 0; a < aggregates_.size(); ++a) {
        CombineAggregates(*aggregates_[a], std::move(group.states[a]), &into.states[a]);
      }
    }
  }
}

void ParallelAggregate::ReportStats(OperatorStats* stats) const {
  if (serial_ != nullptr) serial_->ReportStats(stats);
  stats->workers_launched = workers_launched_;
  stats->partial_groups = partial_groups_;
  if (serial_ == nullptr && !groups_.empty()) {
    stats->hash_aggregate = true;
    stats->aggregate_batches = 1;
    stats->aggregate_memory_kb = KiloBytes(memory_.peak());
  }
}

bool ParallelAggregate::Next(ExecContext& ctx, RowBatch* batch) {
  if (!started_) {
    started_ = true;
    const int workers =
        ctx.parallel_limits ? ParallelWorkers(ctx.store, ctx.parallel_limits(), table_) : 0;
    if (workers == 0 || !RunParallel(ctx, workers)) {
      serial_ = std::make_unique<HashAggregate>(CreatePhysicalPlan(input_, instrumentation_),
                                                groups_, aggregates_);
    }
  }
  if (serial_ != nullptr) return serial_->Next(ctx, batch);
  batch->clear();
  while (next_ < merged_.size() && batch->size() < kBatchSize) {
    HashAggregate::Group& group = merged_[next_++];
    Row out = std::move(group.keys);
    out.reserve(out.size() + aggregates_.size());
    for (size_t a = 0; a < aggregates_.size(); ++a) {
      out.push_back(FinishAggregate(*aggregates_[a], &group.states[a]));
    }
    group.states.clear();
    batch->push_back(std::move(out));
  }
  return !batch->empty();
}

}  // namespace basalt::sql
