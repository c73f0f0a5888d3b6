// COMMENT ON object IS 'text' | NULL.
#pragma once

#include <optional>
#include <string>

#include "sql/parser/ast_statement.h"

namespace basalt::sql::ast {

// COMMENT ON TABLE | VIEW | MATERIALIZED VIEW | INDEX | SEQUENCE name,
// COLUMN relation.column, CONSTRAINT name ON relation, SCHEMA | DATABASE |
// ROLE name IS 'text' | NULL. The object is resolved where the statement
// runs (sql/commands/comment.cc), as PostgreSQL's get_object_address.
struct CommentStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kComment;
  CommentStmt() : Statement(kKind) {}
  enum class Object {
    kTable,
    kView,
    kMaterializedView,
    kIndex,
    kSequence,
    kColumn,
    kConstraint,
    kSchema,
    kDatabase,
    kRole,
  };
  Object object = Object::kTable;
  // The relation: the object itself, a column's relation (empty name when
  // the column was not qualified: an error where it runs, as PostgreSQL
  // raises it) or the table a constraint is on.
  QualifiedName relation;
  // The column, the constraint, the schema, the database or the role.
  std::string name;
  // IS NULL: nullopt. NULL and '' both remove the comment.
  std::optional<std::string> comment;
};

}  // namespace basalt::sql::ast
