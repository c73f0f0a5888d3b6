// INSERT, UPDATE, DELETE.
#include "sql/parser/parser_impl.h"

namespace basalt::sql {

std::vector<ast::ResultTarget> Parser::ParseOptionalReturning() {
  if (!AcceptWord("returning")) return {};
  return ParseTargetList();
}

// `[AS] alias` after the target table of UPDATE/DELETE. In UPDATE a bare SET
// is the SET clause, not an alias (gram.y gives SET precedence for this).
std::string Parser::ParseOptionalRelationAlias(bool allow_set) {
  if (AcceptWord("as")) return ParseColId();
  if (PeekColId() && (allow_set || !PeekWord("set"))) return Advance().text;
  return "";
}

ast::StatementPtr Parser::ParseInsert() {
  auto stmt = std::make_unique<ast::InsertStmt>();
  ExpectWord("insert");
  ExpectWord("into");
  stmt->table = ParseQualifiedName();
  if (AcceptWord("as")) stmt->alias = ParseColId();
  if (PeekOp("(") && !PeekSelectStart(1) && !PeekOp("(", 1)) stmt->columns = ParseColumnList();
  if (AcceptWord("overriding")) {
    stmt->overriding = AcceptWord("system") ? 's' : (ExpectWord("user"), 'u');
    ExpectWord("value");
  }
  if (PeekWord("default") && PeekWord("values", 1)) {
    Advance();
    Advance();
    stmt->default_values = true;
  } else {
    auto select = ParseSelect();
    bool plain_values = select->set_operation == ast::SetOperation::kNone &&
                        !select->values.empty() && select->order_by.empty() && !select->limit &&
                        !select->offset;
    if (plain_values) {
      stmt->values = std::move(select->values);
    } else {
      stmt->select = std::move(select);
    }
  }
  if (PeekWord("on") && PeekWord("conflict", 1)) stmt->on_conflict = ParseOnConflict();
  stmt->returning = ParseOptionalReturning();
  return stmt;
}

std::unique_ptr<ast::OnConflictClause> Parser::ParseOnConflict() {
  auto clause = std::make_unique<ast::OnConflictClause>();
  clause->position = Peek().position;
  pos_ += 2;  // ON CONFLICT
  if (PeekOp("(")) {
    // PostgreSQL reports an inference column at the list's parenthesis.
    const int list_position = Advance().position;
    do {
      ast::Identifier column;
      column.position = list_position;
      column.name = ParseColId();
      clause->columns.push_back(std::move(column));
    } while (AcceptOp(","));
    ExpectOp(")");
    if (AcceptWord("where")) clause->index_where = ParseExpr();
  } else if (PeekWord("on") && PeekWord("constraint", 1)) {
    pos_ += 2;
    clause->constraint = ParseColId();
  }
  ExpectWord("do");
  if (AcceptWord("nothing")) return clause;
  ExpectWord("update");
  clause->do_update = true;
  ExpectWord("set");
  clause->set = ParseSetClauses();
  if (AcceptWord("where")) clause->where = ParseExpr();
  return clause;
}

std::vector<ast::SetClause> Parser::ParseSetClauses() {
  std::vector<ast::SetClause> clauses;
  do {
    ast::SetClause clause;
    clause.position = Peek().position;
    clause.column.position = Peek().position;
    clause.column.name = ParseColId();
    while (AcceptOp(".")) clause.fields.push_back(ParseColLabel());
    ExpectOp("=");
    clause.value = ParseExpr();
    clauses.push_back(std::move(clause));
  } while (AcceptOp(","));
  return clauses;
}

ast::StatementPtr Parser::ParseUpdate() {
  auto stmt = std::make_unique<ast::UpdateStmt>();
  ExpectWord("update");
  AcceptWord("only");
  stmt->table = ParseQualifiedName();
  stmt->alias = ParseOptionalRelationAlias(/*allow_set=*/false);
  ExpectWord("set");
  stmt->set = ParseSetClauses();
  if (AcceptWord("from")) stmt->from = ParseFromList();
  if (AcceptWord("where")) stmt->where = ParseExpr();
  stmt->returning = ParseOptionalReturning();
  return stmt;
}

ast::StatementPtr Parser::ParseDelete() {
  auto stmt = std::make_unique<ast::DeleteStmt>();
  ExpectWord("delete");
  ExpectWord("from");
  AcceptWord("only");
  stmt->table = ParseQualifiedName();
  stmt->alias = ParseOptionalRelationAlias(/*allow_set=*/true);
  if (AcceptWord("using")) stmt->using_tables = ParseFromList();
  if (AcceptWord("where")) stmt->where = ParseExpr();
  stmt->returning = ParseOptionalReturning();
  return stmt;
}

}  // namespace basalt::sql
