// ALTER TABLE's column actions, applied in the order written, each to the
// table as the previous one left it, all in the statement's transaction
// (the table held ACCESS EXCLUSIVE by ExecuteAlterTable):
//   ADD [COLUMN] [IF NOT EXISTS]: no rewrite; rows stored before read the
//     column's missing value (NULL or the constant DEFAULT evaluated once,
//     PostgreSQL's attmissingval). A volatile DEFAULT (random(), nextval)
//     fills each row: the table is rewritten (alter_table_rewrite.cc).
//   ALTER [COLUMN] SET / DROP DEFAULT, SET / DROP NOT NULL: the definition;
//     SET NOT NULL checks the rows first.
//   DROP [COLUMN]: alter_table_drop_column.cc; [SET DATA] TYPE:
//     alter_table_rewrite.cc.
#include <fmt/format.h>

#include <optional>
#include <utility>

#include "sql/binder/binder.h"
#include "sql/binder/deparse.h"
#include "sql/binder/stored_literals.h"
#include "sql/commands/alter_table_columns.h"
#include "sql/execution/domain_checks.h"
#include "sql/execution/evaluate.h"
#include "sql/parser/ast_printer.h"
#include "sql/parser/parser.h"
#include "sql/session_impl.h"
#include "storage/row_codec.h"
#include "storage/table_store.h"

