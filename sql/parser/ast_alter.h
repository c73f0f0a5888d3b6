// ALTER TABLE | VIEW | MATERIALIZED VIEW actions that change a relation's
// catalog entry only: names, schema, owner and storage parameters.
#pragma once

#include <string>
#include <vector>

#include "sql/parser/ast_statement.h"

namespace basalt::sql::ast {

// ALTER {TABLE | VIEW | MATERIALIZED VIEW} [IF EXISTS] name
//   RENAME TO new | RENAME [COLUMN] a TO b | SET SCHEMA s | OWNER TO role |
//   SET (parameter [= value], ...) | RESET (parameter, ...)
struct AlterRelationStmt : Statement {
  enum class Action { kRename, kRenameColumn, kSetSchema, kOwnerTo, kSetOptions, kResetOptions };
  static constexpr StatementKind kKind = StatementKind::kAlterRelation;
  AlterRelationStmt() : Statement(kKind) {}
  ObjectType object_type = ObjectType::kTable;  // as written after ALTER
  QualifiedName name;
  bool if_exists = false;
  Action action = Action::kRename;
  std::string column;                   // kRenameColumn: the column renamed
  std::string new_name;                 // kRename, kRenameColumn; the schema or role otherwise
  std::vector<RelationOption> options;  // kSetOptions, kResetOptions
};

}  // namespace basalt::sql::ast
