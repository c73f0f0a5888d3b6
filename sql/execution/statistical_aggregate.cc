#include "sql/execution/statistical_aggregate.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "common/error.h"
#include "common/numeric.h"
#include "sql/execution/evaluate.h"

namespace basalt::sql {

namespace {

using BigInt = boost::multiprecision::cpp_int;

[[noreturn]] void FloatOverflow() {
  throw Error(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// variance and stddev are var_samp and stddev_samp.
AggregateFunction Canonical(AggregateFunction f) {
  if (f == AggregateFunction::kVariance) return AggregateFunction::kVarSamp;
  if (f == AggregateFunction::kStddev) return AggregateFunction::kStddevSamp;
  return f;
}

bool TwoArguments(AggregateFunction f) {
  switch (Canonical(f)) {
    case AggregateFunction::kVarPop:
    case AggregateFunction::kVarSamp:
    case AggregateFunction::kStddevPop:
    case AggregateFunction::kStddevSamp: return false;
    default: return true;
  }
}

__extension__ using UInt128 = unsigned __int128;

// cpp_int meets __int128 only in GNU modes; through two 64-bit halves here.
BigInt FromInt128(Int128 v) {
  const UInt128 magnitude = v < 0 ? -static_cast<UInt128>(v) : static_cast<UInt128>(v);
  BigInt out = static_cast<uint64_t>(magnitude >> 64);
  out <<= 64;
  out += static_cast<uint64_t>(magnitude);
  return v < 0 ? BigInt(-out) : out;
}

BigInt PowerOf10(int exponent) {
  BigInt p = 1;
  for (int i = 0; i < exponent; ++i) p *= 10;
  return p;
}

// float8_accum: the deviations are added as each value arrives, so no
// cancellation between two large sums loses the digits.
void AccumulateFloat(double x, StatisticalState* s) {
  const double old_n = s->n;
  const double old_sx = s->sx;
  s->n += 1.0;
  s->sx += x;
  if (old_n > 0.0) {
    const double deviation = x * s->n - s->sx;
    s->sxx += deviation * deviation / (s->n * old_n);
    if (std::isinf(s->sx) || std::isinf(s->sxx)) {
      if (!std::isinf(old_sx) && !std::isinf(x)) FloatOverflow();
      s->sxx = kNaN;
    }
  } else if (std::isinf(x) || std::isnan(x)) {
    s->sxx = kNaN;
  }
}

// float8_regr_accum over (y, x).
void AccumulatePair(double y, double x, StatisticalState* s) {
  const double old_n = s->n;
  const double old_sx = s->sx;
  const double old_sy = s->sy;
  s->n += 1.0;
  s->sx += x;
  s->sy += y;
  if (old_n > 0.0) {
    const double dx = x * s->n - s->sx;
    const double dy = y * s->n - s->sy;
    const double scale = 1.0 / (s->n * old_n);
    s->sxx += dx * dx * scale;
    s->syy += dy * dy * scale;
    s->sxy += dx * dy * scale;
    if (std::isinf(s->sx) || std::isinf(s->sxx) || std::isinf(s->sy) || std::isinf(s->syy) ||
        std::isinf(s->sxy)) {
      // Overflow from finite inputs is an error; infinite inputs give NaN.
      const bool x_finite = !std::isinf(old_sx) && !std::isinf(x);
      const bool y_finite = !std::isinf(old_sy) && !std::isinf(y);
      if (((std::isinf(s->sx) || std::isinf(s->sxx)) && x_finite) ||
          ((std::isinf(s->sy) || std::isinf(s->syy)) && y_finite) ||
          (std::isinf(s->sxy) && x_finite && y_finite)) {
        FloatOverflow();
      }
      if (std::isinf(s->sxx)) s->sxx = kNaN;
      if (std::isinf(s->syy)) s->syy = kNaN;
      if (std::isinf(s->sxy)) s->sxy = kNaN;
    }
  } else {
    if (std::isinf(x) || std::isnan(x)) s->sxx = s->sxy = kNaN;
    if (std::isinf(y) || std::isnan(y)) s->syy = s->sxy = kNaN;
  }
}

void AccumulateExact(const BigInt& unscaled, int scale, StatisticalState* s) {
  if (scale > s->scale) {  // the sums move to the finer scale
    s->sum *= PowerOf10(scale - s->scale);
    s->sum_squares *= PowerOf10(2 * (scale - s->scale));
    s->scale = scale;
  }
  const BigInt x = unscaled * PowerOf10(s->scale - scale);
  s->sum += x;
  s->sum_squares += x * x;
  ++s->count;
}

// PostgreSQL's select_div_scale for a positive numerator at `scale` and a
// positive integer denominator: at least 16 significant digits, and no
// fewer decimals than either operand. Weights and first digits are in
// PostgreSQL's base-10000 digits.
int DivisionScale(const BigInt& numerator, int scale, const BigInt& denominator) {
  auto weight_and_first = [](BigInt unscaled, int digits_scale, int* first) {
    // Align the decimal point with a base-10000 digit boundary.
    const int padded = (digits_scale + 3) / 4 * 4;
    unscaled *= PowerOf10(padded - digits_scale);
    int groups = 0;
    BigInt top = unscaled;
    while (top >= 10000) {
      top /= 10000;
      ++groups;
    }
    *first = static_cast<int>(top);
    return groups - padded / 4;
  };
  int first1 = 0;
  int first2 = 0;
  const int weight1 = weight_and_first(numerator, scale, &first1);
  const int weight2 = weight_and_first(denominator, 0, &first2);
  int quotient_weight = weight1 - weight2;
  if (first1 <= first2) --quotient_weight;
  int rscale = 16 - quotient_weight * 4;
  rscale = std::max(rscale, scale);
  rscale = std::max(rscale, 0);
  return std::min(rscale, 1000);
}

Value NumericResult(const BigInt& unscaled, int scale) {
  return Value::Decimal(
      OrThrow(Numeric::FromDigits(unscaled < 0, BigInt(abs(unscaled)).str(), scale)));
}

// numeric_stddev_internal: (n * sum(x*x) - sum(x)^2) / (n * (n - 1)) (or
// n * n), rounded at the division's scale; its square root at that scale.
Value ExactResult(AggregateFunction f, const StatisticalState& s) {
  const bool sample = f == AggregateFunction::kVarSamp || f == AggregateFunction::kStddevSamp;
  if (s.count == 0 || (sample && s.count == 1)) return Value::Null();
  if (s.non_finite) return Value::Decimal(Numeric::NaN());
  const BigInt n = s.count;
  const BigInt numerator = n * s.sum_squares - s.sum * s.sum;  // at 2 * scale
  // Rounding can make it negative in PostgreSQL; exactly zero prints 0.
  if (numerator <= 0) return Value::Decimal(Numeric());
  const BigInt denominator = sample ? BigInt(n * (n - 1)) : BigInt(n * n);
  const int numerator_scale = 2 * s.scale;
  const int rscale = DivisionScale(numerator, numerator_scale, denominator);
  // Rounded half away from zero (all values are positive here).
  const BigInt scaled = numerator * PowerOf10(rscale - numerator_scale);
  const BigInt variance = (2 * scaled + denominator) / (2 * denominator);
  if (f == AggregateFunction::kVarPop || f == AggregateFunction::kVarSamp) {
    return NumericResult(variance, rscale);
  }
  // sqrt(variance / 10^rscale) to rscale decimals: the integer square root
  // of variance * 10^rscale, rounded.
  const BigInt radicand = variance * PowerOf10(rscale);
  BigInt root = boost::multiprecision::sqrt(radicand);
  if (radicand - root * root > root) ++root;
  return NumericResult(root, rscale);
}

Value FloatResult(AggregateFunction f, const StatisticalState& s) {
  const double n = s.n;
  switch (f) {
    case AggregateFunction::kVarPop: return n == 0 ? Value::Null() : Value::Float(s.sxx / n);
    case AggregateFunction::kVarSamp:
      return n <= 1 ? Value::Null() : Value::Float(s.sxx / (n - 1.0));
    case AggregateFunction::kStddevPop:
      return n == 0 ? Value::Null() : Value::Float(std::sqrt(s.sxx / n));
    case AggregateFunction::kStddevSamp:
      return n <= 1 ? Value::Null() : Value::Float(std::sqrt(s.sxx / (n - 1.0)));
    case AggregateFunction::kRegrCount: return Value::Int(static_cast<int64_t>(n));
    default: break;
  }
  if (n < 1.0) return Value::Null();
  switch (f) {
    case AggregateFunction::kRegrSxx: return Value::Float(s.sxx);
    case AggregateFunction::kRegrSyy: return Value::Float(s.syy);
    case AggregateFunction::kRegrSxy: return Value::Float(s.sxy);
    case AggregateFunction::kRegrAvgX: return Value::Float(s.sx / n);
    case AggregateFunction::kRegrAvgY: return Value::Float(s.sy / n);
    case AggregateFunction::kCovarPop: return Value::Float(s.sxy / n);
    case AggregateFunction::kCovarSamp:
      return n < 2.0 ? Value::Null() : Value::Float(s.sxy / (n - 1.0));
    case AggregateFunction::kCorr:
      if (s.sxx == 0 || s.syy == 0) return Value::Null();
      return Value::Float(s.sxy / std::sqrt(s.sxx * s.syy));
    case AggregateFunction::kRegrR2:
      if (s.sxx == 0) return Value::Null();
      if (s.syy == 0) return Value::Float(1.0);
      return Value::Float((s.sxy * s.sxy) / (s.sxx * s.syy));
    case AggregateFunction::kRegrSlope:
      if (s.sxx == 0) return Value::Null();
      return Value::Float(s.sxy / s.sxx);
    case AggregateFunction::kRegrIntercept:
      if (s.sxx == 0) return Value::Null();
      return Value::Float((s.sy - s.sx * s.sxy / s.sxx) / n);
    default: return Value::Null();
  }
}

}  // namespace

bool IsStatisticalAggregate(AggregateFunction f) {
  switch (f) {
    case AggregateFunction::kVarPop:
    case AggregateFunction::kVarSamp:
    case AggregateFunction::kVariance:
    case AggregateFunction::kStddevPop:
    case AggregateFunction::kStddevSamp:
    case AggregateFunction::kStddev:
    case AggregateFunction::kCorr:
    case AggregateFunction::kCovarPop:
    case AggregateFunction::kCovarSamp:
    case AggregateFunction::kRegrAvgX:
    case AggregateFunction::kRegrAvgY:
    case AggregateFunction::kRegrCount:
    case AggregateFunction::kRegrIntercept:
    case AggregateFunction::kRegrR2:
    case AggregateFunction::kRegrSlope:
    case AggregateFunction::kRegrSxx:
    case AggregateFunction::kRegrSxy:
    case AggregateFunction::kRegrSyy: return true;
    default: return false;
  }
}

void AccumulateStatistics(const BoundExpr& call, const Row& args, StatisticalState* state) {
  if (TwoArguments(call.aggregate)) {
    if (args[0].is_null() || args[1].is_null()) return;
    AccumulatePair(args[0].AsFloat(), args[1].AsFloat(), state);
    return;
  }
  const Value& v = args[0];
  if (v.is_null()) return;
  const DataType& type = call.children[0]->type;
  if (type.IsInteger()) {
    AccumulateExact(BigInt(v.AsInt()), 0, state);
  } else if (type.id == TypeId::kNumeric) {
    const Numeric& n = v.AsNumeric();
    if (!n.is_finite()) {  // NaN and infinities make the result NaN
      state->non_finite = true;
      ++state->count;
    } else if (n.is_inline()) {
      AccumulateExact(FromInt128(n.unscaled()), n.scale(), state);
    } else {
      const BigInt magnitude{n.DigitString()};
      AccumulateExact(n.Sign() < 0 ? BigInt(-magnitude) : magnitude, n.scale(), state);
    }
  } else {
    AccumulateFloat(v.AsFloat(), state);
  }
}

Value StatisticsResult(const BoundExpr& call, const StatisticalState& state) {
  if (!TwoArguments(call.aggregate) && call.type.id == TypeId::kNumeric) {
    return ExactResult(Canonical(call.aggregate), state);
  }
  return FloatResult(Canonical(call.aggregate), state);
}

}  // namespace basalt::sql
