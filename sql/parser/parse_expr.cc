// Expressions: a precedence-climbing (Pratt) parser whose binding strengths
// are gram.y's precedence table. Postfix operators (IS NULL, ::) keep the
// loop going, so `a IS NULL = b` is `(a IS NULL) = b` as in PostgreSQL's LALR
// grammar; comparisons and LIKE/BETWEEN are non-associative.
#include <fmt/format.h>

#include <charconv>
#include <limits>

#include "common/stack_depth.h"
#include "sql/parser/parser_impl.h"

namespace basalt::sql {
namespace {

bool IsComparison(std::string_view op) {
  return op == "<" || op == ">" || op == "=" || op == "<=" || op == ">=" || op == "<>";
}

// Operator tokens that are punctuation, not operators.
bool IsPunctuation(std::string_view op) {
  return op == "(" || op == ")" || op == "," || op == ";" || op == "." || op == "[" || op == "]" ||
         op == ":" || op == "$" || op == ".." || op == ":=" || op == "{" || op == "}" || op == "\\";
}

template <typename T>
std::unique_ptr<T> MakeNode(int position) {
  auto node = std::make_unique<T>();
  node->position = position;
  return node;
}

ast::ExprPtr MakeCall(std::string name, ast::ExprList args, int position) {
  auto call = MakeNode<ast::FunctionCall>(position);
  call->name.push_back(std::move(name));
  call->args = std::move(args);
  return call;
}

ast::ExprPtr MakeStringConstant(std::string value, int position) {
  auto constant = MakeNode<ast::Constant>(position);
  constant->type = ast::Constant::Type::kString;
  constant->text = std::move(value);
  return constant;
}

// Negates a numeric constant in place, as gram.y's doNegate.
void NegateConstant(ast::Constant& constant) {
  if (!constant.text.empty() && constant.text[0] == '-') {
    constant.text.erase(0, 1);
  } else {
    constant.text.insert(0, "-");
  }
  if (constant.type == ast::Constant::Type::kInteger &&
      constant.int_value != std::numeric_limits<int64_t>::min()) {
    constant.int_value = -constant.int_value;
    return;
  }
  // -9223372036854775808 fits int64 only once negated, and its negation
  // no longer does.
  int64_t value = 0;
  const char* begin = constant.text.data();
  const char* end = begin + constant.text.size();
  auto [ptr, ec] = std::from_chars(begin, end, value);
  bool fits = ec == std::errc() && ptr == end;
  constant.type = fits ? ast::Constant::Type::kInteger : ast::Constant::Type::kDecimal;
  constant.int_value = fits ? value : 0;
}

bool IsNumericConstant(const ast::Expr& expr) {
  if (!expr.Is<ast::Constant>()) return false;
  auto type = expr.As<ast::Constant>().type;
  return type == ast::Constant::Type::kInteger || type == ast::Constant::Type::kDecimal;
}

}  // namespace

ast::ExprPtr MakeIntegerConstant(int64_t value, int position) {
  auto constant = MakeNode<ast::Constant>(position);
  constant->type = ast::Constant::Type::kInteger;
  constant->int_value = value;
  constant->text = std::to_string(value);
  return constant;
}

int Parser::PeekInfixPrecedence() const {
  const Token& t = Peek();
  if (t.type == TokenType::kIdentifier) {
    const std::string& w = t.text;
    if (w == "or") return kPrecOr;
    if (w == "and") return kPrecAnd;
    if (w == "isnull" || w == "notnull") return kPrecIs;
    if (w == "is") {
      // Otherwise `is` is a column alias: SELECT 1 is
      const Token& n = Peek(1);
      bool test = n.IsWord("not") || n.IsWord("null") || n.IsWord("true") || n.IsWord("false") ||
                  n.IsWord("unknown") || n.IsWord("distinct");
      return test ? kPrecIs : -1;
    }
    if (w == "like" || w == "ilike" || w == "between" || w == "in") return kPrecLike;
    // Not SIMILAR TO: substring(s SIMILAR p ESCAPE e).
    if (w == "similar") return PeekWord("to", 1) ? kPrecLike : -1;
    if (w == "not") {
      const Token& n = Peek(1);
      if (n.IsWord("like") || n.IsWord("ilike") || n.IsWord("similar") || n.IsWord("between") ||
          n.IsWord("in")) {
        return kPrecLike;
      }
      return -1;
    }
    if (w == "at" && PeekWord("time", 1) && PeekWord("zone", 2)) return kPrecAt;
    // OPERATOR(schema.op): an operator spelled with its schema, as psql
    // writes `OPERATOR(pg_catalog.~)`; gram.y gives it qual_Op's precedence.
    if (w == "operator" && PeekOp("(", 1)) return kPrecOp;
    if (w == "collate") return kPrecAt;
    return -1;
  }
  if (t.type != TokenType::kOperator) return -1;
  const std::string& op = t.text;
  if (op == "::" || op == "[") return kPrecTypecast;
  if (IsComparison(op)) return kPrecComparison;
  if (op == "+" || op == "-") return kPrecAdd;
  if (op == "*" || op == "/" || op == "%") return kPrecMul;
  if (op == "^") return kPrecExp;
  if (IsPunctuation(op)) return -1;
  return kPrecOp;
}

ast::ExprPtr Parser::ParseExpr(int min_precedence) {
  CheckStackDepth();
  ast::ExprPtr left = ParsePrefix();
  while (true) {
    int precedence = PeekInfixPrecedence();
    if (precedence < 0 || precedence < min_precedence) break;
    const Token& op = Advance();

    if (op.IsOp("[")) {
      // a[i][j]...: one subscript per dimension, bound as the internal
      // function array_subscript(a, i, j, ...); with any slice among them,
      // a[i:j][k] is array_slice(a, i, j, 1, k) (a lone subscript k of a
      // slice is 1:k, as PostgreSQL reads it), an omitted bound the int4
      // extreme on its side.
      auto constant = [&](int64_t value) {
        auto c = MakeNode<ast::Constant>(op.position);
        c->type = ast::Constant::Type::kInteger;
        c->int_value = value;
        c->text = std::to_string(value);
        return ast::ExprPtr(std::move(c));
      };
      std::vector<std::pair<ast::ExprPtr, ast::ExprPtr>> ranges;  // (lower or null, upper)
      bool slice = false;
      bool first = true;
      while (first || AcceptOp("[")) {
        first = false;
        ast::ExprPtr lower = PeekOp(":") ? nullptr : ParseExpr();
        if (AcceptOp(":")) {
          slice = true;
          if (lower == nullptr) lower = constant(std::numeric_limits<int32_t>::min());
          ast::ExprPtr upper =
              PeekOp("]") ? constant(std::numeric_limits<int32_t>::max()) : ParseExpr();
          ranges.emplace_back(std::move(lower), std::move(upper));
        } else {
          ranges.emplace_back(nullptr, std::move(lower));
        }
        ExpectOp("]");
      }
      ast::ExprList args;
      args.push_back(std::move(left));
      for (auto& [lower, upper] : ranges) {
        if (slice) args.push_back(lower != nullptr ? std::move(lower) : constant(1));
        args.push_back(std::move(upper));
      }
      left = MakeCall(slice ? "array_slice" : "array_subscript", std::move(args), op.position);
      continue;
    }
    if (precedence == kPrecTypecast) {
      auto cast = MakeNode<ast::Cast>(op.position);
      cast->arg = std::move(left);
      cast->type = ParseTypeName();
      left = std::move(cast);
      continue;
    }
    if (op.IsWord("is")) {
      left = ParsePostfixIs(std::move(left), op);
      continue;
    }
    if (op.IsWord("isnull") || op.IsWord("notnull")) {
      auto test = MakeNode<ast::IsNull>(op.position);
      test->arg = std::move(left);
      test->negated = op.IsWord("notnull");
      left = std::move(test);
      continue;
    }
    if (op.IsWord("at")) {  // AT TIME ZONE zone -> timezone(zone, left)
      Advance();
      Advance();
      ast::ExprList args;
      args.push_back(ParseExpr(kPrecAt + 1));
      args.push_back(std::move(left));
      left = MakeCall("timezone", std::move(args), op.position);
      continue;
    }
    if (precedence == kPrecLike) {
      bool negated = op.IsWord("not");
      const Token& word = negated ? Advance() : op;
      if (word.IsWord("in")) {
        auto in = MakeNode<ast::In>(op.position);
        in->arg = std::move(left);
        in->negated = negated;
        if (!PeekOp("(")) SyntaxErrorHere();
        if (PeekSelectStart(1)) {
          in->subquery = ParseParenthesizedSelect();
        } else {
          Advance();
          in->list = ParseExprList();
          ExpectOp(")");
        }
        left = std::move(in);
        continue;  // IN's right side is parenthesized: no associativity issue
      }
      if (word.IsWord("between")) {
        auto between = MakeNode<ast::Between>(op.position);
        between->arg = std::move(left);
        between->negated = negated;
        if (AcceptWord("symmetric")) {
          between->symmetric = true;
        } else {
          AcceptWord("asymmetric");
        }
        between->low = ParseExpr(kPrecLike + 1);
        ExpectWord("and");
        between->high = ParseExpr(kPrecLike + 1);
        left = std::move(between);
      } else if (word.IsWord("similar")) {
        // a SIMILAR TO b [ESCAPE e] -> a ~ similar_to_escape(b [, e])
        ExpectWord("to");
        auto binary = MakeNode<ast::BinaryOp>(op.position);
        binary->op = negated ? "!~" : "~";
        binary->left = std::move(left);
        ast::ExprList args;
        args.push_back(ParseExpr(kPrecLike + 1));
        if (AcceptWord("escape")) args.push_back(ParseExpr(kPrecLike + 1));
        binary->right = MakeCall("similar_to_escape", std::move(args), op.position);
        left = std::move(binary);
      } else if ((PeekWord("any") || PeekWord("some") || PeekWord("all")) && PeekOp("(", 1)) {
        // a LIKE ANY|SOME|ALL (array | subquery): the quantified operator
        // ~~ (!~~, ~~*, !~~*), as PostgreSQL's subquery_Op.
        std::string like_op =
            std::string(negated ? "!" : "") + "~~" + (word.IsWord("ilike") ? "*" : "");
        const bool all = Advance().IsWord("all");
        if (PeekSelectStart(1)) {
          auto sub = MakeNode<ast::Subquery>(op.position);
          sub->type = all ? ast::Subquery::Type::kAll : ast::Subquery::Type::kAny;
          sub->op = std::move(like_op);
          sub->left = std::move(left);
          sub->select = ParseParenthesizedSelect();
          left = std::move(sub);
        } else {
          auto any_all = MakeNode<ast::AnyAll>(op.position);
          any_all->op = std::move(like_op);
          any_all->all = all;
          any_all->left = std::move(left);
          ExpectOp("(");
          any_all->array = ParseExpr();
          ExpectOp(")");
          left = std::move(any_all);
        }
      } else {  // LIKE / ILIKE
        auto binary = MakeNode<ast::BinaryOp>(op.position);
        binary->op = std::string(negated ? "NOT " : "") + (word.IsWord("like") ? "LIKE" : "ILIKE");
        binary->left = std::move(left);
        binary->right = ParseExpr(kPrecLike + 1);
        if (PeekWord("escape")) {
          const Token& escape = Advance();
          ast::ExprList args;
          args.push_back(std::move(binary->right));
          args.push_back(ParseExpr(kPrecLike + 1));
          binary->right = MakeCall("like_escape", std::move(args), escape.position);
        }
        left = std::move(binary);
      }
      if (PeekInfixPrecedence() == kPrecLike && !PeekWord("in") && !PeekWord("not")) {
        SyntaxErrorHere();  // non-associative
      }
      continue;
    }

    if (op.IsWord("collate")) {
      ParseCollation(op.position);
      continue;
    }

    // Binary operators.
    auto binary = MakeNode<ast::BinaryOp>(op.position);
    if (op.IsWord("or")) {
      binary->op = "OR";
    } else if (op.IsWord("and")) {
      binary->op = "AND";
    } else if (op.IsWord("operator")) {
      binary->op = ParseQualifiedOperator();
    } else {
      binary->op = op.text;
    }
    binary->left = std::move(left);
    // x op ANY|SOME|ALL (subquery), x op ANY|SOME|ALL (array)
    if ((op.type == TokenType::kOperator || op.IsWord("operator")) &&
        (PeekWord("any") || PeekWord("some") || PeekWord("all"))) {
      const Token& quantifier = Advance();
      if (!PeekOp("(")) SyntaxErrorHere();
      if (PeekSelectStart(1)) {
        auto sub = MakeNode<ast::Subquery>(op.position);
        sub->type =
            quantifier.IsWord("all") ? ast::Subquery::Type::kAll : ast::Subquery::Type::kAny;
        sub->op = binary->op;
        sub->left = std::move(binary->left);
        sub->select = ParseParenthesizedSelect();
        left = std::move(sub);
      } else {
        auto any_all = MakeNode<ast::AnyAll>(op.position);
        any_all->op = binary->op;
        any_all->all = quantifier.IsWord("all");
        any_all->left = std::move(binary->left);
        ExpectOp("(");
        any_all->array = ParseExpr();
        ExpectOp(")");
        left = std::move(any_all);
      }
    } else {
      binary->right = ParseExpr(precedence + 1);
      left = std::move(binary);
    }
    if (precedence == kPrecComparison && PeekInfixPrecedence() == kPrecComparison) {
      SyntaxErrorHere();  // non-associative: a < b < c
    }
  }
  return left;
}

std::string Parser::ParseQualifiedOperator() {
  ExpectOp("(");
  const Token& first = Peek();
  if (first.type == TokenType::kIdentifier) {
    Advance();
    ExpectOp(".");
    if (first.text != "pg_catalog") {
      throw Error(sqlstate::kInvalidSchemaName,
                  fmt::format("schema \"{}\" does not exist", first.text))
          .WithPosition(first.position);
    }
  }
  const Token& op = Peek();
  if (op.type != TokenType::kOperator || IsPunctuation(op.text)) SyntaxError(op);
  Advance();
  ExpectOp(")");
  return op.text;
}

void Parser::ParseCollation(int position) {
  std::vector<std::string> parts;
  do {
    const Token& part = Peek();
    if (part.type != TokenType::kIdentifier && part.type != TokenType::kQuotedIdentifier) {
      SyntaxError(part);
    }
    parts.push_back(Advance().text);
  } while (AcceptOp("."));
  const bool schema_ok = parts.size() == 1 || (parts.size() == 2 && parts[0] == "pg_catalog");
  const std::string& collation = parts.back();
  // initdb's libc collations of a C.UTF-8 cluster (pg_collation), all of
  // which compare bytewise as Basalt does.
  if (!schema_ok || (collation != "default" && collation != "C" && collation != "POSIX" &&
                     collation != "ucs_basic" && collation != "C.utf8")) {
    std::string shown;
    for (const std::string& p : parts) shown += (shown.empty() ? "" : ".") + p;
    throw Error(sqlstate::kUndefinedObject,
                fmt::format("collation \"{}\" for encoding \"UTF8\" does not exist", shown))
        .WithPosition(position);
  }
}

ast::ExprPtr Parser::ParsePostfixIs(ast::ExprPtr left, const Token& is) {
  bool negated = AcceptWord("not");
  if (AcceptWord("null")) {
    auto test = MakeNode<ast::IsNull>(is.position);
    test->arg = std::move(left);
    test->negated = negated;
    return test;
  }
  if (PeekWord("true") || PeekWord("false") || PeekWord("unknown")) {
    auto test = MakeNode<ast::IsBool>(is.position);
    const Token& value = Advance();
    test->arg = std::move(left);
    test->negated = negated;
    test->test = value.IsWord("true")    ? ast::IsBool::Test::kTrue
                 : value.IsWord("false") ? ast::IsBool::Test::kFalse
                                         : ast::IsBool::Test::kUnknown;
    return test;
  }
  if (AcceptWord("distinct")) {
    ExpectWord("from");
    auto binary = MakeNode<ast::BinaryOp>(is.position);
    binary->op = negated ? "IS NOT DISTINCT FROM" : "IS DISTINCT FROM";
    binary->left = std::move(left);
    binary->right = ParseExpr(kPrecIs + 1);
    return binary;
  }
  SyntaxErrorHere();
}

// After ARRAY: [elements] or [[...], [...]], a sub-array without ARRAY
// being one of more dimensions, as ARRAY[ARRAY[...], ...] is.
ast::ExprPtr Parser::ParseArrayConstructor(int position) {
  ExpectOp("[");
  CheckStackDepth();
  auto array = MakeNode<ast::ArrayConstructor>(position);
  if (AcceptOp("]")) return array;
  do {
    if (PeekOp("[")) {
      array->elements.push_back(ParseArrayConstructor(Peek().position));
    } else {
      array->elements.push_back(ParseExpr());
    }
  } while (AcceptOp(","));
  ExpectOp("]");
  return array;
}

ast::ExprPtr Parser::ParsePrefix() {
  CheckStackDepth();
  const Token& t = Peek();
  if (t.IsWord("not")) {
    Advance();
    auto unary = MakeNode<ast::UnaryOp>(t.position);
    unary->op = "NOT";
    unary->operand = ParseExpr(kPrecNot);
    return unary;
  }
  // scan.l's single-character "self" tokens other than + and - have no
  // prefix form: `SELECT 1 + * 2` is a syntax error at `*`.
  bool self_token =
      t.text.size() == 1 && std::string_view("*/%^<>=").find(t.text[0]) != std::string_view::npos;
  if (t.type == TokenType::kOperator && !IsPunctuation(t.text) && t.text != "::" && !self_token) {
    Advance();
    bool sign = t.text == "-" || t.text == "+";
    ast::ExprPtr operand = ParseExpr(sign ? kPrecUnary : kPrecOp);
    if (t.text == "-" && IsNumericConstant(*operand)) {
      NegateConstant(operand->As<ast::Constant>());
      operand->position = t.position;
      return operand;
    }
    auto unary = MakeNode<ast::UnaryOp>(t.position);
    unary->op = t.text;
    unary->operand = std::move(operand);
    return unary;
  }
  return ParsePrimary();
}

ast::ExprPtr Parser::ParsePrimary() {
  const Token& t = Peek();
  switch (t.type) {
    case TokenType::kInteger:
    case TokenType::kDecimal: {
      Advance();
      auto constant = MakeNode<ast::Constant>(t.position);
      constant->text = t.text;
      constant->type = ast::Constant::Type::kDecimal;
      if (t.type == TokenType::kInteger) {
        const char* end = t.text.data() + t.text.size();
        auto [ptr, ec] = std::from_chars(t.text.data(), end, constant->int_value);
        if (ec == std::errc() && ptr == end) constant->type = ast::Constant::Type::kInteger;
      }
      return constant;
    }
    case TokenType::kString: Advance(); return MakeStringConstant(t.text, t.position);
    case TokenType::kParameter: {
      Advance();
      auto param = MakeNode<ast::Parameter>(t.position);
      int index = 0;
      auto [ptr, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), index);
      (void)ptr;
      if (ec != std::errc() || index <= 0) {
        throw Error(sqlstate::kUndefinedParameter, "there is no parameter $" + t.text)
            .WithPosition(t.position);
      }
      param->index = index;
      return param;
    }
    case TokenType::kIdentifier:
    case TokenType::kQuotedIdentifier: return ParseWordExpression();
    case TokenType::kOperator:
      if (t.IsOp("(")) return ParseParenthesized();
      SyntaxError(t);
    case TokenType::kEnd: break;
  }
  SyntaxError(t);
}

