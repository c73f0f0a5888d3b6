// Arithmetic on integers (checked against the result type's range), floats
// and numerics, with PostgreSQL's error codes and messages.
#include <cmath>
#include <limits>

#include "sql/execution/arithmetic.h"
#include "sql/execution/datetime_arithmetic.h"

namespace basalt::sql {

int64_t CheckIntegerRange(int64_t v, TypeId type) {
  switch (type) {
    case TypeId::kInt2:
      if (v < INT16_MIN || v > INT16_MAX)
        throw Error(sqlstate::kNumericValueOutOfRange, "smallint out of range");
      break;
    case TypeId::kInt4:
      if (v < INT32_MIN || v > INT32_MAX)
        throw Error(sqlstate::kNumericValueOutOfRange, "integer out of range");
      break;
    default: break;
  }
  return v;
}

namespace {

[[noreturn]] void IntegerOverflow(TypeId type) {
  throw Error(sqlstate::kNumericValueOutOfRange, type == TypeId::kInt2   ? "smallint out of range"
                                                 : type == TypeId::kInt4 ? "integer out of range"
                                                                         : "bigint out of range");
}

[[noreturn]] void DivisionByZero() {
  throw Error(sqlstate::kDivisionByZero, "division by zero");
}

Value IntegerArithmetic(ArithmeticOp op, int64_t a, int64_t b, TypeId result) {
  int64_t out = 0;
  switch (op) {
    case ArithmeticOp::kAdd:
      if (__builtin_add_overflow(a, b, &out)) IntegerOverflow(result);
      break;
    case ArithmeticOp::kSubtract:
      if (__builtin_sub_overflow(a, b, &out)) IntegerOverflow(result);
      break;
    case ArithmeticOp::kMultiply:
      if (__builtin_mul_overflow(a, b, &out)) IntegerOverflow(result);
      break;
    case ArithmeticOp::kDivide:
      if (b == 0) DivisionByZero();
      if (b == -1) {
        if (__builtin_sub_overflow(int64_t{0}, a, &out)) IntegerOverflow(result);
      } else {
        out = a / b;  // truncates toward zero, as PostgreSQL
      }
      break;
    case ArithmeticOp::kModulo:
      if (b == 0) DivisionByZero();
      out = b == -1 ? 0 : a % b;
      break;
    case ArithmeticOp::kPower:  // the binder resolves ^ to float8
      throw Error(sqlstate::kInternalError, "integer ^ reached the executor");
  }
  if (result == TypeId::kDate || result == TypeId::kTimestamp) return Value::Int(out);
  if ((result == TypeId::kInt2 && (out < INT16_MIN || out > INT16_MAX)) ||
      (result == TypeId::kInt4 && (out < INT32_MIN || out > INT32_MAX))) {
    IntegerOverflow(result);
  }
  return Value::Int(out);
}

// PostgreSQL's dpow: the C library's pow with SQL's errors.
Value FloatPower(double a, double b) {
  if (std::isnan(a)) return Value::Float(b == 0 ? 1.0 : a);
  if (std::isnan(b)) return Value::Float(a == 1 ? 1.0 : b);
  if (a == 0 && b < 0) {
    throw Error(sqlstate::kInvalidArgumentForPowerFunction,
                "zero raised to a negative power is undefined");
  }
  if (a < 0 && std::floor(b) != b && !std::isinf(b)) {
    throw Error(sqlstate::kInvalidArgumentForPowerFunction,
                "a negative number raised to a non-integer power yields a complex result");
  }
  double out = std::pow(a, b);
  if (std::isinf(out) && !std::isinf(a) && !std::isinf(b)) {
    throw Error(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
  }
  if (out == 0 && a != 0 && !std::isinf(a) && !std::isinf(b)) {
    throw Error(sqlstate::kNumericValueOutOfRange, "value out of range: underflow");
  }
  return Value::Float(out);
}

Value FloatArithmetic(ArithmeticOp op, double a, double b, TypeId result) {
  double out = 0;
  switch (op) {
    case ArithmeticOp::kAdd: out = a + b; break;
    case ArithmeticOp::kSubtract: out = a - b; break;
    case ArithmeticOp::kMultiply: out = a * b; break;
    case ArithmeticOp::kDivide:
      if (b == 0) DivisionByZero();
      out = a / b;
      break;
    case ArithmeticOp::kModulo: out = std::fmod(a, b); break;
    case ArithmeticOp::kPower: return FloatPower(a, b);
  }
  if (result == TypeId::kFloat4) out = static_cast<float>(out);
  if (std::isinf(out) && !std::isinf(a) && !std::isinf(b)) {
    throw Error(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
  }
  if (out == 0 && a != 0 && op == ArithmeticOp::kMultiply && b != 0) {
    throw Error(sqlstate::kNumericValueOutOfRange, "value out of range: underflow");
  }
  return Value::Float(out);
}

Value NumericArithmetic(ArithmeticOp op, const Numeric& a, const Numeric& b) {
  Result<Numeric> out = [&] {
    switch (op) {
      case ArithmeticOp::kAdd: return a.Add(b);
      case ArithmeticOp::kSubtract: return a.Subtract(b);
      case ArithmeticOp::kMultiply: return a.Multiply(b);
      case ArithmeticOp::kDivide: return a.Divide(b);
      case ArithmeticOp::kModulo: return a.Modulo(b);
      case ArithmeticOp::kPower: return a.Power(b);
    }
    return a.Add(b);
  }();
  if (!out.ok()) ThrowStatus(out.status());
  return Value::Decimal(std::move(out).value());
}

}  // namespace

Value Arithmetic(ArithmeticOp op, const Value& a, const Value& b, const DataType& operand_type,
                 const DataType& result_type) {
  if (a.is_null() || b.is_null()) return Value::Null();
  if (IsDatetimeArithmetic(operand_type, result_type)) {
    return DatetimeArithmetic(op, a, b, operand_type, result_type);
  }
  switch (operand_type.id) {
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kDate:
    case TypeId::kTimestamp: return IntegerArithmetic(op, a.AsInt(), b.AsInt(), result_type.id);
    case TypeId::kFloat4:
    case TypeId::kFloat8: return FloatArithmetic(op, a.AsFloat(), b.AsFloat(), result_type.id);
    case TypeId::kNumeric: return NumericArithmetic(op, a.AsNumeric(), b.AsNumeric());
    default: throw Error(sqlstate::kInternalError, "arithmetic on a non-numeric type");
  }
}

Value Negate(const Value& v, const DataType& type) {
  if (v.is_null()) return v;
  switch (type.id) {
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8: {
      int64_t out = 0;
      if (__builtin_sub_overflow(int64_t{0}, v.AsInt(), &out)) IntegerOverflow(type.id);
      return Value::Int(CheckIntegerRange(out, type.id));
    }
    case TypeId::kFloat4:
    case TypeId::kFloat8: return Value::Float(-v.AsFloat());
    case TypeId::kNumeric: return Value::Decimal(v.AsNumeric().Negate());
    case TypeId::kInterval: return NegateInterval(v);
    default: throw Error(sqlstate::kInternalError, "negation of a non-numeric type");
  }
}

}  // namespace basalt::sql
