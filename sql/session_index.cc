// CREATE INDEX and DROP INDEX.
#include <fmt/format.h>

#include "sql/binder/binder.h"
#include "sql/execution/backfill_index.h"
#include "sql/execution/build_index.h"
#include "sql/execution/evaluate.h"
#include "sql/session_impl.h"

namespace basalt::sql {

std::vector<std::string> SessionImpl::DisabledPasses() const {
  std::vector<std::string> disabled;
  if (settings_.Get("enable_indexscan").value() == "off") {
    disabled.push_back("index_selection");
    disabled.push_back("index_order");
  }
  // Reading a whole index for its order beats sorting a full scan only when
  // scans are discouraged (PostgreSQL's enable_seqscan = off).
  if (settings_.Get("enable_seqscan").value() != "off") disabled.push_back("index_order");
  if (settings_.Get("max_parallel_workers_per_gather").value() == "0") {
    disabled.push_back("parallel_aggregate");
  }
  return disabled;
}

void SessionImpl::ExecuteCreateIndex(const ast::CreateIndexStmt& stmt, ResultSink& sink) {
  if (stmt.concurrently) {
    CreateIndexConcurrently(stmt, sink);
    return;
  }
  // SHARE, as PostgreSQL: readers go on, writers wait, and so does any other
  // DDL of the table. Then the table's definition is the current one.
  auto tables = ResolveAndLock({stmt.table}, storage::LockLevel::kShare, /*nowait=*/false,
                               ThrowUndefinedRelation);
  // The build reads the rows every writer that held the table committed.
  if (!repeatable_read_) txn_->RefreshSnapshot();
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  Binder binder(*snapshot, database_oid_, user_, SearchPath());
  std::unique_ptr<BoundCreateIndex> bound = binder.BindCreateIndex(stmt);
  const catalog::proto::Table& t = bound->table->def;
  if (bound->if_not_exists &&
      snapshot->RelationNameTaken(t.database_oid(), t.namespace_oid(), bound->index.name())) {
    SendNotice(sink, sqlstate::kDuplicateTable,
               fmt::format("relation \"{}\" already exists, skipping", bound->index.name()));
    sink.CommandComplete("CREATE INDEX");
    return;
  }
  Result<catalog::proto::Index> index = writer_.CreateIndex(*txn_, *bound->table, bound->index);
  if (!index.ok()) ThrowStatus(index.status());
  writer_.AddFilledRelation(index->relation_id());
  // The table as it now stands (with the new index) gives the index's layout.
  std::shared_ptr<const catalog::TableEntry> table =
      writer_.View()->TableByOid(t.database_oid(), t.oid());
  const int position = table->FindIndex(index->name());
  FillNewIndex(*table, position, "CREATE INDEX", sink);
  sink.CommandComplete("CREATE INDEX");
}

void SessionImpl::ExecuteDropIndex(const ast::DropStmt& stmt, ResultSink& sink) {
  if (stmt.concurrently) {
    RefuseInBlock("DROP INDEX CONCURRENTLY");
    if (stmt.names.size() > 1) {
      throw Error(sqlstate::kFeatureNotSupported,
                  "DROP INDEX CONCURRENTLY does not support dropping multiple objects");
    }
    if (stmt.cascade) {
      throw Error(sqlstate::kFeatureNotSupported,
                  "DROP INDEX CONCURRENTLY does not support CASCADE");
    }
  }
  // Every name is resolved first: DROP INDEX a, missing drops nothing.
  std::vector<IndexTarget> targets;
  while (true) {
    std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
    Binder binder(*snapshot, database_oid_, user_, SearchPath());
    targets.clear();
    for (const ast::QualifiedName& name : stmt.names) {
      std::shared_ptr<const catalog::TableEntry> table = binder.ResolveIndexTable(name);
      if (table == nullptr) {
        if (auto other = binder.ResolveTable(name, /*missing_ok=*/true); other != nullptr) {
          throw Error(sqlstate::kWrongObjectType, fmt::format("\"{}\" is not an index", name.name))
              .WithHint(other->IsMaterializedView()
                            ? "Use DROP MATERIALIZED VIEW to remove a materialized view."
                        : other->IsView() ? "Use DROP VIEW to remove a view."
                                          : "Use DROP TABLE to remove a table.");
        }
        if (!stmt.if_exists) {
          throw Error(sqlstate::kUndefinedObject,
                      fmt::format("index \"{}\" does not exist", name.name));
        }
        SendNotice(sink, sqlstate::kSuccessfulCompletion,
                   fmt::format("index \"{}\" does not exist, skipping", name.name));
        continue;
      }
      const int position = table->FindIndex(name.name);
      if (position < 0 || table->def.indexes(position).constraint()) {
        // The primary key, or a UNIQUE constraint's index: the constraint
        // owns it (PostgreSQL refuses even with CASCADE).
        throw Error(sqlstate::kDependentObjectsStillExist,
                    fmt::format("cannot drop index {0} because constraint {0} on table {1} "
                                "requires it",
                                name.name, table->def.name()))
            .WithHint(fmt::format("You can drop constraint {} on table {} instead.", name.name,
                                  table->def.name()));
      }
      targets.push_back({std::move(table), name.name});
    }
    // ACCESS EXCLUSIVE on the table, as PostgreSQL's DROP INDEX; SHARE
    // UPDATE EXCLUSIVE for CONCURRENTLY, which lets readers and writers go on.
    for (const IndexTarget& target : targets) {
      LockRelation(*target.table, stmt.concurrently ? storage::LockLevel::kShareUpdateExclusive
                                                    : storage::LockLevel::kAccessExclusive);
    }
    if (writer_.View()->version() == snapshot->version()) break;
  }
  if (stmt.concurrently && !targets.empty()) {
    DropIndexConcurrently(*targets[0].table, targets[0].name);
  } else {
    DropIndexes(targets);
  }
  sink.CommandComplete("DROP INDEX");
}

void SessionImpl::DropIndexes(const std::vector<IndexTarget>& targets) {
  for (const IndexTarget& target : targets) {
    // A table seen again after an earlier drop of this statement: its
    // definition comes from the writer's own view inside DropIndex.
    const int position = target.table->FindIndex(target.name);
    Status st = ForgetBackfillPosition(
        *txn_, target.table->layout.indexes[static_cast<size_t>(position)].relation_id);
    if (st.ok()) st = writer_.DropIndex(*txn_, *target.table, target.name);
    if (!st.ok()) ThrowStatus(st);
  }
}

}  // namespace basalt::sql