ast::ExprPtr Parser::ParseParenthesized() {
  const Token& open = Peek();
  if (PeekSelectStart(1)) {
    auto sub = MakeNode<ast::Subquery>(open.position);
    sub->select = ParseParenthesizedSelect();
    return sub;
  }
  // `((SELECT ...) UNION ...)` is a subquery, `((SELECT 1) + 1)` an
  // expression: try the subquery first when the nesting ends at SELECT.
  if (PeekOp("(", 1) && SelectAfterParens(pos_ + 1)) {
    size_t saved = pos_;
    try {
      auto sub = MakeNode<ast::Subquery>(open.position);
      sub->select = ParseParenthesizedSelect();
      return sub;
    } catch (const Error& error) {
      // Too deep is too deep either way; retrying as an expression at every
      // level would only make it slow.
      if (error.code() == sqlstate::kStatementTooComplex) throw;
    }
    pos_ = saved;
  }
  Advance();
  ast::ExprPtr inner = ParseExpr();
  if (PeekOp(",")) {  // (a, b): a row
    auto row = MakeNode<ast::RowConstructor>(open.position);
    row->fields.push_back(std::move(inner));
    while (AcceptOp(",")) row->fields.push_back(ParseExpr());
    ExpectOp(")");
    if (PeekWord("overlaps")) return ParseOverlaps(std::move(row));
    return row;
  }
  ExpectOp(")");
  // (row).field, (row).field.field ..., (row).*
  while (PeekOp(".") && (Peek(1).IsOp("*") || (Peek(1).type != TokenType::kOperator &&
                                               Peek(1).type != TokenType::kEnd))) {
    Advance();
    // Errors point at the row, as PostgreSQL's.
    auto select = MakeNode<ast::FieldSelect>(inner->position);
    select->arg = std::move(inner);
    if (AcceptOp("*")) {
      select->star = true;
    } else {
      select->field = ParseColLabel();
    }
    inner = std::move(select);
    if (inner->As<ast::FieldSelect>().star) break;
  }
  return inner;
}

