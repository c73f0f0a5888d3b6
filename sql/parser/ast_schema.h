// CREATE / ALTER SCHEMA (DROP SCHEMA is a DropStmt) and CREATE / ALTER /
// DROP DATABASE.
#pragma once

#include <string>
#include <utility>
#include <vector>

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
  // Schema elements: CREATE TABLE, VIEW, INDEX and SEQUENCE statements
  // made in the new schema, in the order written.
  std::vector<StatementPtr> elements;
};

// ALTER SCHEMA name RENAME TO new_name | OWNER TO role
struct AlterSchemaStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kAlterSchema;
  AlterSchemaStmt() : Statement(kKind) {}
  std::string name;
  bool rename = false;    // else OWNER TO
  std::string new_value;  // the new name or the role spec
};

// CREATE DATABASE name [[WITH] option [=] value ...]: OWNER and TEMPLATE
// are kept; the others (ENCODING, LOCALE, ...) are checked by the session.
struct CreateDatabaseStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kCreateDatabase;
  CreateDatabaseStmt() : Statement(kKind) {}
  std::string name;
  struct Option {
    std::string name;  // lower case; CONNECTION LIMIT is connection_limit
    std::string value;
    int position = 0;
  };
  std::vector<Option> options;
};

// DROP DATABASE [IF EXISTS] name [[WITH] (FORCE)]
struct DropDatabaseStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kDropDatabase;
  DropDatabaseStmt() : Statement(kKind) {}
  std::string name;
  bool if_exists = false;
  bool force = false;
};

// ALTER DATABASE name RENAME TO new_name | OWNER TO role
struct AlterDatabaseStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kAlterDatabase;
  AlterDatabaseStmt() : Statement(kKind) {}
  std::string name;
  bool rename = false;  // else OWNER TO
  std::string new_value;
};

}  // namespace basalt::sql::ast
