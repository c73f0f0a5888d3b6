// ALTER TABLE's column actions: ADD [COLUMN], DROP [COLUMN], ALTER [COLUMN]
// ... SET / DROP DEFAULT, SET / DROP NOT NULL, [SET DATA] TYPE; and ADD
// table_constraint, which may share their list (gram.y's alter_table_cmd).
#include "sql/parser/parser_impl.h"

namespace basalt::sql {

ast::AlterTableCommand Parser::ParseAlterTableCommand() {
  using Kind = ast::AlterTableCommand::Kind;
  ast::AlterTableCommand command;
  const Token& verb = Peek();
  command.position = verb.position;
  if (AcceptWord("add")) {
    if (PeekWord("constraint") || PeekWord("primary") || PeekWord("unique") || PeekWord("check") ||
        PeekWord("foreign")) {
      command.kind = Kind::kAddConstraint;
      command.constraint = ParseTableConstraint();
      return command;
    }
    AcceptWord("column");
    command.kind = Kind::kAddColumn;
    if (PeekWord("if") && PeekWord("not", 1) && PeekWord("exists", 2)) {
      pos_ += 3;
      command.if_not_exists = true;
    }
    command.column_def = ParseColumnDef();
    return command;
  }
  if (AcceptWord("drop")) {
    if (PeekWord("constraint")) {
      throw Error(sqlstate::kFeatureNotSupported,
                  "DROP CONSTRAINT with other ALTER TABLE actions is not supported yet")
          .WithPosition(verb.position);
    }
    AcceptWord("column");
    command.kind = Kind::kDropColumn;
    if (PeekWord("if") && PeekWord("exists", 1)) {
      pos_ += 2;
      command.missing_ok = true;
    }
    command.column = ParseColId();
    if (AcceptWord("cascade")) {
      command.cascade = true;
    } else {
      AcceptWord("restrict");
    }
    return command;
  }
  ExpectWord("alter");
  AcceptWord("column");
  command.column = ParseColId();
  if (AcceptWord("drop")) {
    if (AcceptWord("default")) {
      command.kind = Kind::kDropDefault;
      return command;
    }
    ExpectWord("not");
    ExpectWord("null");
    command.kind = Kind::kDropNotNull;
    return command;
  }
  if (AcceptWord("set")) {
    if (AcceptWord("default")) {
      command.kind = Kind::kSetDefault;
      command.expr = ParseExpr();
      return command;
    }
    if (AcceptWord("not")) {
      ExpectWord("null");
      command.kind = Kind::kSetNotNull;
      return command;
    }
    ExpectWord("data");
  }
  if (AcceptWord("type")) {
    command.kind = Kind::kAlterType;
    command.type = ParseTypeName();
    if (AcceptWord("collate")) ParseCollation(0);  // PostgreSQL's error has no position
    if (AcceptWord("using")) command.expr = ParseExpr();
    return command;
  }
  throw Error(sqlstate::kFeatureNotSupported, "this form of ALTER TABLE is not supported yet")
      .WithPosition(verb.position);
}

}  // namespace basalt::sql