// (start, end) OVERLAPS (start, end) -> overlaps(s1, e1, s2, e2).
ast::ExprPtr Parser::ParseOverlaps(ast::ExprPtr left_row) {
  const Token& word = Advance();
  ast::ExprPtr right_row = ParsePrimary();
  auto& left = left_row->As<ast::RowConstructor>();
  if (left.fields.size() != 2) {
    throw Error(sqlstate::kSyntaxError,
                "wrong number of parameters on left side of OVERLAPS expression")
        .WithPosition(left_row->position);
  }
  if (right_row->kind() != ast::ExprKind::kRow ||
      right_row->As<ast::RowConstructor>().fields.size() != 2) {
    throw Error(sqlstate::kSyntaxError,
                "wrong number of parameters on right side of OVERLAPS expression")
        .WithPosition(left_row->position);
  }
  auto& right = right_row->As<ast::RowConstructor>();
  ast::ExprList args;
  for (ast::ExprPtr& f : left.fields) args.push_back(std::move(f));
  for (ast::ExprPtr& f : right.fields) args.push_back(std::move(f));
  left.fields.clear();
  right.fields.clear();
  return MakeCall("overlaps", std::move(args), word.position);
}

bool Parser::SelectAfterParens(size_t first) {
  if (first < paren_run_begin_ || first >= paren_run_end_) {
    size_t end = first;
    while (end < tokens_.size() && tokens_[end].IsOp("(")) ++end;
    paren_run_begin_ = first;
    paren_run_end_ = end;
    paren_run_selects_ = PeekSelectStart(end - pos_);
  }
  return paren_run_selects_;
}

