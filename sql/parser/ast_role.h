// Role statements: CREATE ROLE / USER / GROUP, ALTER ROLE / USER, DROP
// ROLE / USER / GROUP (parse_role.cc; executed in sql/session_role.cc).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sql/parser/ast_expr.h"
#include "sql/parser/ast_statement.h"

namespace basalt::sql::ast {

// One `option` of CREATE / ALTER ROLE ... [WITH] option ...
struct RoleOption {
  enum class Kind {
    kSuperuser,
    kCreateDb,
    kCreateRole,
    kInherit,
    kLogin,
    kReplication,
    kBypassRls,
    kConnectionLimit,
    kPassword,
    kValidUntil,
  };
  Kind kind = Kind::kLogin;
  bool flag = true;                 // SUPERUSER vs NOSUPERUSER, ...
  std::optional<std::string> text;  // PASSWORD (nullopt: NULL), VALID UNTIL
  int64_t number = 0;               // CONNECTION LIMIT
  int position = 0;                 // of the option's first token
};

// CREATE ROLE | USER | GROUP name [[WITH] option ...]. CREATE USER implies
// LOGIN unless an option says otherwise.
struct CreateRoleStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kCreateRole;
  CreateRoleStmt() : Statement(kKind) {}
  std::string name;
  bool login_by_default = false;
  std::vector<RoleOption> options;
};

// ALTER ROLE | USER name [WITH] option ...
// ALTER ROLE name RENAME TO new_name
// ALTER ROLE name SET parameter {TO | =} {value [, ...] | DEFAULT}
// ALTER ROLE name RESET parameter | RESET ALL
// `name` may be CURRENT_USER, CURRENT_ROLE or SESSION_USER (upper case).
struct AlterRoleStmt : Statement {
  enum class Action { kOptions, kRename, kSet, kReset };
  static constexpr StatementKind kKind = StatementKind::kAlterRole;
  AlterRoleStmt() : Statement(kKind) {}
  std::string name;
  int name_position = 0;
  Action action = Action::kOptions;
  std::vector<RoleOption> options;
  std::string new_name;   // kRename
  std::string parameter;  // kSet, kReset; empty with reset_all
  ExprList values;        // kSet; empty: TO DEFAULT (same as RESET)
  bool reset_all = false;
};

// DROP ROLE | USER | GROUP [IF EXISTS] name [, ...]
struct DropRoleStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kDropRole;
  DropRoleStmt() : Statement(kKind) {}
  std::vector<std::string> names;
  bool if_exists = false;
};

}  // namespace basalt::sql::ast
