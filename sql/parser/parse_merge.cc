// MERGE INTO target [[AS] alias] USING source ON condition
// WHEN [NOT] MATCHED [AND condition] THEN action ... (PostgreSQL 15: no
// RETURNING, so a RETURNING after the clauses is a syntax error there).
#include "sql/parser/parser_impl.h"

namespace basalt::sql {

ast::StatementPtr Parser::ParseMerge() {
  auto stmt = std::make_unique<ast::MergeStmt>();
  ExpectWord("merge");
  ExpectWord("into");
  AcceptWord("only");
  stmt->table = ParseQualifiedName();
  stmt->alias = ParseOptionalRelationAlias(/*allow_set=*/true);
  ExpectWord("using");
  stmt->source.push_back(ParseTableRef());
  ExpectWord("on");
  stmt->on = ParseExpr();
  // At least one WHEN clause: without one, the grammar stops at what follows.
  do {
    stmt->when.push_back(ParseMergeWhenClause());
  } while (PeekWord("when"));
  return stmt;
}

ast::MergeWhenClause Parser::ParseMergeWhenClause() {
  ast::MergeWhenClause clause;
  clause.position = Peek().position;
  ExpectWord("when");
  clause.matched = !AcceptWord("not");
  ExpectWord("matched");
  if (AcceptWord("and")) clause.condition = ParseExpr();
  ExpectWord("then");
  if (PeekWord("do")) {
    Advance();
    ExpectWord("nothing");
    clause.action = ast::MergeWhenClause::Action::kDoNothing;
  } else if (clause.matched && AcceptWord("update")) {
    clause.action = ast::MergeWhenClause::Action::kUpdate;
    ExpectWord("set");
    clause.set = ParseSetClauses();
  } else if (clause.matched && AcceptWord("delete")) {
    clause.action = ast::MergeWhenClause::Action::kDelete;
  } else if (!clause.matched && PeekWord("insert")) {
    Advance();
    clause.action = ast::MergeWhenClause::Action::kInsert;
    ParseMergeInsert(clause);
  } else {
    SyntaxErrorHere();
  }
  return clause;
}

// INSERT [(columns)] [OVERRIDING {SYSTEM | USER} VALUE] VALUES (exprs) |
// INSERT DEFAULT VALUES: one row, unlike INSERT's VALUES lists.
void Parser::ParseMergeInsert(ast::MergeWhenClause& clause) {
  if (PeekWord("default")) {
    Advance();
    ExpectWord("values");
    clause.default_values = true;
    return;
  }
  if (PeekOp("(")) clause.columns = ParseColumnList();
  if (AcceptWord("overriding")) {
    clause.overriding = AcceptWord("system") ? 's' : (ExpectWord("user"), 'u');
    ExpectWord("value");
  }
  ExpectWord("values");
  ExpectOp("(");
  do {
    clause.values.push_back(ParseExpr());
  } while (AcceptOp(","));
  ExpectOp(")");
}

}  // namespace basalt::sql
