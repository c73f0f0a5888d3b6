// ALTER TABLE | VIEW | MATERIALIZED VIEW [IF EXISTS] name RENAME TO,
// RENAME [COLUMN], SET SCHEMA, OWNER TO, SET (...) and RESET (...):
// catalog-only changes under ACCESS EXCLUSIVE, with PostgreSQL 15's checks
// in its order and its messages.
//
// Views and materialized views name other relations by OID (their
// references), so renaming or moving a relation leaves its dependents
// intact. Their query text names columns, though: renaming a column
// rewrites the text of each view reading the relation (its bound query
// printed again under the new name, sql/binder/deparse.cc); a query the
// printer cannot print refuses the rename (0A000).
#include <fmt/format.h>

#include <optional>

#include "sql/binder/binder.h"
#include "sql/binder/deparse.h"
#include "sql/binder/storage_parameters.h"
#include "sql/binder/stored_literals.h"
#include "sql/commands/matview/auto_refresh_options.h"
#include "sql/commands/matview/incremental_shape.h"
#include "sql/execution/evaluate.h"
#include "sql/parser/parser.h"
#include "sql/session_impl.h"

namespace basalt::sql {

namespace {

using Action = ast::AlterRelationStmt::Action;

const char* CommandTag(ast::ObjectType type) {
  switch (type) {
    case ast::ObjectType::kMaterializedView: return "ALTER MATERIALIZED VIEW";
    case ast::ObjectType::kView: return "ALTER VIEW";
    case ast::ObjectType::kIndex: return "ALTER INDEX";
    default: return "ALTER TABLE";
  }
}

const char* KindNoun(const catalog::TableEntry& table) {
  if (table.IsMaterializedView()) return "materialized view";
  if (table.IsView()) return "view";
  return "table";
}

// PostgreSQL's RangeVarCallbackForAlterRelation: ALTER VIEW and ALTER
// MATERIALIZED VIEW name their kind; ALTER TABLE takes any relation. A
// column's rename does not look at the kind (renameatt's own callback).
void CheckKind(const ast::AlterRelationStmt& stmt, const catalog::TableEntry& table) {
  if (table.computed) {
    throw Error(sqlstate::kInsufficientPrivilege,
                fmt::format("permission denied: \"{}\" is a system catalog", table.def.name()));
  }
  if (stmt.action == Action::kRenameColumn) return;
  if (stmt.object_type == ast::ObjectType::kMaterializedView && !table.IsMaterializedView()) {
    throw Error(sqlstate::kWrongObjectType,
                fmt::format("\"{}\" is not a materialized view", table.def.name()));
  }
  if (stmt.object_type == ast::ObjectType::kView && !table.IsView()) {
    throw Error(sqlstate::kWrongObjectType, fmt::format("\"{}\" is not a view", table.def.name()));
  }
}

// pg_class.reloptions after SET (...) or RESET (...), which removes the
// named ones (unknown names are ignored, as PostgreSQL does).
std::vector<std::string> ChangedOptions(const ast::AlterRelationStmt& stmt,
                                        const std::vector<ast::RelationOption>& changed,
                                        const catalog::proto::Table& def) {
  std::vector<std::string> options(def.reloptions().begin(), def.reloptions().end());
  auto name_of = [](const std::string& option) { return option.substr(0, option.find('=')); };
  if (stmt.action == Action::kResetOptions) {
    for (const ast::RelationOption& reset : changed) {
      if (!reset.value.empty()) {
        throw Error(sqlstate::kSyntaxError, "RESET must not include values for parameters");
      }
      std::erase_if(options, [&](const std::string& o) { return name_of(o) == reset.name; });
    }
    return options;
  }
  std::vector<std::pair<std::string, std::string>> written;
  for (const ast::RelationOption& option : changed) {
    written.emplace_back(option.name, option.value);
  }
  // As PostgreSQL's transformRelOptions: the old values of the named
  // parameters go, the new ones follow the rest in the order written. A
  // view's are check_option, security_barrier and security_invoker.
  std::vector<std::string> checked =
      def.relkind() == "v" ? CheckViewOptions(written) : CheckStorageParameters(written);
  std::erase_if(options, [&](const std::string& o) {
    return std::any_of(checked.begin(), checked.end(),
                       [&](const std::string& c) { return name_of(c) == name_of(o); });
  });
  for (std::string& option : checked) options.push_back(std::move(option));
  return options;
}

void Check(const Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

}  // namespace

namespace {

[[noreturn]] void ThrowCannotRename(const catalog::TableEntry& dependent,
                                    const catalog::TableEntry& table, const std::string& column) {
  throw Error(sqlstate::kFeatureNotSupported,
              fmt::format("cannot rename column \"{}\" of {} \"{}\": {} \"{}\" reads it and "
                          "its query cannot be rewritten yet",
                          column, KindNoun(table), table.def.name(), KindNoun(dependent),
                          dependent.def.name()))
      .WithHint("Drop the view, rename the column, and create the view again.");
}

}  // namespace

std::string SessionImpl::RenamedQuery(
    const std::shared_ptr<const catalog::CatalogSnapshot>& snapshot,
    const std::shared_ptr<const catalog::TableEntry>& dependent, const catalog::TableEntry& table,
    const ColumnRename& rename) {
  std::vector<std::string> column_names;
  for (const catalog::proto::Column& c : dependent->def.columns()) column_names.push_back(c.name());
  std::optional<std::string> text;
  try {
    Binder binder(*snapshot, database_oid_, user_, SearchPath());
    binder.KeepWithClauses();
    std::unique_ptr<BoundSelect> query = binder.BindViewQuery(dependent, 0);
    CatalogNames names(snapshot, database_oid_, user_, SearchPath());
    ScopedStoredTextFormats formats;
    text = DeparseQuery(*query, column_names, names, /*pretty=*/false, &rename);
  } catch (const Error&) {
  }
  if (!text) ThrowCannotRename(*dependent, table, rename.old_name);
  text->pop_back();  // the ";"
  return *std::move(text);
}

void SessionImpl::StoreRenamedQuery(const catalog::TableEntry& dependent,
                                    const catalog::TableEntry& table, const ColumnRename& rename,
                                    const std::string& text) {
  // The text must bind to the same columns under the new name.
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  std::vector<catalog::proto::ViewReference> references;
  bool same = false;
  try {
    std::vector<ast::StatementPtr> parsed = ParseStatements(text);
    Binder binder(*snapshot, database_oid_, user_, SearchPath());
    binder.RecordViewReferences(&references);
    std::unique_ptr<BoundSelect> query = binder.BindSelect(parsed.at(0)->As<ast::SelectStmt>());
    same = static_cast<int>(query->columns.size()) == dependent.def.columns_size();
    for (int c = 0; same && c < dependent.def.columns_size(); ++c) {
      same = query->columns[static_cast<size_t>(c)].type.id == dependent.ColumnType(c).id;
    }
  } catch (const Error&) {
  }
  if (!same) ThrowCannotRename(dependent, table, rename.old_name);
  Check(writer_.AlterTableDefinition(*txn_, dependent, [&](catalog::proto::Table* t) {
    t->set_view_query(text);
    t->clear_view_references();
    for (const catalog::proto::ViewReference& r : references) *t->add_view_references() = r;
    return Status::OK();
  }));
}

bool SessionImpl::RenameIndex(const ast::AlterRelationStmt& stmt) {
  while (true) {
    std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
    Binder binder(*snapshot, database_oid_, user_, SearchPath());
    std::shared_ptr<const catalog::TableEntry> table = binder.ResolveIndexTable(stmt.name);
    if (table == nullptr) return false;
    if (!superuser_ && table->def.owner_oid() != role_oid_) {
      throw Error(sqlstate::kInsufficientPrivilege,
                  fmt::format("must be owner of index {}", stmt.name.name));
    }
    // Readers and writers go on (PostgreSQL takes SHARE UPDATE EXCLUSIVE
    // on the index); other DDL of the table waits.
    LockRelation(*table, storage::LockLevel::kShareUpdateExclusive);
    if (writer_.View()->version() != snapshot->version()) continue;
    Check(writer_.RenameIndex(*txn_, *table, stmt.name.name, stmt.new_name));
    return true;
  }
}

void SessionImpl::ExecuteAlterRelation(const ast::AlterRelationStmt& stmt, ResultSink& sink) {
  const char* tag = CommandTag(stmt.object_type);
  // ALTER INDEX of a table, view or sequence renames that, as PostgreSQL.
  if (stmt.object_type == ast::ObjectType::kIndex && RenameIndex(stmt)) {
    sink.CommandComplete(tag);
    return;
  }
  std::vector<std::shared_ptr<const catalog::TableEntry>> found = ResolveAndLock(
      {stmt.name}, storage::LockLevel::kAccessExclusive, /*nowait=*/false,
      [&](const ast::QualifiedName& name) {
        if (!stmt.if_exists) ThrowUndefinedRelation(name);
        SendNotice(sink, sqlstate::kSuccessfulCompletion,
                   fmt::format("relation \"{}\" does not exist, skipping", ShownName(name)));
      });
  if (found.empty()) {
    sink.CommandComplete(tag);
    return;
  }
  const catalog::TableEntry& table = *found[0];
  const catalog::proto::Table& def = table.def;
  CheckKind(stmt, table);
  // Every action is its owner's (or a superuser's), as PostgreSQL checks.
  if (!superuser_ && def.owner_oid() != role_oid_) {
    throw Error(sqlstate::kInsufficientPrivilege,
                fmt::format("must be owner of {} {}", KindNoun(table), def.name()));
  }
  std::shared_ptr<const catalog::CatalogSnapshot> view = writer_.View();
  switch (stmt.action) {
    case Action::kRename: Check(writer_.RenameRelation(*txn_, table, stmt.new_name)); break;
    case Action::kRenameColumn: {
      const int column = table.FindColumn(stmt.column);
      if (column < 0) {
        throw Error(sqlstate::kUndefinedColumn,
                    fmt::format("column \"{}\" does not exist", stmt.column));
      }
      if (table.FindColumn(stmt.new_name) >= 0) {
        throw Error(sqlstate::kDuplicateColumn,
                    fmt::format("column \"{}\" of relation \"{}\" already exists", stmt.new_name,
                                def.name()));
      }
      // The views reading the relation name the column in their stored
      // text: each gets its query printed again under the new name, as
      // PostgreSQL's views (bound to the column, not its name) go on.
      const ColumnRename rename{def.oid(), column, stmt.column, stmt.new_name};
      std::vector<std::pair<std::shared_ptr<const catalog::TableEntry>, std::string>> rewritten;
      for (const auto& dependent : view->DependentViews(def.database_oid(), def.oid())) {
        rewritten.emplace_back(dependent, RenamedQuery(view, dependent, table, rename));
      }
      // So are the table's CHECK expressions.
      const std::vector<std::string> checks = RenamedCheckExpressions(
          CatalogNames(view, database_oid_, user_, SearchPath()), table, column, stmt.new_name);
      // And its partial indexes' predicates.
      const std::vector<std::string> predicates = RenamedIndexPredicates(
          CatalogNames(view, database_oid_, user_, SearchPath()), table, column, stmt.new_name);
      // And its index expressions.
      const std::vector<std::string> expressions = RenamedIndexExpressions(
          CatalogNames(view, database_oid_, user_, SearchPath()), table, column, stmt.new_name);
      Check(writer_.AlterTableDefinition(*txn_, table, [&](catalog::proto::Table* t) {
        t->mutable_columns(column)->set_name(stmt.new_name);
        for (int i = 0; i < t->constraints_size() && i < static_cast<int>(checks.size()); ++i) {
          if (t->constraints(i).type() == "c") t->mutable_constraints(i)->set_check_expr(checks[i]);
        }
        for (int i = 0; i < t->indexes_size() && i < static_cast<int>(predicates.size()); ++i) {
          t->mutable_indexes(i)->set_predicate(predicates[i]);
        }
        size_t next = 0;
        for (catalog::proto::Index& index : *t->mutable_indexes()) {
          for (catalog::proto::IndexColumn& c : *index.mutable_columns()) {
            if (next < expressions.size() && !c.expression().empty()) {
              c.set_expression(expressions[next]);
            }
            ++next;
          }
        }
        return Status::OK();
      }));
      for (const auto& [dependent, text] : rewritten)
        StoreRenamedQuery(*dependent, table, rename, text);
      break;
    }
    case Action::kSetSchema: {
      const catalog::proto::Namespace* ns = view->FindNamespace(database_oid_, stmt.new_name);
      if (ns == nullptr) {
        throw Error(sqlstate::kInvalidSchemaName,
                    fmt::format("schema \"{}\" does not exist", stmt.new_name));
      }
      Check(writer_.SetRelationNamespace(*txn_, table, ns->oid(), ns->name()));
      break;
    }
    case Action::kOwnerTo: {
      const catalog::proto::Role* role = &ResolveRoleSpec(*view, stmt.new_name);
      if (role->oid() == def.owner_oid()) break;
      // Without role memberships, a role other than a superuser can only
      // give what it owns to itself.
      if (!superuser_ && role->oid() != role_oid_) {
        throw Error(sqlstate::kInsufficientPrivilege,
                    fmt::format("must be member of role \"{}\"", role->name()));
      }
      const Oid owner = role->oid();
      Check(writer_.AlterTableDefinition(*txn_, table, [&](catalog::proto::Table* t) {
        t->set_owner_oid(owner);
        return Status::OK();
      }));
      break;
    }
    case Action::kSetOptions:
    case Action::kResetOptions: {
      // A materialized view's refresh_mode is Basalt's, not a reloption.
      std::vector<ast::RelationOption> changed;
      std::vector<ast::RelationOption> auto_refresh_options;
      std::optional<std::string> refresh_mode;
      for (const ast::RelationOption& option : stmt.options) {
        if (table.IsMaterializedView() && option.name == "refresh_mode") {
          refresh_mode = stmt.action == Action::kSetOptions ? CheckedRefreshMode(option.value)
                                                            : std::string("full");
        } else if (table.IsMaterializedView() && IsAutoRefreshOption(option.name)) {
          auto_refresh_options.push_back(option);
        } else {
          changed.push_back(option);
        }
      }
      if (refresh_mode) ChangeRefreshMode(found[0], *refresh_mode);
      if (refresh_mode || !auto_refresh_options.empty()) {
        // Checked against the new refresh_mode too (immediate views refuse
        // automatic refresh).
        const bool reset = stmt.action == Action::kResetOptions;
        Check(writer_.AlterTableDefinition(*txn_, table, [&](catalog::proto::Table* t) {
          ApplyAutoRefreshOptions(auto_refresh_options, reset, t);
          return Status::OK();
        }));
      }
      if (changed.empty() && (refresh_mode || !auto_refresh_options.empty())) break;
      std::vector<std::string> options = ChangedOptions(stmt, changed, def);
      const bool checks = std::any_of(options.begin(), options.end(), [](const std::string& o) {
        return o.starts_with("check_option=");
      });
      if (table.IsView() && checks) {
        // As CREATE VIEW: only a view Basalt writes through may check rows.
        Binder binder(*writer_.View(), database_oid_, user_, SearchPath());
        const std::string detail = binder.ViewUpdatableDetail(found[0]);
        if (!detail.empty()) {
          throw Error(sqlstate::kFeatureNotSupported,
                      "WITH CHECK OPTION is supported only on automatically updatable views")
              .WithHint(detail);
        }
      }
      Check(writer_.AlterTableDefinition(*txn_, table, [&](catalog::proto::Table* t) {
        t->clear_reloptions();
        for (std::string& option : options) t->add_reloptions(std::move(option));
        return Status::OK();
      }));
      break;
    }
  }
  sink.CommandComplete(tag);
}

}  // namespace basalt::sql