std::unique_ptr<ast::SelectStmt> Parser::ParseParenthesizedSelect() {
  const size_t start = pos_;
  if (auto failed = failed_selects_.find(start); failed != failed_selects_.end()) {
    throw failed->second;
  }
  try {
    ExpectOp("(");
    auto select = ParseSelect();
    ExpectOp(")");
    return select;
  } catch (const Error& error) {
    if (error.code() != sqlstate::kStatementTooComplex) failed_selects_.emplace(start, error);
    throw;
  }
}

ast::ExprList Parser::ParseExprList() {
  ast::ExprList list;
  do {
    list.push_back(ParseExpr());
  } while (AcceptOp(","));
  return list;
}

ast::ExprPtr Parser::ParseWordExpression() {
  const Token& t = Peek();
  if (t.type == TokenType::kIdentifier && t.keyword == KeywordCategory::kReserved) {
    const std::string& w = t.text;
    if (w == "null") {
      Advance();
      return MakeNode<ast::Constant>(t.position);
    }
    if (w == "true" || w == "false") {
      Advance();
      auto constant = MakeNode<ast::Constant>(t.position);
      constant->type = ast::Constant::Type::kBoolean;
      constant->bool_value = w == "true";
      return constant;
    }
    if (w == "default") {
      Advance();
      return MakeNode<ast::Default>(t.position);
    }
    if (w == "case") return ParseCase();
    if (w == "array" && PeekOp("(", 1)) {
      Advance();
      auto sub = MakeNode<ast::Subquery>(t.position);
      sub->type = ast::Subquery::Type::kArray;
      sub->select = ParseParenthesizedSelect();
      return sub;
    }
    if (w == "array" && PeekOp("[", 1)) {
      Advance();
      return ParseArrayConstructor(t.position);
    }
    if (w == "cast") {
      Advance();
      ExpectOp("(");
      auto cast = MakeNode<ast::Cast>(t.position);
      cast->arg = ParseExpr();
      ExpectWord("as");
      cast->type = ParseTypeName();
      ExpectOp(")");
      return cast;
    }
    if (w == "current_date" || w == "current_time" || w == "current_timestamp" ||
        w == "localtime" || w == "localtimestamp" || w == "current_user" || w == "current_role" ||
        w == "session_user" || w == "user" || w == "current_catalog") {
      Advance();
      auto call = MakeNode<ast::FunctionCall>(t.position);
      call->name.push_back(w == "user" ? "current_user" : w);
      call->no_parens = true;
      bool takes_precision = w == "current_time" || w == "current_timestamp" || w == "localtime" ||
                             w == "localtimestamp";
      if (takes_precision && AcceptOp("(")) {
        call->args.push_back(ParsePrimary());
        ExpectOp(")");
      }
      return call;
    }
    SyntaxError(t);
  }

  if (t.type == TokenType::kIdentifier && t.keyword == KeywordCategory::kColName) {
    if (ast::ExprPtr special = ParseSpecialFunction(t)) return special;
  }

  // A type keyword followed by a string is a typed literal: int '1',
  // double precision '1.5', timestamp with time zone '...'.
  if (PeekTypeKeyword()) {
    size_t saved = pos_;
    ast::TypeName type = ParseTypeName();
    if (Peek().type == TokenType::kString) {
      // gram.y's makeStringConstCast: the expression is located at the
      // string, the type name keeps its own position.
      auto literal = MakeNode<ast::TypedLiteral>(Peek().position);
      literal->value = Advance().text;
      if (type.name == "interval") ParseIntervalFields(type);
      literal->type = std::move(type);
      return literal;
    }
    // A lone keyword may still be a column name (`time`); more cannot.
    if (pos_ - saved > 1) SyntaxErrorHere();
    pos_ = saved;
  }

  // Generic typed literal: date '2024-01-01', uuid '...'.
  if (t.type == TokenType::kIdentifier && t.keyword == KeywordCategory::kNone &&
      Peek(1).type == TokenType::kString) {
    Advance();
    auto literal = MakeNode<ast::TypedLiteral>(Peek().position);
    literal->type.position = t.position;
    literal->type.name = t.text;
    literal->value = Advance().text;
    return literal;
  }

  // Function call: f(...) where f is a type_function_name, or s.f(...).
  if (t.IsWord("current_schema") && !PeekOp("(", 1)) {
    Advance();
    auto call = MakeNode<ast::FunctionCall>(t.position);
    call->name.push_back(t.text);
    call->no_parens = true;
    return call;
  }
  if (t.type == TokenType::kIdentifier && t.keyword == KeywordCategory::kTypeFuncName &&
      !PeekOp("(", 1)) {
    SyntaxError(Peek(1));  // e.g. `left` must be a call here; PostgreSQL fails after it
  }
  if (PeekOp("(", 1)) {
    if (!PeekTypeFunctionName()) SyntaxError(t);
    Advance();
    return ParseFunctionArgs({t.text}, t);
  }

  // Column reference, qualified star, or qualified function name.
  if (!PeekColId()) SyntaxError(t);
  Advance();
  std::vector<std::string> names{t.text};
  while (PeekOp(".")) {
    Advance();
    if (PeekOp("*")) {
      Advance();
      auto star = MakeNode<ast::Star>(t.position);
      star->qualifier = std::move(names);
      return star;
    }
    names.push_back(ParseColLabel());
  }
  if (names.size() > 1 && PeekOp("(")) return ParseFunctionArgs(std::move(names), t);
  auto ref = MakeNode<ast::ColumnRef>(t.position);
  ref->names = std::move(names);
  return ref;
}

