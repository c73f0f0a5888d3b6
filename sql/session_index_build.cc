// CREATE INDEX CONCURRENTLY, REINDEX INDEX CONCURRENTLY of an invalid
// index, DROP INDEX CONCURRENTLY, and the progress index builds report
// (pg_stat_progress_create_index, basalt.progress_notices).
//
// A concurrent build publishes the index first, not valid, so every writer
// from then on maintains it; waits for the writers that started before; then
// backfills the rows those writers did not write, in batches that record
// their position (sql/execution/backfill_index.h); and finally marks it
// valid. A build cut short leaves an INVALID index that writers keep
// maintaining and queries never read; building it again resumes after the
// last committed batch. docs/architecture.md, "Indexes built while writes
// go on".
#include <fmt/format.h>

#include "sql/binder/binder.h"
#include "sql/execution/backfill_index.h"
#include "sql/execution/build_index.h"
#include "sql/execution/evaluate.h"
#include "sql/session_impl.h"
#include "sql/session_lock.h"

namespace basalt::sql {

namespace {

// The session's pg_stat_progress_create_index row goes when the build
// ends, however it ends.
class ProgressRowScope {
 public:
  explicit ProgressRowScope(std::function<void()> end) : end_(std::move(end)) {}
  ~ProgressRowScope() { end_(); }
  ProgressRowScope(const ProgressRowScope&) = delete;
  ProgressRowScope& operator=(const ProgressRowScope&) = delete;

