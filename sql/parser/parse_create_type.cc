// CREATE TYPE ... AS ENUM and ALTER TYPE.
#include "sql/parser/parser_impl.h"

namespace basalt::sql {

ast::StatementPtr Parser::ParseCreateType(const Token& create) {
  auto stmt = std::make_unique<ast::CreateTypeStmt>();
  stmt->position = create.position;
  ExpectWord("type");
  stmt->name = ParseQualifiedName();
  ExpectWord("as");
  if (!PeekWord("enum")) {
    throw Error(sqlstate::kFeatureNotSupported,
                "only enum types can be created (CREATE TYPE ... AS ENUM)")
        .WithPosition(Peek().position);
  }
  ExpectWord("enum");
  ExpectOp("(");
  if (!PeekOp(")")) {
    do {
      stmt->labels.push_back(ParseStringConstant());
    } while (AcceptOp(","));
  }
  ExpectOp(")");
  return stmt;
}

ast::StatementPtr Parser::ParseAlterType() {
  auto stmt = std::make_unique<ast::AlterTypeStmt>();
  using Action = ast::AlterTypeStmt::Action;
  stmt->position = ExpectWord("alter").position;
  ExpectWord("type");
  stmt->name = ParseQualifiedName();
  if (AcceptWord("add")) {
    ExpectWord("value");
    if (AcceptWord("if")) {
      ExpectWord("not");
      ExpectWord("exists");
      stmt->if_not_exists = true;
    }
    stmt->action = Action::kAddValue;
    stmt->label = ParseStringConstant();
    if (PeekWord("before") || PeekWord("after")) {
      stmt->before = Advance().text == "before";
      stmt->neighbor = ParseStringConstant();
    }
  } else if (AcceptWord("rename")) {
    if (AcceptWord("value")) {
      stmt->action = Action::kRenameValue;
      stmt->label = ParseStringConstant();
      ExpectWord("to");
      stmt->new_value = ParseStringConstant();
    } else {
      ExpectWord("to");
      stmt->action = Action::kRename;
      stmt->new_value = ParseColId();
    }
  } else if (AcceptWord("owner")) {
    ExpectWord("to");
    stmt->action = Action::kOwner;
    stmt->new_value = ParseRoleSpec();
  } else {
    ExpectWord("set");
    ExpectWord("schema");
    stmt->action = Action::kSetSchema;
    stmt->new_value = ParseColId();
  }
  return stmt;
}

}  // namespace basalt::sql
