// ALTER TABLE | VIEW | MATERIALIZED VIEW ... RENAME TO, RENAME [COLUMN],
// SET SCHEMA, OWNER TO, SET (...) and RESET (...): the actions that change
// a relation's catalog entry only; ALTER INDEX ... RENAME TO. ALTER TABLE
// ... ADD is parse_copy.cc's.
#include "sql/parser/parser_impl.h"

namespace basalt::sql {

ast::StatementPtr Parser::ParseAlterView(const Token& alter) {
  ast::ObjectType type = ast::ObjectType::kView;
  if (AcceptWord("index")) {
    type = ast::ObjectType::kIndex;
  } else {
    if (AcceptWord("materialized")) type = ast::ObjectType::kMaterializedView;
    ExpectWord("view");
  }
  bool if_exists = false;
  if (PeekWord("if") && PeekWord("exists", 1)) {
    pos_ += 2;
    if_exists = true;
  }
  ast::QualifiedName name = ParseQualifiedName();
  return ParseAlterRelationAction(alter, type, if_exists, std::move(name));
}

ast::StatementPtr Parser::ParseAlterRelationAction(const Token& alter, ast::ObjectType type,
                                                   bool if_exists, ast::QualifiedName name) {
  auto stmt = std::make_unique<ast::AlterRelationStmt>();
  stmt->position = alter.position;
  stmt->object_type = type;
  stmt->if_exists = if_exists;
  stmt->name = std::move(name);
  using Action = ast::AlterRelationStmt::Action;
  const Token& action = Peek();
  if (AcceptWord("rename")) {
    if (AcceptWord("to")) {
      stmt->action = Action::kRename;
      stmt->new_name = ParseColId();
      return stmt;
    }
    if (type == ast::ObjectType::kIndex) SyntaxError(Peek());
    AcceptWord("column");
    stmt->action = Action::kRenameColumn;
    stmt->column = ParseColId();
    ExpectWord("to");
    stmt->new_name = ParseColId();
    return stmt;
  }
  if (type == ast::ObjectType::kIndex) {
    throw Error(sqlstate::kFeatureNotSupported, "this form of ALTER INDEX is not supported yet")
        .WithPosition(action.position);
  }
  if (AcceptWord("owner")) {
    ExpectWord("to");
    stmt->action = Action::kOwnerTo;
    stmt->new_name = ParseRoleSpec();
    return stmt;
  }
  if (PeekWord("set") && PeekWord("schema", 1)) {
    pos_ += 2;
    stmt->action = Action::kSetSchema;
    stmt->new_name = ParseColId();
    return stmt;
  }
  if ((PeekWord("set") || PeekWord("reset")) && PeekOp("(", 1)) {
    stmt->action = Advance().text == "set" ? Action::kSetOptions : Action::kResetOptions;
    stmt->options = ParseRelationOptions();
    return stmt;
  }
  const char* what = type == ast::ObjectType::kMaterializedView ? "ALTER MATERIALIZED VIEW"
                     : type == ast::ObjectType::kView           ? "ALTER VIEW"
                                                                : "ALTER TABLE";
  throw Error(sqlstate::kFeatureNotSupported,
              std::string("this form of ") + what + " is not supported yet")
      .WithPosition(action.position);
}

}  // namespace basalt::sql