 private:
  std::function<void()> end_;
};

// Whether `existing` is the index `wanted` describes (a build of it resumes).
bool SameDefinition(catalog::proto::Index existing, catalog::proto::Index wanted) {
  for (catalog::proto::Index* index : {&existing, &wanted}) {
    index->clear_oid();
    index->clear_relation_id();
    index->clear_invalid();
    index->clear_usable_since();
  }
  return existing.SerializeAsString() == wanted.SerializeAsString();
}

// The rows of the table, counted for the progress report's total.
uint64_t CountRows(storage::KvStore& store, storage::Transaction& txn,
                   const catalog::TableEntry& table, const Interrupt& interrupt) {
  storage::TableStore rows(store, &table.layout);
  std::unique_ptr<storage::RowIterator> it = rows.Scan(txn);
  uint64_t count = 0;
  while (true) {
    Result<bool> more = it->Advance();
    if (!more.ok()) ThrowStatus(more.status());
    if (!*more) return count;
    if (++count % 65536 == 0) {
      if (Status st = interrupt.Check(); !st.ok()) ThrowStatus(st);
    }
  }
}

}  // namespace

void SessionImpl::ReportIndexBuild(ResultSink* sink,
                                   const std::function<void(IndexBuildProgress&)>& change) {
  if (activity_ == nullptr) return;
  IndexBuildProgress now;
  activity_->Update([&](BackendActivity& row) {
    if (!row.index_build) row.index_build.emplace();
    change(*row.index_build);
    now = *row.index_build;
  });
  if (sink == nullptr || settings_.Get("basalt.progress_notices").value() != "on") return;
  const int64_t percent = now.tuples_total > 0 ? now.tuples_done * 100 / now.tuples_total : 100;
  SendNotice(*sink, sqlstate::kSuccessfulCompletion,
             fmt::format("{}: {}, {} of {} rows ({}%)", now.command, now.phase, now.tuples_done,
                         now.tuples_total, std::min<int64_t>(percent, 100)));
}

void SessionImpl::EndIndexBuildReport() {
  if (activity_ != nullptr)
    activity_->Update([](BackendActivity& row) { row.index_build.reset(); });
}

std::vector<Row> SessionImpl::IndexBuildProgressRows() {
  std::vector<Row> rows;
  if (activity_board_ == nullptr) return rows;
  for (const BackendActivity& a : activity_board_->Rows()) {
    if (!a.index_build) continue;
    const IndexBuildProgress& p = *a.index_build;
    rows.push_back(Row{Value::Int(a.pid), Value::Int(a.database), Value::String(a.database_name),
                       Value::Int(p.relid), Value::Int(p.index_relid), Value::String(p.command),
                       Value::String(p.phase), Value::Int(p.lockers_total),
                       Value::Int(p.lockers_done), Value::Int(p.current_locker_pid),
                       // blocks: Basalt reads rows, not pages
                       Value::Int(0), Value::Int(0), Value::Int(p.tuples_total),
                       Value::Int(p.tuples_done),
                       // partitions: no partitioned tables
                       Value::Int(0), Value::Int(0)});
  }
  return rows;
}

void SessionImpl::FillNewIndex(const catalog::TableEntry& table, int position,
                               const std::string& command, ResultSink& sink) {
  const ProgressRowScope progress_row([this] { EndIndexBuildReport(); });
  const uint64_t total = CountRows(store_, *txn_, table, interrupt_);
  ReportIndexBuild(&sink, [&](IndexBuildProgress& p) {
    p.relid = table.def.oid();
    p.index_relid = table.def.indexes(position).oid();
    p.command = command;
    p.phase = "building index: scanning table";
    p.tuples_total = static_cast<int64_t>(total);
  });
  const storage::IndexLayout& index = table.layout.indexes[static_cast<size_t>(position)];
  BuildIndex(
      store_, *txn_, table, index, interrupt_,
      [&](uint64_t rows_done) {
        ReportIndexBuild(&sink, [&](IndexBuildProgress& p) {
          p.tuples_done = static_cast<int64_t>(rows_done);
          p.tuples_total = std::max(p.tuples_total, p.tuples_done);
        });
      },
      static_cast<size_t>(settings_.Bytes("maintenance_work_mem")));
  // Snapshots taken before the entries were written would find it empty.
  Status valid =
      writer_.SetIndexValid(*txn_, table, index.name, /*valid=*/true, store_.CurrentVersion());
  if (!valid.ok()) ThrowStatus(valid);
}

void SessionImpl::CreateIndexConcurrently(const ast::CreateIndexStmt& stmt, ResultSink& sink) {
  RefuseInBlock("CREATE INDEX CONCURRENTLY");
  // SHARE UPDATE EXCLUSIVE, as PostgreSQL: writers go on; DDL of the table
  // and another concurrent build of it wait. Held by the session across
  // the build's transactions.
  auto tables = ResolveAndLock({stmt.table}, storage::LockLevel::kShareUpdateExclusive,
                               /*nowait=*/false, ThrowUndefinedRelation);
  const Oid table_oid = tables[0]->def.oid();
  SessionLock table_lock(*lock_owner_, storage::LockTag::Relation(database_oid_, table_oid),
                         storage::LockLevel::kShareUpdateExclusive);
  table_lock.Take();
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  Binder binder(*snapshot, database_oid_, user_, SearchPath());
  std::unique_ptr<BoundCreateIndex> bound = binder.BindCreateIndex(stmt);
  const catalog::proto::Table& t = bound->table->def;
  const std::string name = bound->index.name();
  // The same index left INVALID by a build cut short: this build resumes it.
  const int existing = bound->table->FindIndex(name);
  const bool resume = existing >= 0 && t.indexes(existing).invalid() &&
                      SameDefinition(t.indexes(existing), bound->index);
  if (!resume) {
    if (bound->if_not_exists &&
        snapshot->RelationNameTaken(t.database_oid(), t.namespace_oid(), name)) {
      SendNotice(sink, sqlstate::kDuplicateTable,
                 fmt::format("relation \"{}\" already exists, skipping", name));
      sink.CommandComplete("CREATE INDEX");
      return;
    }
    catalog::proto::Index index = bound->index;
    index.set_invalid(true);
    Result<catalog::proto::Index> created = writer_.CreateIndex(*txn_, *bound->table, index);
    if (!created.ok()) ThrowStatus(created.status());
    // Published, and kept if the build fails: writers maintain it from now on.
    CommitTransaction();
  }
  BuildPublishedIndex(table_oid, name, "CREATE INDEX CONCURRENTLY", sink);
  sink.CommandComplete("CREATE INDEX");
}

void SessionImpl::BuildPublishedIndex(Oid table_oid, const std::string& name,
                                      const std::string& command, ResultSink& sink) {
  const ProgressRowScope progress_row([this] { EndIndexBuildReport(); });
  std::shared_ptr<const catalog::TableEntry> table =
      catalog_.Current()->TableByOid(database_oid_, table_oid);
  const int position_in_table = table->FindIndex(name);
  const storage::IndexLayout& index = table->layout.indexes[static_cast<size_t>(position_in_table)];
  ReportIndexBuild(nullptr, [&](IndexBuildProgress& p) {
    p.relid = table_oid;
    p.index_relid = table->def.indexes(position_in_table).oid();
    p.command = command;
    p.phase = "waiting for writers before build";
  });
  // The writers that may have written without the index end first.
  Status waited = store_.locks().WaitForLockers(
      *lock_owner_, storage::LockTag::Relation(database_oid_, table_oid),
      storage::LockLevel::kShare, &interrupt_, [&](size_t total, size_t done, int32_t pid) {
        ReportIndexBuild(nullptr, [&](IndexBuildProgress& p) {
          p.lockers_total = static_cast<int64_t>(total);
          p.lockers_done = static_cast<int64_t>(done);
          p.current_locker_pid = pid;
        });
      });
  if (!waited.ok()) ThrowStatus(waited);
  Result<std::optional<BackfillPosition>> recorded =
      ReadBackfillPosition(store_, index.relation_id);
  if (!recorded.ok()) ThrowStatus(recorded.status());
  BackfillPosition position = recorded->value_or(BackfillPosition{});
  EnsureTransaction();
  const uint64_t total = CountRows(store_, *txn_, *table, interrupt_);
  ReportIndexBuild(&sink, [&](IndexBuildProgress& p) {
    p.phase = "building index: scanning table";
    p.tuples_total = static_cast<int64_t>(std::max(total, position.rows_done));
    p.tuples_done = static_cast<int64_t>(position.rows_done);
  });
  storage::TransactionOptions options;
  options.lock_timeout_ms = settings_.Milliseconds("lock_timeout");
  options.interrupt = &interrupt_;
  options.lock_owner = lock_owner_.get();
  BackfillIndex(store_, options, *table, index, &position, [&](const BackfillPosition& done) {
    ReportIndexBuild(&sink, [&](IndexBuildProgress& p) {
      p.tuples_done = static_cast<int64_t>(done.rows_done);
      p.tuples_total = std::max(p.tuples_total, p.tuples_done);
    });
  });
  // Complete: snapshots from now on may read it.
  Status valid =
      writer_.SetIndexValid(*txn_, *table, name, /*valid=*/true, store_.CurrentVersion());
  if (!valid.ok()) ThrowStatus(valid);
  if (Status st = ForgetBackfillPosition(*txn_, index.relation_id); !st.ok()) ThrowStatus(st);
}

void SessionImpl::DropIndexConcurrently(const catalog::TableEntry& table, const std::string& name) {
  const Oid table_oid = table.def.oid();
  SessionLock table_lock(*lock_owner_, storage::LockTag::Relation(database_oid_, table_oid),
                         storage::LockLevel::kShareUpdateExclusive);
  table_lock.Take();
  Status invalid = writer_.SetIndexValid(*txn_, table, name, /*valid=*/false);
  if (!invalid.ok()) ThrowStatus(invalid);
  CommitTransaction();
  // Statements planned before may be reading it: they end first (any lock
  // on the table conflicts with ACCESS EXCLUSIVE).
  Status waited = store_.locks().WaitForLockers(
      *lock_owner_, storage::LockTag::Relation(database_oid_, table_oid),
      storage::LockLevel::kAccessExclusive, &interrupt_, nullptr);
  if (!waited.ok()) ThrowStatus(waited);
  EnsureTransaction();
  std::shared_ptr<const catalog::TableEntry> now =
      writer_.View()->TableByOid(database_oid_, table_oid);
  DropIndexes({IndexTarget{std::move(now), name}});
}

}  // namespace basalt::sql
