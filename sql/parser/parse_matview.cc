// CREATE MATERIALIZED VIEW, CREATE TABLE ... AS, REFRESH MATERIALIZED VIEW,
// and the WITH (option = value) lists of relations.
#include "sql/parser/parser_impl.h"

namespace basalt::sql {

std::vector<ast::RelationOption> Parser::ParseRelationOptions() {
  std::vector<ast::RelationOption> options;
  ExpectOp("(");
  do {
    ast::RelationOption& option = options.emplace_back();
    option.position = Peek().position;
    option.name = ParseColLabel();
    if (AcceptOp(".")) option.name += "." + ParseColLabel();  // toast.fillfactor
    if (!AcceptOp("=")) continue;
    std::string sign;
    if (PeekOp("-") || PeekOp("+")) sign = Advance().text == "-" ? "-" : "";
    const Token& value = Peek();
    if (value.type == TokenType::kString || value.type == TokenType::kInteger ||
        value.type == TokenType::kDecimal || value.type == TokenType::kIdentifier ||
        value.type == TokenType::kQuotedIdentifier) {
      option.value = sign + Advance().text;
    } else {
      SyntaxErrorHere();
    }
  } while (AcceptOp(","));
  ExpectOp(")");
  return options;
}

ast::StatementPtr Parser::ParseCreateTableAs(const Token& create, bool materialized,
                                             bool if_not_exists, ast::QualifiedName name,
                                             bool temporary) {
  auto stmt = std::make_unique<ast::CreateTableAsStmt>();
  stmt->position = create.position;
  stmt->materialized = materialized;
  stmt->temporary = temporary;
  stmt->if_not_exists = if_not_exists;
  stmt->name = std::move(name);
  if (PeekOp("(")) stmt->columns = ParseColumnList();
  if (AcceptWord("using")) ParseColId();  // the table access method: there is one
  if (AcceptWord("with")) stmt->options = ParseRelationOptions();
  if (!materialized) ParseOnCommit(&stmt->on_commit, &stmt->on_commit_position);
  ExpectWord("as");
  const Token& first = Peek();
  stmt->query = ParseSelect();
  const int end = tokens_[pos_ - 1].end;
  stmt->query_text = std::string(
      sql_.substr(static_cast<size_t>(first.begin), static_cast<size_t>(end - first.begin)));
  stmt->query_position = first.position;
  if (AcceptWord("with")) {
    stmt->with_data = !AcceptWord("no");
    ExpectWord("data");
  }
  return stmt;
}

ast::StatementPtr Parser::ParseCreateMaterializedView(const Token& create) {
  ExpectWord("materialized");
  ExpectWord("view");
  bool if_not_exists = false;
  if (PeekWord("if") && PeekWord("not", 1)) {
    pos_ += 2;
    ExpectWord("exists");
    if_not_exists = true;
  }
  ast::QualifiedName name = ParseQualifiedName();
  return ParseCreateTableAs(create, /*materialized=*/true, if_not_exists, std::move(name));
}

ast::StatementPtr Parser::ParseRefresh() {
  auto stmt = std::make_unique<ast::RefreshMatViewStmt>();
  stmt->position = ExpectWord("refresh").position;
  ExpectWord("materialized");
  ExpectWord("view");
  stmt->concurrently = AcceptWord("concurrently");
  stmt->name = ParseQualifiedName();
  if (AcceptWord("with")) {
    stmt->with_data = !AcceptWord("no");
    ExpectWord("data");
  }
  return stmt;
}

}  // namespace basalt::sql
