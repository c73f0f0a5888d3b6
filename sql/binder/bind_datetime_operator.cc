#include "sql/binder/bind_datetime_operator.h"

#include <fmt/format.h>

#include "sql/binder/bind_error.h"
#include "sql/binder/coerce.h"

namespace basalt::sql {
namespace {

bool IsTimestampType(TypeId id) {
  return id == TypeId::kTimestamp || id == TypeId::kTimestampTz;
}

bool IsDatetimeOperand(TypeId id) {
  return IsTimestampType(id) || id == TypeId::kInterval || id == TypeId::kTime ||
         id == TypeId::kTimeTz;
}

// The type an untyped literal gets beside an operand of type `known`
// (PostgreSQL: the operator with both sides `known` if there is one, else
// the only candidate).
std::optional<TypeId> UnknownOperandType(TypeId known, ArithmeticOp op, bool unknown_on_left) {
  const bool add = op == ArithmeticOp::kAdd;
  const bool subtract = op == ArithmeticOp::kSubtract;
  if (IsTimestampType(known) || known == TypeId::kTime) {
    if (add) return TypeId::kInterval;
    if (subtract) return known;
    return std::nullopt;
  }
  if (known == TypeId::kTimeTz && subtract && !unknown_on_left) return TypeId::kInterval;
  if (known == TypeId::kInterval) {
    if (add || subtract) return TypeId::kInterval;
    if (op == ArithmeticOp::kMultiply) return TypeId::kFloat8;
    if (op == ArithmeticOp::kDivide && !unknown_on_left) return TypeId::kFloat8;
  }
  return std::nullopt;
}

BoundExprPtr Make(ArithmeticOp arith, DataType result, BoundExprPtr& left, BoundExprPtr& right,
                  int position) {
  const int leftmost = left->position > 0 && left->position < position ? left->position : position;
  auto e = BoundExpr::Make(BoundExprKind::kArithmetic, result, leftmost);
  e->arithmetic_op = arith;
  e->compare_type = DataType::Of(left->type.id);
  e->children.push_back(std::move(left));
  e->children.push_back(std::move(right));
  return e;
}

void CoerceTo(BoundExprPtr& e, TypeId type) {
  if (e->type.id != type)
    e = CoerceOrThrow(std::move(e), DataType::Of(type), CastContext::kImplicit);
}

}  // namespace

BoundExprPtr BindDatetimeArithmetic(std::string_view op, ArithmeticOp arith, BoundExprPtr& left,
                                    BoundExprPtr& right, int position) {
  if (!IsDatetimeOperand(left->type.id) && !IsDatetimeOperand(right->type.id)) return nullptr;
  if (left->type.id == TypeId::kUnknown) {
    std::optional<TypeId> t = UnknownOperandType(right->type.id, arith, true);
    if (!t) ThrowNoOperator(op, left->type, right->type, position);
    CoerceTo(left, *t);
  } else if (right->type.id == TypeId::kUnknown) {
    if (left->type.id == TypeId::kTimeTz && arith == ArithmeticOp::kAdd) {
      // timetz + interval and timetz + date both exist: the literal cannot choose.
      throw Error(sqlstate::kAmbiguousFunction,
                  fmt::format("operator is not unique: {} {} unknown", left->type.Name(), op))
          .WithHint(
              "Could not choose a best candidate operator. You might need to add explicit type "
              "casts.")
          .WithPosition(position);
    }
    std::optional<TypeId> t = UnknownOperandType(left->type.id, arith, false);
    if (!t) ThrowNoOperator(op, left->type, right->type, position);
    CoerceTo(right, *t);
  }
  const TypeId l = left->type.id;
  const TypeId r = right->type.id;
  const bool add = arith == ArithmeticOp::kAdd;
  const bool subtract = arith == ArithmeticOp::kSubtract;
  const DataType interval = DataType::Of(TypeId::kInterval);
  // timestamp +- interval, interval + timestamp, and the same for a date,
  // which becomes a timestamp.
  auto timestamp_like = [](TypeId id) { return IsTimestampType(id) || id == TypeId::kDate; };
  if ((add || subtract) && timestamp_like(l) && r == TypeId::kInterval) {
    if (l == TypeId::kDate) CoerceTo(left, TypeId::kTimestamp);
    const DataType result = DataType::Of(left->type.id);
    return Make(arith, result, left, right, position);
  }
  if (add && l == TypeId::kInterval && timestamp_like(r)) {
    if (r == TypeId::kDate) CoerceTo(right, TypeId::kTimestamp);
    const DataType result = DataType::Of(right->type.id);
    return Make(arith, result, left, right, position);
  }
  // timestamp - timestamp: a date or a timestamp beside a timestamptz
  // becomes a timestamptz.
  if (subtract && timestamp_like(l) && timestamp_like(r) &&
      (IsTimestampType(l) || IsTimestampType(r))) {
    const TypeId common = l == TypeId::kTimestampTz || r == TypeId::kTimestampTz
                              ? TypeId::kTimestampTz
                              : TypeId::kTimestamp;
    CoerceTo(left, common);
    CoerceTo(right, common);
    return Make(arith, interval, left, right, position);
  }
  if ((add || subtract) && l == TypeId::kInterval && r == TypeId::kInterval) {
    return Make(arith, interval, left, right, position);
  }
  const bool multiply = arith == ArithmeticOp::kMultiply;
  const bool divide = arith == ArithmeticOp::kDivide;
  if ((multiply || divide) && l == TypeId::kInterval && DataType::Of(r).IsNumeric()) {
    CoerceTo(right, TypeId::kFloat8);
    return Make(arith, interval, left, right, position);
  }
  if (multiply && DataType::Of(l).IsNumeric() && r == TypeId::kInterval) {
    CoerceTo(left, TypeId::kFloat8);
    return Make(arith, interval, left, right, position);
  }
  // time +- interval, interval + time, time - time.
  if ((add || subtract) && l == TypeId::kTime && r == TypeId::kInterval) {
    return Make(arith, DataType::Of(TypeId::kTime), left, right, position);
  }
  if (add && l == TypeId::kInterval && r == TypeId::kTime) {
    return Make(arith, DataType::Of(TypeId::kTime), left, right, position);
  }
  // timetz +- interval, interval + timetz (no timetz - timetz, as PostgreSQL).
  if ((add || subtract) && l == TypeId::kTimeTz && r == TypeId::kInterval) {
    return Make(arith, DataType::Of(TypeId::kTimeTz), left, right, position);
  }
  if (add && l == TypeId::kInterval && r == TypeId::kTimeTz) {
    return Make(arith, DataType::Of(TypeId::kTimeTz), left, right, position);
  }
  if (subtract && l == TypeId::kTime && r == TypeId::kTime) {
    return Make(arith, interval, left, right, position);
  }
  // date + time, time + date: the timestamp at that time of day.
  if (add &&
      ((l == TypeId::kDate && r == TypeId::kTime) || (l == TypeId::kTime && r == TypeId::kDate))) {
    return Make(arith, DataType::Of(TypeId::kTimestamp), left, right, position);
  }
  // date + timetz, timetz + date: the instant of that time on that date.
  if (add && ((l == TypeId::kDate && r == TypeId::kTimeTz) ||
              (l == TypeId::kTimeTz && r == TypeId::kDate))) {
    return Make(arith, DataType::Of(TypeId::kTimestampTz), left, right, position);
  }
  ThrowNoOperator(op, left->type, right->type, position);
}

}  // namespace basalt::sql
