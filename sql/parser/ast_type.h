// CREATE TYPE ... AS ENUM and ALTER TYPE (DROP TYPE is a DropStmt).
#pragma once

#include <string>
#include <vector>

#include "sql/parser/ast_statement.h"

namespace basalt::sql::ast {

// CREATE TYPE name AS ENUM ('label', ...)
struct CreateTypeStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kCreateType;
  CreateTypeStmt() : Statement(kKind) {}
  QualifiedName name;
  std::vector<std::string> labels;
};

// ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'label' [BEFORE | AFTER 'other']
//   | RENAME VALUE 'old' TO 'new' | RENAME TO new_name | OWNER TO role
//   | SET SCHEMA schema
struct AlterTypeStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kAlterType;
  AlterTypeStmt() : Statement(kKind) {}
  enum class Action { kAddValue, kRenameValue, kRename, kOwner, kSetSchema };
  QualifiedName name;
  Action action = Action::kAddValue;
  // ADD VALUE's label, RENAME VALUE's old label.
  std::string label;
  // RENAME VALUE's new label, the new name, the role spec or the schema.
  std::string new_value;
  // ADD VALUE ... BEFORE / AFTER: the neighbour label; empty: at the end.
  std::string neighbor;
  bool before = false;
  bool if_not_exists = false;
};

}  // namespace basalt::sql::ast
