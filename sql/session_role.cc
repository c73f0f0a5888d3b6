// CREATE / ALTER / DROP ROLE, with PostgreSQL 15's privilege rules
// (commands/user.c): superusers may do anything; CREATEROLE holders manage
// roles that are neither superusers nor replication roles; every role may
// change its own password and settings. Passwords are stored as verifiers
// only (password_encryption: scram-sha-256 or md5), never in clear.
#include <fmt/format.h>

#include "common/datetime.h"
#include "common/password_hash.h"
#include "sql/execution/evaluate.h"
#include "sql/session_impl.h"

namespace basalt::sql {

namespace {

using Kind = ast::RoleOption::Kind;

Error PermissionDenied(std::string message) {
  return Error(sqlstate::kInsufficientPrivilege, std::move(message));
}

Error RoleMissing(std::string_view name) {
  return Error(sqlstate::kUndefinedObject, fmt::format("role \"{}\" does not exist", name));
}

void CheckNotReserved(std::string_view name) {
  if (name.starts_with("pg_")) {
    throw Error(sqlstate::kReservedName, fmt::format("role name \"{}\" is reserved", name))
        .WithDetail("Role names starting with \"pg_\" are reserved.");
  }
}

const ast::RoleOption* FindOption(const std::vector<ast::RoleOption>& options, Kind kind) {
  for (const ast::RoleOption& option : options) {
    if (option.kind == kind) return &option;
  }
  return nullptr;
}

bool SetsFlag(const std::vector<ast::RoleOption>& options, Kind kind) {
  const ast::RoleOption* option = FindOption(options, kind);
  return option != nullptr && option->flag;
}

void CheckConnectionLimit(const std::vector<ast::RoleOption>& options) {
  if (const ast::RoleOption* limit = FindOption(options, Kind::kConnectionLimit)) {
    if (limit->number < -1) {
      throw Error(sqlstate::kInvalidParameterValue,
                  fmt::format("invalid connection limit: {}", limit->number));
    }
  }
}

}  // namespace

catalog::proto::Role SessionImpl::LockRole(const catalog::proto::Role& role) {
  Result<catalog::proto::Role> locked = writer_.LockRole(*txn_, role);
  if (!locked.ok()) ThrowStatus(locked.status());
  return std::move(locked).value();
}

catalog::proto::Role SessionImpl::CurrentRole() {
  std::shared_ptr<const catalog::CatalogSnapshot> view = writer_.View();
  const catalog::proto::Role* role = view->RoleByOid(role_oid_);
  // Dropped by another session: PostgreSQL would fail its privilege checks
  // the same way.
  if (role == nullptr) throw PermissionDenied("permission denied");
  return *role;
}

void SessionImpl::ApplyRoleOptions(const std::vector<ast::RoleOption>& options,
                                   catalog::proto::Role& role, ResultSink& sink) {
  for (const ast::RoleOption& option : options) {
    switch (option.kind) {
      case Kind::kSuperuser: role.set_superuser(option.flag); break;
      case Kind::kCreateDb: role.set_create_db(option.flag); break;
      case Kind::kCreateRole: role.set_create_role(option.flag); break;
      case Kind::kInherit: role.set_inherit(option.flag); break;
      case Kind::kLogin: role.set_can_login(option.flag); break;
      case Kind::kReplication: role.set_replication(option.flag); break;
      case Kind::kBypassRls: role.set_bypass_rls(option.flag); break;
      case Kind::kConnectionLimit:
        role.set_connection_limit(static_cast<int32_t>(option.number));
        break;
      case Kind::kValidUntil: {
        Result<int64_t> until = ParseTimestampTz(*option.text);
        if (!until.ok()) ThrowStatus(until.status());
        role.set_valid_until(*until);
        break;
      }
      case Kind::kPassword: {
        if (!option.text) {
          role.clear_password();
          break;
        }
        const std::string& password = *option.text;
        // As PostgreSQL: an empty password (or a verifier of one) clears it.
        if (password.empty() || CheckPlaintextPassword(password, role.name(), "")) {
          SendNotice(sink, sqlstate::kSuccessfulCompletion,
                     "empty string is not a valid password, clearing password");
          role.clear_password();
          break;
        }
        // A password given already hashed is stored as it is (pg_dump's
        // output); anything else is hashed as password_encryption says.
        if (ClassifyPassword(password) != PasswordType::kPlaintext) {
          role.set_password(password);
        } else if (Result<std::string> encryption = settings_.Get("password_encryption");
                   encryption.ok() && *encryption == "md5") {
          role.set_password(MakeMd5Verifier(password, role.name()));
        } else {
          role.set_password(MakeScramVerifier(password));
        }
        break;
      }
    }
  }
}

void SessionImpl::ExecuteCreateRole(const ast::CreateRoleStmt& stmt, ResultSink& sink) {
  CheckConnectionLimit(stmt.options);
  const catalog::proto::Role me = CurrentRole();
  if (SetsFlag(stmt.options, Kind::kSuperuser)) {
    if (!me.superuser()) throw PermissionDenied("must be superuser to create superusers");
  } else if (SetsFlag(stmt.options, Kind::kReplication)) {
    if (!me.superuser()) throw PermissionDenied("must be superuser to create replication users");
  } else if (SetsFlag(stmt.options, Kind::kBypassRls)) {
    if (!me.superuser()) throw PermissionDenied("must be superuser to create bypassrls users");
  } else if (!me.superuser() && !me.create_role()) {
    throw PermissionDenied("permission denied to create role");
  }
  CheckNotReserved(stmt.name);
  if (writer_.View()->FindRole(stmt.name) != nullptr) {
    throw Error(sqlstate::kDuplicateObject, fmt::format("role \"{}\" already exists", stmt.name));
  }
  catalog::proto::Role role;
  role.set_name(stmt.name);
  role.set_can_login(stmt.login_by_default);
  ApplyRoleOptions(stmt.options, role, sink);
  Status created = writer_.CreateRole(*txn_, std::move(role));
  if (!created.ok()) ThrowStatus(created);
  sink.CommandComplete("CREATE ROLE");
}

void SessionImpl::ExecuteAlterRole(const ast::AlterRoleStmt& stmt, ResultSink& sink) {
  using Action = ast::AlterRoleStmt::Action;
  CheckConnectionLimit(stmt.options);
  // CURRENT_USER / CURRENT_ROLE / SESSION_USER: there is no SET ROLE yet,
  // so all three are the login role.
  const bool special =
      stmt.name == "CURRENT_USER" || stmt.name == "CURRENT_ROLE" || stmt.name == "SESSION_USER";
  if (special && stmt.action == Action::kRename) {
    throw Error(sqlstate::kReservedName,
                fmt::format("{} cannot be used as a role name here", stmt.name))
        .WithPosition(stmt.name_position);
  }
  std::shared_ptr<const catalog::CatalogSnapshot> view = writer_.View();
  const catalog::proto::Role* found =
      special ? view->RoleByOid(role_oid_) : view->FindRole(stmt.name);
  if (found == nullptr) throw RoleMissing(stmt.name);
  const catalog::proto::Role role = *found;
  if (stmt.action == Action::kRename) {
    RenameRole(stmt, role, sink);
    return;
  }
  if (role.name().starts_with("pg_")) {
    throw Error(sqlstate::kReservedName, fmt::format("role name \"{}\" is reserved", role.name()))
        .WithDetail("Cannot alter reserved roles.");
  }
  const catalog::proto::Role me = CurrentRole();
  if (stmt.action == Action::kSet || stmt.action == Action::kReset) {
    if (role.superuser()) {
      if (!me.superuser()) throw PermissionDenied("must be superuser to alter superusers");
    } else if (!me.superuser() && !me.create_role() && role.oid() != role_oid_) {
      throw PermissionDenied("permission denied");
    }
    AlterRoleSettings(stmt, role);
    sink.CommandComplete("ALTER ROLE");
    return;
  }
  const ast::RoleOption* superuser = FindOption(stmt.options, Kind::kSuperuser);
  const ast::RoleOption* replication = FindOption(stmt.options, Kind::kReplication);
  if (role.superuser() || superuser != nullptr) {
    if (!me.superuser()) {
      throw PermissionDenied(
          "must be superuser to alter superuser roles or change superuser attribute");
    }
  } else if (role.replication() || replication != nullptr) {
    if (!me.superuser()) {
      throw PermissionDenied(
          "must be superuser to alter replication roles or change replication attribute");
    }
  } else if (FindOption(stmt.options, Kind::kBypassRls) != nullptr) {
    if (!me.superuser()) throw PermissionDenied("must be superuser to change bypassrls attribute");
  } else if (!me.superuser() && !me.create_role()) {
    // Without CREATEROLE a role may change only its own password.
    const bool own_password_only = role.oid() == role_oid_ && stmt.options.size() == 1 &&
                                   stmt.options[0].kind == Kind::kPassword;
    if (!own_password_only) throw PermissionDenied("permission denied");
  }
  const catalog::proto::Role locked = LockRole(role);
  catalog::proto::Role altered = locked;
  ApplyRoleOptions(stmt.options, altered, sink);
  Status st = writer_.AlterRole(*txn_, locked, std::move(altered));
  if (!st.ok()) ThrowStatus(st);
  sink.CommandComplete("ALTER ROLE");
}

void SessionImpl::RenameRole(const ast::AlterRoleStmt& stmt, const catalog::proto::Role& role,
                             ResultSink& sink) {
  if (role.oid() == role_oid_) {
    throw Error(sqlstate::kFeatureNotSupported, "session user cannot be renamed");
  }
  CheckNotReserved(role.name());
  CheckNotReserved(stmt.new_name);
  if (writer_.View()->FindRole(stmt.new_name) != nullptr) {
    throw Error(sqlstate::kDuplicateObject,
                fmt::format("role \"{}\" already exists", stmt.new_name));
  }
  const catalog::proto::Role me = CurrentRole();
  if (role.superuser()) {
    if (!me.superuser()) throw PermissionDenied("must be superuser to rename superusers");
  } else if (!me.superuser() && !me.create_role()) {
    throw PermissionDenied("permission denied to rename role");
  }
  const catalog::proto::Role locked = LockRole(role);
  catalog::proto::Role renamed = locked;
  renamed.set_name(stmt.new_name);
  // An md5 hash is salted with the role name: it no longer fits.
  if (ClassifyPassword(locked.password()) == PasswordType::kMd5) {
    renamed.clear_password();
    SendNotice(sink, sqlstate::kSuccessfulCompletion,
               "MD5 password cleared because of role rename");
  }
  Status st = writer_.AlterRole(*txn_, locked, std::move(renamed));
  if (!st.ok()) ThrowStatus(st);
  sink.CommandComplete("ALTER ROLE");
}

void SessionImpl::AlterRoleSettings(const ast::AlterRoleStmt& stmt,
                                    const catalog::proto::Role& role) {
  const catalog::proto::Role locked = LockRole(role);
  catalog::proto::Role altered = locked;
  auto* settings = altered.mutable_settings();
  if (stmt.reset_all) {
    settings->Clear();
  } else {
    std::string name = stmt.parameter;
    if (auto canonical = Settings::CanonicalName(name); !canonical) {
      throw Error(sqlstate::kUndefinedObject,
                  fmt::format("unrecognized configuration parameter \"{}\"", name));
    }
    int existing = -1;
    for (int i = 0; i < settings->size(); ++i) {
      if (settings->Get(i).name() == name) existing = i;
    }
    if (stmt.action == ast::AlterRoleStmt::Action::kReset) {
      if (existing >= 0) settings->DeleteSubrange(existing, 1);
    } else {
      std::string value;
      for (const ast::ExprPtr& v : stmt.values) {
        if (!value.empty()) value += ", ";
        value += SetValueText(*v);
      }
      // Checked now, as PostgreSQL does, so a login never meets a bad value.
      Settings scratch = settings_;
      Result<std::string> checked = scratch.Set(name, value);
      if (!checked.ok() && checked.status().code() != "55P02") ThrowStatus(checked.status());
      catalog::proto::RoleSetting* setting =
          existing >= 0 ? settings->Mutable(existing) : settings->Add();
      setting->set_name(name);
      setting->set_value(value);
    }
  }
  Status st = writer_.AlterRole(*txn_, locked, std::move(altered));
  if (!st.ok()) ThrowStatus(st);
}

void SessionImpl::ExecuteDropRole(const ast::DropRoleStmt& stmt, ResultSink& sink) {
  const catalog::proto::Role me = CurrentRole();
  if (!me.superuser() && !me.create_role()) {
    throw PermissionDenied("permission denied to drop role");
  }
  for (const std::string& name : stmt.names) {
    std::shared_ptr<const catalog::CatalogSnapshot> view = writer_.View();
    const catalog::proto::Role* found = view->FindRole(name);
    if (found == nullptr) {
      if (!stmt.if_exists) throw RoleMissing(name);
      SendNotice(sink, sqlstate::kSuccessfulCompletion,
                 fmt::format("role \"{}\" does not exist, skipping", name));
      continue;
    }
    const catalog::proto::Role role = *found;
    if (role.oid() == role_oid_) {
      throw Error(sqlstate::kObjectInUse, "current user cannot be dropped");
    }
    if (role.superuser() && !CurrentRole().superuser()) {
      throw PermissionDenied("must be superuser to drop superusers");
    }
    if (role.oid() == catalog::oids::kBootstrapSuperuser) {
      throw Error(sqlstate::kDependentObjectsStillExist,
                  fmt::format("cannot drop role {} because it is required by the database system",
                              role.name()));
    }
    const std::vector<std::string> owned = view->ObjectsOwnedBy(role.oid(), database_oid_);
    if (!owned.empty()) {
      std::string detail;
      for (const std::string& line : owned) detail += (detail.empty() ? "" : "\n") + line;
      throw Error(sqlstate::kDependentObjectsStillExist,
                  fmt::format("role \"{}\" cannot be dropped because some objects depend on it",
                              role.name()))
          .WithDetail(detail);
    }
    Status st = writer_.DropRole(*txn_, role);
    if (!st.ok()) ThrowStatus(st);
  }
  sink.CommandComplete("DROP ROLE");
}

}  // namespace basalt::sql
