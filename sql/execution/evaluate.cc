#include "sql/execution/evaluate.h"

#include <optional>

#include <fmt/format.h>

#include "common/cast.h"
#include "common/stack_depth.h"
#include "common/value_text.h"
#include "sql/execution/arithmetic.h"
#include "sql/execution/array_shape.h"
#include "sql/execution/in_list.h"
#include "sql/execution/scalar_function.h"
#include "sql/execution/subquery.h"

namespace basalt::sql {

namespace {

bool ApplyCompare(CompareOp op, int c) {
  switch (op) {
    case CompareOp::kEqual: return c == 0;
    case CompareOp::kNotEqual: return c != 0;
    case CompareOp::kLess: return c < 0;
    case CompareOp::kLessEqual: return c <= 0;
    case CompareOp::kGreater: return c > 0;
    case CompareOp::kGreaterEqual: return c >= 0;
  }
  return false;
}

// A column or constant operand by reference, so comparing it copies no
// value (no string copies in a filter); anything else is evaluated into *temp.
const Value& Operand(const BoundExpr& e, const Row& row, ExecContext* ctx, Value* temp) {
  if (e.kind == BoundExprKind::kColumn) return row[e.column_index];
  if (e.kind == BoundExprKind::kConstant) return e.value;
  *temp = Evaluate(e, row, ctx);
  return *temp;
}

// kCompare: nullopt for NULL.
std::optional<bool> EvaluateCompare(const BoundExpr& e, const Row& row, ExecContext* ctx) {
  Value temp_a;
  const Value& a = Operand(*e.children[0], row, ctx, &temp_a);
  if (a.is_null()) return std::nullopt;
  Value temp_b;
  const Value& b = Operand(*e.children[1], row, ctx, &temp_b);
  if (b.is_null()) return std::nullopt;
  return ApplyCompare(e.compare_op, CompareValues(a, b, e.compare_type));
}

// `children[0] op ANY | ALL (children[1])` by PostgreSQL's ScalarArrayOpExpr
// rules: an empty array gives false for ANY and true for ALL, even for a
// NULL left operand; otherwise a NULL operand or element that could decide
// the result makes it NULL. `test` applies op to two non-NULL values.
template <typename Test>
Value QuantifiedOverArray(const BoundExpr& e, const Row& row, ExecContext* ctx, Test test) {
  Value array = Evaluate(*e.children[1], row, ctx);
  if (array.is_null()) return Value::Null();
  const std::vector<Value>& elements = array.AsArray();
  if (elements.empty()) return Value::Bool(e.all);
  Value left = Evaluate(*e.children[0], row, ctx);
  if (left.is_null()) return Value::Null();
  bool saw_null = false;
  for (const Value& element : elements) {
    if (element.is_null()) {
      saw_null = true;
      continue;
    }
    const bool match = test(left, element);
    if (match != e.all) return Value::Bool(match);
  }
  return saw_null ? Value::Null() : Value::Bool(e.all);
}

// kArrayCompare: a comparison with each element.
Value EvaluateArrayCompare(const BoundExpr& e, const Row& row, ExecContext* ctx) {
  const DataType element_type = e.children[1]->type.Element();
  // xid = int4 compares the int4 as an xid (CompareValues); any other domain
  // than the element type takes the element through its implicit cast.
  const bool convert =
      e.compare_type.id != TypeId::kXid && !DataType::CompareAlike(e.compare_type, element_type);
  return QuantifiedOverArray(e, row, ctx, [&](const Value& left, const Value& element) {
    if (!convert) return ApplyCompare(e.compare_op, CompareValues(left, element, e.compare_type));
    Result<Value> v = CastValue(element, element_type, e.compare_type, CastContext::kImplicit);
    if (!v.ok()) ThrowStatus(v.status());
    return ApplyCompare(e.compare_op, CompareValues(left, *v, e.compare_type));
  });
}

// kLike over an array of patterns: a match with each pattern.
Value EvaluateLikeAnyAll(const BoundExpr& e, const Row& row, ExecContext* ctx) {
  return QuantifiedOverArray(e, row, ctx, [&](const Value& subject, const Value& pattern) {
    return LikeMatch(subject.AsString(), pattern.AsString(), e.case_insensitive, "\\",
                     /*bytewise=*/false) != e.negated;
  });
}

}  // namespace

Value Evaluate(const BoundExpr& e, const Row& row, ExecContext* ctx) {
  CheckStackDepth();
  switch (e.kind) {
    case BoundExprKind::kConstant: return e.value;
    case BoundExprKind::kColumn: return row[e.column_index];
    case BoundExprKind::kParameter:
      if (ctx == nullptr || ctx->parameters == nullptr ||
          e.parameter_index >= static_cast<int>(ctx->parameters->size())) {
        throw Error(sqlstate::kUndefinedParameter,
                    fmt::format("there is no parameter ${}", e.parameter_index + 1));
      }
      return (*ctx->parameters)[e.parameter_index];
    case BoundExprKind::kCast: {
      Value v = Evaluate(*e.children[0], row, ctx);
      if (v.is_null()) return v;
      Result<Value> out = CastValue(v, e.children[0]->type, e.type, e.cast_context);
      if (!out.ok()) ThrowStatus(out.status());
      return std::move(out).value();
    }
    case BoundExprKind::kArithmetic:
      return Arithmetic(e.arithmetic_op, Evaluate(*e.children[0], row, ctx),
                        Evaluate(*e.children[1], row, ctx), e.compare_type, e.type);
    case BoundExprKind::kNegate: return Negate(Evaluate(*e.children[0], row, ctx), e.type);
    case BoundExprKind::kCompare: {
      std::optional<bool> result = EvaluateCompare(e, row, ctx);
      return result.has_value() ? Value::Bool(*result) : Value::Null();
    }
    case BoundExprKind::kConcat: {
      Value a = Evaluate(*e.children[0], row, ctx);
      Value b = Evaluate(*e.children[1], row, ctx);
      if (e.type.IsArray()) {
        // array_cat: a NULL side yields the other.
        if (a.is_null()) return b;
        if (b.is_null()) return a;
        return ConcatArrays(a, b, e.type);
      }
      if (a.is_null() || b.is_null()) return Value::Null();
      return Value::String(a.AsString() + b.AsString());
    }
    case BoundExprKind::kAnd: {
      bool saw_null = false;
      for (const BoundExprPtr& c : e.children) {
        Value v = Evaluate(*c, row, ctx);
        if (v.is_null()) {
          saw_null = true;
        } else if (!v.AsBool()) {
          return Value::Bool(false);
        }
      }
      return saw_null ? Value::Null() : Value::Bool(true);
    }
    case BoundExprKind::kOr: {
      bool saw_null = false;
      for (const BoundExprPtr& c : e.children) {
        Value v = Evaluate(*c, row, ctx);
        if (v.is_null()) {
          saw_null = true;
        } else if (v.AsBool()) {
          return Value::Bool(true);
        }
      }
      return saw_null ? Value::Null() : Value::Bool(false);
    }
    case BoundExprKind::kNot: {
      Value v = Evaluate(*e.children[0], row, ctx);
      return v.is_null() ? v : Value::Bool(!v.AsBool());
    }
    case BoundExprKind::kIsNull: {
      const Value v = Evaluate(*e.children[0], row, ctx);
      if (!e.children[0]->type.IsRowType() || v.is_null()) {
        return Value::Bool(v.is_null() != e.negated);
      }
      // A row IS NULL when every field is, IS NOT NULL when none is.
      const std::vector<Value>& fields = v.AsArray();
      return Value::Bool(
          std::ranges::all_of(fields, [&](const Value& f) { return f.is_null() != e.negated; }));
    }
    case BoundExprKind::kIsDistinct: {
      Value a = Evaluate(*e.children[0], row, ctx);
      Value b = Evaluate(*e.children[1], row, ctx);
      bool distinct;
      if (a.is_null() || b.is_null()) {
        distinct = a.is_null() != b.is_null();
      } else {
        distinct = CompareValues(a, b, e.compare_type) != 0;
      }
      return Value::Bool(distinct != e.negated);
    }
    case BoundExprKind::kLike: {
      if (e.children[1]->type.IsArray()) return EvaluateLikeAnyAll(e, row, ctx);
      Value a = Evaluate(*e.children[0], row, ctx);
      Value b = Evaluate(*e.children[1], row, ctx);
      if (a.is_null() || b.is_null()) return Value::Null();
      const bool bytewise = e.children[0]->type.id == TypeId::kBytea;
      if (e.children.size() > 2) {  // LIKE ... ESCAPE e
        Value escape = Evaluate(*e.children[2], row, ctx);
        if (escape.is_null()) return Value::Null();
        return Value::Bool(LikeMatch(a.AsString(), b.AsString(), e.case_insensitive,
                                     escape.AsString(), bytewise) != e.negated);
      }
      return Value::Bool(
          LikeMatch(a.AsString(), b.AsString(), e.case_insensitive, "\\", bytewise) != e.negated);
    }
    case BoundExprKind::kIn: {
      Value a = Evaluate(*e.children[0], row, ctx);
      if (a.is_null()) return Value::Null();
      if (e.in_set != nullptr) return LookUpInList(e, a);
      bool saw_null = false;
      for (size_t i = 1; i < e.children.size(); ++i) {
        Value v = Evaluate(*e.children[i], row, ctx);
        if (v.is_null()) {
          saw_null = true;
        } else if (CompareValues(a, v, e.compare_type) == 0) {
          return Value::Bool(!e.negated);
        }
      }
      return saw_null ? Value::Null() : Value::Bool(e.negated);
    }
    case BoundExprKind::kCase: {
      size_t pairs = (e.children.size() - (e.has_else ? 1 : 0)) / 2;
      for (size_t i = 0; i < pairs; ++i) {
        Value c = Evaluate(*e.children[2 * i], row, ctx);
        if (!c.is_null() && c.AsBool()) return Evaluate(*e.children[2 * i + 1], row, ctx);
      }
      return e.has_else ? Evaluate(*e.children.back(), row, ctx) : Value::Null();
    }
    case BoundExprKind::kFunction: return EvaluateFunction(e, row, ctx);
    case BoundExprKind::kArray: {
      std::vector<Value> elements;
      elements.reserve(e.children.size());
      for (const BoundExprPtr& c : e.children) elements.push_back(Evaluate(*c, row, ctx));
      if (e.type.IsArray() && !e.children.empty() && e.children[0]->type.IsArray()) {
        return ArrayOfSubArrays(elements, e.children[0]->type);
      }
      return Value::Array(std::move(elements));
    }
    case BoundExprKind::kArrayCompare: return EvaluateArrayCompare(e, row, ctx);
    case BoundExprKind::kOuterColumn: return (*ctx->outer_values.back())[e.column_index];
    case BoundExprKind::kSubquery: return EvaluateSubquery(e, row, ctx);
    case BoundExprKind::kAggregate:
      // The binder moves every call into the query's Aggregate operator.
      throw Error(sqlstate::kInternalError, "aggregate call evaluated as a scalar");
    case BoundExprKind::kWindow:
      // And every window call into a WindowAgg.
      throw Error(sqlstate::kInternalError, "window function call evaluated as a scalar");
  }
  throw Error(sqlstate::kInternalError, "unknown bound expression kind");
}

bool EvaluatePredicate(const BoundExpr& expr, const Row& row, ExecContext* ctx) {
  if (expr.kind == BoundExprKind::kCompare) return EvaluateCompare(expr, row, ctx).value_or(false);
  Value v = Evaluate(expr, row, ctx);
  return !v.is_null() && v.AsBool();
}

void ThrowStatus(const Status& status) {
  throw Error::FromStatus(status);
}

}  // namespace basalt::sql
