// CREATE TYPE ... AS ENUM | AS (...) and ALTER TYPE (DROP TYPE is a
// DropStmt).
#pragma once

#include <string>
#include <vector>

#include "sql/parser/ast_statement.h"

namespace basalt::sql::ast {

// A composite type's field: `name type [COLLATE c]`.
struct CompositeFieldDef : Node {
  std::string name;
  TypeName type;
};

// CREATE TYPE name AS ENUM ('label', ...) | AS (field type, ...)
struct CreateTypeStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kCreateType;
  CreateTypeStmt() : Statement(kKind) {}
  QualifiedName name;
  bool composite = false;
  std::vector<std::string> labels;
  std::vector<CompositeFieldDef> fields;
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

// CREATE DOMAIN name [AS] type [[CONSTRAINT c] {NOT NULL | NULL | CHECK
// (expr)} | DEFAULT expr ...]
struct CreateDomainStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kCreateDomain;
  CreateDomainStmt() : Statement(kKind) {}
  QualifiedName name;
  TypeName type;
  // Column-constraint forms: kNull, kNotNull, kDefault, kCheck (others are
  // refused when it runs).
  std::vector<Constraint> constraints;
};

// ALTER DOMAIN name {SET DEFAULT expr | DROP DEFAULT | SET NOT NULL | DROP
// NOT NULL | ADD [CONSTRAINT c] CHECK (expr) [NOT VALID] | DROP CONSTRAINT
// [IF EXISTS] c [CASCADE | RESTRICT] | VALIDATE CONSTRAINT c | RENAME
// CONSTRAINT c TO d | RENAME TO n | OWNER TO role | SET SCHEMA s}
struct AlterDomainStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kAlterDomain;
  AlterDomainStmt() : Statement(kKind) {}
  enum class Action {
    kSetDefault,
    kDropDefault,
    kSetNotNull,
    kDropNotNull,
    kAddConstraint,
    kDropConstraint,
    kValidateConstraint,
    kRenameConstraint,
    kRename,
    kOwner,
    kSetSchema,
  };
  QualifiedName name;
  Action action = Action::kSetDefault;
  ExprPtr default_expr;         // kSetDefault
  Constraint constraint;        // kAddConstraint
  std::string constraint_name;  // kDropConstraint, kValidateConstraint, kRenameConstraint
  bool if_exists = false;       // kDropConstraint
  std::string new_value;        // the new name, the role spec or the schema
};

}  // namespace basalt::sql::ast
