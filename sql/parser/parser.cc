// Things start here: ParseStatements() tokenizes the whole query string, then
// parses statements separated by semicolons. This file also holds the token
// cursor, error reporting and name rules shared by the parse_*.cc files.
#include "sql/parser/parser.h"

#include <fmt/format.h>

#include "common/stack_depth.h"
#include "sql/parser/ast_merge.h"
#include "sql/parser/parser_impl.h"

namespace basalt::sql {

std::vector<std::unique_ptr<ast::Statement>> ParseStatements(std::string_view sql) {
  Parser parser(sql, Tokenize(sql));
  return parser.ParseAll();
}

std::vector<std::unique_ptr<ast::Statement>> ParseStatements(std::string_view sql,
                                                             std::vector<std::string>* notices) {
  std::vector<Token> tokens = Tokenize(sql);
  for (const Token& t : tokens) {
    if (t.untruncated.empty()) continue;
    notices->push_back(
        fmt::format("identifier \"{}\" will be truncated to \"{}\"", t.untruncated, t.text));
  }
  Parser parser(sql, std::move(tokens));
  return parser.ParseAll();
}

ast::ExprPtr ParseExpression(std::string_view sql) {
  Parser parser(sql, Tokenize(sql));
  return parser.ParseStandaloneExpression();
}

std::vector<ast::StatementPtr> Parser::ParseAll() {
  std::vector<ast::StatementPtr> statements;
  while (!AtEnd()) {
    if (AcceptOp(";")) continue;
    const Token& first = Peek();
    ast::StatementPtr statement = ParseStatement();
    statement->position = first.position;
    statement->text_begin = first.begin;
    statement->text_end = tokens_[pos_ - 1].end;
    if (!AtEnd() && !PeekOp(";")) SyntaxErrorHere();
    statements.push_back(std::move(statement));
  }
  return statements;
}

ast::ExprPtr Parser::ParseStandaloneExpression() {
  ast::ExprPtr expr = ParseExpr();
  if (!AtEnd()) SyntaxErrorHere();
  return expr;
}

// --- token cursor ----------------------------------------------------------

bool Parser::AcceptWord(std::string_view word) {
  if (!PeekWord(word)) return false;
  Advance();
  return true;
}

bool Parser::AcceptOp(std::string_view op) {
  if (!PeekOp(op)) return false;
  Advance();
  return true;
}

const Token& Parser::ExpectWord(std::string_view word) {
  if (!PeekWord(word)) SyntaxErrorHere();
  return Advance();
}

const Token& Parser::ExpectOp(std::string_view op) {
  if (!PeekOp(op)) SyntaxErrorHere();
  return Advance();
}

void Parser::SyntaxError(const Token& token) const {
  if (token.type == TokenType::kEnd) {
    throw Error(sqlstate::kSyntaxError, "syntax error at end of input")
        .WithPosition(token.position);
  }
  std::string text(sql_.substr(token.begin, token.end - token.begin));
  throw Error(sqlstate::kSyntaxError, "syntax error at or near \"" + text + "\"")
      .WithPosition(token.position);
}

void Parser::ErrorAt(const Token& token, std::string message, std::string hint) const {
  Error error(sqlstate::kSyntaxError, std::move(message));
  error.WithPosition(token.position);
  if (!hint.empty()) error.WithHint(std::move(hint));
  throw error;
}

// --- names -----------------------------------------------------------------

bool Parser::PeekColId(size_t ahead) const {
  const Token& t = Peek(ahead);
  if (t.type == TokenType::kQuotedIdentifier) return true;
  return t.type == TokenType::kIdentifier &&
         (t.keyword == KeywordCategory::kNone || t.keyword == KeywordCategory::kColName);
}

bool Parser::PeekTypeFunctionName(size_t ahead) const {
  const Token& t = Peek(ahead);
  if (t.type == TokenType::kQuotedIdentifier) return true;
  return t.type == TokenType::kIdentifier &&
         (t.keyword == KeywordCategory::kNone || t.keyword == KeywordCategory::kTypeFuncName);
}

bool Parser::PeekColLabel(size_t ahead) const {
  const Token& t = Peek(ahead);
  return t.type == TokenType::kQuotedIdentifier || t.type == TokenType::kIdentifier;
}

std::string Parser::ParseColId() {
  if (!PeekColId()) SyntaxErrorHere();
  return Advance().text;
}

std::string Parser::ParseColLabel() {
  if (!PeekColLabel()) SyntaxErrorHere();
  return Advance().text;
}

ast::QualifiedName Parser::ParseQualifiedName() {
  ast::QualifiedName name;
  const Token& first = Peek();
  name.position = first.position;
  std::vector<std::string> parts;
  parts.push_back(ParseColId());
  while (PeekOp(".")) {
    Advance();
    parts.push_back(ParseColLabel());
  }
  if (parts.size() > 3) {
    std::string dotted;
    for (const std::string& part : parts) dotted += (dotted.empty() ? "" : ".") + part;
    ErrorAt(first, "improper qualified name (too many dotted names): " + dotted);
  }
  name.name = std::move(parts.back());
  if (parts.size() >= 2) name.schema = std::move(parts[parts.size() - 2]);
  if (parts.size() == 3) name.catalog = std::move(parts[0]);
  return name;
}

std::vector<ast::Identifier> Parser::ParseColumnList() {
  std::vector<ast::Identifier> columns;
  ExpectOp("(");
  do {
    ast::Identifier column;
    column.position = Peek().position;
    column.name = ParseColId();
    columns.push_back(std::move(column));
  } while (AcceptOp(","));
  ExpectOp(")");
  return columns;
}

// --- statements --------------------------------------------------------------

ast::StatementPtr Parser::SelectIntoAsCreateTable(std::unique_ptr<ast::SelectStmt> select) {
  ast::SelectStmt* leftmost = select.get();
  while (leftmost->set_operation != ast::SetOperation::kNone && leftmost->left != nullptr) {
    leftmost = leftmost->left.get();
  }
  if (!leftmost->into.has_value()) return select;
  auto stmt = std::make_unique<ast::CreateTableAsStmt>();
  stmt->position = select->position;
  stmt->name = std::move(leftmost->into->name);
  stmt->temporary = leftmost->into->temporary;
  leftmost->into.reset();
  stmt->query = std::move(select);
  return stmt;
}

namespace {

// A statement parsed after its WITH clause, which it takes over.
template <class Statement>
ast::StatementPtr TakeWithClause(ast::StatementPtr statement,
                                 std::vector<ast::CommonTableExpr> with, bool recursive) {
  auto& target = statement->As<Statement>();
  target.with = std::move(with);
  target.with_recursive = recursive;
  return statement;
}

}  // namespace

ast::StatementPtr Parser::ParseWithStatement() {
  bool recursive = false;
  std::vector<ast::CommonTableExpr> with = ParseWithClause(&recursive);
  if (PeekWord("insert")) {
    return TakeWithClause<ast::InsertStmt>(ParseInsert(), std::move(with), recursive);
  }
  if (PeekWord("update")) {
    return TakeWithClause<ast::UpdateStmt>(ParseUpdate(), std::move(with), recursive);
  }
  if (PeekWord("delete")) {
    return TakeWithClause<ast::DeleteStmt>(ParseDelete(), std::move(with), recursive);
  }
  if (PeekWord("merge")) {
    return TakeWithClause<ast::MergeStmt>(ParseMerge(), std::move(with), recursive);
  }
  return SelectIntoAsCreateTable(ParseSelectAfterWith(std::move(with), recursive));
}

ast::StatementPtr Parser::ParseStatement() {
  CheckStackDepth();  // EXPLAIN EXPLAIN ...
  const Token& t = Peek();
  if (t.IsWord("with")) return ParseWithStatement();
  if (t.IsOp("(") || PeekSelectStart(0)) return SelectIntoAsCreateTable(ParseSelect());
  if (t.type != TokenType::kIdentifier) SyntaxError(t);
  const std::string& word = t.text;
  if (word == "insert") return ParseInsert();
  if (word == "update") return ParseUpdate();
  if (word == "delete") return ParseDelete();
  if (word == "merge") return ParseMerge();
  if (word == "create") return ParseCreate();
  if (word == "drop") {
    if (PeekWord("role", 1) || PeekWord("user", 1) || PeekWord("group", 1)) return ParseDropRole();
    return ParseDrop();
  }
  if (word == "alter" && (PeekWord("role", 1) || PeekWord("user", 1) || PeekWord("group", 1))) {
    return ParseAlterRole();
  }
  if (word == "truncate") return ParseTruncate();
  if (word == "refresh") return ParseRefresh();
  if (word == "lock") return ParseLock();
  if (word == "copy") return ParseCopy();
  if (word == "alter" &&
      (PeekWord("view", 1) || PeekWord("materialized", 1) || PeekWord("index", 1))) {
    const Token& alter = Advance();
    return ParseAlterView(alter);
  }
  if (word == "alter" && PeekWord("schema", 1)) return ParseAlterSchema();
  if (word == "alter" && PeekWord("type", 1)) return ParseAlterType();
  if (word == "alter" && PeekWord("domain", 1)) return ParseAlterDomain();
  if (word == "alter" && PeekWord("database", 1)) return ParseAlterDatabase();
  if (word == "alter" && PeekWord("sequence", 1)) {
    const Token& alter = Advance();
    return ParseAlterSequence(alter);
  }
  if (word == "alter") return ParseAlterTable();
  if (word == "comment") return ParseComment();
  if (word == "vacuum" || word == "analyze" || word == "analyse") return ParseVacuum();
  if (word == "reindex") return ParseReindex();
  if (word == "close" || word == "discard" || word == "unlisten") return ParseSessionCleanup();
  if (word == "begin" || word == "start" || word == "commit" || word == "end" ||
      word == "rollback" || word == "abort" || word == "savepoint" || word == "release") {
    return ParseTransaction();
  }
  if (word == "prepare") return ParsePrepare();
  if (word == "execute") return ParseExecute();
  if (word == "deallocate") return ParseDeallocate();
  if (word == "declare") return ParseDeclareCursor();
  if (word == "fetch" || word == "move") return ParseFetch();
  if (word == "set") return ParseSet();
  if (word == "reset") return ParseReset();
  if (word == "show") return ParseShow();
  if (word == "explain") return ParseExplain();
  if (word == "checkpoint") {
    Advance();
    return std::make_unique<ast::CheckpointStmt>();
  }
  SyntaxError(t);
}

}  // namespace basalt::sql
