#include "sql/execution/math_function.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>
#include <random>
#include <string>

#include "common/error.h"
#include "common/numeric.h"
#include "sql/execution/evaluate.h"

namespace basalt::sql {
namespace {

Int128 Gcd(Int128 a, Int128 b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    const Int128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

// trunc(n, s) clamps s to int4 first, as PostgreSQL's argument type.
int ScaleArgument(int64_t s) {
  return static_cast<int>(std::clamp<int64_t>(s, std::numeric_limits<int32_t>::min(),
                                              std::numeric_limits<int32_t>::max()));
}

Value GcdOrLcm(const BoundExpr& call, const Value& a, const Value& b) {
  const bool lcm = call.function == ScalarFunction::kLcm;
  if (call.type.id == TypeId::kNumeric) {
    return Value::Decimal(
        OrThrow(lcm ? a.AsNumeric().Lcm(b.AsNumeric()) : a.AsNumeric().Gcd(b.AsNumeric())));
  }
  const bool int4 = call.type.id == TypeId::kInt4;
  const Int128 max =
      int4 ? std::numeric_limits<int32_t>::max() : std::numeric_limits<int64_t>::max();
  const Int128 g = Gcd(a.AsInt(), b.AsInt());
  Int128 result = g;
  if (lcm) {
    result = a.AsInt() == 0 || b.AsInt() == 0 ? 0 : Int128(a.AsInt()) / g * b.AsInt();
    if (result < 0) result = -result;
  }
  if (result > max) {
    throw Error(sqlstate::kNumericValueOutOfRange,
                int4 ? "integer out of range" : "bigint out of range");
  }
  return Value::Int(static_cast<int64_t>(result));
}

Value Modulo(const BoundExpr& call, const Value& a, const Value& b) {
  if (call.type.id == TypeId::kNumeric)
    return Value::Decimal(OrThrow(a.AsNumeric().Modulo(b.AsNumeric())));
  if (b.AsInt() == 0) throw Error(sqlstate::kDivisionByZero, "division by zero");
  if (b.AsInt() == -1) return Value::Int(0);  // INT_MIN % -1 without overflow
  return Value::Int(a.AsInt() % b.AsInt());
}

Value Factorial(int64_t n) {
  return Value::Decimal(OrThrow(Numeric::Factorial(n)));
}

[[noreturn]] void FloatError(std::string_view what) {
  throw Error(sqlstate::kNumericValueOutOfRange,
              std::string("value out of range: ") + std::string(what));
}

// A float8 result checked as PostgreSQL's float_overflow / underflow.
double Checked(double result, double input, bool zero_ok) {
  if (std::isinf(result) && !std::isinf(input)) FloatError("overflow");
  if (result == 0.0 && !zero_ok) FloatError("underflow");
  return result;
}

double Power(double x, double y) {
  if (x == 0 && y < 0) {
    throw Error(sqlstate::kInvalidArgumentForPowerFunction,
                "zero raised to a negative power is undefined");
  }
  if (x < 0 && std::floor(y) != y && std::isfinite(y)) {
    throw Error(sqlstate::kInvalidArgumentForPowerFunction,
                "a negative number raised to a non-integer power yields a complex result");
  }
  const double r = std::pow(x, y);
  if (std::isinf(r) && std::isfinite(x) && std::isfinite(y)) FloatError("overflow");
  if (r == 0.0 && x != 0 && std::isfinite(x) && std::isfinite(y)) FloatError("underflow");
  return r;
}

double Logarithm(double x, bool base10) {
  if (x == 0) throw Error(sqlstate::kInvalidArgumentForLogarithm, "cannot take logarithm of zero");
  if (x < 0) {
    throw Error(sqlstate::kInvalidArgumentForLogarithm,
                "cannot take logarithm of a negative number");
  }
  return base10 ? std::log10(x) : std::log(x);
}

double Trigonometric(ScalarFunction f, double x) {
  const bool inverse_sine_or_cosine = f == ScalarFunction::kAsin || f == ScalarFunction::kAcos;
  if ((inverse_sine_or_cosine && (x < -1 || x > 1)) ||
      (std::isinf(x) && f != ScalarFunction::kAtan && !inverse_sine_or_cosine)) {
    throw Error(sqlstate::kNumericValueOutOfRange, "input is out of range");
  }
  switch (f) {
    case ScalarFunction::kSin: return std::sin(x);
    case ScalarFunction::kCos: return std::cos(x);
    case ScalarFunction::kTan: return std::tan(x);
    case ScalarFunction::kCot: return 1.0 / std::tan(x);
    case ScalarFunction::kAsin: return std::asin(x);
    case ScalarFunction::kAcos: return std::acos(x);
    default: return std::atan(x);
  }
}

int64_t WidthBucket(long double op, long double low, long double high, int64_t count) {
  if (count <= 0) {
    throw Error(sqlstate::kInvalidArgumentForWidthBucket, "count must be greater than zero");
  }
  if (std::isnan(op) || std::isnan(low) || std::isnan(high)) {
    throw Error(sqlstate::kInvalidArgumentForWidthBucket,
                "operand, lower bound, and upper bound cannot be NaN");
  }
  if (std::isinf(low) || std::isinf(high)) {
    throw Error(sqlstate::kInvalidArgumentForWidthBucket, "lower and upper bounds must be finite");
  }
  if (low == high) {
    throw Error(sqlstate::kInvalidArgumentForWidthBucket, "lower bound cannot equal upper bound");
  }
  auto last = [&] {
    if (count == std::numeric_limits<int32_t>::max()) {
      throw Error(sqlstate::kNumericValueOutOfRange, "integer out of range");
    }
    return count + 1;
  };
  if (low < high) {
    if (op < low) return 0;
    if (op >= high) return last();
    return static_cast<int64_t>((op - low) / (high - low) * count) + 1;
  }
  if (op > low) return 0;
  if (op <= high) return last();
  return static_cast<int64_t>((low - op) / (low - high) * count) + 1;
}

std::mt19937_64& RandomGenerator() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return generator;
}

long double AsLongDouble(const Value& v, TypeId type) {
  return type == TypeId::kNumeric ? static_cast<long double>(v.AsNumeric().ToDouble())
                                  : static_cast<long double>(v.AsFloat());
}

}  // namespace

namespace {

// int2shl ... int8shr: C's shifts as PostgreSQL compiles them on x86, the
// count taken modulo the width (int2 shifts as an int, then truncates).
Value Shift(const BoundExpr& call, int64_t value, int64_t count) {
  const bool left = call.function == ScalarFunction::kShiftLeft;
  if (call.type.id == TypeId::kInt8) {
    const auto n = static_cast<unsigned>(count & 63);
    return Value::Int(left ? static_cast<int64_t>(static_cast<uint64_t>(value) << n) : value >> n);
  }
  const auto n = static_cast<unsigned>(count & 31);
  const auto v = static_cast<int32_t>(value);
  const int32_t shifted = left ? static_cast<int32_t>(static_cast<uint32_t>(v) << n) : v >> n;
  return Value::Int(call.type.id == TypeId::kInt2 ? static_cast<int16_t>(shifted) : shifted);
}

}  // namespace

bool IsMathFunction(ScalarFunction f) {
  return f >= ScalarFunction::kCeil && f <= ScalarFunction::kSetseed;
}

Value EvaluateMathFunction(const BoundExpr& call, const std::vector<Value>& a) {
  for (const Value& v : a) {
    if (v.is_null()) return Value::Null();
  }
  const bool numeric = !call.children.empty() && call.children[0]->type.id == TypeId::kNumeric;
  auto x = [&]() { return a[0].AsFloat(); };
  switch (call.function) {
    case ScalarFunction::kBitAnd: return Value::Int(a[0].AsInt() & a[1].AsInt());
    case ScalarFunction::kBitOr: return Value::Int(a[0].AsInt() | a[1].AsInt());
    case ScalarFunction::kBitXor: return Value::Int(a[0].AsInt() ^ a[1].AsInt());
    case ScalarFunction::kBitNot: return Value::Int(~a[0].AsInt());
    case ScalarFunction::kShiftLeft:
    case ScalarFunction::kShiftRight: return Shift(call, a[0].AsInt(), a[1].AsInt());
    case ScalarFunction::kCeil:
    case ScalarFunction::kFloor: {
      const bool ceil = call.function == ScalarFunction::kCeil;
      if (numeric) {
        return Value::Decimal(OrThrow(ceil ? a[0].AsNumeric().Ceil() : a[0].AsNumeric().Floor()));
      }
      return Value::Float(ceil ? std::ceil(x()) : std::floor(x()));
    }
    case ScalarFunction::kSign:
      if (numeric) {
        if (a[0].AsNumeric().is_nan()) return a[0];
        return Value::Decimal(Numeric(a[0].AsNumeric().Sign(), 0));
      }
      return Value::Float(x() > 0 ? 1.0 : x() < 0 ? -1.0 : 0.0);
    case ScalarFunction::kTrunc:
      if (numeric)
        return Value::Decimal(
            OrThrow(a[0].AsNumeric().Trunc(a.size() == 2 ? ScaleArgument(a[1].AsInt()) : 0)));
      return Value::Float(std::trunc(x()));
    case ScalarFunction::kMod: return Modulo(call, a[0], a[1]);
    case ScalarFunction::kDiv:
      return Value::Decimal(OrThrow(a[0].AsNumeric().DivTrunc(a[1].AsNumeric())));
    case ScalarFunction::kPower:
      if (numeric) return Value::Decimal(OrThrow(a[0].AsNumeric().Power(a[1].AsNumeric())));
      return Value::Float(Power(x(), a[1].AsFloat()));
    case ScalarFunction::kSqrt:
      if (numeric) return Value::Decimal(OrThrow(a[0].AsNumeric().Sqrt()));
      if (x() < 0) {
        throw Error(sqlstate::kInvalidArgumentForPowerFunction,
                    "cannot take square root of a negative number");
      }
      return Value::Float(std::sqrt(x()));
    case ScalarFunction::kCbrt: return Value::Float(std::cbrt(x()));
    case ScalarFunction::kExp:
      if (numeric) return Value::Decimal(OrThrow(a[0].AsNumeric().Exp()));
      return Value::Float(Checked(std::exp(x()), x(), std::isinf(x())));
    case ScalarFunction::kLn:
      if (numeric) return Value::Decimal(OrThrow(a[0].AsNumeric().Ln()));
      return Value::Float(Logarithm(x(), false));
    case ScalarFunction::kLog:
    case ScalarFunction::kLog10:
      if (numeric) {
        // PostgreSQL's log(numeric) and log10(numeric) are SQL functions
        // running log(10, x): their errors name them in a CONTEXT line.
        Result<Numeric> r = Numeric(10, 0).Log(a[0].AsNumeric());
        if (!r.ok()) {
          const char* name = call.function == ScalarFunction::kLog ? "log" : "log10";
          ThrowStatus(r.status().WithContext(fmt::format("SQL function \"{}\" statement 1", name)));
        }
        return Value::Decimal(std::move(*r));
      }
      return Value::Float(Logarithm(x(), true));
    case ScalarFunction::kLogBase:
      return Value::Decimal(OrThrow(a[0].AsNumeric().Log(a[1].AsNumeric())));
    case ScalarFunction::kPi: return Value::Float(std::numbers::pi);
    case ScalarFunction::kDegrees: return Value::Float(x() * (180.0 / std::numbers::pi));
    case ScalarFunction::kRadians: return Value::Float(x() * (std::numbers::pi / 180.0));
    case ScalarFunction::kSin:
    case ScalarFunction::kCos:
    case ScalarFunction::kTan:
    case ScalarFunction::kCot:
    case ScalarFunction::kAsin:
    case ScalarFunction::kAcos:
    case ScalarFunction::kAtan: return Value::Float(Trigonometric(call.function, x()));
    case ScalarFunction::kAtan2: return Value::Float(std::atan2(x(), a[1].AsFloat()));
    case ScalarFunction::kSinh: return Value::Float(std::sinh(x()));
    case ScalarFunction::kCosh: return Value::Float(std::cosh(x()));
    case ScalarFunction::kTanh: return Value::Float(std::tanh(x()));
    case ScalarFunction::kGcd:
    case ScalarFunction::kLcm: return GcdOrLcm(call, a[0], a[1]);
    case ScalarFunction::kFactorial: return Factorial(a[0].AsInt());
    case ScalarFunction::kWidthBucket: {
      const TypeId t = call.children[0]->type.id;
      return Value::Int(WidthBucket(AsLongDouble(a[0], t), AsLongDouble(a[1], t),
                                    AsLongDouble(a[2], t), a[3].AsInt()));
    }
    case ScalarFunction::kScale:
      if (!a[0].AsNumeric().is_finite()) return Value::Null();
      return Value::Int(a[0].AsNumeric().scale());
    case ScalarFunction::kMinScale:
      if (!a[0].AsNumeric().is_finite()) return Value::Null();
      return Value::Int(a[0].AsNumeric().Normalized().scale());
    case ScalarFunction::kTrimScale: return Value::Decimal(a[0].AsNumeric().Normalized());
    case ScalarFunction::kRandom:
      return Value::Float(std::uniform_real_distribution<double>(0.0, 1.0)(RandomGenerator()));
    case ScalarFunction::kSetseed: {
      if (!(x() >= -1 && x() <= 1)) {
        char text[64];
        std::snprintf(text, sizeof(text), "%g", x());
        throw Error(sqlstate::kInvalidParameterValue,
                    std::string("setseed parameter ") + text + " is out of allowed range [-1,1]");
      }
      RandomGenerator().seed(static_cast<uint64_t>((x() + 1.0) * 4294967295.0));
      return Value::Bool(false);  // void
    }
    default: break;
  }
  throw Error(sqlstate::kInternalError, "unknown math function");
}

}  // namespace basalt::sql
