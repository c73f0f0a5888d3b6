// Named statements and cursors: PREPARE / EXECUTE / DEALLOCATE and
// DECLARE / FETCH / MOVE. (CLOSE is with DISCARD in parse_utility.cc.)
#include <charconv>
#include <limits>

#include "sql/parser/parser_impl.h"

namespace basalt::sql {

bool Parser::PeekStatementEnd(size_t ahead) const {
  return Peek(ahead).type == TokenType::kEnd || PeekOp(";", ahead);
}

ast::StatementPtr Parser::ParsePrepare() {
  auto stmt = std::make_unique<ast::PrepareStmt>();
  ExpectWord("prepare");
  stmt->name = ParseColId();
  if (AcceptOp("(")) {
    do {
      stmt->parameter_types.push_back(ParseTypeName());
    } while (AcceptOp(","));
    ExpectOp(")");
  }
  ExpectWord("as");
  // PostgreSQL's PreparableStmt: a query or a DML statement, nothing else.
  const Token& first = Peek();
  if (first.IsOp("(") || PeekSelectStart(0) || first.IsWord("insert") || first.IsWord("update") ||
      first.IsWord("delete") || first.IsWord("merge")) {
    stmt->statement = ParseStatement();
  } else {
    SyntaxError(first);
  }
  stmt->statement->position = first.position;
  return stmt;
}

ast::StatementPtr Parser::ParseExecute() {
  auto stmt = std::make_unique<ast::ExecuteStmt>();
  ExpectWord("execute");
  stmt->name = ParseColId();
  if (AcceptOp("(")) {
    stmt->parameters = ParseExprList();
    ExpectOp(")");
  }
  return stmt;
}

ast::StatementPtr Parser::ParseDeallocate() {
  auto stmt = std::make_unique<ast::DeallocateStmt>();
  ExpectWord("deallocate");
  // `DEALLOCATE prepare` deallocates a statement named "prepare".
  if (PeekWord("prepare") && !PeekStatementEnd(1)) Advance();
  if (!AcceptWord("all")) stmt->name = ParseColId();
  return stmt;
}

ast::StatementPtr Parser::ParseDeclareCursor() {
  auto stmt = std::make_unique<ast::DeclareCursorStmt>();
  ExpectWord("declare");
  stmt->name = ParseColId();
  while (true) {
    if (AcceptWord("binary")) {
      stmt->binary = true;
    } else if (AcceptWord("asensitive")) {
      stmt->asensitive = true;
    } else if (AcceptWord("insensitive")) {
      stmt->insensitive = true;
    } else if (AcceptWord("scroll")) {
      stmt->scroll = true;
    } else if (AcceptWord("no")) {
      ExpectWord("scroll");
      stmt->no_scroll = true;
    } else {
      break;
    }
  }
  ExpectWord("cursor");
  if (AcceptWord("with")) {
    ExpectWord("hold");
    stmt->hold = true;
  } else if (AcceptWord("without")) {
    ExpectWord("hold");
  }
  ExpectWord("for");
  // gram.y's SelectStmt: anything else (INSERT, ...) fails at its first word.
  const Token& first = Peek();
  if (!first.IsOp("(") && !PeekSelectStart(0)) {
    SyntaxError(first);
  }
  stmt->query = ParseSelect();
  stmt->query->position = first.position;
  return stmt;
}

bool Parser::PeekSignedIconst() const {
  return Peek().type == TokenType::kInteger || PeekOp("+") || PeekOp("-");
}

bool Parser::AcceptSign() {
  if (AcceptOp("-")) return true;
  AcceptOp("+");
  return false;
}

int64_t Parser::ParseSignedIconst() {
  const bool negative = AcceptSign();
  // PostgreSQL's lexer makes an integer too big for int4 a numeric
  // constant, which the grammar does not take here (so -2147483648 fails).
  const Token& t = Peek();
  int64_t value = 0;
  if (t.type != TokenType::kInteger) SyntaxError(t);
  auto [end, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), value);
  if (ec != std::errc() || end != t.text.data() + t.text.size() ||
      value > std::numeric_limits<int32_t>::max()) {
    SyntaxError(t);
  }
  Advance();
  return negative ? -value : value;
}

namespace {

// A count moving forward (n, FORWARD n) or backward (BACKWARD n), normalized
// as FetchDirection documents.
ast::FetchDirection CountedMove(int64_t count, bool backward) {
  using Kind = ast::FetchDirection::Kind;
  if (count == 0) return {Kind::kRelative, 0, false};
  if (count < 0) {
    count = -count;
    backward = !backward;
  }
  return {backward ? Kind::kBackward : Kind::kForward, count, false};
}

}  // namespace

ast::StatementPtr Parser::ParseFetch() {
  using Kind = ast::FetchDirection::Kind;
  auto stmt = std::make_unique<ast::FetchStmt>();
  stmt->move = Advance().IsWord("move");
  ast::FetchDirection& d = stmt->direction;
  // The direction words are unreserved: one that ends the statement is the
  // cursor's name (`FETCH next` fetches from a cursor named "next").
  if (PeekColId() && PeekStatementEnd(1)) {
    stmt->cursor = ParseColId();
    return stmt;
  }
  if (AcceptWord("next")) {
    d = {Kind::kForward, 1, false};
  } else if (AcceptWord("prior")) {
    d = {Kind::kBackward, 1, false};
  } else if (AcceptWord("first")) {
    d = {Kind::kAbsolute, 1, false};
  } else if (AcceptWord("last")) {
    d = {Kind::kAbsolute, -1, false};
  } else if (AcceptWord("absolute")) {
    d = {Kind::kAbsolute, ParseSignedIconst(), false};
  } else if (AcceptWord("relative")) {
    d = {Kind::kRelative, ParseSignedIconst(), false};
  } else if (AcceptWord("all")) {
    d = {Kind::kForward, 0, true};
  } else if (PeekWord("forward") || PeekWord("backward")) {
    const bool backward = Advance().IsWord("backward");
    if (AcceptWord("all")) {
      d = {backward ? Kind::kBackward : Kind::kForward, 0, true};
    } else if (PeekSignedIconst()) {
      d = CountedMove(ParseSignedIconst(), backward);
    } else {
      d = {backward ? Kind::kBackward : Kind::kForward, 1, false};
    }
  } else if (PeekSignedIconst()) {
    d = CountedMove(ParseSignedIconst(), /*backward=*/false);
  }
  if (!AcceptWord("from")) AcceptWord("in");
  stmt->cursor = ParseColId();
  return stmt;
}

}  // namespace basalt::sql
