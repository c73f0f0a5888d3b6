// MERGE INTO target USING source ON condition WHEN [NOT] MATCHED ... (PostgreSQL 15).
#pragma once

#include <string>
#include <vector>

#include "sql/parser/ast_statement.h"

namespace basalt::sql::ast {

// WHEN [NOT] MATCHED [AND condition] THEN action. MATCHED clauses take
// UPDATE, DELETE or DO NOTHING; NOT MATCHED clauses INSERT or DO NOTHING
// (the grammar allows no other pairing).
struct MergeWhenClause : Node {
  enum class Action { kUpdate, kDelete, kInsert, kDoNothing };
  bool matched = true;
  ExprPtr condition;  // null: unconditional
  Action action = Action::kDoNothing;
  std::vector<SetClause> set;       // kUpdate
  std::vector<Identifier> columns;  // kInsert; empty: every column in order
  ExprList values;                  // kInsert; items may be Default
  bool default_values = false;      // kInsert: INSERT DEFAULT VALUES
  char overriding = 0;              // kInsert: as InsertStmt's
};

struct MergeStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kMerge;
  MergeStmt() : Statement(kKind) {}
  ~MergeStmt() override { DeleteIteratively(on); }
  // WITH ... before the statement: queries its source may read.
  std::vector<CommonTableExpr> with;
  bool with_recursive = false;
  QualifiedName table;
  std::string alias;
  // The one data source: a vector so that it binds as UPDATE's FROM list does.
  std::vector<TableRefPtr> source;
  ExprPtr on;
  std::vector<MergeWhenClause> when;
};

}  // namespace basalt::sql::ast
