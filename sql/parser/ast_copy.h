// Statements of bulk loading and table maintenance: COPY, ALTER TABLE's
// constraint actions, VACUUM and ANALYZE.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sql/parser/ast_statement.h"

namespace basalt::sql::ast {

// One COPY option, in either syntax. The old one (`CSV HEADER`, `DELIMITER
// AS ','`, `FORCE NOT NULL a, b`) is turned into the new one's names
// (`format csv`, `header`, `delimiter ','`, `force_not_null (a, b)`), as
// PostgreSQL's grammar does.
struct CopyOption : Node {
  std::string name;  // lower case
  // The value as written: a string, a number, or a word (true, off, csv);
  // nullopt when none was given (`HEADER` alone means true).
  std::optional<std::string> value;
  // FORCE_QUOTE / FORCE_NOT_NULL / FORCE_NULL: a column list, or `*`.
  std::vector<Identifier> columns;
  bool star = false;
  bool has_columns = false;
};

// COPY table [(cols)] FROM {STDIN | 'file' | PROGRAM 'cmd'} [[WITH] options]
// COPY {table [(cols)] | (query)} TO {STDOUT | 'file' | PROGRAM 'cmd'} [...]
struct CopyStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kCopy;
  CopyStmt() : Statement(kKind) {}
  QualifiedName table;               // unset when `query` is
  std::vector<Identifier> columns;   // empty: every column
  std::unique_ptr<Statement> query;  // COPY (SELECT ...) TO
  bool from = false;                 // FROM (load) or TO (unload)
  // STDIN / STDOUT; otherwise a server file or a program, which Basalt does
  // not read or run.
  bool client = true;
  int target_position = 0;  // of the file name or PROGRAM
  std::vector<CopyOption> options;
};

// One action of ALTER TABLE's list (sql/commands/alter_table_columns.cc).
struct AlterTableCommand {
  enum class Kind {
    kAddConstraint,  // ADD table_constraint
    kAddColumn,      // ADD [COLUMN] [IF NOT EXISTS] column_def
    kDropColumn,     // DROP [COLUMN] [IF EXISTS] c [RESTRICT | CASCADE]
    kSetDefault,     // ALTER [COLUMN] c SET DEFAULT expr
    kDropDefault,    // ALTER [COLUMN] c DROP DEFAULT
    kSetNotNull,     // ALTER [COLUMN] c SET NOT NULL
    kDropNotNull,    // ALTER [COLUMN] c DROP NOT NULL
    kAlterType,      // ALTER [COLUMN] c [SET DATA] TYPE type [USING expr]
  };
  Kind kind = Kind::kAddConstraint;
  int position = 0;
  Constraint constraint;       // kAddConstraint
  ColumnDef column_def;        // kAddColumn
  std::string column;          // the ALTER / DROP forms: the column named
  bool if_not_exists = false;  // kAddColumn
  bool missing_ok = false;     // kDropColumn: IF EXISTS
  bool cascade = false;        // kDropColumn
  ExprPtr expr;                // kSetDefault: the default; kAlterType: USING (may be null)
  TypeName type;               // kAlterType
};

// ALTER TABLE [IF EXISTS] [ONLY] name ADD [CONSTRAINT name] PRIMARY KEY
// (cols) | UNIQUE (cols) | CHECK (expr) | FOREIGN KEY ... [NOT VALID], ...;
// a list of column actions (kCommands); or one of DROP CONSTRAINT [IF
// EXISTS] name [CASCADE | RESTRICT], VALIDATE CONSTRAINT name, RENAME
// CONSTRAINT name TO new. Other actions are refused with 0A000 by the
// parser.
struct AlterTableStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kAlterTable;
  AlterTableStmt() : Statement(kKind) {}
  enum class Action {
    kAddConstraints,
    kDropConstraint,
    kValidateConstraint,
    kRenameConstraint,
    kCommands
  };
  QualifiedName table;
  bool if_exists = false;
  Action action = Action::kAddConstraints;
  std::vector<Constraint> add_constraints;  // kAddConstraints
  std::vector<AlterTableCommand> commands;  // kCommands, in the order written
  std::string constraint;                   // the others: the constraint named
  std::string new_name;                     // kRenameConstraint
  bool missing_ok = false;                  // DROP CONSTRAINT IF EXISTS
};

// VACUUM [(options)] [FULL] [FREEZE] [VERBOSE] [ANALYZE] [table [(cols)], ...]
// ANALYZE [(options)] [VERBOSE] [table [(cols)], ...]
struct VacuumStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kVacuum;
  VacuumStmt() : Statement(kKind) {}
  bool vacuum = true;    // false: ANALYZE alone
  bool analyze = false;  // VACUUM ANALYZE, or ANALYZE
  std::vector<QualifiedName> tables;
};

// REINDEX [(CONCURRENTLY [bool], VERBOSE [bool], TABLESPACE name)]
//   {INDEX | TABLE | SCHEMA | DATABASE | SYSTEM} [CONCURRENTLY] name
struct ReindexStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kReindex;
  ReindexStmt() : Statement(kKind) {}
  enum class Target : uint8_t { kIndex, kTable, kSchema, kDatabase, kSystem };
  Target target = Target::kIndex;
  bool concurrently = false;
  QualifiedName name;  // SCHEMA, DATABASE, SYSTEM: name.name alone
};

}  // namespace basalt::sql::ast
