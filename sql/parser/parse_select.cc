// SELECT: set operations, simple SELECT, VALUES, FROM items and joins,
// ORDER BY / LIMIT / OFFSET / FETCH.
#include "common/stack_depth.h"
#include "sql/parser/parser_impl.h"

namespace basalt::sql {
namespace {

// Words that end an (empty) SELECT target list.
bool EndsTargetList(const Token& t) {
  if (t.type == TokenType::kEnd || t.IsOp(";") || t.IsOp(")")) return true;
  if (t.type != TokenType::kIdentifier) return false;
  static constexpr std::string_view kWords[] = {
      "from",  "where",     "group",  "having", "order", "limit", "offset",
      "union", "intersect", "except", "window", "fetch", "for",   "into",
  };
  for (std::string_view w : kWords) {
    if (t.text == w) return true;
  }
  return false;
}

}  // namespace

bool Parser::PeekSelectStart(size_t ahead) const {
  return PeekWord("select", ahead) || PeekWord("values", ahead) || PeekWord("with", ahead) ||
         PeekWord("table", ahead);
}

std::vector<ast::CommonTableExpr> Parser::ParseWithClause(bool* recursive) {
  std::vector<ast::CommonTableExpr> with;
  if (AcceptWord("with")) {
    *recursive = AcceptWord("recursive");
    do {
      with.push_back(ParseCommonTableExpr());
    } while (AcceptOp(","));
  }
  return with;
}

std::unique_ptr<ast::SelectStmt> Parser::ParseSelect() {
  CheckStackDepth();
  bool recursive = false;
  std::vector<ast::CommonTableExpr> with = ParseWithClause(&recursive);
  return ParseSelectAfterWith(std::move(with), recursive);
}

std::unique_ptr<ast::SelectStmt> Parser::ParseSelectAfterWith(
    std::vector<ast::CommonTableExpr> with, bool recursive) {
  auto select = ParseSelectSetOperation(0);
  ParseSelectTail(*select);
  if (!with.empty()) {
    if (!select->with.empty()) {
      // ((WITH a AS ...) SELECT ...) nested under another WITH: as PostgreSQL.
      SyntaxErrorHere();
    }
    select->with = std::move(with);
    select->with_recursive = recursive;
  }
  return select;
}

ast::CommonTableExpr Parser::ParseCommonTableExpr() {
  ast::CommonTableExpr cte;
  cte.position = Peek().position;
  cte.name = ParseColId();
  if (PeekOp("(")) {
    for (ast::Identifier& column : ParseColumnList()) cte.columns.push_back(column.name);
  }
  ExpectWord("as");
  if (AcceptWord("materialized")) {
    cte.materialized = ast::CommonTableExpr::Materialized::kYes;
  } else if (PeekWord("not") && PeekWord("materialized", 1)) {
    Advance();
    Advance();
    cte.materialized = ast::CommonTableExpr::Materialized::kNo;
  }
  cte.query = ParseParenthesizedSelect();
  return cte;
}

// UNION and EXCEPT bind looser than INTERSECT; all are left-associative.
std::unique_ptr<ast::SelectStmt> Parser::ParseSelectSetOperation(int min_precedence) {
  auto left = ParseSelectTerm();
  while (true) {
    int precedence = PeekWord("union") || PeekWord("except") ? 1 : PeekWord("intersect") ? 2 : 0;
    if (precedence == 0 || precedence < min_precedence) break;
    const Token& op = Advance();
    auto node = std::make_unique<ast::SelectStmt>();
    node->position = left->position;
    node->set_operation = op.IsWord("union")       ? ast::SetOperation::kUnion
                          : op.IsWord("intersect") ? ast::SetOperation::kIntersect
                                                   : ast::SetOperation::kExcept;
    if (AcceptWord("all")) {
      node->set_all = true;
    } else {
      AcceptWord("distinct");
    }
    node->left = std::move(left);
    node->right = ParseSelectSetOperation(precedence + 1);
    left = std::move(node);
  }
  return left;
}

std::unique_ptr<ast::SelectStmt> Parser::ParseSelectTerm() {
  if (PeekOp("(")) {
    int position = Peek().position;
    auto select = ParseParenthesizedSelect();
    select->position = position;
    return select;
  }
  if (PeekWord("select")) return ParseSimpleSelect();
  if (PeekWord("values")) return ParseValues();
  if (PeekWord("table")) return ParseTableCommand();
  SyntaxErrorHere();
}

// `TABLE [ONLY] name [*]`: SELECT * FROM name, as gram.y rewrites it.
std::unique_ptr<ast::SelectStmt> Parser::ParseTableCommand() {
  auto select = std::make_unique<ast::SelectStmt>();
  select->position = ExpectWord("table").position;
  AcceptWord("only");
  auto star = std::make_unique<ast::Star>();
  star->position = Peek().position;
  ast::ResultTarget& target = select->targets.emplace_back();
  target.position = star->position;
  target.expr = std::move(star);
  auto ref = std::make_unique<ast::BaseTableRef>();
  ref->position = Peek().position;
  ref->name = ParseQualifiedName();
  AcceptOp("*");
  select->from.push_back(std::move(ref));
  return select;
}

std::unique_ptr<ast::SelectStmt> Parser::ParseSimpleSelect() {
  auto select = std::make_unique<ast::SelectStmt>();
  select->position = ExpectWord("select").position;
  if (AcceptWord("distinct")) {
    select->distinct = true;
    if (AcceptWord("on")) {
      ExpectOp("(");
      select->distinct_on = ParseExprList();
      ExpectOp(")");
    }
  } else {
    AcceptWord("all");
  }
  if (!EndsTargetList(Peek())) select->targets = ParseTargetList();
  if (PeekWord("into")) {
    // gram.y's into_clause: INTO OptTempTableName.
    ast::SelectStmt::Into& into = select->into.emplace();
    Advance();
    if (AcceptWord("global") || AcceptWord("local")) {
      if (!AcceptWord("temporary")) ExpectWord("temp");
      into.temporary = true;
    } else if (AcceptWord("temporary") || AcceptWord("temp")) {
      into.temporary = true;
    } else {
      AcceptWord("unlogged");  // kept like any table: Basalt logs everything
    }
    AcceptWord("table");
    into.position = Peek().position;  // PostgreSQL points at the name
    into.name = ParseQualifiedName();
  }
  if (AcceptWord("from")) select->from = ParseFromList();
  if (AcceptWord("where")) select->where = ParseExpr();
  if (AcceptWord("group")) {
    ExpectWord("by");
    ParseGroupBy(*select);
  }
  if (AcceptWord("having")) select->having = ParseExpr();
  if (PeekWord("window")) ParseWindowClause(*select);
  return select;
}

void Parser::ParseGroupBy(ast::SelectStmt& select) {
  std::vector<ast::GroupingElement> items;
  bool sets = false;
  do {
    items.push_back(ParseGroupingElement(/*in_sets=*/false));
    sets = sets || items.back().kind != ast::GroupingElement::Kind::kExpr;
  } while (AcceptOp(","));
  if (sets) {
    select.grouping_sets = std::move(items);
    return;
  }
  for (ast::GroupingElement& item : items) select.group_by.push_back(std::move(item.expr));
}

ast::GroupingElement Parser::ParseGroupingElement(bool in_sets) {
  using Kind = ast::GroupingElement::Kind;
  ast::GroupingElement element;
  const Token& t = Peek();
  element.position = t.position;
  if (PeekOp("(") && PeekOp(")", 1)) {  // (): the empty grouping set
    Advance();
    Advance();
    element.kind = Kind::kList;
    return element;
  }
  const bool rollup = t.IsWord("rollup") && PeekOp("(", 1);
  const bool cube = t.IsWord("cube") && PeekOp("(", 1);
  const bool grouping_sets = t.IsWord("grouping") && PeekWord("sets", 1);
  if (rollup || cube || grouping_sets) {
    Advance();
    if (grouping_sets) Advance();
    element.kind = rollup ? Kind::kRollup : cube ? Kind::kCube : Kind::kSets;
    ExpectOp("(");
    do {
      // ROLLUP and CUBE take expressions and parenthesized lists only.
      if (grouping_sets) {
        element.items.push_back(ParseGroupingElement(/*in_sets=*/true));
      } else {
        element.items.push_back(ListOrExpr(ParseExpr(), Peek().position));
      }
    } while (AcceptOp(","));
    ExpectOp(")");
    return element;
  }
  const int position = t.position;
  ast::ExprPtr expr = ParseExpr();
  if (in_sets) return ListOrExpr(std::move(expr), position);
  element.expr = std::move(expr);
  return element;
}

// Inside ROLLUP, CUBE and GROUPING SETS, `(a, b)` is a list of keys, not a
// row value.
ast::GroupingElement Parser::ListOrExpr(ast::ExprPtr expr, int position) {
  ast::GroupingElement element;
  element.position = expr->position > 0 ? expr->position : position;
  if (expr->kind() == ast::ExprKind::kRow && !expr->As<ast::RowConstructor>().explicit_row) {
    element.kind = ast::GroupingElement::Kind::kList;
    for (ast::ExprPtr& field : expr->As<ast::RowConstructor>().fields) {
      ast::GroupingElement item;
      item.position = field->position;
      item.expr = std::move(field);
      element.items.push_back(std::move(item));
    }
    return element;
  }
  element.expr = std::move(expr);
  return element;
}

std::unique_ptr<ast::SelectStmt> Parser::ParseValues() {
  auto select = std::make_unique<ast::SelectStmt>();
  select->position = ExpectWord("values").position;
  do {
    ExpectOp("(");
    select->values.push_back(ParseExprList());
    ExpectOp(")");
  } while (AcceptOp(","));
  return select;
}

void Parser::ParseSelectTail(ast::SelectStmt& select) {
  if (PeekWord("order")) {
    Advance();
    ExpectWord("by");
    const Token& first = Peek();
    bool had_order = !select.order_by.empty();
    select.order_by = ParseOrderBy();
    if (had_order) ErrorAt(first, "multiple ORDER BY clauses not allowed");
  }
  // LIMIT and OFFSET in either order, at most once each; FETCH FIRST is LIMIT.
  bool seen_limit = false;
  bool seen_offset = false;
  while (true) {
    if ((PeekWord("limit") || PeekWord("fetch")) && !seen_limit) {
      const Token& limit = Advance();
      seen_limit = true;
      bool had_limit = select.limit != nullptr;
      const Token& first = Peek();
      if (limit.IsWord("limit")) {
        if (!AcceptWord("all")) select.limit = ParseExpr();
        if (PeekOp(",")) {
          throw Error(sqlstate::kSyntaxError, "LIMIT #,# syntax is not supported")
              .WithHint("Use separate LIMIT and OFFSET clauses.")
              .WithPosition(limit.position);
        }
      } else {  // FETCH {FIRST|NEXT} [n] {ROW|ROWS} ONLY
        if (!AcceptWord("first")) ExpectWord("next");
        if (PeekWord("row") || PeekWord("rows")) {
          select.limit = MakeIntegerConstant(1, limit.position);
        } else if ((PeekOp("+") || PeekOp("-")) &&
                   (Peek(1).type == TokenType::kInteger || Peek(1).type == TokenType::kDecimal)) {
          select.limit = ParsePrefix();  // gram.y: a signed number
        } else {
          select.limit = ParsePrimary();  // gram.y's c_expr: no operators, no ::
        }
        if (!AcceptWord("row")) ExpectWord("rows");
        if (AcceptWord("with")) {
          ExpectWord("ties");
          select.limit_with_ties = true;
        } else {
          ExpectWord("only");
        }
      }
      if (had_limit) ErrorAt(first, "multiple LIMIT clauses not allowed");
    } else if (PeekWord("for") && (PeekWord("update", 1) || PeekWord("no", 1) ||
                                   PeekWord("share", 1) || PeekWord("key", 1))) {
      select.locking.push_back(ParseLockingClause());
    } else if (PeekWord("offset") && !seen_offset) {
      const Token& offset = Advance();
      seen_offset = true;
      (void)offset;
      bool had_offset = select.offset != nullptr;
      const Token& first = Peek();
      select.offset = ParseExpr();
      if (had_offset) ErrorAt(first, "multiple OFFSET clauses not allowed");
      if (!AcceptWord("row")) AcceptWord("rows");
    } else {
      break;
    }
  }
  if (select.limit_with_ties) {
    // Without a position, as gram.y's insertSelectOptions.
    if (select.order_by.empty()) {
      throw Error(sqlstate::kSyntaxError, "WITH TIES cannot be specified without ORDER BY clause");
    }
    for (const ast::LockingClause& clause : select.locking) {
      if (clause.wait == ast::LockingClause::WaitPolicy::kSkipLocked) {
        throw Error(sqlstate::kSyntaxError,
                    "SKIP LOCKED and WITH TIES options cannot be used together");
      }
    }
  }
}

ast::LockingClause Parser::ParseLockingClause() {
  using Strength = ast::LockingClause::Strength;
  ast::LockingClause clause;
  clause.position = ExpectWord("for").position;
  if (AcceptWord("update")) {
    clause.strength = Strength::kUpdate;
  } else if (AcceptWord("share")) {
    clause.strength = Strength::kShare;
  } else if (AcceptWord("no")) {
    ExpectWord("key");
    ExpectWord("update");
    clause.strength = Strength::kNoKeyUpdate;
  } else {
    ExpectWord("key");
    ExpectWord("share");
    clause.strength = Strength::kKeyShare;
  }
  if (AcceptWord("of")) {
    do {
      clause.tables.push_back(ParseQualifiedName());
    } while (AcceptOp(","));
  }
  if (AcceptWord("nowait")) {
    clause.wait = ast::LockingClause::WaitPolicy::kNoWait;
  } else if (AcceptWord("skip")) {
    ExpectWord("locked");
    clause.wait = ast::LockingClause::WaitPolicy::kSkipLocked;
  }
  return clause;
}

std::vector<ast::OrderByItem> Parser::ParseOrderBy() {
  std::vector<ast::OrderByItem> items;
  do {
    ast::OrderByItem item;
    item.position = Peek().position;
    item.expr = ParseExpr();
    if (AcceptWord("asc")) {
      item.direction = ast::OrderByItem::Direction::kAsc;
    } else if (AcceptWord("desc")) {
      item.direction = ast::OrderByItem::Direction::kDesc;
    }
    if (PeekWord("nulls") && (PeekWord("first", 1) || PeekWord("last", 1))) {
      Advance();
      item.nulls = Advance().IsWord("first") ? ast::OrderByItem::Nulls::kFirst
                                             : ast::OrderByItem::Nulls::kLast;
    }
    items.push_back(std::move(item));
  } while (AcceptOp(","));
  return items;
}

std::vector<ast::ResultTarget> Parser::ParseTargetList() {
  std::vector<ast::ResultTarget> targets;
  do {
    targets.push_back(ParseTarget());
  } while (AcceptOp(","));
  return targets;
}

ast::ResultTarget Parser::ParseTarget() {
  ast::ResultTarget target;
  const Token& start = Peek();
  target.position = start.position;
  if (start.IsOp("*")) {
    Advance();
    auto star = std::make_unique<ast::Star>();
    star->position = start.position;
    target.expr = std::move(star);
  } else {
    target.expr = ParseExpr();
  }
  const Token& next = Peek();
  if (AcceptWord("as")) {
    target.alias = ParseColLabel();
  } else if (next.type == TokenType::kQuotedIdentifier ||
             (next.type == TokenType::kIdentifier && IsBareLabel(next.text))) {
    target.alias = Advance().text;
  }
  return target;
}

std::vector<ast::TableRefPtr> Parser::ParseFromList() {
  std::vector<ast::TableRefPtr> from;
  do {
    from.push_back(ParseTableRef());
  } while (AcceptOp(","));
  return from;
}

bool Parser::PeekJoin() const {
  const Token& t = Peek();
  return t.IsWord("join") || t.IsWord("cross") || t.IsWord("natural") || t.IsWord("inner") ||
         t.IsWord("left") || t.IsWord("right") || t.IsWord("full");
}

ast::TableRefPtr Parser::ParseTableRef() {
  ast::TableRefPtr ref = ParsePrimaryTableRef();
  while (PeekJoin()) ref = ParseJoin(std::move(ref));
  return ref;
}

// One join onto `left`. A qualified join's right side may itself be a join
// waiting for its own ON (`a JOIN b JOIN c ON x ON y`); CROSS and NATURAL
// joins are left-associative.
ast::TableRefPtr Parser::ParseJoin(ast::TableRefPtr left) {
  CheckStackDepth();
  auto join = std::make_unique<ast::JoinRef>();
  join->position = Peek().position;
  join->left = std::move(left);
  if (AcceptWord("cross")) {
    ExpectWord("join");
    join->type = ast::JoinType::kCross;
    join->right = ParsePrimaryTableRef();
    return join;
  }
  join->natural = AcceptWord("natural");
  if (AcceptWord("left")) {
    join->type = ast::JoinType::kLeft;
    AcceptWord("outer");
  } else if (AcceptWord("right")) {
    join->type = ast::JoinType::kRight;
    AcceptWord("outer");
  } else if (AcceptWord("full")) {
    join->type = ast::JoinType::kFull;
    AcceptWord("outer");
  } else {
    AcceptWord("inner");
  }
  ExpectWord("join");
  join->right = ParsePrimaryTableRef();
  if (join->natural) return join;
  while (PeekJoin()) join->right = ParseJoin(std::move(join->right));
  if (AcceptWord("on")) {
    join->on = ParseExpr();
  } else if (PeekWord("using")) {
    Advance();
    join->using_columns = ParseColumnList();
  } else {
    SyntaxErrorHere();
  }
  return join;
}

ast::TableRefPtr Parser::ParsePrimaryTableRef() {
  CheckStackDepth();
  bool lateral = AcceptWord("lateral");
  const Token& start = Peek();
  if (start.IsOp("(")) {
    if (SelectAfterParens(pos_ + 1)) {
      auto ref = std::make_unique<ast::SubqueryRef>();
      ref->position = start.position;
      ref->lateral = lateral;
      ref->select = ParseParenthesizedSelect();
      ref->alias = ParseOptionalAlias();
      if (ref->alias.name.empty()) {
        ErrorAt(start, "subquery in FROM must have an alias",
                "For example, FROM (SELECT ...) [AS] foo.");
      }
      return ref;
    }
    Advance();
    ast::TableRefPtr inner = ParseTableRef();
    ExpectOp(")");
    ast::Alias alias = ParseOptionalAlias();
    if (!alias.name.empty()) {
      if (inner->kind() != ast::TableRefKind::kJoin) SyntaxError(start);
      inner->As<ast::JoinRef>().alias = std::move(alias);
    }
    return inner;
  }

  // Table function: [schema.]f(args)
  size_t ahead = 1;
  while (PeekOp(".", ahead) && PeekColLabel(ahead + 1)) ahead += 2;
  if (PeekColLabel() && PeekOp("(", ahead)) {
    ast::ExprPtr call = ParseWordExpression();
    if (call->kind() != ast::ExprKind::kFunctionCall) SyntaxError(start);
    auto ref = std::make_unique<ast::FunctionRef>();
    ref->position = start.position;
    ref->lateral = lateral;
    ref->call.reset(&call.release()->As<ast::FunctionCall>());
    if (PeekWord("with") && PeekWord("ordinality", 1)) {
      Advance();
      Advance();
      ref->with_ordinality = true;
    }
    ref->alias = ParseFunctionAlias();
    return ref;
  }

  if (lateral) SyntaxError(start);
  AcceptWord("only");
  auto ref = std::make_unique<ast::BaseTableRef>();
  ref->position = Peek().position;
  ref->name = ParseQualifiedName();
  AcceptOp("*");  // inheritance marker: no inheritance here
  ref->alias = ParseOptionalAlias();
  return ref;
}

ast::Alias Parser::ParseOptionalAlias() {
  ast::Alias alias;
  alias.position = Peek().position;
  if (AcceptWord("as")) {
    alias.name = ParseColId();
  } else if (PeekColId()) {
    alias.name = Advance().text;
  } else {
    return alias;
  }
  if (PeekOp("(")) {
    for (ast::Identifier& column : ParseColumnList()) alias.columns.push_back(column.name);
  }
  return alias;
}

// gram.y's func_alias_clause: an alias_clause, or a column definition list
// with or without a name before it (`AS (a int)` needs the AS).
ast::Alias Parser::ParseFunctionAlias() {
  const bool as = PeekWord("as");
  const bool definitions_only = as && PeekOp("(", 1);
  // `name (col` followed by a type: definitions, not a list of names.
  const size_t name_at = as ? 1 : 0;
  const bool named_definitions = !definitions_only && PeekColId(name_at) &&
                                 PeekOp("(", name_at + 1) && PeekColId(name_at + 2) &&
                                 !PeekOp(",", name_at + 3) && !PeekOp(")", name_at + 3);
  if (!definitions_only && !named_definitions) return ParseOptionalAlias();
  ast::Alias alias;
  alias.position = Peek().position;
  if (as) Advance();
  if (named_definitions) alias.name = ParseColId();
  ExpectOp("(");
  alias.definitions_position = Peek().position;
  do {
    alias.columns.push_back(ParseColId());
    alias.column_types.push_back(ParseTypeName());
    if (PeekWord("collate")) ParseCollation(Advance().position);
  } while (AcceptOp(","));
  ExpectOp(")");
  return alias;
}

}  // namespace basalt::sql
