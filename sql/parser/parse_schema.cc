// CREATE SCHEMA and ALTER SCHEMA.
#include "sql/parser/parser_impl.h"

namespace basalt::sql {

ast::StatementPtr Parser::ParseCreateSchema(const Token& create) {
  auto stmt = std::make_unique<ast::CreateSchemaStmt>();
  stmt->position = create.position;
  ExpectWord("schema");
  if (PeekWord("if") && PeekWord("not", 1)) {
    Advance();
    Advance();
    ExpectWord("exists");
    stmt->if_not_exists = true;
  }
  if (!PeekWord("authorization")) stmt->name = ParseColId();
  if (AcceptWord("authorization")) stmt->authorization = ParseRoleSpec();
  // Schema elements (CREATE TABLE ... inside CREATE SCHEMA) are not taken.
  return stmt;
}

ast::StatementPtr Parser::ParseAlterSchema() {
  auto stmt = std::make_unique<ast::AlterSchemaStmt>();
  stmt->position = ExpectWord("alter").position;
  ExpectWord("schema");
  stmt->name = ParseColId();
  if (AcceptWord("rename")) {
    ExpectWord("to");
    stmt->rename = true;
    stmt->new_value = ParseColId();
  } else {
    ExpectWord("owner");
    ExpectWord("to");
    stmt->new_value = ParseRoleSpec();
  }
  return stmt;
}

}  // namespace basalt::sql
