// COMMENT ON ... IS 'text' | NULL. The text is kept on the object's own
// catalog message (docs/formats/catalog.md, "Comments"), written through the
// transaction's CatalogWriter: a rollback forgets it, and dropping the
// object (or the column) drops its comment with it. Objects are looked up
// and checked in PostgreSQL 15's order (comment.c's CommentObject,
// objectaddress.c's get_object_address): the relation, the kind it must
// be, the column or constraint, ownership, then a column's relation kind.
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "catalog/oids.h"
#include "sql/binder/binder.h"
#include "sql/execution/evaluate.h"
#include "sql/session_impl.h"

namespace basalt::sql {

namespace {

using Object = ast::CommentStmt::Object;

// A relation name resolved for COMMENT: a table, view, materialized view
// or sequence, or one of the indexes of `table` (kept in its definition).
struct CommentedRelation {
  std::shared_ptr<const catalog::TableEntry> table;
  std::string index;  // the index's name; empty: the relation itself
  bool primary_key = false;

  const std::string& name() const { return index.empty() ? table->def.name() : index; }
  // The relation's kind as PostgreSQL's messages name it.
  std::string_view noun() const {
    if (!index.empty()) return "index";
    const std::string& relkind = table->def.relkind();
    if (relkind == "v") return "view";
    if (relkind == "m") return "materialized view";
    if (relkind == "S") return "sequence";
    return "table";
  }
};

// The kind COMMENT ON names, with its article; nullopt for the objects that
// are not relations.
std::optional<std::pair<std::string_view, std::string_view>> RelationKind(Object object) {
  switch (object) {
    case Object::kTable: return std::pair{"a", "table"};
    case Object::kView: return std::pair{"a", "view"};
    case Object::kMaterializedView: return std::pair{"a", "materialized view"};
    case Object::kIndex: return std::pair{"an", "index"};
    case Object::kSequence: return std::pair{"a", "sequence"};
    default: return std::nullopt;
  }
}

// The names of an index's columns (COMMENT ON COLUMN finds them before it
// refuses the index).
std::vector<std::string> IndexColumnNames(const CommentedRelation& r) {
  const catalog::proto::Table& t = r.table->def;
  std::vector<int> attnums;
  if (r.primary_key) {
    attnums.assign(t.primary_key_attnums().begin(), t.primary_key_attnums().end());
  } else {
    for (const catalog::proto::Index& index : t.indexes()) {
      if (index.name() != r.index) continue;
      for (const catalog::proto::IndexColumn& c : index.columns()) attnums.push_back(c.attnum());
    }
  }
  std::vector<std::string> names;
  for (int attnum : attnums) {
    for (const catalog::proto::Column& c : t.columns()) {
      if (c.attnum() == attnum) names.push_back(c.name());
    }
  }
  return names;
}

// The comment field of the object `stmt` names in the table definition
// `t`: the relation or index itself, a column, or a constraint (a CHECK or
// FOREIGN KEY, or the primary key's or a UNIQUE constraint's, kept on the
// key). Null when the column or constraint does not exist.
std::string* CommentField(const ast::CommentStmt& stmt, const CommentedRelation& r,
                          catalog::proto::Table* t) {
  switch (stmt.object) {
    case Object::kColumn:
      for (catalog::proto::Column& c : *t->mutable_columns()) {
        if (c.name() == stmt.name) return c.mutable_comment();
      }
      return nullptr;
    case Object::kConstraint:
      if (!t->primary_key_name().empty() && t->primary_key_name() == stmt.name) {
        return t->mutable_primary_key_constraint_comment();
      }
      for (catalog::proto::Index& index : *t->mutable_indexes()) {
        if (index.constraint() && index.name() == stmt.name) {
          return index.mutable_constraint_comment();
        }
      }
      for (catalog::proto::Constraint& c : *t->mutable_constraints()) {
        if (c.name() == stmt.name) return c.mutable_comment();
      }
      return nullptr;
    default:
      if (r.index.empty()) return t->mutable_comment();
      if (r.primary_key) return t->mutable_primary_key_comment();
      for (catalog::proto::Index& index : *t->mutable_indexes()) {
        if (index.name() == r.index) return index.mutable_comment();
      }
      return nullptr;
  }
}

bool IsSystemNamespace(Oid oid) {
  return oid == catalog::oids::kPgCatalogNamespace ||
         oid == catalog::oids::kInformationSchemaNamespace ||
         oid == catalog::oids::kPgToastNamespace;
}

void Check(const Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

}  // namespace

void SessionImpl::ExecuteComment(const ast::CommentStmt& stmt, ResultSink& sink) {
  // PostgreSQL stores no empty comment: '' removes it, as NULL does.
  const std::string text = stmt.comment.value_or("");
  switch (stmt.object) {
    case Object::kSchema: CommentOnSchema(stmt.name, text); break;
    case Object::kDatabase: CommentOnDatabase(stmt.name, text, sink); break;
    case Object::kRole: CommentOnRole(stmt.name, text); break;
    default: CommentOnRelation(stmt, text); break;
  }
  sink.CommandComplete("COMMENT");
}

void SessionImpl::CommentOnRelation(const ast::CommentStmt& stmt, const std::string& text) {
  if (stmt.object == Object::kColumn && stmt.relation.name.empty()) {
    throw Error(sqlstate::kSyntaxError, "column name must be qualified");
  }
  // Resolved and locked as PostgreSQL's get_object_address does (SHARE
  // UPDATE EXCLUSIVE: concurrent COMMENTs on one relation queue), again if
  // a DDL committed while the lock was awaited. Relations and indexes share
  // one name space; an index is found through its table.
  CommentedRelation found;
  while (true) {
    std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
    const ast::QualifiedName& name = stmt.relation;
    if (!name.schema.empty() && name.schema != "pg_temp" &&
        snapshot->FindNamespace(database_oid_, name.schema) == nullptr) {
      throw Error(sqlstate::kInvalidSchemaName,
                  fmt::format("schema \"{}\" does not exist", name.schema));
    }
    Binder binder(*snapshot, database_oid_, user_, SearchPath());
    found = CommentedRelation{binder.ResolveTable(name, /*missing_ok=*/true), "", false};
    if (found.table == nullptr) {
      found.table = binder.ResolveIndexTable(name);
      if (found.table == nullptr) ThrowUndefinedRelation(name);
      found.index = name.name;
      found.primary_key = found.table->def.primary_key_name() == name.name;
    }
    LockRelation(*found.table, storage::LockLevel::kShareUpdateExclusive);
    if (writer_.View()->version() == snapshot->version()) break;
  }
  if (auto kind = RelationKind(stmt.object); kind && found.noun() != kind->second) {
    throw Error(sqlstate::kWrongObjectType,
                fmt::format("\"{}\" is not {} {}", found.name(), kind->first, kind->second));
  }
  catalog::proto::Table scratch = found.table->def;
  const bool exists = stmt.object == Object::kColumn && !found.index.empty()
                          ? std::ranges::count(IndexColumnNames(found), stmt.name) > 0
                          : CommentField(stmt, found, &scratch) != nullptr;
  if (!exists && stmt.object == Object::kColumn) {
    throw Error(
        sqlstate::kUndefinedColumn,
        fmt::format("column \"{}\" of relation \"{}\" does not exist", stmt.name, found.name()));
  }
  if (!exists) {
    throw Error(
        sqlstate::kUndefinedObject,
        fmt::format("constraint \"{}\" for table \"{}\" does not exist", stmt.name, found.name()));
  }
  if (!superuser_ && found.table->def.owner_oid() != role_oid_) {
    // A column's or constraint's relation is named "relation", as
    // PostgreSQL's aclcheck_error names their object types.
    const bool part = stmt.object == Object::kColumn || stmt.object == Object::kConstraint;
    throw Error(
        sqlstate::kInsufficientPrivilege,
        fmt::format("must be owner of {} {}", part ? "relation" : found.noun(), found.name()));
  }
  if (stmt.object == Object::kColumn && (!found.index.empty() || found.noun() == "sequence")) {
    throw Error(sqlstate::kWrongObjectType,
                fmt::format("cannot set comment on relation \"{}\"", found.name()))
        .WithDetail(fmt::format("This operation is not supported for {}.",
                                found.index.empty() ? "sequences" : "indexes"));
  }
  // pg_catalog's relations are computed, never stored (PostgreSQL lets a
  // superuser comment on them).
  if (IsSystemNamespace(found.table->def.namespace_oid())) {
    throw Error(sqlstate::kFeatureNotSupported,
                fmt::format("comments on system catalog \"{}\" are not supported",
                            found.table->def.name()));
  }
  Check(writer_.AlterTableDefinition(*txn_, *found.table, [&](catalog::proto::Table* t) {
    if (std::string* field = CommentField(stmt, found, t)) *field = text;
    return Status::OK();
  }));
}

void SessionImpl::CommentOnSchema(const std::string& name, const std::string& text) {
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  const catalog::proto::Namespace* ns = snapshot->FindNamespace(database_oid_, name);
  if (ns == nullptr) {
    throw Error(sqlstate::kInvalidSchemaName, fmt::format("schema \"{}\" does not exist", name));
  }
  if (!superuser_ && ns->owner_oid() != role_oid_) {
    throw Error(sqlstate::kInsufficientPrivilege, fmt::format("must be owner of schema {}", name));
  }
  // information_schema and pg_toast are added at load, never stored.
  if (ns->oid() != catalog::oids::kPgCatalogNamespace && IsSystemNamespace(ns->oid())) {
    throw Error(sqlstate::kFeatureNotSupported,
                fmt::format("comments on schema \"{}\" are not supported", name));
  }
  Result<catalog::proto::Namespace> locked = writer_.LockNamespace(*txn_, *ns);
  if (!locked.ok()) ThrowStatus(locked.status());
  catalog::proto::Namespace changed = *locked;
  changed.set_comment(text);
  Check(writer_.AlterNamespace(*txn_, *locked, std::move(changed)));
}

void SessionImpl::CommentOnDatabase(const std::string& name, const std::string& text,
                                    ResultSink& sink) {
  const catalog::proto::Database* db = writer_.View()->FindDatabase(name);
  if (db == nullptr) {
    // As PostgreSQL: a warning, so a dump restored under another database
    // name does not fail on its COMMENT ON DATABASE.
    SendWarning(sink, sqlstate::kInvalidCatalogName,
                fmt::format("database \"{}\" does not exist", name));
    return;
  }
  if (!superuser_ && db->owner_oid() != role_oid_) {
    throw Error(sqlstate::kInsufficientPrivilege,
                fmt::format("must be owner of database {}", name));
  }
  catalog::proto::Database changed = *db;
  changed.set_comment(text);
  Check(writer_.AlterDatabase(*txn_, *db, std::move(changed)));
}

void SessionImpl::CommentOnRole(const std::string& name, const std::string& text) {
  const catalog::proto::Role* role = writer_.View()->FindRole(name);
  if (role == nullptr) {
    throw Error(sqlstate::kUndefinedObject, fmt::format("role \"{}\" does not exist", name));
  }
  // PostgreSQL 15 treats roles as owned by CREATEROLE holders, superusers
  // by superusers only.
  const catalog::proto::Role me = CurrentRole();
  if (role->superuser() && !me.superuser()) {
    throw Error(sqlstate::kInsufficientPrivilege, "must be superuser");
  }
  if (!me.superuser() && !me.create_role()) {
    throw Error(sqlstate::kInsufficientPrivilege, "must have CREATEROLE privilege");
  }
  Result<catalog::proto::Role> locked = writer_.LockRole(*txn_, *role);
  if (!locked.ok()) ThrowStatus(locked.status());
  catalog::proto::Role changed = *locked;
  changed.set_comment(text);
  Check(writer_.AlterRole(*txn_, *locked, std::move(changed)));
}

}  // namespace basalt::sql
