// CREATE / ALTER / DROP DATABASE with PostgreSQL 15's checks and messages.
// Each runs as a transaction of its own (25001 inside a block). A new
// database is what template1 would give: the pg_catalog and public
// schemas and the system relations.
#include <fmt/format.h>

#include "catalog/oids.h"
#include "sql/execution/evaluate.h"
#include "sql/session_impl.h"

namespace basalt::sql {

namespace {

Error DatabaseMissing(const std::string& name) {
  return Error(sqlstate::kInvalidCatalogName, fmt::format("database \"{}\" does not exist", name));
}

// The options Basalt has nothing to do with but accepts as PostgreSQL
// does, with values that describe what Basalt is.
bool AcceptedOption(const std::string& option, const std::string& value) {
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  if (option == "encoding") {
    const std::string v = lower(value);
    if (v == "utf8" || v == "utf-8" || v == "unicode") return true;
    throw Error(sqlstate::kFeatureNotSupported,
                fmt::format("encoding \"{}\" is not supported: databases are UTF8", value));
  }
  if (option == "locale" || option == "lc_collate" || option == "lc_ctype" ||
      option == "icu_locale" || option == "locale_provider" || option == "collation_version" ||
      option == "tablespace" || option == "allow_connections" || option == "connection_limit" ||
      option == "is_template" || option == "strategy" || option == "oid") {
    return true;  // one locale (C.UTF-8), one tablespace, no templates
  }
  (void)value;
  return false;
}

}  // namespace

void SessionImpl::ExecuteCreateDatabase(const ast::CreateDatabaseStmt& stmt, ResultSink& sink) {
  RefuseInBlock("CREATE DATABASE");
  EnsureTransaction();
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  const catalog::proto::Role* me = snapshot->RoleByOid(role_oid_);
  if (!superuser_ && (me == nullptr || !me->create_db())) {
    throw Error(sqlstate::kInsufficientPrivilege, "permission denied to create database");
  }
  catalog::proto::Database db;
  db.set_name(stmt.name);
  db.set_owner_oid(role_oid_);
  for (const auto& [option, value, position] : stmt.options) {
    if (option == "owner") {
      const catalog::proto::Role& owner = ResolveRoleSpec(*snapshot, value);
      if (!superuser_ && owner.oid() != role_oid_) {
        throw Error(sqlstate::kInsufficientPrivilege,
                    fmt::format("must be member of role \"{}\"", owner.name()));
      }
      db.set_owner_oid(owner.oid());
    } else if (option == "template") {
      // Every database starts as template1 would make it; copying another
      // one's objects is not there yet.
      if (value == "template0" || value == "template1") continue;
      if (snapshot->FindDatabase(value) == nullptr) {
        throw Error(sqlstate::kInvalidCatalogName,
                    fmt::format("template database \"{}\" does not exist", value));
      }
      throw Error(sqlstate::kFeatureNotSupported,
                  "only template0 and template1 can be templates of a new database");
    } else if (!AcceptedOption(option, value)) {
      throw Error(sqlstate::kSyntaxError, fmt::format("option \"{}\" not recognized", option))
          .WithPosition(position);
    }
  }
  Status st = writer_.CreateDatabase(*txn_, std::move(db));
  if (!st.ok()) ThrowStatus(st);
  sink.CommandComplete("CREATE DATABASE");
}

void SessionImpl::CheckNoOtherSessions(const catalog::proto::Database& db) {
  const size_t others = store_.locks().SessionsOn(db.oid()) - (db.oid() == database_oid_ ? 1 : 0);
  if (others == 0) return;
  throw Error(sqlstate::kObjectInUse,
              fmt::format("database \"{}\" is being accessed by other users", db.name()))
      .WithDetail(others == 1
                      ? "There is 1 other session using the database."
                      : fmt::format("There are {} other sessions using the database.", others));
}

void SessionImpl::ExecuteDropDatabase(const ast::DropDatabaseStmt& stmt, ResultSink& sink) {
  RefuseInBlock("DROP DATABASE");
  EnsureTransaction();
  const catalog::proto::Database* found = writer_.View()->FindDatabase(stmt.name);
  if (found == nullptr) {
    if (!stmt.if_exists) throw DatabaseMissing(stmt.name);
    SendNotice(sink, sqlstate::kSuccessfulCompletion,
               fmt::format("database \"{}\" does not exist, skipping", stmt.name));
    sink.CommandComplete("DROP DATABASE");
    return;
  }
  const catalog::proto::Database db = *found;
  if (!superuser_ && db.owner_oid() != role_oid_) {
    throw Error(sqlstate::kInsufficientPrivilege,
                fmt::format("must be owner of database {}", db.name()));
  }
  if (catalog::oids::IsTemplateDatabase(db.oid())) {
    throw Error(sqlstate::kWrongObjectType, "cannot drop a template database");
  }
  if (db.oid() == database_oid_) {
    throw Error(sqlstate::kObjectInUse, "cannot drop the currently open database");
  }
  if (stmt.force) TerminateSessionsOn(db.oid());
  CheckNoOtherSessions(db);
  Status st = writer_.DropDatabase(*txn_, db);
  if (!st.ok()) ThrowStatus(st);
  sink.CommandComplete("DROP DATABASE");
}

void SessionImpl::ExecuteAlterDatabase(const ast::AlterDatabaseStmt& stmt, ResultSink& sink) {
  EnsureTransaction();
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  const catalog::proto::Database* found = snapshot->FindDatabase(stmt.name);
  if (found == nullptr) throw DatabaseMissing(stmt.name);
  catalog::proto::Database db = *found;
  if (!superuser_ && db.owner_oid() != role_oid_) {
    throw Error(sqlstate::kInsufficientPrivilege,
                fmt::format("must be owner of database {}", db.name()));
  }
  if (stmt.rename) {
    if (db.oid() == database_oid_) {
      throw Error(sqlstate::kFeatureNotSupported, "current database cannot be renamed");
    }
    CheckNoOtherSessions(db);
    db.set_name(stmt.new_value);
  } else {
    const catalog::proto::Role& owner = ResolveRoleSpec(*snapshot, stmt.new_value);
    if (!superuser_ && owner.oid() != role_oid_) {
      throw Error(sqlstate::kInsufficientPrivilege,
                  fmt::format("must be member of role \"{}\"", owner.name()));
    }
    db.set_owner_oid(owner.oid());
  }
  Status st = writer_.AlterDatabase(*txn_, *found, std::move(db));
  if (!st.ok()) ThrowStatus(st);
  sink.CommandComplete("ALTER DATABASE");
}

}  // namespace basalt::sql
