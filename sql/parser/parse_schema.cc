// CREATE / ALTER SCHEMA and CREATE / ALTER / DROP DATABASE.
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
  // gram.y's OptSchemaEltList: CREATE TABLE, VIEW, INDEX and SEQUENCE
  // (CREATE TRIGGER and GRANT, which Basalt does not have, aside).
  while (PeekWord("create")) {
    if (stmt->if_not_exists) {
      throw Error(sqlstate::kFeatureNotSupported,
                  "CREATE SCHEMA IF NOT EXISTS cannot include schema elements")
          .WithPosition(Peek().position);
    }
    const size_t start = pos_;
    ast::StatementPtr element = ParseCreate();
    switch (element->kind()) {
      case ast::StatementKind::kCreateTable:
      case ast::StatementKind::kCreateView:
      case ast::StatementKind::kCreateIndex:
      case ast::StatementKind::kCreateSequence: break;
      case ast::StatementKind::kCreateTableAs:
        // CREATE TABLE ... AS is no schema element: the error is at its AS.
        if (tokens_[start + 1].IsWord("materialized")) SyntaxError(tokens_[start + 1]);
        for (size_t i = start; i < pos_; ++i) {
          if (tokens_[i].IsWord("as")) SyntaxError(tokens_[i]);
        }
        SyntaxError(tokens_[start + 1]);
      default: SyntaxError(tokens_[start + 1]);  // CREATE ROLE, DATABASE, ...
    }
    stmt->elements.push_back(std::move(element));
  }
  return stmt;
}

// ALTER SCHEMA | DATABASE name RENAME TO new_name | OWNER TO role: the
// same shape for both.
template <typename Stmt>
ast::StatementPtr Parser::ParseRenameOrOwner(std::unique_ptr<Stmt> stmt) {
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

ast::StatementPtr Parser::ParseAlterSchema() {
  auto stmt = std::make_unique<ast::AlterSchemaStmt>();
  stmt->position = ExpectWord("alter").position;
  ExpectWord("schema");
  return ParseRenameOrOwner(std::move(stmt));
}

ast::StatementPtr Parser::ParseCreateDatabase(const Token& create) {
  auto stmt = std::make_unique<ast::CreateDatabaseStmt>();
  stmt->position = create.position;
  ExpectWord("database");
  stmt->name = ParseColId();
  AcceptWord("with");
  while (Peek().type == TokenType::kIdentifier || Peek().type == TokenType::kQuotedIdentifier) {
    const int position = Peek().position;
    std::string option = Advance().text;
    if (option == "connection") {
      ExpectWord("limit");
      option = "connection_limit";
    }
    AcceptOp("=");
    const std::string sign = AcceptOp("-") ? "-" : "";
    const Token& value = Peek();
    if (value.type != TokenType::kIdentifier && value.type != TokenType::kQuotedIdentifier &&
        value.type != TokenType::kString && value.type != TokenType::kInteger) {
      SyntaxError(value);
    }
    stmt->options.push_back({option, sign + Advance().text, position});
  }
  return stmt;
}

ast::StatementPtr Parser::ParseDropDatabase() {
  auto stmt = std::make_unique<ast::DropDatabaseStmt>();
  stmt->position = ExpectWord("drop").position;
  ExpectWord("database");
  if (PeekWord("if") && PeekWord("exists", 1)) {
    Advance();
    Advance();
    stmt->if_exists = true;
  }
  stmt->name = ParseColId();
  if (AcceptWord("with") || PeekOp("(")) {
    ExpectOp("(");
    ExpectWord("force");
    ExpectOp(")");
    stmt->force = true;
  }
  return stmt;
}

ast::StatementPtr Parser::ParseAlterDatabase() {
  auto stmt = std::make_unique<ast::AlterDatabaseStmt>();
  stmt->position = ExpectWord("alter").position;
  ExpectWord("database");
  return ParseRenameOrOwner(std::move(stmt));
}

}  // namespace basalt::sql