// A call's arguments: positional ones, then named ones (`name => value`
// or `name := value`), as PostgreSQL's func_arg_list.
ast::ExprList Parser::ParseCallArguments(ast::FunctionCall* call) {
  ast::ExprList args;
  do {
    const Token& next = Peek();
    const bool word =
        next.type == TokenType::kIdentifier || next.type == TokenType::kQuotedIdentifier;
    if (word && (PeekOp("=>", 1) || PeekOp(":=", 1))) {
      const std::string name = Advance().text;
      Advance();
      for (const std::string& earlier : call->arg_names) {
        if (earlier == name) {
          throw Error(sqlstate::kSyntaxError, "argument name \"" + name + "\" used more than once")
              .WithPosition(next.position);
        }
      }
      call->arg_names.resize(args.size());
      call->arg_names.push_back(name);
    } else if (!call->arg_names.empty()) {
      throw Error(sqlstate::kSyntaxError, "positional argument cannot follow named argument")
          .WithPosition(next.position);
    }
    args.push_back(ParseExpr());
  } while (AcceptOp(","));
  return args;
}

ast::ExprPtr Parser::ParseFunctionArgs(std::vector<std::string> name, const Token& start) {
  auto call = MakeNode<ast::FunctionCall>(start.position);
  call->name = std::move(name);
  ExpectOp("(");
  if (AcceptOp(")")) {
    // f()
  } else if (AcceptOp("*")) {  // f(*): nothing else may follow the star
    ExpectOp(")");
    call->star = true;
  } else {
    if (AcceptWord("distinct")) {
      call->distinct = true;
    } else {
      AcceptWord("all");
    }
    call->args = ParseCallArguments(call.get());
    if (PeekWord("order") && PeekWord("by", 1)) {  // string_agg(x, ',' ORDER BY y)
      Advance();
      Advance();
      call->order_by = ParseOrderBy();
    }
    ExpectOp(")");
  }
  // WITHIN GROUP (ORDER BY ...): an ordered-set aggregate's sorted input.
  if (PeekWord("within") && PeekWord("group", 1)) {
    const Token& within = Advance();
    Advance();
    if (!call->order_by.empty()) {
      throw Error(sqlstate::kSyntaxError, "cannot use multiple ORDER BY clauses with WITHIN GROUP")
          .WithPosition(within.position);
    }
    if (call->distinct) {
      throw Error(sqlstate::kSyntaxError, "cannot use DISTINCT with WITHIN GROUP")
          .WithPosition(within.position);
    }
    ExpectOp("(");
    ExpectWord("order");
    ExpectWord("by");
    call->order_by = ParseOrderBy();
    call->within_group = true;
    ExpectOp(")");
  }
  // FILTER (WHERE condition): the word is only a filter here (gram.y).
  if (AcceptWord("filter")) {
    ExpectOp("(");
    ExpectWord("where");
    call->filter = ParseExpr();
    ExpectOp(")");
  }
  if (PeekWord("over")) call->over = ParseOverClause();
  return call;
}

