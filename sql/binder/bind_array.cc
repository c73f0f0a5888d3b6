// Arrays: ARRAY[...] constructors and `x op ANY|ALL (array)`, for the
// element types that have an array type (DataType::ArrayType); others get
// 0A000.
#include <fmt/format.h>

#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"

namespace basalt::sql {

namespace {

[[noreturn]] void UnsupportedArrayOf(const DataType& element, int position) {
  ThrowAt(sqlstate::kFeatureNotSupported,
          fmt::format("type {}[] is not supported yet", TypeNameForMessage(element)), position);
}

}  // namespace

BoundExprPtr Binder::BindArray(const ast::ArrayConstructor& array, const Scope& scope,
                               const DataType* cast_to) {
  if (cast_to != nullptr) {
    const DataType element = cast_to->Element();
    auto e = BoundExpr::Make(BoundExprKind::kArray, *cast_to, array.position);
    for (const ast::ExprPtr& item : array.elements) {
      // A sub-array is of the array type itself (one more dimension).
      if (item->kind() == ast::ExprKind::kArray) {
        e->children.push_back(BindArray(item->As<ast::ArrayConstructor>(), scope, cast_to));
        continue;
      }
      e->children.push_back(
          CoerceOrThrow(BindExpression(*item, scope), element, CastContext::kExplicit));
    }
    return e;
  }
  if (array.elements.empty()) {
    throw Error(sqlstate::kIndeterminateDatatype, "cannot determine type of empty array")
        .WithHint("Explicitly cast to the desired type, for example ARRAY[]::integer[].")
        .WithPosition(array.position);
  }
  std::vector<BoundExprPtr> elements;
  DataType type = DataType::Of(TypeId::kUnknown);
  for (const ast::ExprPtr& item : array.elements) {
    elements.push_back(BindExpression(*item, scope));
    const DataType& t = elements.back()->type;
    if (t.id == TypeId::kUnknown) continue;  // literals adapt afterwards
    std::optional<DataType> common = CommonType(type, t);
    if (!common) {
      ThrowAt(sqlstate::kDatatypeMismatch,
              fmt::format("ARRAY types {} and {} cannot be matched", TypeNameForMessage(type),
                          TypeNameForMessage(t)),
              elements.back()->position);
    }
    type = *common;
  }
  if (type.id == TypeId::kUnknown) type = DataType::Of(TypeId::kText);
  if (type.IsArray() && type.id != TypeId::kInt2Vector && type.id != TypeId::kOidVector) {
    // Arrays of arrays: one array of one more dimension (evaluate.cc).
    type = WithoutTypeModifier(type);
    auto e = BoundExpr::Make(BoundExprKind::kArray, type, array.position);
    for (BoundExprPtr& element : elements) {
      e->children.push_back(CoerceOrThrow(std::move(element), type, CastContext::kImplicit));
    }
    return e;
  }
  std::optional<DataType> array_type = type.ResultArrayType();
  if (!array_type) UnsupportedArrayOf(type, array.position);
  type = WithoutTypeModifier(type);
  auto e = BoundExpr::Make(BoundExprKind::kArray, *array_type, array.position);
  for (BoundExprPtr& element : elements) {
    e->children.push_back(CoerceOrThrow(std::move(element), type, CastContext::kImplicit));
  }
  return e;
}

BoundExprPtr Binder::BindAnyAll(const ast::AnyAll& expr, const Scope& scope) {
  if (IsLikeOperator(expr.op)) return BindLikeAnyAll(expr, scope);
  BoundExprPtr left = BindExpression(*expr.left, scope);
  BoundExprPtr array = BindExpression(*expr.array, scope);
  if (IsUnknownLiteral(*array)) {
    // The literal is read as an array of the left operand's type.
    DataType element =
        left->type.id == TypeId::kUnknown ? DataType::Of(TypeId::kText) : left->type.Unmodified();
    std::optional<DataType> array_type = element.ResultArrayType();
    if (!array_type) UnsupportedArrayOf(element, array->position);
    array = CoerceOrThrow(std::move(array), *array_type, CastContext::kImplicit);
  }
  if (!array->type.IsArray()) {
    ThrowAt(sqlstate::kWrongObjectType, "op ANY/ALL (array) requires array on right side",
            expr.position);
  }
  const DataType element_type = array->type.Element();
  if (left->type.id == TypeId::kUnknown) {
    left = CoerceOrThrow(std::move(left), element_type, CastContext::kImplicit);
  }
  // Resolved as `left op element`.
  const std::string& op = expr.op;
  bool comparison = op == "=" || op == "<>" || op == "<" || op == "<=" || op == ">" || op == ">=";
  DataType compare_type;
  if (left->type.id == TypeId::kXid && (op == "=" || op == "<>")) {
    compare_type = left->type;  // xideqint4, as BindComparison
  } else {
    std::optional<DataType> common = CommonType(left->type, element_type);
    if (!comparison || !common || left->type.id == TypeId::kXid) {
      throw Error(sqlstate::kUndefinedFunction,
                  fmt::format("operator does not exist: {} {} {}", TypeNameForMessage(left->type),
                              op, TypeNameForMessage(element_type)))
          .WithHint(
              "No operator matches the given name and argument types. You might need to add "
              "explicit type casts.")
          .WithPosition(expr.position);
    }
    compare_type = *common;
    left = CoerceOrThrow(std::move(left), compare_type, CastContext::kImplicit);
  }
  auto e = BoundExpr::Make(BoundExprKind::kArrayCompare, DataType::Of(TypeId::kBool),
                           left->position != 0 ? left->position : expr.position);
  e->compare_op = op == "="    ? CompareOp::kEqual
                  : op == "<>" ? CompareOp::kNotEqual
                  : op == "<"  ? CompareOp::kLess
                  : op == "<=" ? CompareOp::kLessEqual
                  : op == ">"  ? CompareOp::kGreater
                               : CompareOp::kGreaterEqual;
  e->compare_type = compare_type;
  e->all = expr.all;
  e->children.push_back(std::move(left));
  e->children.push_back(std::move(array));
  return e;
}

BoundExprPtr Binder::BindLikeAnyAll(const ast::AnyAll& expr, const Scope& scope) {
  BoundExprPtr left = BindExpression(*expr.left, scope);
  BoundExprPtr array = BindExpression(*expr.array, scope);
  if (IsUnknownLiteral(*array)) {
    array =
        CoerceOrThrow(std::move(array), DataType::Of(TypeId::kTextArray), CastContext::kImplicit);
  }
  if (!array->type.IsArray()) {
    ThrowAt(sqlstate::kWrongObjectType, "op ANY/ALL (array) requires array on right side",
            expr.position);
  }
  return BindLikeOperator(expr.op, std::move(left), std::move(array), expr.all, expr.position);
}

bool IsLikeOperator(std::string_view op) {
  return op == "~~" || op == "!~~" || op == "~~*" || op == "!~~*";
}

BoundExprPtr BindLikeOperator(std::string_view op, BoundExprPtr subject, BoundExprPtr pattern,
                              bool all, int position) {
  const DataType subject_type = subject->type;
  const bool quantified = pattern->type.IsArray();
  const DataType pattern_type = quantified ? pattern->type.Element() : pattern->type;
  if (subject_type.IsString() || subject_type.id == TypeId::kUnknown) {
    subject = CoercePatternSubject(std::move(subject));
  } else {
    subject = nullptr;
  }
  if (pattern_type.IsString() || pattern_type.id == TypeId::kUnknown) {
    pattern =
        TryCoerce(std::move(pattern), DataType::Of(quantified ? TypeId::kTextArray : TypeId::kText),
                  CastContext::kImplicit);
  } else {
    pattern = nullptr;
  }
  if (subject == nullptr || pattern == nullptr) {
    ThrowNoOperator(op, subject_type, pattern_type, position);
  }
  auto e = BoundExpr::Make(BoundExprKind::kLike, DataType::Of(TypeId::kBool),
                           subject->position != 0 ? subject->position : position);
  e->negated = op.starts_with('!');
  e->case_insensitive = op.ends_with('*');
  e->all = all;
  e->children.push_back(std::move(subject));
  e->children.push_back(std::move(pattern));
  return e;
}

}  // namespace basalt::sql
