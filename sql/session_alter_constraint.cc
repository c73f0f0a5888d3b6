// ALTER TABLE ... ADD CHECK / FOREIGN KEY [NOT VALID] (the existing rows
// checked unless NOT VALID), DROP CONSTRAINT [IF EXISTS], VALIDATE
// CONSTRAINT and RENAME CONSTRAINT. The table is held ACCESS EXCLUSIVE by
// ExecuteAlterTable; a referenced table is locked SHARE ROW EXCLUSIVE, as
// PostgreSQL does, so no row of it changes while the keys are checked.
#include <fmt/format.h>

#include "sql/binder/binder.h"
#include "sql/execution/check_constraints.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/foreign_keys.h"
#include "sql/session_impl.h"
#include "storage/table_store.h"

namespace basalt::sql {

namespace {

using TableEntryPtr = std::shared_ptr<const catalog::TableEntry>;

const catalog::proto::Constraint* FindConstraint(const catalog::proto::Table& t,
                                                 const std::string& name) {
  for (const catalog::proto::Constraint& c : t.constraints()) {
    if (c.name() == name) return &c;
  }
  return nullptr;
}

// Whether `name` is the table's primary key or one of its UNIQUE
// constraints.
bool IsKeyConstraint(const catalog::proto::Table& t, const std::string& name) {
  if (!t.primary_key_name().empty() && t.primary_key_name() == name) return true;
  for (const catalog::proto::Index& index : t.indexes()) {
    if (index.constraint() && index.name() == name) return true;
  }
  return false;
}

[[noreturn]] void ThrowNoConstraint(const std::string& name, const catalog::proto::Table& t,
                                    const char* preposition) {
  throw Error(sqlstate::kUndefinedObject, fmt::format("constraint \"{}\" {} relation \"{}\" does "
                                                      "not exist",
                                                      name, preposition, t.name()));
}

}  // namespace

void SessionImpl::ValidateConstraintRows(const TableEntryPtr& table, const std::string& name) {
  ExecContext ctx = NewExecContext(nullptr, nullptr);
  const catalog::proto::Constraint* def = FindConstraint(table->def, name);
  storage::TableStore store(store_, &table->layout);
  std::unique_ptr<storage::RowIterator> rows = store.Scan(*txn_);
  storage::StoredRow row;
  if (def->type() == "c") {
    CheckConstraints checks(*table, ctx, name);
    while (true) {
      Result<bool> more = rows->Next(&row);
      if (!more.ok()) ThrowStatus(more.status());
      if (!*more) break;
      ctx.CheckForInterrupts();
      checks.Check(row.row, ctx, /*existing_rows=*/true);
    }
    return;
  }
  for (const ForeignKey& fk : ForeignKeysOf(table, ctx)) {
    if (fk.def->name() != name) continue;
    while (true) {
      Result<bool> more = rows->Next(&row);
      if (!more.ok()) ThrowStatus(more.status());
      if (!*more) break;
      ctx.CheckForInterrupts();
      CheckReferencingRow(fk, row.row, ctx);
    }
  }
}

void SessionImpl::AddTableConstraint(const TableEntryPtr& table, const ast::Constraint& constraint,
                                     const std::string& column_name) {
  if (!constraint.name.empty() && (FindConstraint(table->def, constraint.name) != nullptr ||
                                   IsKeyConstraint(table->def, constraint.name))) {
    throw Error(sqlstate::kDuplicateObject,
                fmt::format("constraint \"{}\" for relation \"{}\" already exists", constraint.name,
                            table->def.name()));
  }
  Binder binder(*writer_.View(), database_oid_, user_, SearchPath());
  std::vector<std::string> taken;
  catalog::proto::Constraint added =
      binder.BindTableConstraint(table->def, constraint, column_name, &taken);
  if (added.type() == "f" && added.referenced_table_oid() != table->def.oid()) {
    TableEntryPtr parent = writer_.View()->TableByOid(database_oid_, added.referenced_table_oid());
    LockRelation(*parent, storage::LockLevel::kShareRowExclusive);
  }
  Status st = writer_.AlterTableDefinition(*txn_, *table, [&](catalog::proto::Table* t) {
    *t->add_constraints() = added;
    return Status::OK();
  });
  if (!st.ok()) ThrowStatus(st);
  if (!added.not_valid()) {
    ValidateConstraintRows(writer_.View()->TableByOid(database_oid_, table->def.oid()),
                           added.name());
  }
}

void SessionImpl::AlterConstraint(const ast::AlterTableStmt& stmt, const TableEntryPtr& table,
                                  ResultSink& sink) {
  using Action = ast::AlterTableStmt::Action;
  const catalog::proto::Table& t = table->def;
  const catalog::proto::Constraint* found = FindConstraint(t, stmt.constraint);
  if (found == nullptr && IsKeyConstraint(t, stmt.constraint)) {
    if (stmt.action == Action::kValidateConstraint) {
      throw Error(sqlstate::kWrongObjectType,
                  fmt::format("constraint \"{}\" of relation \"{}\" is not a foreign key or check "
                              "constraint",
                              stmt.constraint, t.name()));
    }
    throw Error(sqlstate::kFeatureNotSupported,
                stmt.action == Action::kDropConstraint
                    ? "dropping a PRIMARY KEY or UNIQUE constraint is not supported yet"
                    : "renaming a PRIMARY KEY or UNIQUE constraint is not supported yet");
  }
  if (found == nullptr) {
    if (stmt.action == Action::kDropConstraint && stmt.missing_ok) {
      SendNotice(sink, sqlstate::kSuccessfulCompletion,
                 fmt::format("constraint \"{}\" of relation \"{}\" does not exist, skipping",
                             stmt.constraint, t.name()));
      return;
    }
    if (stmt.action == Action::kRenameConstraint) {
      throw Error(sqlstate::kUndefinedObject,
                  fmt::format("constraint \"{}\" for table \"{}\" does not exist", stmt.constraint,
                              t.name()));
    }
    ThrowNoConstraint(stmt.constraint, t, "of");
  }
  const Oid oid = found->oid();
  if (stmt.action == Action::kValidateConstraint) {
    if (!found->not_valid()) return;
    if (found->type() == "f" && found->referenced_table_oid() != t.oid()) {
      TableEntryPtr parent =
          writer_.View()->TableByOid(database_oid_, found->referenced_table_oid());
      LockRelation(*parent, storage::LockLevel::kShareRowExclusive);
    }
    ValidateConstraintRows(table, stmt.constraint);
  }
  if (stmt.action == Action::kRenameConstraint &&
      (FindConstraint(t, stmt.new_name) != nullptr || IsKeyConstraint(t, stmt.new_name))) {
    throw Error(sqlstate::kDuplicateObject,
                fmt::format("constraint \"{}\" for relation \"{}\" already exists", stmt.new_name,
                            t.name()));
  }
  Status st = writer_.AlterTableDefinition(*txn_, *table, [&](catalog::proto::Table* def) {
    auto* constraints = def->mutable_constraints();
    for (int i = 0; i < constraints->size(); ++i) {
      if (constraints->Get(i).oid() != oid) continue;
      if (stmt.action == Action::kDropConstraint) {
        constraints->DeleteSubrange(i, 1);
      } else if (stmt.action == Action::kValidateConstraint) {
        constraints->Mutable(i)->set_not_valid(false);
      } else {
        constraints->Mutable(i)->set_name(stmt.new_name);
      }
      break;
    }
    return Status::OK();
  });
  if (!st.ok()) ThrowStatus(st);
}

}  // namespace basalt::sql
