// ALTER TABLE | VIEW | MATERIALIZED VIEW [IF EXISTS] name RENAME TO,
// RENAME [COLUMN], SET SCHEMA, OWNER TO, SET (...) and RESET (...):
// catalog-only changes under ACCESS EXCLUSIVE, with PostgreSQL 15's checks
// in its order and its messages.
//
// Views and materialized views name other relations by OID (their
// references), so renaming or moving a relation leaves its dependents
// intact. Their query text names columns, though, so a column that a view
// may read is not renamed (0A000) until views store their bound queries.
#include <fmt/format.h>

#include "sql/binder/storage_parameters.h"
#include "sql/execution/evaluate.h"
#include "sql/session_impl.h"

namespace basalt::sql {

namespace {

using Action = ast::AlterRelationStmt::Action;

const char* CommandTag(ast::ObjectType type) {
  switch (type) {
    case ast::ObjectType::kMaterializedView: return "ALTER MATERIALIZED VIEW";
    case ast::ObjectType::kView: return "ALTER VIEW";
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
  if ((stmt.action == Action::kSetOptions || stmt.action == Action::kResetOptions) &&
      table.IsView()) {
    throw Error(sqlstate::kFeatureNotSupported,
                "ALTER TABLE ... SET (...) of a view is not supported yet");
  }
}

// pg_class.reloptions after SET (...): each parameter replaces its earlier
// value or is appended; RESET (...) removes the named ones (unknown names
// are ignored, as PostgreSQL does).
std::vector<std::string> ChangedOptions(const ast::AlterRelationStmt& stmt,
                                        const catalog::proto::Table& def) {
  std::vector<std::string> options(def.reloptions().begin(), def.reloptions().end());
  auto name_of = [](const std::string& option) { return option.substr(0, option.find('=')); };
  if (stmt.action == Action::kResetOptions) {
    for (const ast::RelationOption& reset : stmt.options) {
      if (!reset.value.empty()) {
        throw Error(sqlstate::kSyntaxError, "RESET must not include values for parameters");
      }
      std::erase_if(options, [&](const std::string& o) { return name_of(o) == reset.name; });
    }
    return options;
  }
  std::vector<std::pair<std::string, std::string>> written;
  for (const ast::RelationOption& option : stmt.options) {
    written.emplace_back(option.name, option.value);
  }
  for (std::string& checked : CheckStorageParameters(written)) {
    auto same = std::find_if(options.begin(), options.end(),
                             [&](const std::string& o) { return name_of(o) == name_of(checked); });
    if (same != options.end()) {
      *same = std::move(checked);
    } else {
      options.push_back(std::move(checked));
    }
  }
  return options;
}

void Check(const Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

}  // namespace

void SessionImpl::ExecuteAlterRelation(const ast::AlterRelationStmt& stmt, ResultSink& sink) {
  const char* tag = CommandTag(stmt.object_type);
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
      if (!view->DependentViews(def.database_oid(), def.oid()).empty()) {
        throw Error(sqlstate::kFeatureNotSupported,
                    fmt::format("cannot rename column \"{}\" of {} \"{}\": views read it by name",
                                stmt.column, KindNoun(table), def.name()))
            .WithHint("Drop the views that depend on it, rename, and create them again.");
      }
      Check(writer_.AlterTableDefinition(*txn_, table, [&](catalog::proto::Table* t) {
        t->mutable_columns(column)->set_name(stmt.new_name);
        return Status::OK();
      }));
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
      const bool current = stmt.new_name == "CURRENT_USER" || stmt.new_name == "CURRENT_ROLE" ||
                           stmt.new_name == "SESSION_USER";
      const catalog::proto::Role* role =
          current ? view->RoleByOid(role_oid_) : view->FindRole(stmt.new_name);
      if (role == nullptr) {
        throw Error(sqlstate::kUndefinedObject,
                    fmt::format("role \"{}\" does not exist", stmt.new_name));
      }
      if (role->oid() == def.owner_oid()) break;
      // Without role memberships, a role other than a superuser can only
      // give what it owns to itself.
      if (!superuser_) {
        if (def.owner_oid() != role_oid_) {
          throw Error(sqlstate::kInsufficientPrivilege,
                      fmt::format("must be owner of {} {}", KindNoun(table), def.name()));
        }
        if (role->oid() != role_oid_) {
          throw Error(sqlstate::kInsufficientPrivilege,
                      fmt::format("must be member of role \"{}\"", role->name()));
        }
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
      std::vector<std::string> options = ChangedOptions(stmt, def);
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
