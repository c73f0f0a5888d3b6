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
  if (PeekWord("on") && PeekWord("conflict", 1)) {
    throw Error(sqlstate::kFeatureNotSupported, "ON CONFLICT is not supported")
        .WithPosition(Peek().position);
  }
  stmt->returning = ParseOptionalReturning();
  return stmt;
}

ast::StatementPtr Parser::ParseUpdate() {
  auto stmt = std::make_unique<ast::UpdateStmt>();
  ExpectWord("update");
  AcceptWord("only");
  stmt->table = ParseQualifiedName();
  stmt->alias = ParseOptionalRelationAlias(/*allow_set=*/false);
  ExpectWord("set");
  do {
    ast::SetClause clause;
    clause.position = Peek().position;
    clause.column.position = Peek().position;
    clause.column.name = ParseColId();
    while (AcceptOp(".")) clause.fields.push_back(ParseColLabel());
    ExpectOp("=");
    clause.value = ParseExpr();
    stmt->set.push_back(std::move(clause));
  } while (AcceptOp(","));
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