namespace basalt::sql {

namespace {

using TableEntryPtr = std::shared_ptr<const catalog::TableEntry>;

void Check(const Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

// Calls whose value may differ from row to row: a DEFAULT made of them
// fills existing rows one by one, as PostgreSQL rewrites the table for it
// (now() is stable, so its one value goes to every existing row).
bool IsVolatileExpression(const BoundExpr& e) {
  if (e.kind == BoundExprKind::kFunction && IsVolatileFunction(e.function)) return true;
  for (const BoundExprPtr& child : e.children) {
    if (child != nullptr && IsVolatileExpression(*child)) return true;
  }
  return false;
}

}  // namespace

int FindColumnOrThrow(const catalog::TableEntry& table, const std::string& name) {
  const int column = table.FindColumn(name);
  if (column < 0) {
    throw Error(
        sqlstate::kUndefinedColumn,
        fmt::format("column \"{}\" of relation \"{}\" does not exist", name, table.def.name()));
  }
  return column;
}

void ThrowContainsNulls(const catalog::TableEntry& table, const std::string& column) {
  throw Error(sqlstate::kNotNullViolation,
              fmt::format("column \"{}\" of relation \"{}\" contains null values", column,
                          table.def.name()));
}

void ThrowColumnActionOnView(const catalog::TableEntry& view,
                             const ast::AlterTableCommand& command) {
  using Kind = ast::AlterTableCommand::Kind;
  const char* action = "ADD CONSTRAINT";
  switch (command.kind) {
    case Kind::kAddConstraint: break;
    case Kind::kAddColumn: action = "ADD COLUMN"; break;
    case Kind::kDropColumn: action = "DROP COLUMN"; break;
    case Kind::kSetDefault:
    case Kind::kDropDefault: action = "ALTER COLUMN ... SET DEFAULT"; break;
    case Kind::kSetNotNull: action = "ALTER COLUMN ... SET NOT NULL"; break;
    case Kind::kDropNotNull: action = "ALTER COLUMN ... DROP NOT NULL"; break;
    case Kind::kAlterType: action = "ALTER COLUMN ... SET DATA TYPE"; break;
  }
  throw Error(sqlstate::kWrongObjectType,
              fmt::format("ALTER action {} cannot be performed on relation \"{}\"", action,
                          view.def.name()))
      .WithDetail(fmt::format("This operation is not supported for {}.",
                              view.IsMaterializedView() ? "materialized views" : "views"));
}

void SessionImpl::AlterTableCommands(const ast::AlterTableStmt& stmt, const TableEntryPtr& table,
                                     ResultSink& sink) {
  using Kind = ast::AlterTableCommand::Kind;
  const Oid database = table->def.database_oid();
  const Oid oid = table->def.oid();
  for (const ast::AlterTableCommand& command : stmt.commands) {
    const TableEntryPtr current = writer_.View()->TableByOid(database, oid);
    switch (command.kind) {
      case Kind::kAddConstraint: AddConstraint(current, command.constraint, ""); break;
      case Kind::kAddColumn: AddColumn(current, command, sink); break;
      case Kind::kDropColumn: DropColumn(current, command, sink); break;
      case Kind::kSetDefault:
      case Kind::kDropDefault: {
        const int column = FindColumnOrThrow(*current, command.column);
        if (!current->def.columns(column).identity().empty()) {
          Error error(sqlstate::kSyntaxError,
                      fmt::format("column \"{}\" of relation \"{}\" is an identity column",
                                  command.column, current->def.name()));
          if (command.kind == Kind::kDropDefault) {
            error.WithHint("Use ALTER TABLE ... ALTER COLUMN ... DROP IDENTITY instead.");
          }
          throw error;
        }
        std::string text;
        if (command.kind == Kind::kSetDefault) {
          // Bound now so a bad default fails here, not at the next INSERT.
          Binder binder(*writer_.View(), database_oid_, user_, SearchPath());
          BoundExprPtr bound = binder.BindDefaultExpression(
              *command.expr, current->ColumnType(column), command.column);
          text = ast::ToString(*command.expr, DateTimeLiteralTexts(*bound));
        }
        Check(writer_.AlterTableDefinition(*txn_, *current, [&](catalog::proto::Table* t) {
          t->mutable_columns(column)->set_default_expr(text);
          return Status::OK();
        }));
        break;
      }
      case Kind::kSetNotNull:
      case Kind::kDropNotNull:
        AlterColumnNullability(current, FindColumnOrThrow(*current, command.column),
                               command.kind == Kind::kSetNotNull);
        break;
      case Kind::kAlterType:
        AlterColumnType(current, FindColumnOrThrow(*current, command.column), command);
        break;
    }
  }
}

void SessionImpl::AlterColumnNullability(const TableEntryPtr& table, int column, bool not_null) {
  const catalog::proto::Column& c = table->def.columns(column);
  if (!not_null) {
    for (int attnum : table->def.primary_key_attnums()) {
      if (attnum == c.attnum()) {
        throw Error(sqlstate::kInvalidTableDefinition,
                    fmt::format("column \"{}\" is in a primary key", c.name()));
      }
    }
    if (!c.identity().empty()) {
      throw Error(sqlstate::kSyntaxError,
                  fmt::format("column \"{}\" of relation \"{}\" is an identity column", c.name(),
                              table->def.name()));
    }
  }
  if (c.not_null() == not_null) return;
  if (not_null) {
    // Every stored row must already hold a value.
    storage::TableStore rows(store_, &table->layout);
    std::unique_ptr<storage::RowIterator> it = rows.Scan(*txn_);
    std::vector<bool> wanted(table->layout.column_types.size(), false);
    wanted[static_cast<size_t>(column)] = true;
    Row row(wanted.size());
    ExecContext ctx = NewExecContext(nullptr, nullptr);
    while (true) {
      Result<bool> more = it->Advance();
      Check(more.status());
      if (!*more) break;
      ctx.CheckForInterrupts();
      Check(it->DecodeColumns(wanted, &row));
      if (row[static_cast<size_t>(column)].is_null()) ThrowContainsNulls(*table, c.name());
    }
  }
  Check(writer_.AlterTableDefinition(*txn_, *table, [&](catalog::proto::Table* t) {
    t->mutable_columns(column)->set_not_null(not_null);
    return Status::OK();
  }));
}

void SessionImpl::AddColumn(const TableEntryPtr& table, const ast::AlterTableCommand& command,
                            ResultSink& sink) {
  const ast::ColumnDef& def = command.column_def;
  if (table->FindColumn(def.name) >= 0) {
    const std::string message =
        fmt::format("column \"{}\" of relation \"{}\" already exists", def.name, table->def.name());
    if (!command.if_not_exists) throw Error(sqlstate::kDuplicateColumn, message);
    SendNotice(sink, sqlstate::kDuplicateColumn, message + ", skipping");
    return;
  }
  Binder binder(*writer_.View(), database_oid_, user_, SearchPath());
  BoundAddedColumn bound = binder.BindAddedColumn(def, table->def);
  catalog::proto::Column& column = bound.column;
  column.set_attnum(table->def.columns_size() + 1);
  column.set_slot(catalog::NextColumnSlot(table->def));
  const DataType type{static_cast<TypeId>(column.type_id()), column.typmod()};
  if (bound.sequence) {
    // serial / identity: the sequence first, then every row draws from it.
    bound.sequence->mutable_sequence()->set_owned_by_attnum(column.attnum());
    catalog::proto::Table owner = table->def;
    CreateSerialSequences(&owner, {*std::move(bound.sequence)});
    Binder with_sequence(*writer_.View(), database_oid_, user_, SearchPath());
    bound.default_value = with_sequence.BindDefaultExpression(
        *ParseExpression(bound.sequence_default), type, column.name());
  }
  if (bound.default_value == nullptr && !bound.sequence) {
    // A column of a domain takes the domain's default.
    const std::string domain_default = binder.DomainDefault(column.domain_oid());
    if (!domain_default.empty()) {
      bound.default_value =
          binder.BindDefaultExpression(*ParseExpression(domain_default), type, column.name());
    }
  }
  const bool fill_each_row =
      bound.default_value != nullptr && IsVolatileExpression(*bound.default_value);
  ExecContext ctx = NewExecContext(nullptr, &sink);
  // The values the rows get must meet the column's domain.
  auto check_domain = [&](const Value& value, ExecContext& value_ctx) {
    if (column.domain_oid() != 0)
      DomainChecks::Of(column.domain_oid(), value_ctx).Check(value, value_ctx);
  };
  Value constant;
  if (bound.default_value != nullptr && !fill_each_row) {
    constant = Evaluate(*bound.default_value, Row{}, &ctx);
    if (!constant.is_null()) check_domain(constant, ctx);
  }
  if (!constant.is_null()) {
    std::string bytes;
    storage::EncodeRow({constant}, {type}, 0, &bytes);
    column.set_missing_value(std::move(bytes));
  }
  const Oid database = table->def.database_oid();
  const Oid oid = table->def.oid();
  // A view over `*` keeps the columns it had, as PostgreSQL's, which
  // expands the `*` at CREATE VIEW: its text is printed now with every
  // column named (as RENAME COLUMN prints it) and stored once the column
  // exists.
  std::vector<std::pair<TableEntryPtr, std::string>> pinned;
  std::optional<ColumnRename> unchanged;
  if (table->def.columns_size() > 0) {
    const std::string& first = table->def.columns(0).name();
    unchanged = ColumnRename{oid, 0, first, first};
    const std::shared_ptr<const catalog::CatalogSnapshot> before = writer_.View();
    for (const TableEntryPtr& view : before->DependentViews(database, oid)) {
      if (view->def.view_query().find('*') == std::string::npos) continue;
      pinned.emplace_back(view, RenamedQuery(before, view, *table, *unchanged));
    }
  }
  auto add = [&](catalog::proto::Table* t) {
    *t->add_columns() = column;
    t->set_schema_version(t->schema_version() + 1);
    return Status::OK();
  };
  if (fill_each_row) {
    Result<catalog::proto::Table> rewritten = writer_.RewriteTable(*txn_, *table, add);
    Check(rewritten.status());
    const TableEntryPtr after = writer_.View()->TableByOid(database, oid);
    RewriteRows(*table, *after, [&](Row row, ExecContext& row_ctx) {
      Value value = Evaluate(*bound.default_value, Row{}, &row_ctx);
      check_domain(value, row_ctx);
      if (value.is_null() && column.not_null()) ThrowContainsNulls(*table, column.name());
      row.push_back(std::move(value));
      return row;
    });
  } else {
    if (constant.is_null() && (column.not_null() || column.domain_oid() != 0)) {
      // The rows there are read NULL for the column.
      storage::TableStore rows(store_, &table->layout);
      Result<bool> any = rows.Scan(*txn_)->Advance();
      Check(any.status());
      if (*any) check_domain(constant, ctx);
      if (*any && column.not_null()) ThrowContainsNulls(*table, column.name());
    }
    Check(writer_.AlterTableDefinition(*txn_, *table, add));
  }
  for (const auto& [view, text] : pinned) {
    StoreRenamedQuery(*writer_.View()->TableByOid(database, view->def.oid()), *table, *unchanged,
                      text);
  }
  for (const ast::Constraint* constraint : bound.table_constraints) {
    AddConstraint(writer_.View()->TableByOid(database, oid), *constraint, def.name);
  }
}

}  // namespace basalt::sql
