// Operator resolution with PostgreSQL's rules for Basalt's types: numeric
// promotion (int4 + int8 -> int8, int + numeric -> numeric, anything with
// float8 -> float8), untyped literals taking the other operand's type,
// three-valued AND/OR/NOT over booleans, || on text.
#include <fmt/format.h>

#include "common/cast.h"
#include "sql/binder/bind_array_function.h"
#include "sql/binder/bind_datetime_operator.h"
#include "sql/binder/bind_error.h"
#include "sql/binder/bind_json_function.h"
#include "sql/binder/bind_string_function.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"

namespace basalt::sql {

namespace {

int Leftmost(int a, int b) {
  if (a == 0) return b;
  if (b == 0) return a;
  return a < b ? a : b;
}

[[noreturn]] void NoPrefixOperator(std::string_view op, const DataType& operand, int position) {
  throw Error(sqlstate::kUndefinedFunction,
              fmt::format("operator does not exist: {} {}", op, TypeNameForMessage(operand)))
      .WithHint(
          "No operator matches the given name and argument type. You might need to add an "
          "explicit type cast.")
      .WithPosition(position);
}

bool IsDateLike(const DataType& t) {
  return t.id == TypeId::kDate;
}

// Gives an untyped literal operand the other operand's type, as PostgreSQL
// does when exactly one side is unknown.
void ResolveUnknowns(BoundExprPtr& left, BoundExprPtr& right) {
  if (left->type.id == TypeId::kUnknown && right->type.id != TypeId::kUnknown) {
    left = CoerceOrThrow(
        std::move(left),
        right->type.id == TypeId::kVarchar ? DataType::Of(TypeId::kText) : right->type.Unmodified(),
        CastContext::kImplicit);
  } else if (right->type.id == TypeId::kUnknown && left->type.id != TypeId::kUnknown) {
    right = CoerceOrThrow(
        std::move(right),
        left->type.id == TypeId::kVarchar ? DataType::Of(TypeId::kText) : left->type.Unmodified(),
        CastContext::kImplicit);
  }
}

[[noreturn]] void NotUnique(std::string_view description, int position) {
  throw Error(sqlstate::kAmbiguousFunction, fmt::format("operator is not unique: {}", description))
      .WithHint(
          "Could not choose a best candidate operator. You might need to add explicit type "
          "casts.")
      .WithPosition(position);
}

bool IsBitwiseOperator(std::string_view op) {
  return op == "&" || op == "|" || op == "#" || op == "<<" || op == ">>";
}

int IntegerWidth(TypeId id) {
  return id == TypeId::kInt2 ? 2 : id == TypeId::kInt4 ? 4 : 8;
}

// int2 / int4 / int8 & | # << >> (int2and ... int8shr): the operands of &
// | # meet in the wider type; a shift keeps its left operand's and counts
// in int4.
BoundExprPtr BindBitwise(std::string_view op, BoundExprPtr left, BoundExprPtr right, int position) {
  const bool shift = op == "<<" || op == ">>";
  if (left->type.id == TypeId::kUnknown && (right->type.id == TypeId::kUnknown || shift)) {
    NotUnique(fmt::format("{} {} {}", TypeNameForMessage(left->type), op,
                          TypeNameForMessage(right->type)),
              position);
  }
  DataType result;
  DataType right_type;
  if (shift) {
    result = left->type;
    right_type = DataType::Of(TypeId::kInt4);
    if (!result.IsInteger() ||
        (right->type.id != TypeId::kUnknown && right->type.id != TypeId::kInt2 &&
         right->type.id != TypeId::kInt4)) {
      ThrowNoOperator(op, left->type, right->type, position);
    }
  } else {
    ResolveUnknowns(left, right);
    if (!left->type.IsInteger() || !right->type.IsInteger()) {
      ThrowNoOperator(op, left->type, right->type, position);
    }
    result =
        DataType::Of(IntegerWidth(left->type.id) >= IntegerWidth(right->type.id) ? left->type.id
                                                                                 : right->type.id);
    right_type = result;
  }
  auto e = BoundExpr::Make(BoundExprKind::kFunction, DataType::Of(result.id),
                           Leftmost(left->position, position));
  e->function = op == "&"    ? ScalarFunction::kBitAnd
                : op == "|"  ? ScalarFunction::kBitOr
                : op == "#"  ? ScalarFunction::kBitXor
                : op == "<<" ? ScalarFunction::kShiftLeft
                             : ScalarFunction::kShiftRight;
  e->children.push_back(
      CoerceOrThrow(std::move(left), DataType::Of(result.id), CastContext::kImplicit));
  e->children.push_back(CoerceOrThrow(std::move(right), right_type, CastContext::kImplicit));
  return e;
}

CompareOp ToCompareOp(std::string_view op) {
  return op == "="    ? CompareOp::kEqual
         : op == "<>" ? CompareOp::kNotEqual
         : op == "<"  ? CompareOp::kLess
         : op == "<=" ? CompareOp::kLessEqual
         : op == ">"  ? CompareOp::kGreater
                      : CompareOp::kGreaterEqual;
}

// xid has only xid = xid, xid <> xid and, with xid on the left, xid = int4
// and xid <> int4 (xideqint4); no ordering. The int4 operand is not cast:
// CompareValues compares xids as uint32, which is how xideqint4 reads it.
BoundExprPtr BindXidComparison(std::string_view op, BoundExprPtr left, BoundExprPtr right,
                               int position) {
  bool right_ok = right->type.id == TypeId::kXid || right->type.id == TypeId::kInt4;
  if (left->type.id != TypeId::kXid || !right_ok || (op != "=" && op != "<>")) {
    ThrowNoOperator(op, left->type, right->type, position);
  }
  auto e = BoundExpr::Make(BoundExprKind::kCompare, DataType::Of(TypeId::kBool),
                           Leftmost(left->position, position));
  e->compare_type = DataType::Of(TypeId::kXid);
  e->compare_op = ToCompareOp(op);
  e->children.push_back(std::move(left));
  e->children.push_back(std::move(right));
  return e;
}

// The prefix operators over math functions: |/ (sqrt) and ||/ (cbrt) of
// float8, @ (abs) of each numeric type; an unknown literal is float8, the
// numeric category's preferred type. Null when `op` is none of them or the
// operand is no number (`operand` is then left bound as it was).
BoundExprPtr BindFunctionOperator(const ast::UnaryOp& op, BoundExprPtr& operand) {
  static constexpr std::pair<std::string_view, std::string_view> kOperators[] = {
      {"|/", "sqrt"}, {"||/", "cbrt"}, {"@", "abs"}};
  for (const auto& [symbol, function] : kOperators) {
    if (op.op != symbol) continue;
    const bool float8_only = symbol != "@";
    if (operand->type.id == TypeId::kUnknown || (float8_only && operand->type.IsNumeric())) {
      operand =
          CoerceOrThrow(std::move(operand), DataType::Of(TypeId::kFloat8), CastContext::kImplicit);
    }
    if (!operand->type.IsNumeric()) return nullptr;
    const DataType operand_type = operand->type;
    if (!float8_only) {  // abs of the operand's own type
      auto e = BoundExpr::Make(BoundExprKind::kFunction, DataType::Of(operand_type.id),
                               Leftmost(op.position, operand->position));
      e->function = ScalarFunction::kAbs;
      e->children.push_back(std::move(operand));
      return e;
    }
    ast::FunctionCall call;
    call.name = {std::string(function)};
    call.position = op.position;
    std::vector<BoundExprPtr> args;
    args.push_back(std::move(operand));
    BoundExprPtr bound = BindMathFunction(call, args);
    if (bound == nullptr) NoPrefixOperator(op.op, operand_type, op.position);
    bound->position = Leftmost(op.position, bound->position);
    return bound;
  }
  return nullptr;
}

}  // namespace

BoundExprPtr Binder::BindUnary(const ast::UnaryOp& op, const Scope& scope) {
  BoundExprPtr operand = BindExpression(*op.operand, scope);
  if (op.op == "NOT") {
    std::vector<BoundExprPtr> args;
    args.push_back(std::move(operand));
    return BindLogical(BoundExprKind::kNot, "NOT", std::move(args), op.position);
  }
  if (op.op == "+" || op.op == "-") {
    if (operand->type.id == TypeId::kUnknown && !operand->value.is_null() && op.op == "+") {
      // Only numeric types have a prefix +, so PostgreSQL picks the
      // category's preferred type, float8; prefix - also exists for
      // interval and money, which makes `- 'x'` ambiguous.
      operand =
          CoerceOrThrow(std::move(operand), DataType::Of(TypeId::kFloat8), CastContext::kImplicit);
    }
    if (operand->type.id == TypeId::kUnknown && !operand->value.is_null()) {
      throw Error(sqlstate::kAmbiguousFunction,
                  fmt::format("operator is not unique: {} unknown", op.op))
          .WithHint(
              "Could not choose a best candidate operator. You might need to add explicit type "
              "casts.")
          .WithPosition(op.position);
    }
    const bool interval_minus = op.op == "-" && operand->type.id == TypeId::kInterval;
    if (!operand->type.IsNumeric() && !interval_minus) {
      NoPrefixOperator(op.op, operand->type, op.position);
    }
    if (op.op == "+") return operand;
    auto e = BoundExpr::Make(BoundExprKind::kNegate, operand->type,
                             Leftmost(op.position, operand->position));
    e->children.push_back(std::move(operand));
    return e;
  }
  if (op.op == "~" && operand->type.IsInteger()) {  // int2not, int4not, int8not
    auto e = BoundExpr::Make(BoundExprKind::kFunction, DataType::Of(operand->type.id),
                             Leftmost(op.position, operand->position));
    e->function = ScalarFunction::kBitNot;
    e->children.push_back(std::move(operand));
    return e;
  }
  if (op.op == "~" && operand->type.id == TypeId::kUnknown) {
    NotUnique("~ unknown", op.position);
  }
  if (BoundExprPtr call = BindFunctionOperator(op, operand)) return call;
  NoPrefixOperator(op.op, operand->type, op.position);
}

BoundExprPtr Binder::BindBinary(const ast::BinaryOp& op, const Scope& scope) {
  const bool left_row = op.left->kind() == ast::ExprKind::kRow;
  const bool right_row = op.right->kind() == ast::ExprKind::kRow;
  if ((left_row && right_row && op.op != "AND" && op.op != "OR") ||
      ((left_row || right_row) && IsRowComparisonOperator(op.op))) {
    return BindRowComparison(op.op, *op.left, *op.right, op.position, scope);
  }
  if (op.op == "AND" || op.op == "OR") {
    // `a OR b OR c ...` is one n-ary node, as PostgreSQL's parser makes it:
    // the operands of a chain of the same operator are collected in a loop
    // (the chain may be a million long), left to right.
    BoundExprKind kind = op.op == "AND" ? BoundExprKind::kAnd : BoundExprKind::kOr;
    std::vector<BoundExprPtr> args;
    std::vector<const ast::Expr*> pending{&op};
    while (!pending.empty()) {
      const ast::Expr* e = pending.back();
      pending.pop_back();
      if (e->Is<ast::BinaryOp>() && e->As<ast::BinaryOp>().op == op.op) {
        pending.push_back(e->As<ast::BinaryOp>().right.get());
        pending.push_back(e->As<ast::BinaryOp>().left.get());
      } else {
        // Each operand is checked as soon as it is bound, as PostgreSQL's
        // transformBoolExpr does, so the first bad operand is reported.
        args.push_back(CoerceToBoolean(BindExpression(*e, scope), op.op));
      }
    }
    return BindLogical(kind, op.op, std::move(args), op.position);
  }
  // `a LIKE p ESCAPE e` arrives as `a LIKE like_escape(p, e)`; the escape
  // becomes a third operand of the match instead of a pattern rewrite.
  const ast::Expr* pattern = op.right.get();
  BoundExprPtr escape;
  if (pattern->kind() == ast::ExprKind::kFunctionCall) {
    const auto& call = pattern->As<ast::FunctionCall>();
    if (call.name.size() == 1 && call.name[0] == "like_escape" && call.args.size() == 2 &&
        op.op.find("LIKE") != std::string::npos) {
      pattern = call.args[0].get();
      escape = BindExpression(*call.args[1], scope);
      DataType escape_type = escape->type;
      escape = TryCoerce(std::move(escape), DataType::Of(TypeId::kText), CastContext::kImplicit);
      if (escape == nullptr || !(escape_type.IsString() || escape_type.id == TypeId::kUnknown)) {
        throw Error(sqlstate::kUndefinedFunction,
                    fmt::format("function like_escape(text, {}) does not exist",
                                TypeNameForMessage(escape_type)))
            .WithHint(
                "No function matches the given name and argument types. You might need to add "
                "explicit type casts.")
            .WithPosition(call.position);
      }
    }
  }
  BoundExprPtr left = BindExpression(*op.left, scope);
  BoundExprPtr right = BindExpression(*pattern, scope);
  auto text_like = [](const BoundExpr& e) {
    return e.type.IsString() || e.type.id == TypeId::kUnknown;
  };
  if (op.op == "^@" && text_like(*left) && text_like(*right)) {  // text ^@ text: starts_with
    ast::FunctionCall call;
    call.name = {"starts_with"};
    call.position = op.position;
    std::vector<BoundExprPtr> args;
    args.push_back(std::move(left));
    args.push_back(std::move(right));
    return BindStringFunction(call, args);
  }
  if (op.op == "LIKE" || op.op == "NOT LIKE" || op.op == "ILIKE" || op.op == "NOT ILIKE" ||
      op.op == "~~" || op.op == "!~~" || op.op == "~~*" || op.op == "!~~*") {
    bool insensitive = op.op.find("ILIKE") != std::string::npos || op.op.ends_with('*');
    bool negated = op.op.starts_with("NOT") || op.op.starts_with('!');
    std::string_view spelling = insensitive ? (negated ? "!~~*" : "~~*") : (negated ? "!~~" : "~~");
    DataType lt = left->type;
    DataType rt = right->type;
    // bytea LIKE bytea (bytealike, no ILIKE): bytes, `_` one byte.
    const bool bytea = !insensitive && (lt.id == TypeId::kBytea || rt.id == TypeId::kBytea) &&
                       (lt.id == TypeId::kBytea || lt.id == TypeId::kUnknown) &&
                       (rt.id == TypeId::kBytea || rt.id == TypeId::kUnknown);
    if (bytea && escape != nullptr && rt.id == TypeId::kUnknown) {
      // PostgreSQL reads like_escape(unknown, unknown) as text: bytea ~~ text.
      ThrowNoOperator(spelling, lt, DataType::Of(TypeId::kText), op.position);
    }
    DataType text = DataType::Of(bytea ? TypeId::kBytea : TypeId::kText);
    BoundExprPtr l = bytea ? TryCoerce(std::move(left), text, CastContext::kImplicit)
                           : CoercePatternSubject(std::move(left));
    BoundExprPtr r = TryCoerce(std::move(right), text, CastContext::kImplicit);
    if (l == nullptr || r == nullptr ||
        (!bytea && ((!lt.IsString() && lt.id != TypeId::kUnknown) ||
                    (!rt.IsString() && rt.id != TypeId::kUnknown)))) {
      ThrowNoOperator(spelling, lt, rt, op.position);
    }
    auto e = BoundExpr::Make(BoundExprKind::kLike, DataType::Of(TypeId::kBool),
                             Leftmost(l->position, op.position));
    e->negated = negated;
    e->case_insensitive = insensitive;
    e->children.push_back(std::move(l));
    e->children.push_back(std::move(r));
    if (escape != nullptr) e->children.push_back(std::move(escape));
    return e;
  }
  if (op.op == "~" || op.op == "!~" || op.op == "~*" || op.op == "!~*") {
    // textregexeq and friends: POSIX regular expressions on strings.
    DataType text = DataType::Of(TypeId::kText);
    DataType lt = left->type;
    DataType rt = right->type;
    BoundExprPtr l = CoercePatternSubject(std::move(left));
    BoundExprPtr r = TryCoerce(std::move(right), text, CastContext::kImplicit);
    if (l == nullptr || r == nullptr || (!lt.IsString() && lt.id != TypeId::kUnknown) ||
        (!rt.IsString() && rt.id != TypeId::kUnknown)) {
      ThrowNoOperator(op.op, lt, rt, op.position);
    }
    auto e = BoundExpr::Make(BoundExprKind::kFunction, DataType::Of(TypeId::kBool),
                             Leftmost(l->position, op.position));
    e->function = op.op == "~"    ? ScalarFunction::kRegexMatch
                  : op.op == "!~" ? ScalarFunction::kRegexNotMatch
                  : op.op == "~*" ? ScalarFunction::kRegexIMatch
                                  : ScalarFunction::kRegexNotIMatch;
    e->children.push_back(std::move(l));
    e->children.push_back(std::move(r));
    return e;
  }
  if (IsBitwiseOperator(op.op)) {
    return BindBitwise(op.op, std::move(left), std::move(right), op.position);
  }
  if (op.op == "IS DISTINCT FROM" || op.op == "IS NOT DISTINCT FROM") {
    return BindIsDistinct(op.op == "IS NOT DISTINCT FROM", std::move(left), std::move(right),
                          op.position);
  }
  if (op.op == "=" || op.op == "<>" || op.op == "<" || op.op == "<=" || op.op == ">" ||
      op.op == ">=") {
    return BindComparison(op.op, std::move(left), std::move(right), op.position);
  }
  return BindOperator(op.op, std::move(left), std::move(right), op.position);
}

BoundExprPtr Binder::BindIsDistinct(bool negated, BoundExprPtr left, BoundExprPtr right,
                                    int position) {
  ResolveUnknowns(left, right);
  std::optional<DataType> common = CommonType(left->type, right->type);
  if (!common || common->id == TypeId::kVoid) {
    ThrowNoOperator("=", left->type, right->type, position);
  }
  auto e = BoundExpr::Make(BoundExprKind::kIsDistinct, DataType::Of(TypeId::kBool),
                           Leftmost(left->position, position));
  e->negated = negated;
  e->compare_type = *common;
  e->children.push_back(CoerceOrThrow(std::move(left), *common, CastContext::kImplicit));
  e->children.push_back(CoerceOrThrow(std::move(right), *common, CastContext::kImplicit));
  return e;
}

BoundExprPtr Binder::BindComparison(std::string_view op, BoundExprPtr left, BoundExprPtr right,
                                    int position) {
  ResolveUnknowns(left, right);
  if (left->type.id == TypeId::kXid || right->type.id == TypeId::kXid) {
    return BindXidComparison(op, std::move(left), std::move(right), position);
  }
  std::optional<DataType> common = CommonType(left->type, right->type);
  // void and json have a common type with themselves but no comparison
  // operators (42883, as PostgreSQL).
  if (!common || common->id == TypeId::kVoid || common->id == TypeId::kJson) {
    ThrowNoOperator(op, left->type, right->type, position);
  }
  auto e = BoundExpr::Make(BoundExprKind::kCompare, DataType::Of(TypeId::kBool),
                           Leftmost(left->position, position));
  e->compare_type = *common;
  e->compare_op = ToCompareOp(op);
  e->children.push_back(CoerceOrThrow(std::move(left), *common, CastContext::kImplicit));
  e->children.push_back(CoerceOrThrow(std::move(right), *common, CastContext::kImplicit));
  return e;
}

BoundExprPtr Binder::BindOperator(std::string_view op, BoundExprPtr left, BoundExprPtr right,
                                  int position) {
  if (BoundExprPtr json = BindJsonOperator(op, left, right, position)) return json;
  if (BoundExprPtr array = BindArrayOperator(op, left, right, position)) return array;
  int leftmost = Leftmost(left->position, position);
  if (op == "||") {
    DataType lt = left->type;
    DataType rt = right->type;
    const bool array_cat = (lt.IsArray() && (rt.id == lt.id || rt.id == TypeId::kUnknown)) ||
                           (rt.IsArray() && lt.id == TypeId::kUnknown);
    if (array_cat) {
      // array || array: array_cat (psql's \d+ joins reloptions this way);
      // an untyped literal on either side is the other side's array.
      const DataType array = lt.IsArray() ? lt : rt;
      auto e = BoundExpr::Make(BoundExprKind::kConcat, array, leftmost);
      e->children.push_back(CoerceOrThrow(std::move(left), array, CastContext::kImplicit));
      e->children.push_back(CoerceOrThrow(std::move(right), array, CastContext::kImplicit));
      return e;
    }
    // array || element (array_append) and element || array (array_prepend):
    // the element as a one-element array, then array_cat.
    const bool append =
        lt.IsArray() && !rt.IsArray() && CanCast(rt, lt.Element(), CastContext::kImplicit);
    const bool prepend = rt.IsArray() && !lt.IsArray() && lt.id != TypeId::kUnknown &&
                         CanCast(lt, rt.Element(), CastContext::kImplicit);
    if (append || prepend) {
      const DataType array_type = append ? lt : rt;
      BoundExprPtr& element = append ? right : left;
      auto wrapped = BoundExpr::Make(BoundExprKind::kArray, array_type, element->position);
      wrapped->children.push_back(
          CoerceOrThrow(std::move(element), array_type.Element(), CastContext::kImplicit));
      element = std::move(wrapped);
      auto e = BoundExpr::Make(BoundExprKind::kConcat, array_type, leftmost);
      e->children.push_back(std::move(left));
      e->children.push_back(std::move(right));
      return e;
    }
    const bool bytea_left =
        lt.id == TypeId::kBytea && (rt.id == TypeId::kBytea || rt.id == TypeId::kUnknown);
    const bool bytea_right = rt.id == TypeId::kBytea && lt.id == TypeId::kUnknown;
    if (bytea_left || bytea_right) {
      // byteacat: an untyped literal on the other side is read as bytea.
      const DataType bytea = DataType::Of(TypeId::kBytea);
      auto e = BoundExpr::Make(BoundExprKind::kConcat, bytea, leftmost);
      e->children.push_back(CoerceOrThrow(std::move(left), bytea, CastContext::kImplicit));
      e->children.push_back(CoerceOrThrow(std::move(right), bytea, CastContext::kImplicit));
      return e;
    }
    // text || anything and anything || text concatenate the text forms.
    bool ok =
        lt.IsString() || rt.IsString() || lt.id == TypeId::kUnknown || rt.id == TypeId::kUnknown;
    if (!ok) ThrowNoOperator(op, lt, rt, position);
    if (lt.IsArray() || rt.IsArray()) {
      // PostgreSQL picks array_cat/array_append here, not text concatenation.
      ThrowAt(sqlstate::kFeatureNotSupported, "array concatenation is not supported yet", position);
    }
    auto e = BoundExpr::Make(BoundExprKind::kConcat, DataType::Of(TypeId::kText), leftmost);
    e->children.push_back(
        CoerceOrThrow(std::move(left), DataType::Of(TypeId::kText), CastContext::kExplicit));
    e->children.push_back(
        CoerceOrThrow(std::move(right), DataType::Of(TypeId::kText), CastContext::kExplicit));
    return e;
  }
  if (op == "^") {
    // pg_operator has float8 ^ float8 and numeric ^ numeric: a numeric
    // operand without a float one picks numeric, everything else float8.
    auto is_float = [](const DataType& t) { return t.IsFloat(); };
    auto is_numeric = [](const DataType& t) { return t.id == TypeId::kNumeric; };
    for (const BoundExprPtr* side : {&left, &right}) {
      TypeId id = (*side)->type.id;
      if (id != TypeId::kUnknown && !(*side)->type.IsNumeric()) {
        ThrowNoOperator(op, left->type, right->type, position);
      }
    }
    if ((is_numeric(left->type) || is_numeric(right->type)) && !is_float(left->type) &&
        !is_float(right->type)) {
      DataType numeric = DataType::Of(TypeId::kNumeric);
      auto e = BoundExpr::Make(BoundExprKind::kArithmetic, numeric, leftmost);
      e->arithmetic_op = ArithmeticOp::kPower;
      e->compare_type = numeric;
      e->children.push_back(CoerceOrThrow(std::move(left), numeric, CastContext::kImplicit));
      e->children.push_back(CoerceOrThrow(std::move(right), numeric, CastContext::kImplicit));
      return e;
    }
    DataType float8 = DataType::Of(TypeId::kFloat8);
    auto e = BoundExpr::Make(BoundExprKind::kArithmetic, float8, leftmost);
    e->arithmetic_op = ArithmeticOp::kPower;
    e->compare_type = float8;
    e->children.push_back(CoerceOrThrow(std::move(left), float8, CastContext::kImplicit));
    e->children.push_back(CoerceOrThrow(std::move(right), float8, CastContext::kImplicit));
    return e;
  }
  ArithmeticOp arith;
  if (op == "+") {
    arith = ArithmeticOp::kAdd;
  } else if (op == "-") {
    arith = ArithmeticOp::kSubtract;
  } else if (op == "*") {
    arith = ArithmeticOp::kMultiply;
  } else if (op == "/") {
    arith = ArithmeticOp::kDivide;
  } else if (op == "%") {
    arith = ArithmeticOp::kModulo;
  } else {
    ThrowNoOperator(op, left->type, right->type, position);
  }
  if (left->type.id == TypeId::kUnknown && right->type.id == TypeId::kUnknown) {
    throw Error(sqlstate::kAmbiguousFunction,
                fmt::format("operator is not unique: unknown {} unknown", op))
        .WithHint(
            "Could not choose a best candidate operator. You might need to add explicit type "
            "casts.")
        .WithPosition(position);
  }
  if (BoundExprPtr e = BindDatetimeArithmetic(op, arith, left, right, position)) return e;
  // date +/- integer, date - date: days.
  if (IsDateLike(left->type) || IsDateLike(right->type)) {
    if (left->type.id == TypeId::kUnknown) {
      left = CoerceOrThrow(std::move(left),
                           arith == ArithmeticOp::kSubtract ? DataType::Of(TypeId::kDate)
                                                            : DataType::Of(TypeId::kInt4),
                           CastContext::kImplicit);
    }
    if (right->type.id == TypeId::kUnknown) {
      // date - 'x' is date - date, the operator with both operands date.
      right = CoerceOrThrow(std::move(right),
                            arith == ArithmeticOp::kSubtract && IsDateLike(left->type)
                                ? DataType::Of(TypeId::kDate)
                                : DataType::Of(TypeId::kInt4),
                            CastContext::kImplicit);
    }
    DataType lt = left->type;
    DataType rt = right->type;
    DataType result;
    if (arith == ArithmeticOp::kAdd && IsDateLike(lt) && rt.IsInteger()) {
      result = lt;
    } else if (arith == ArithmeticOp::kAdd && lt.IsInteger() && IsDateLike(rt)) {
      result = rt;
    } else if (arith == ArithmeticOp::kSubtract && IsDateLike(lt) && rt.IsInteger()) {
      result = lt;
    } else if (arith == ArithmeticOp::kSubtract && IsDateLike(lt) && IsDateLike(rt)) {
      result = DataType::Of(TypeId::kInt4);
    } else {
      ThrowNoOperator(op, lt, rt, position);
    }
    auto e = BoundExpr::Make(BoundExprKind::kArithmetic, result, leftmost);
    e->arithmetic_op = arith;
    e->compare_type = lt;  // the operand domain: dates and integers are both int64
    e->children.push_back(std::move(left));
    e->children.push_back(std::move(right));
    return e;
  }
  ResolveUnknowns(left, right);
  std::optional<DataType> type = PromoteNumeric(left->type, right->type);
  if (!type || (arith == ArithmeticOp::kModulo && type->IsFloat())) {
    ThrowNoOperator(op, left->type, right->type, position);
  }
  auto e = BoundExpr::Make(BoundExprKind::kArithmetic, *type, leftmost);
  e->arithmetic_op = arith;
  e->compare_type = *type;
  e->children.push_back(CoerceOrThrow(std::move(left), *type, CastContext::kImplicit));
  e->children.push_back(CoerceOrThrow(std::move(right), *type, CastContext::kImplicit));
  return e;
}

BoundExprPtr Binder::BindLogical(BoundExprKind kind, std::string_view name,
                                 std::vector<BoundExprPtr> args, int position) {
  auto e = BoundExpr::Make(kind, DataType::Of(TypeId::kBool), position);
  for (BoundExprPtr& arg : args) {
    BoundExprPtr b = CoerceToBoolean(std::move(arg), name);
    e->position = Leftmost(e->position, b->position);
    // Chains written in SQL were flattened as they were read (BindBinary);
    // an AND that BETWEEN or a row comparison expanded into stays one term,
    // as in PostgreSQL's trees (pg_get_viewdef prints it in parentheses).
    // The planner splits nested ANDs into conjuncts (SplitConjuncts).
    e->children.push_back(std::move(b));
  }
  return e;
}

}  // namespace basalt::sql
