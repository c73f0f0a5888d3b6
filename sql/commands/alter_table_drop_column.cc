// ALTER TABLE ... DROP [COLUMN] [IF EXISTS] c [RESTRICT | CASCADE], without
// touching the stored rows: the column's slot stays in them, skipped when
// read (catalog::RemoveColumnFromDefinition, docs/formats/row_format.md).
// What depends on the column goes as in PostgreSQL: its indexes, CHECK
// constraints and foreign keys silently, with it; the sequence of a serial
// column too; views reading it (and foreign keys of other tables naming
// it) refuse the drop with 2BP01 unless CASCADE, which drops them with a
// NOTICE.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <unordered_set>

#include "sql/binder/binder.h"
#include "sql/binder/deparse.h"
#include "sql/commands/alter_table_columns.h"
#include "sql/commands/matview/change_log_reader.h"
#include "sql/commands/matview/incremental_shape.h"
#include "sql/commands/matview/refresh.h"
#include "sql/execution/evaluate.h"
#include "sql/parser/ast_printer.h"
#include "sql/parser/parser.h"
#include "sql/session_impl.h"

namespace basalt::sql {

namespace {

using TableEntryPtr = std::shared_ptr<const catalog::TableEntry>;

void Check(const Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

bool ReadsColumn(const BoundExpr& e, int column) {
  if (e.kind == BoundExprKind::kColumn && e.column_index == column) return true;
  for (const BoundExprPtr& child : e.children) {
    if (child != nullptr && ReadsColumn(*child, column)) return true;
  }
  return false;
}

void RemoveConstraints(catalog::proto::Table* t, const std::unordered_set<Oid>& oids) {
  auto* constraints = t->mutable_constraints();
  for (int i = 0; i < constraints->size();) {
    if (oids.contains(constraints->Get(i).oid())) {
      constraints->DeleteSubrange(i, 1);
    } else {
      ++i;
    }
  }
}

// "view v", "materialized view m", as PostgreSQL's getObjectDescription.
std::string DescribeView(const catalog::TableEntry& view) {
  return fmt::format("{} {}", view.IsMaterializedView() ? "materialized view" : "view",
                     ast::QuoteName(view.def.name(), /*quote_keywords=*/true));
}

}  // namespace

std::vector<TableEntryPtr> ViewsReadingColumn(
    const std::shared_ptr<const catalog::CatalogSnapshot>& snapshot, Oid database,
    const std::string& user, const std::vector<std::string>& search_path,
    const catalog::TableEntry& table, int column) {
  std::vector<TableEntryPtr> readers;
  const std::string& name = table.def.columns(column).name();
  const ColumnRename probe{table.def.oid(), column, name, name + "_basalt_dropped_probe"};
  for (const TableEntryPtr& view : snapshot->DependentViews(database, table.def.oid())) {
    std::vector<std::string> column_names;
    for (const catalog::proto::Column& c : view->def.columns()) column_names.push_back(c.name());
    std::optional<std::string> plain;
    std::optional<std::string> probed;
    try {
      Binder binder(*snapshot, database, user, search_path);
      binder.KeepWithClauses();
      std::unique_ptr<BoundSelect> query = binder.BindViewQuery(view, 0);
      CatalogNames names(snapshot, database, user, search_path);
      plain = DeparseQuery(*query, column_names, names, /*pretty=*/false);
      probed = DeparseQuery(*query, column_names, names, /*pretty=*/false, &probe);
    } catch (const Error&) {
    }
    // A query the printer cannot show is taken to read the column.
    if (!plain || !probed || *plain != *probed) readers.push_back(view);
  }
  return readers;
}

void SessionImpl::DropColumn(const TableEntryPtr& table, const ast::AlterTableCommand& command,
                             ResultSink& sink) {
  const int column = table->FindColumn(command.column);
  if (column < 0) {
    const std::string message = fmt::format("column \"{}\" of relation \"{}\" does not exist",
                                            command.column, table->def.name());
    if (!command.missing_ok) throw Error(sqlstate::kUndefinedColumn, message);
    SendNotice(sink, sqlstate::kSuccessfulCompletion, message + ", skipping");
    return;
  }
  const catalog::proto::Column& dropped = table->def.columns(column);
  const int attnum = dropped.attnum();
  const std::string& name = dropped.name();
  const Oid database = table->def.database_oid();
  const Oid oid = table->def.oid();
  const std::string described = fmt::format("column {} of table {}", ast::QuoteName(name, true),
                                            ast::QuoteName(table->def.name(), true));

  // What outside the table depends on the column: views reading it (and
  // the views on those), foreign keys of other tables naming it.
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  std::vector<TableEntryPtr> readers =
      ViewsReadingColumn(snapshot, database_oid_, user_, SearchPath(), *table, column);
  struct ForeignKeyDependent {
    TableEntryPtr table;
    catalog::proto::Constraint constraint;
    std::string on;  // what it depends on: the column, or a key's index
  };
  auto lists_column = [attnum](const auto& attnums) {
    return std::find(attnums.begin(), attnums.end(), attnum) != attnums.end();
  };
  auto sorted = [](const auto& attnums) {
    std::vector<int> out(attnums.begin(), attnums.end());
    std::sort(out.begin(), out.end());
    return out;
  };
  // Keys that go because the column is among their INCLUDE columns, by
  // their sorted key attnums: foreign keys looking up by them go too,
  // depending on the key's index (PostgreSQL's words).
  std::vector<std::pair<std::vector<int>, std::string>> keys_going;
  if (lists_column(table->def.primary_key_included_attnums())) {
    keys_going.emplace_back(sorted(table->def.primary_key_attnums()),
                            table->def.primary_key_name());
  }
  for (const catalog::proto::Index& index : table->def.indexes()) {
    if (!index.unique() || !lists_column(index.included_attnums())) continue;
    std::vector<int> key;
    for (const catalog::proto::IndexColumn& c : index.columns()) key.push_back(c.attnum());
    keys_going.emplace_back(sorted(key), index.name());
  }
  std::vector<ForeignKeyDependent> foreign_keys;
  for (const TableEntryPtr& other : snapshot->Tables(database)) {
    if (other->def.oid() == oid) continue;
    for (const catalog::proto::Constraint& c : other->def.constraints()) {
      if (c.type() != "f" || c.referenced_table_oid() != oid) continue;
      if (lists_column(c.referenced_attnums())) {
        foreign_keys.push_back({other, c, described});
        continue;
      }
      for (const auto& [key, index] : keys_going) {
        if (key == sorted(c.referenced_attnums())) {
          foreign_keys.push_back({other, c, "index " + ast::QuoteName(index, true)});
          break;
        }
      }
    }
  }
  // The views on those views go too: depth first, newest first, reported
  // in reverse of the order they were finished in (as DROP ... CASCADE).
  struct Dependent {
    TableEntryPtr view;
    TableEntryPtr on;  // the view it was reached from; null: reads the column
  };
  std::unordered_set<Oid> seen{oid};
  std::vector<Dependent> finished;
  std::function<void(const TableEntryPtr&, const TableEntryPtr&)> visit =
      [&](const TableEntryPtr& view, const TableEntryPtr& on) {
        if (!seen.insert(view->def.oid()).second) return;
        for (const TableEntryPtr& next : snapshot->DependentViews(database, view->def.oid())) {
          visit(next, view);
        }
        finished.push_back({view, on});
      };
  for (const TableEntryPtr& view : readers) visit(view, nullptr);
  if (!finished.empty() || !foreign_keys.empty()) {
    std::vector<std::string> lines;
    for (auto it = finished.rbegin(); it != finished.rend(); ++it) {
      lines.push_back(command.cascade ? "drop cascades to " + DescribeView(*it->view)
                                      : fmt::format("{} depends on {}", DescribeView(*it->view),
                                                    it->on ? DescribeView(*it->on) : described));
    }
    for (const ForeignKeyDependent& fk : foreign_keys) {
      lines.push_back(command.cascade
                          ? fmt::format("drop cascades to constraint {} on table {}",
                                        fk.constraint.name(), fk.table->def.name())
                          : fmt::format("constraint {} on table {} depends on {}",
                                        fk.constraint.name(), fk.table->def.name(), fk.on));
    }
    std::string detail;
    for (const std::string& line : lines) detail += (detail.empty() ? "" : "\n") + line;
    if (!command.cascade) {
      throw Error(sqlstate::kDependentObjectsStillExist,
                  fmt::format("cannot drop {} because other objects depend on it", described))
          .WithDetail(std::move(detail))
          .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
    }
    if (lines.size() == 1) {
      SendNotice(sink, sqlstate::kSuccessfulCompletion, lines[0]);
    } else {
      SendNoticeWithDetail(sink, sqlstate::kSuccessfulCompletion,
                           fmt::format("drop cascades to {} other objects", lines.size()), detail);
    }
    for (auto it = finished.rbegin(); it != finished.rend(); ++it) {
      const catalog::proto::Table& view = it->view->def;
      LockRelation(*it->view, storage::LockLevel::kAccessExclusive);
      if (view.incremental()) {
        WatchTables(view, /*watch=*/false);
        DeleteChangeLogPlace(*txn_, view.oid());
        if (MaintainedImmediately(view)) DeleteKeyLocks(*txn_, view.oid());
      }
      Check(writer_.DropTable(*txn_, *it->view));
    }
    for (const ForeignKeyDependent& fk : foreign_keys) {
      LockRelation(*fk.table, storage::LockLevel::kAccessExclusive);
      const TableEntryPtr current = writer_.View()->TableByOid(database, fk.table->def.oid());
      Check(writer_.AlterTableDefinition(*txn_, *current, [&](catalog::proto::Table* t) {
        RemoveConstraints(t, {fk.constraint.oid()});
        return Status::OK();
      }));
    }
  }

  // The primary key on (or including) the column goes with it; the rows,
  // stored under their key, move to hidden row ids (a rewrite, the one
  // DROP COLUMN needs).
  if (lists_column(table->def.primary_key_attnums()) ||
      lists_column(table->def.primary_key_included_attnums())) {
    const TableEntryPtr before = writer_.View()->TableByOid(database, oid);
    Result<catalog::proto::Table> rewritten =
        writer_.RewriteTable(*txn_, *before, [&](catalog::proto::Table* t) {
          t->clear_primary_key_attnums();
          t->clear_primary_key_included_attnums();
          t->clear_primary_key_name();
          t->clear_primary_key_comment();  // the key's index and constraint go
          t->clear_primary_key_constraint_comment();
          return Status::OK();
        });
    Check(rewritten.status());
    RewriteRows(*before, *writer_.View()->TableByOid(database, oid),
                [](Row row, ExecContext&) { return row; });
  }
  // The sequence a serial or identity column owns goes with it.
  for (TableEntryPtr& sequence : OwnedSequences(*table)) {
    if (sequence->def.sequence().owned_by_attnum() != attnum) continue;
    LockRelation(*sequence, storage::LockLevel::kAccessExclusive);
    Check(writer_.DropTable(*txn_, *sequence));
  }
  // Indexes on the column, or whose predicate reads it, or including it,
  // go with it.
  TableEntryPtr current = writer_.View()->TableByOid(database, oid);
  std::vector<std::string> indexes;
  for (const catalog::proto::Index& index : current->def.indexes()) {
    bool reads = lists_column(index.predicate_attnums()) || lists_column(index.included_attnums());
    for (const catalog::proto::IndexColumn& c : index.columns()) {
      reads = reads || c.attnum() == attnum ||
              std::find(c.expression_attnums().begin(), c.expression_attnums().end(), attnum) !=
                  c.expression_attnums().end();
    }
    if (reads) indexes.push_back(index.name());
  }
  for (const std::string& index : indexes) {
    Check(writer_.DropIndex(*txn_, *writer_.View()->TableByOid(database, oid), index));
  }
  // So do its CHECK constraints and its own foreign keys.
  current = writer_.View()->TableByOid(database, oid);
  std::unordered_set<Oid> removed;
  Binder binder(*writer_.View(), database_oid_, user_, SearchPath());
  for (const catalog::proto::Constraint& c : current->def.constraints()) {
    bool reads = false;
    if (c.type() == "c") {
      ast::ExprPtr parsed = ParseExpression(c.check_expr());
      reads = ReadsColumn(*binder.BindCheckExpression(current->def, *parsed), column);
    }
    for (int a : c.attnums()) reads = reads || a == attnum;
    if (c.referenced_table_oid() == oid) {
      for (int a : c.referenced_attnums()) reads = reads || a == attnum;
    }
    if (reads) removed.insert(c.oid());
  }
  Check(writer_.AlterTableDefinition(*txn_, *current, [&](catalog::proto::Table* t) {
    RemoveConstraints(t, removed);
    catalog::RemoveColumnFromDefinition(t, column);
    return Status::OK();
  }));
  // Other relations naming later columns by attnum follow them.
  for (const TableEntryPtr& other : writer_.View()->Tables(database)) {
    if (other->def.oid() == oid) continue;
    bool refers = other->def.sequence().owned_by_table() == oid;
    for (const catalog::proto::Constraint& c : other->def.constraints()) {
      refers = refers || (c.type() == "f" && c.referenced_table_oid() == oid);
    }
    if (!refers) continue;
    Check(writer_.AlterTableDefinition(*txn_, *other, [&](catalog::proto::Table* t) {
      catalog::RenumberReferencesToDroppedColumn(t, oid, attnum);
      return Status::OK();
    }));
  }
}

}  // namespace basalt::sql