// COALESCE, NULLIF, GREATEST, LEAST, EXISTS, EXTRACT, POSITION, SUBSTRING,
// TRIM: col_name keywords with their own call syntax. Returns null when `word`
// is not one of them or is not followed by '(' (then it is a column name).
ast::ExprPtr Parser::ParseSpecialFunction(const Token& word) {
  if (!PeekOp("(", 1)) return nullptr;
  const std::string& w = word.text;
  if (w == "coalesce" || w == "nullif" || w == "greatest" || w == "least" || w == "grouping") {
    Advance();
    Advance();
    auto call = MakeNode<ast::FunctionCall>(word.position);
    call->name.push_back(w);
    call->args = ParseExprList();
    ExpectOp(")");
    return call;
  }
  if (w == "row") {  // ROW(a, b), ROW()
    Advance();
    Advance();
    auto row = MakeNode<ast::RowConstructor>(word.position);
    row->explicit_row = true;
    if (!AcceptOp(")")) {
      row->fields = ParseExprList();
      ExpectOp(")");
    }
    return row;
  }
  if (w == "exists") {
    Advance();
    auto sub = MakeNode<ast::Subquery>(word.position);
    sub->type = ast::Subquery::Type::kExists;
    sub->select = ParseParenthesizedSelect();
    return sub;
  }
  if (w == "extract") {  // extract(field FROM source) -> extract('field', source)
    Advance();
    Advance();
    const Token& field = Peek();
    std::string name;
    if (field.type == TokenType::kString || field.type == TokenType::kIdentifier ||
        field.type == TokenType::kQuotedIdentifier) {
      name = Advance().text;
    } else {
      SyntaxErrorHere();
    }
    ExpectWord("from");
    ast::ExprList args;
    args.push_back(MakeStringConstant(name, field.position));
    args.push_back(ParseExpr());
    ExpectOp(")");
    return MakeCall("extract", std::move(args), word.position);
  }
  if (w == "position") {  // position(a IN b) -> position(b, a)
    Advance();
    Advance();
    ast::ExprPtr needle = ParseExpr(kPrecLike + 1);
    ExpectWord("in");
    ast::ExprList args;
    args.push_back(ParseExpr(kPrecLike + 1));
    args.push_back(std::move(needle));
    ExpectOp(")");
    return MakeCall("position", std::move(args), word.position);
  }
  if (w == "substring") {  // substring(s FROM a FOR b) or substring(s, a, b)
    Advance();
    Advance();
    ast::ExprList args;
    args.push_back(ParseExpr());
    if (AcceptOp(",")) {
      while (true) {
        args.push_back(ParseExpr());
        if (!AcceptOp(",")) break;
      }
    } else if (AcceptWord("from")) {
      args.push_back(ParseExpr());
      if (AcceptWord("for")) args.push_back(ParseExpr());
    } else if (AcceptWord("for")) {  // substring(s FOR n) -> substring(s, 1, n)
      args.push_back(MakeIntegerConstant(1, word.position));
      args.push_back(ParseExpr());
    } else if (AcceptWord("similar")) {  // substring(s SIMILAR p ESCAPE e) -> substring(s, p, e)
      args.push_back(ParseExpr());
      ExpectWord("escape");
      args.push_back(ParseExpr());
    }
    ExpectOp(")");
    return MakeCall("substring", std::move(args), word.position);
  }
  if (w == "trim") {  // trim([BOTH|LEADING|TRAILING] [chars] FROM s) -> btrim/ltrim/rtrim(s, chars)
    Advance();
    Advance();
    std::string name = "btrim";
    if (AcceptWord("leading")) {
      name = "ltrim";
    } else if (AcceptWord("trailing")) {
      name = "rtrim";
    } else {
      AcceptWord("both");
    }
    ast::ExprList args;
    if (AcceptWord("from")) {
      args = ParseExprList();
    } else {
      ast::ExprPtr first = ParseExpr();
      if (AcceptWord("from")) {
        args.push_back(ParseExpr());
        args.push_back(std::move(first));
      } else {
        args.push_back(std::move(first));
        while (AcceptOp(",")) args.push_back(ParseExpr());
      }
    }
    ExpectOp(")");
    return MakeCall(name, std::move(args), word.position);
  }
  return nullptr;
}

ast::ExprPtr Parser::ParseCase() {
  const Token& start = ExpectWord("case");
  auto node = MakeNode<ast::Case>(start.position);
  if (!PeekWord("when")) node->arg = ParseExpr();
  if (!PeekWord("when")) SyntaxErrorHere();
  while (PeekWord("when")) {
    ast::CaseWhen when;
    when.position = Advance().position;
    when.condition = ParseExpr();
    ExpectWord("then");
    when.result = ParseExpr();
    node->whens.push_back(std::move(when));
  }
  if (AcceptWord("else")) node->else_result = ParseExpr();
  ExpectWord("end");
  return node;
}

}  // namespace basalt::sql
