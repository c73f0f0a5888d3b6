// CREATE SCHEMA and ALTER SCHEMA (DROP SCHEMA is a DropStmt).
#pragma once

#include <string>

#include "sql/parser/ast_statement.h"

namespace basalt::sql::ast {

// CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role], or CREATE SCHEMA
// [IF NOT EXISTS] AUTHORIZATION role (the schema is named after the role).
struct CreateSchemaStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kCreateSchema;
  CreateSchemaStmt() : Statement(kKind) {}
  std::string name;           // empty: the role's name
  std::string authorization;  // a role spec (ParseRoleSpec); empty: none
  bool if_not_exists = false;
};

// ALTER SCHEMA name RENAME TO new_name | OWNER TO role
struct AlterSchemaStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kAlterSchema;
  AlterSchemaStmt() : Statement(kKind) {}
  std::string name;
  bool rename = false;    // else OWNER TO
  std::string new_value;  // the new name or the role spec
};

}  // namespace basalt::sql::ast
