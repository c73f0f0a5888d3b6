// ALTER TABLE ... ADD [CONSTRAINT name] PRIMARY KEY (cols) | UNIQUE (cols),
// VACUUM and ANALYZE.
//
// A primary key is the rows' storage key (a table without one keys its rows
// by a hidden row id), so adding one rewrites the table: every row moves to
// a new relation under its key, each index to a new relation whose entries
// point at the new row keys, all in unlocked batches nobody else can see
// until the ALTER commits (under ACCESS EXCLUSIVE), as TRUNCATE's new
// relation. Point lookups by the new key then read one row, as for a key
// declared at CREATE TABLE.
#include <algorithm>
#include <unordered_set>

#include <fmt/format.h>

#include "catalog/catalog_rows.h"
#include "common/datetime.h"
#include "sql/activity_counts.h"
#include "sql/binder/binder.h"
#include "sql/commands/alter_table_columns.h"
#include "sql/commands/analyze.h"
#include "sql/execution/build_index.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/modify_table.h"
#include "sql/execution/unique_keys.h"
#include "sql/session_impl.h"
#include "storage/index_key.h"
#include "storage/key_codec.h"
#include "storage/table_store.h"

namespace basalt::sql {

namespace {

constexpr size_t kEntriesPerBatch = 4096;

void Check(const Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

// The attnum of the key column `id`: 42703 for an unknown column.
int KeyAttnum(const catalog::TableEntry& table, const ast::Identifier& id) {
  const int c = table.FindColumn(id.name);
  if (c < 0) {
    throw Error(sqlstate::kUndefinedColumn,
                fmt::format("column \"{}\" named in key does not exist", id.name));
  }
  return table.def.columns(c).attnum();
}

// The attnums of `columns` in `table`: 42703 for an unknown column, 42701
// for a repeated one (PostgreSQL's messages for constraint column lists).
std::vector<int> KeyAttnums(const catalog::TableEntry& table, const ast::Constraint& constraint) {
  const bool primary = constraint.type == ast::Constraint::Type::kPrimaryKey;
  std::vector<int> attnums;
  for (const ast::Identifier& id : constraint.columns) {
    const int attnum = KeyAttnum(table, id);
    if (std::find(attnums.begin(), attnums.end(), attnum) != attnums.end()) {
      throw Error(sqlstate::kDuplicateColumn,
                  fmt::format("column \"{}\" appears twice in {} constraint", id.name,
                              primary ? "primary key" : "unique"));
    }
    attnums.push_back(attnum);
  }
  return attnums;
}

// Moves every row of `old_table` into `new_table`'s relation (keyed by its
// primary key) with the entries of its indexes, in unlocked batches. 23502
// for a NULL key column, 23505 for a repeated key, as PostgreSQL's index
// build reports them.
void RewriteUnderPrimaryKey(storage::KvStore& store, storage::Transaction& txn,
                            const catalog::TableEntry& old_table,
                            const catalog::TableEntry& new_table, const Interrupt& interrupt) {
  const storage::TableLayout& layout = new_table.layout;
  storage::TableStore rows(store, old_table.layout);
  std::unique_ptr<storage::RowIterator> it = rows.Scan(txn);
  // Keys written by earlier batches are read back through `written`; a
  // hash of every batched key spares that read for keys never seen before.
  std::unique_ptr<storage::Transaction> written = store.Begin();
  std::unordered_set<uint64_t> seen_hashes;
  std::unordered_set<std::string> batch_keys;
  std::vector<std::pair<std::string, std::string>> batch;
  auto flush = [&] {
    Check(interrupt.Check());
    Check(store.WriteUnlocked(storage::ColumnFamily::kData, batch, /*sync=*/false));
    batch.clear();
    batch_keys.clear();
    written->RefreshSnapshot();
  };
  // Rows whose keys come in ascending order (a key added to a table loaded
  // in key order, as pgbench's) go to sorted files ingested whole, as COPY
  // FREEZE writes them; at the first key out of order those are ingested
  // (so the duplicate check can read them) and the rest goes in batches.
  Result<std::unique_ptr<storage::SortedLoad>> sorted =
      store.BeginSortedLoad(storage::ColumnFamily::kData);
  Check(sorted.status());
  std::unique_ptr<storage::SortedLoad> sorted_load = std::move(sorted).value();
  std::string last_sorted_key;
  Row row(layout.column_types.size());
  auto ThrowDuplicate = [&](const std::string&) {
    throw Error(sqlstate::kUniqueViolation,
                fmt::format("could not create unique index \"{}\"", layout.primary_key_name))
        .WithDetail(
            fmt::format("Key {} is duplicated.", IndexKeyText(new_table, row, layout.primary_key)));
  };
  // The stored row moves as it is: only the columns of keys and index
  // entries are decoded (a partial index's predicate may read any column).
  std::vector<bool> needed(layout.column_types.size(), false);
  for (int c : layout.primary_key) needed[static_cast<size_t>(c)] = true;
  for (const storage::IndexLayout& index : layout.indexes) {
    const std::vector<bool> entry = storage::IndexKeyColumns(index, needed.size());
    for (size_t c = 0; c < needed.size(); ++c) needed[c] = needed[c] || entry[c];
  }
  while (true) {
    Result<bool> more = it->Advance();
    Check(more.status());
    if (!*more) break;
    Check(it->DecodeColumns(needed, &row));
    for (int c : layout.primary_key) {
      if (row[static_cast<size_t>(c)].is_null()) {
        throw Error(sqlstate::kNotNullViolation,
                    fmt::format("column \"{}\" of relation \"{}\" contains null values",
                                new_table.def.columns(c).name(), new_table.def.name()));
      }
    }
    std::string key = storage::RelationPrefix(layout.relation_id);
    for (int c : layout.primary_key) {
      storage::AppendKeyValue(row[static_cast<size_t>(c)],
                              layout.column_types[static_cast<size_t>(c)], &key);
    }
    const bool ascending = sorted_load != nullptr && key > last_sorted_key;
    if (sorted_load != nullptr && !ascending) {
      if (key == last_sorted_key) ThrowDuplicate(key);
      // The check below must see the keys written so far.
      Check(sorted_load->Finish());
      sorted_load.reset();
      written->RefreshSnapshot();
    }
    // A key above every key written so far cannot repeat one; nor can a key
    // above the sorted files' whose hash no batched key had. (Hashing the
    // sorted keys too cost a million-row rewrite half its time.)
    if (!ascending &&
        (key <= last_sorted_key || !seen_hashes.insert(std::hash<std::string>{}(key)).second)) {
      bool found = batch_keys.contains(key);
      std::string existing;
      if (!found) Check(written->Get(storage::ColumnFamily::kData, key, &existing, &found));
      if (found) ThrowDuplicate(key);
    }
    for (const storage::IndexLayout& index : layout.indexes) {
      if (!storage::IndexCoversRow(index, row)) continue;
      batch.emplace_back(storage::IndexEntryKey(index, layout.column_types, row, key),
                         storage::IndexEntryValue(index, layout.column_types, row, key));
    }
    // The stored row itself does not change: only where it lives.
    if (ascending) {
      Check(sorted_load->Add(key, it->value()));
      last_sorted_key = std::move(key);
    } else {
      batch_keys.insert(key);
      batch.emplace_back(std::move(key), std::string(it->value()));
    }
    if (batch.size() >= kEntriesPerBatch) flush();
  }
  if (!batch.empty()) flush();
  if (sorted_load != nullptr) Check(sorted_load->Finish());
}

}  // namespace

void SessionImpl::ExecuteAlterTable(const ast::AlterTableStmt& stmt, ResultSink& sink) {
  std::vector<std::shared_ptr<const catalog::TableEntry>> tables = ResolveAndLock(
      {stmt.table}, storage::LockLevel::kAccessExclusive, /*nowait=*/false,
      [&](const ast::QualifiedName& name) {
        const std::string shown = name.schema.empty() ? name.name : name.schema + "." + name.name;
        if (!stmt.if_exists) {
          throw Error(sqlstate::kUndefinedTable,
                      fmt::format("relation \"{}\" does not exist", shown));
        }
        SendNotice(sink, sqlstate::kSuccessfulCompletion,
                   fmt::format("relation \"{}\" does not exist, skipping", shown));
      });
  if (tables.empty()) {
    sink.CommandComplete("ALTER TABLE");
    return;
  }
  // The rows every writer that held the table committed.
  if (!repeatable_read_) txn_->RefreshSnapshot();
  const Oid database = tables[0]->def.database_oid();
  const Oid oid = tables[0]->def.oid();
  if (stmt.action == ast::AlterTableStmt::Action::kCommands &&
      (tables[0]->IsView() || tables[0]->IsMaterializedView())) {
    ThrowColumnActionOnView(*tables[0], stmt.commands.front());  // alter_table_columns.cc
  }
  if (tables[0]->IsView() || tables[0]->computed) {
    throw Error(sqlstate::kWrongObjectType,
                fmt::format("\"{}\" is not a table", tables[0]->def.name()));
  }
  const bool check_or_key = std::any_of(stmt.add_constraints.begin(), stmt.add_constraints.end(),
                                        [](const ast::Constraint& c) {
                                          return c.type == ast::Constraint::Type::kCheck ||
                                                 c.type == ast::Constraint::Type::kForeignKey;
                                        });
  if (tables[0]->IsMaterializedView() &&
      (check_or_key || stmt.action != ast::AlterTableStmt::Action::kAddConstraints)) {
    throw Error(sqlstate::kWrongObjectType,
                fmt::format("\"{}\" is not a table", tables[0]->def.name()));
  }
  if (stmt.action == ast::AlterTableStmt::Action::kCommands) {
    AlterTableCommands(stmt, tables[0], sink);  // commands/alter_table_columns.cc
    sink.CommandComplete("ALTER TABLE");
    return;
  }
  if (stmt.action != ast::AlterTableStmt::Action::kAddConstraints) {
    AlterConstraint(stmt, tables[0], sink);
    sink.CommandComplete("ALTER TABLE");
    return;
  }
  for (const ast::Constraint& constraint : stmt.add_constraints) {
    // Each action sees the table as the previous one left it.
    AddConstraint(writer_.View()->TableByOid(database, oid), constraint, "");
  }
  sink.CommandComplete("ALTER TABLE");
}

void SessionImpl::AddConstraint(const std::shared_ptr<const catalog::TableEntry>& table,
                                const ast::Constraint& constraint, const std::string& column_name) {
  const Oid database = table->def.database_oid();
  const Oid oid = table->def.oid();
  if (constraint.type == ast::Constraint::Type::kCheck ||
      constraint.type == ast::Constraint::Type::kForeignKey) {
    AddTableConstraint(table, constraint, column_name);  // session_alter_constraint.cc
    return;
  }
  std::vector<int> attnums;
  if (constraint.columns.empty() && !column_name.empty()) {
    attnums.push_back(table->def.columns(table->FindColumn(column_name)).attnum());
  } else {
    attnums = KeyAttnums(*table, constraint);
  }
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  Binder binder(*snapshot, database_oid_, user_, SearchPath());
  std::vector<int> included;
  for (const ast::Identifier& id : constraint.including) included.push_back(KeyAttnum(*table, id));
  std::vector<std::string> names;
  for (int attnum : attnums) names.push_back(table->def.columns(attnum - 1).name());
  for (int attnum : included) names.push_back(table->def.columns(attnum - 1).name());
  if (constraint.type == ast::Constraint::Type::kPrimaryKey) {
    if (table->def.primary_key_attnums_size() > 0) {
      throw Error(
          sqlstate::kInvalidTableDefinition,
          fmt::format("multiple primary keys for table \"{}\" are not allowed", table->def.name()));
    }
    const std::string name =
        !constraint.name.empty()
            ? constraint.name
            : binder.ChooseIndexName(table->def.namespace_oid(), table->def.name(), {}, "pkey", {});
    Result<catalog::proto::Table> changed =
        writer_.AddPrimaryKey(*txn_, *table, attnums, included, name);
    Check(changed.status());
    writer_.AddFilledRelation(changed->relation_id());
    for (const catalog::proto::Index& index : changed->indexes()) {
      writer_.AddFilledRelation(index.relation_id());
    }
    std::shared_ptr<const catalog::TableEntry> rewritten =
        writer_.View()->TableByOid(database, oid);
    RewriteUnderPrimaryKey(store_, *txn_, *table, *rewritten, interrupt_);
  } else {
    catalog::proto::Index index;
    index.set_unique(true);
    index.set_constraint(true);
    index.set_deferrable(constraint.deferrable);
    index.set_initially_deferred(constraint.initially_deferred);
    index.set_nulls_not_distinct(constraint.nulls_not_distinct);
    for (int attnum : attnums) index.add_columns()->set_attnum(attnum);
    for (int attnum : included) index.add_included_attnums(attnum);
    index.set_name(!constraint.name.empty()
                       ? constraint.name
                       : binder.ChooseIndexName(table->def.namespace_oid(), table->def.name(),
                                                catalog::ChooseIndexColumnNames(names), "key", {}));
    Result<catalog::proto::Index> created = writer_.CreateIndex(*txn_, *table, index);
    Check(created.status());
    writer_.AddFilledRelation(created->relation_id());
    std::shared_ptr<const catalog::TableEntry> with_index =
        writer_.View()->TableByOid(database, oid);
    const storage::IndexLayout& layout =
        with_index->layout.indexes[static_cast<size_t>(with_index->FindIndex(created->name()))];
    BuildIndex(store_, *txn_, *with_index, layout, interrupt_, {},
               static_cast<size_t>(settings_.Bytes("maintenance_work_mem")));
    // A deferrable one's build took duplicates as a plain index's would:
    // the rows there are must be unique all the same.
    if (layout.deferrable_unique) {
      ExecContext ctx = NewExecContext(nullptr, nullptr);
      CheckUniqueIndex(*with_index, layout, ctx);
    }
    // An older snapshot would find it empty (proto::Index::usable_since).
    Check(writer_.SetIndexValid(*txn_, *with_index, created->name(), /*valid=*/true,
                                store_.CurrentVersion()));
  }
}

void SessionImpl::ExecuteVacuum(const ast::VacuumStmt& stmt, ResultSink& sink) {
  if (stmt.vacuum) RefuseInBlock("VACUUM");
  // RocksDB reclaims space by compaction: VACUUM checks the names (under
  // PostgreSQL's SHARE UPDATE EXCLUSIVE); ANALYZE describes the tables.
  EnsureTransaction();
  std::vector<std::shared_ptr<const catalog::TableEntry>> tables = ResolveAndLock(
      stmt.tables, storage::LockLevel::kShareUpdateExclusive, /*nowait=*/false,
      [](const ast::QualifiedName& name) {
        throw Error(sqlstate::kUndefinedTable,
                    fmt::format("relation \"{}\" does not exist",
                                name.schema.empty() ? name.name : name.schema + "." + name.name));
      });
  if (stmt.tables.empty()) {
    // Every table and materialized view of the database.
    for (const auto& table : writer_.View()->Tables(database_oid_)) {
      if (!table->computed && (table->def.relkind() == "r" || table->IsMaterializedView())) {
        LockRelation(*table, storage::LockLevel::kShareUpdateExclusive);
        tables.push_back(table);
      }
    }
  }
  if (stmt.vacuum) {
    const int64_t now = CurrentTimestamp();
    for (const auto& table : tables) {
      ServerActivityCounts().RecordVacuum(table->def.oid(), maintenance_worker_, now);
    }
  }
  if (stmt.analyze) {
    for (const auto& table : tables) AnalyzeRelation(table, sink);
  }
  sink.CommandComplete(stmt.vacuum ? "VACUUM" : "ANALYZE");
}

void SessionImpl::AnalyzeRelation(const std::shared_ptr<const catalog::TableEntry>& table,
                                  ResultSink& sink) {
  if (table->computed || (table->def.relkind() != "r" && !table->IsMaterializedView())) {
    SendWarning(
        sink, sqlstate::kWarning,
        fmt::format("skipping \"{}\" --- cannot analyze non-tables or special system tables",
                    table->def.name()));
    return;
  }
  if (table->IsMaterializedView() && !table->def.populated()) return;
  ExecContext ctx = NewExecContext(nullptr, nullptr);
  catalog::proto::TableStatistics statistics = AnalyzeTable(ctx, *table);
  ServerActivityCounts().RecordAnalyze(table->def.oid(),
                                       static_cast<int64_t>(statistics.row_count()),
                                       maintenance_worker_, CurrentTimestamp());
  Status st = writer_.AlterTableDefinition(*txn_, *table, [&](catalog::proto::Table* def) {
    *def->mutable_statistics() = std::move(statistics);
    return Status::OK();
  });
  if (!st.ok()) ThrowStatus(st);
}

}  // namespace basalt::sql
