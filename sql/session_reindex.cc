// REINDEX {INDEX | TABLE | SCHEMA | DATABASE | SYSTEM} [CONCURRENTLY].
//
// Plain: each index gets a new relation, filled under SHARE on its table
// (writers wait, readers go on reading the old entries until commit).
// CONCURRENTLY: an INVALID index (a concurrent build cut short) resumes its
// build; a valid one gets a copy built as CREATE INDEX CONCURRENTLY builds,
// whose relation then replaces the index's own (the index keeps its name
// and OID). The primary key has no entries apart from the rows: nothing to
// rebuild.
#include <fmt/format.h>

#include "sql/binder/binder.h"
#include "sql/execution/evaluate.h"
#include "sql/session_impl.h"
#include "sql/session_lock.h"

namespace basalt::sql {

namespace {

using Target = ast::ReindexStmt::Target;

const char* TargetName(Target target) {
  switch (target) {
    case Target::kIndex: return "INDEX";
    case Target::kTable: return "TABLE";
    case Target::kSchema: return "SCHEMA";
    case Target::kDatabase: return "DATABASE";
    case Target::kSystem: return "SYSTEM";
  }
  return "";
}

// The user relations of the database that have indexes to rebuild (system
// relations are computed: they have none).
bool HasStoredIndexes(const catalog::TableEntry& table) {
  return !table.computed && table.def.indexes_size() > 0 &&
         (table.def.relkind() == "r" || table.def.relkind() == "m");
}

}  // namespace

void SessionImpl::ExecuteReindex(const ast::ReindexStmt& stmt, ResultSink& sink) {
  if (stmt.concurrently) RefuseInBlock("REINDEX CONCURRENTLY");
  if (stmt.target != Target::kIndex && stmt.target != Target::kTable) {
    RefuseInBlock(fmt::format("REINDEX {}", TargetName(stmt.target)));
  }
  if ((stmt.target == Target::kDatabase || stmt.target == Target::kSystem) &&
      stmt.name.name != database_) {
    throw Error(sqlstate::kFeatureNotSupported, "can only reindex the currently open database");
  }
  if (stmt.target == Target::kSystem && stmt.concurrently) {
    throw Error(sqlstate::kFeatureNotSupported, "cannot reindex system catalogs concurrently");
  }
  // (table OID, index names) to rebuild, the names resolved now.
  std::vector<std::pair<Oid, std::vector<std::string>>> work;
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  Binder binder(*snapshot, database_oid_, user_, SearchPath());
  auto all_indexes = [](const catalog::TableEntry& table) {
    std::vector<std::string> names;
    for (const catalog::proto::Index& index : table.def.indexes()) names.push_back(index.name());
    return names;
  };
  switch (stmt.target) {
    case Target::kIndex: {
      std::shared_ptr<const catalog::TableEntry> table = binder.ResolveIndexTable(stmt.name);
      if (table == nullptr) {
        if (binder.ResolveTable(stmt.name, /*missing_ok=*/true) != nullptr) {
          throw Error(sqlstate::kWrongObjectType,
                      fmt::format("\"{}\" is not an index", stmt.name.name));
        }
        ThrowUndefinedRelation(stmt.name);
      }
      if (table->FindIndex(stmt.name.name) >= 0) {
        work.push_back({table->def.oid(), {stmt.name.name}});
      }
      break;
    }
    case Target::kTable: {
      std::shared_ptr<const catalog::TableEntry> table = binder.ResolveTable(stmt.name, true);
      if (table == nullptr) ThrowUndefinedRelation(stmt.name);
      if (table->computed || (table->def.relkind() != "r" && table->def.relkind() != "m")) {
        throw Error(sqlstate::kWrongObjectType,
                    fmt::format("\"{}\" is not a table or materialized view", stmt.name.name));
      }
      work.push_back({table->def.oid(), all_indexes(*table)});
      break;
    }
    case Target::kSchema: {
      const catalog::proto::Namespace* ns = snapshot->FindNamespace(database_oid_, stmt.name.name);
      if (ns == nullptr) {
        throw Error(sqlstate::kInvalidSchemaName,
                    fmt::format("schema \"{}\" does not exist", stmt.name.name));
      }
      for (const auto& table : snapshot->Tables(database_oid_)) {
        if (table->def.namespace_oid() == ns->oid() && HasStoredIndexes(*table)) {
          work.push_back({table->def.oid(), all_indexes(*table)});
        }
      }
      break;
    }
    case Target::kDatabase:
      for (const auto& table : snapshot->Tables(database_oid_)) {
        if (HasStoredIndexes(*table)) work.push_back({table->def.oid(), all_indexes(*table)});
      }
      break;
    case Target::kSystem: break;  // pg_catalog's relations are computed
  }
  for (const auto& [table_oid, names] : work) {
    if (names.empty()) continue;
    if (stmt.concurrently) {
      for (const std::string& name : names) ReindexConcurrently(table_oid, name, sink);
    } else {
      ReindexUnderShareLock(table_oid, names, sink);
    }
  }
  sink.CommandComplete("REINDEX");
}

void SessionImpl::ReindexUnderShareLock(Oid table_oid, const std::vector<std::string>& names,
                                        ResultSink& sink) {
  EnsureTransaction();
  std::shared_ptr<const catalog::TableEntry> table =
      writer_.View()->TableByOid(database_oid_, table_oid);
  if (table == nullptr) return;  // dropped meanwhile
  // SHARE, as PostgreSQL: writers wait, readers read the old entries.
  LockRelation(*table, storage::LockLevel::kShare);
  if (!repeatable_read_) txn_->RefreshSnapshot();
  for (const std::string& name : names) {
    table = writer_.View()->TableByOid(database_oid_, table_oid);
    if (table == nullptr || table->FindIndex(name) < 0) continue;
    if (Status st = writer_.RenewIndexRelation(*txn_, *table, name); !st.ok()) ThrowStatus(st);
    table = writer_.View()->TableByOid(database_oid_, table_oid);
    FillNewIndex(*table, table->FindIndex(name), "REINDEX", sink);
  }
}

void SessionImpl::ReindexConcurrently(Oid table_oid, const std::string& name, ResultSink& sink) {
  EnsureTransaction();
  std::shared_ptr<const catalog::TableEntry> table =
      writer_.View()->TableByOid(database_oid_, table_oid);
  if (table == nullptr) return;
  LockRelation(*table, storage::LockLevel::kShareUpdateExclusive);
  SessionLock table_lock(*lock_owner_, storage::LockTag::Relation(database_oid_, table_oid),
                         storage::LockLevel::kShareUpdateExclusive);
  table_lock.Take();
  table = writer_.View()->TableByOid(database_oid_, table_oid);
  const int position = table != nullptr ? table->FindIndex(name) : -1;
  if (position < 0) return;
  if (table->def.indexes(position).invalid()) {
    // A concurrent build cut short: it resumes.
    BuildPublishedIndex(table_oid, name, "REINDEX CONCURRENTLY", sink);
    return;
  }
  // A copy, published not valid and built while writes go on ...
  const std::string copy_name = name + "_ccnew";
  Status st = writer_.AlterTableDefinition(*txn_, *table, [&](catalog::proto::Table* t) {
    catalog::proto::Index copy = t->indexes(position);
    copy.set_name(copy_name);
    copy.clear_oid();
    copy.clear_relation_id();
    copy.set_invalid(true);
    copy.clear_usable_since();
    *t->add_indexes() = std::move(copy);
    return Status::OK();
  });
  if (!st.ok()) ThrowStatus(st);
  CommitTransaction();
  BuildPublishedIndex(table_oid, copy_name, "REINDEX CONCURRENTLY", sink);
  // ... whose entries become the index's (its old ones go after commit).
  table = writer_.View()->TableByOid(database_oid_, table_oid);
  st = writer_.AlterTableDefinition(*txn_, *table, [&](catalog::proto::Table* t) {
    auto* indexes = t->mutable_indexes();
    const int original = table->FindIndex(name);
    const int copy = table->FindIndex(copy_name);
    indexes->Mutable(original)->set_relation_id(indexes->Get(copy).relation_id());
    indexes->Mutable(original)->set_usable_since(indexes->Get(copy).usable_since());
    indexes->DeleteSubrange(copy, 1);
    return Status::OK();
  });
  if (!st.ok()) ThrowStatus(st);
}

}  // namespace basalt::sql
