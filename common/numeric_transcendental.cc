// exp, ln, log and power with a non-integer exponent, in exact decimal
// arithmetic with PostgreSQL 15's result scales (numeric.c: numeric_exp,
// numeric_ln, numeric_log, power_var). Each value is computed in fixed point
// with guard digits and rounded half away from zero to the scale PostgreSQL
// chooses, so results agree with PostgreSQL digit for digit. Where
// PostgreSQL's own scale choice depends on an intermediate low-precision
// value (power's estimate of its result's weight), that value is
// reproduced: the logarithm rounded to the same scale, then the same
// double arithmetic.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "common/numeric.h"
#include "common/numeric_internal.h"

namespace basalt {

using numeric_internal::BigInt;
using numeric_internal::Decimal;
using numeric_internal::DigitCount;
using numeric_internal::Finish;
using numeric_internal::Pow10Big;
using numeric_internal::RoundedDivide;
using numeric_internal::ToDecimal;

namespace {

// numeric.c's constants: NUMERIC_MIN_SIG_DIGITS, NUMERIC_MAX_DISPLAY_SCALE
// (1000, the largest scale a computed result gets), NUMERIC_MAX_RESULT_SCALE.
constexpr int kMinSigDigits = 16;
constexpr int kMaxComputedScale = 1000;
constexpr int kMaxResultScale = 2000;
// log10(e), as numeric.c writes it (its scale choices use this double).
constexpr double kLog10E = 0.434294481903252;

Status Overflow() {
  return Status::Error(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
}

int DecimalDigitsOf(int64_t n) {
  int d = 1;
  for (n = n < 0 ? -n : n; n >= 10; n /= 10) ++d;
  return d;
}

// The correctly rounded double of a decimal (PostgreSQL's
// numericvar_to_double_no_overflow: strtod of the text; ±HUGE_VAL past the range).
double DoubleOf(const Decimal& d) {
  std::string text = d.unscaled.str();
  text += "e";
  text += std::to_string(-static_cast<int64_t>(d.scale));
  return std::strtod(text.c_str(), nullptr);
}

// d at `scale` decimals (d's unscaled integer times 10^(scale - d.scale)),
// rounded half away from zero when decimals are dropped.
BigInt AtScale(const Decimal& d, int scale) {
  if (scale >= d.scale) return d.unscaled * Pow10Big(scale - d.scale);
  return RoundedDivide(d.unscaled, Pow10Big(d.scale - scale));
}

Decimal Rounded(const Decimal& d, int scale) {
  return {AtScale(d, scale), scale};
}

// --- fixed point: a value v is the integer v * 10^W -------------------------

struct Fixed {
  explicit Fixed(int working_scale) : scale(working_scale), one(Pow10Big(working_scale)) {}
  BigInt Multiply(const BigInt& a, const BigInt& b) const { return RoundedDivide(a * b, one); }
  int scale;
  BigInt one;
};

// atanh(1/q) = sum over k of 1 / ((2k + 1) q^(2k+1)); each term costs a
// division by a small integer.
BigInt AtanhOfInverse(const Fixed& f, unsigned q) {
  BigInt power = f.one / q;  // 1 / q^(2k+1)
  BigInt sum = power;
  const unsigned q2 = q * q;
  for (unsigned k = 1;; ++k) {
    power /= q2;
    if (power == 0) break;
    sum += power / (2 * k + 1);
  }
  return sum;
}

// ln 2 = 2 atanh(1/3); ln 10 = 3 ln 2 + ln(5/4), ln(5/4) = 2 atanh(1/9).
BigInt Ln2(const Fixed& f) {
  return 2 * AtanhOfInverse(f, 3);
}
BigInt Ln10(const Fixed& f, const BigInt& ln2) {
  return 3 * ln2 + 2 * AtanhOfInverse(f, 9);
}

// ln x for x > 0 at the working scale, accurate to a few units of its last
// place times the size of x's decimal exponent (the caller's guard digits
// cover both). x = m * 2^j * 10^e with m near 1; m is brought nearer still
// by square roots, then ln m = 2 atanh((m - 1) / (m + 1)).
BigInt LnFixed(const Fixed& f, const Decimal& x) {
  const int exponent = DigitCount(x.unscaled) - x.scale - 1;             // x in [10^e, 10^(e+1))
  BigInt m = AtScale(Decimal{x.unscaled, x.scale + exponent}, f.scale);  // in [1, 10)
  // j = round(log2 m) puts m / 2^j in about [0.7, 1.42].
  const double m_approx = DoubleOf(Decimal{m, f.scale});
  const int j = static_cast<int>(std::lround(std::log2(m_approx)));
  if (j > 0) m = RoundedDivide(m, BigInt(1) << j);
  int square_roots = 0;
  const BigInt near_one = f.one / 1000;
  while (boost::multiprecision::abs(BigInt(m - f.one)) > near_one) {
    m = boost::multiprecision::sqrt(BigInt(m * f.one));
    ++square_roots;
  }
  const BigInt z = RoundedDivide(BigInt((m - f.one) * f.one), BigInt(m + f.one));
  const BigInt z2 = f.Multiply(z, z);
  BigInt sum = z, power = z;
  for (unsigned k = 1;; ++k) {
    power = f.Multiply(power, z2);
    if (power == 0) break;
    sum += power / (2 * k + 1);
  }
  BigInt result = 2 * sum * (BigInt(1) << square_roots);
  if (j != 0 || exponent != 0) {
    const BigInt ln2 = Ln2(f);
    result += j * ln2;
    if (exponent != 0) result += exponent * Ln10(f, ln2);
  }
  return result;
}

// ln x rounded to `scale` decimals. REQUIRES: x > 0, scale >= 0.
Decimal LnRounded(const Decimal& x, int scale) {
  const int exponent = DigitCount(x.unscaled) - x.scale - 1;
  const int guard = 12 + DecimalDigitsOf(exponent) + DecimalDigitsOf(scale);
  const Fixed f(scale + guard);
  return Rounded(Decimal{LnFixed(f, x), f.scale}, scale);
}

// exp x rounded to `rscale` decimals, PostgreSQL's exp_var: 22003 when
// x >= 6000 (the result would pass numeric's limits), zero at rscale when
// x <= -6000. exp(x) = exp(x / 2^n)^(2^n), the inner one by its Taylor series.
Result<Numeric> ExpRounded(const Decimal& x, int rscale) {
  const double val = DoubleOf(x);
  if (std::fabs(val) >= kMaxResultScale * 3) {
    if (val > 0) return Overflow();
    return Finish(BigInt(0), rscale);
  }
  const int result_weight = std::max(static_cast<int>(val * kLog10E), 0) + 1;
  // Halvings: enough to bring |x| below 1, then more the longer the series
  // would be (each halving costs a squaring and a third of a guard digit).
  const int precision = rscale + result_weight;
  int halvings = std::clamp(static_cast<int>(std::sqrt(precision * 3.32)), 4, 200);
  if (std::fabs(val) >= 1) halvings += static_cast<int>(std::ceil(std::log2(std::fabs(val))));
  const Fixed f(precision + halvings * 3 / 10 + 12 + DecimalDigitsOf(precision));
  const BigInt r = RoundedDivide(AtScale(x, f.scale), BigInt(1) << halvings);
  BigInt sum = f.one + r, term = r;
  for (unsigned i = 2;; ++i) {
    term = RoundedDivide(term * r, f.one * i);
    if (term == 0) break;
    sum += term;
  }
  for (int i = 0; i < halvings; ++i) sum = f.Multiply(sum, sum);
  return Finish(RoundedDivide(sum, Pow10Big(f.scale - rscale)), rscale);
}

int ClampScale(int rscale) {
  return std::clamp(rscale, 0, kMaxComputedScale);
}

// numeric.c's estimate_ln_dweight: the decimal weight of ln x from x - 1
// near 1, else from the first two base-10000 digits of x through doubles.
// The doubles matter: PostgreSQL's result scales follow from them.
int EstimateLnWeight(const Numeric& x) {
  if (x.Sign() <= 0) return 0;
  const Decimal d = ToDecimal(x);
  const BigInt point_nine = 9 * Pow10Big(std::max(d.scale, 1) - 1);
  const BigInt one_point_one = 11 * Pow10Big(std::max(d.scale, 1) - 1);
  const BigInt scaled = d.scale >= 1 ? d.unscaled : BigInt(d.unscaled * 10);
  if (scaled >= point_nine && scaled <= one_point_one) {
    const BigInt difference = d.unscaled - Pow10Big(d.scale);
    if (difference == 0) return 0;
    // The decimal exponent of x - 1's leading digit.
    return DigitCount(difference) - d.scale - 1;
  }
  // Base-10000 digits: pad the integer part on the left and the fraction
  // on the right to whole groups of four.
  std::string digits = x.DigitString();
  const int integer_digits = static_cast<int>(digits.size()) - d.scale;
  int front = 0;
  if (integer_digits > 0) {
    front = (4 - integer_digits % 4) % 4;
  } else {
    digits.insert(0, static_cast<size_t>(-integer_digits), '0');
  }
  digits.insert(0, static_cast<size_t>(front), '0');
  const int padded_integer_digits = std::max(integer_digits, 0) + front;
  digits.append(static_cast<size_t>((4 - d.scale % 4) % 4), '0');
  // weight of the first group = number of integer groups - 1, less the
  // leading zero groups.
  int weight = padded_integer_digits / 4 - 1;
  size_t at = 0;
  while (digits.compare(at, 4, "0000") == 0) {
    at += 4;
    --weight;
  }
  int leading = std::stoi(digits.substr(at, 4));
  int decimal_weight = weight * 4;
  const size_t rest = digits.find_first_not_of('0', at + 4);
  if (rest != std::string::npos) {  // ndigits > 1: the second group counts
    leading = leading * 10000 + std::stoi(digits.substr(at + 4, 4));
    decimal_weight -= 4;
  }
  const double ln_x = std::log(static_cast<double>(leading)) + decimal_weight * 2.302585092994046;
  return static_cast<int>(std::log10(std::fabs(ln_x)));
}

Status LogOfZero() {
  return Status::Error(sqlstate::kInvalidArgumentForLogarithm, "cannot take logarithm of zero");
}
Status LogOfNegative() {
  return Status::Error(sqlstate::kInvalidArgumentForLogarithm,
                       "cannot take logarithm of a negative number");
}

// PostgreSQL's log_var: ln of each at scales that give the quotient guard
// digits, then the quotient rounded. REQUIRES: both finite and positive.
Result<Numeric> LogOfFinite(const Numeric& base, const Numeric& x) {
  const int ln_base_weight = EstimateLnWeight(base);
  const int ln_x_weight = EstimateLnWeight(x);
  const int result_weight = ln_x_weight - ln_base_weight;
  const int rscale = ClampScale(std::max({kMinSigDigits - result_weight, base.scale(), x.scale()}));
  const int ln_base_scale = std::max(rscale + result_weight - ln_base_weight + 8, 0);
  const int ln_x_scale = std::max(rscale + result_weight - ln_x_weight + 8, 0);
  const Decimal ln_base = LnRounded(ToDecimal(base), ln_base_scale);
  if (ln_base.unscaled == 0) {
    return Status::Error(sqlstate::kDivisionByZero, "division by zero");
  }
  const Decimal ln_x = LnRounded(ToDecimal(x), ln_x_scale);
  // (A / 10^a) / (B / 10^b) * 10^rscale = A * 10^(rscale + b - a) / B
  const int shift = rscale + ln_base.scale - ln_x.scale;
  BigInt numerator = ln_x.unscaled, denominator = ln_base.unscaled;
  if (shift >= 0) {
    numerator *= Pow10Big(shift);
  } else {
    denominator *= Pow10Big(-shift);
  }
  return Finish(RoundedDivide(numerator, denominator), rscale);
}

}  // namespace

Result<Numeric> Numeric::Exp() const {
  if (is_nan() || kind_ == Kind::kPosInfinity) return *this;
  if (kind_ == Kind::kNegInfinity) return Numeric(0, 0);
  // numeric_exp: about 16 significant digits from the result's decimal
  // weight, estimated in double.
  const Decimal x = ToDecimal(*this);
  double weight = ToDouble() * kLog10E;
  weight = std::clamp(weight, -static_cast<double>(kMaxResultScale),
                      static_cast<double>(kMaxResultScale));
  const int rscale = ClampScale(std::max(kMinSigDigits - static_cast<int>(weight), scale_));
  return ExpRounded(x, rscale);
}

Result<Numeric> Numeric::Ln() const {
  if (is_nan() || kind_ == Kind::kPosInfinity) return *this;
  if (kind_ == Kind::kNegInfinity || Sign() < 0) return LogOfNegative();
  if (Sign() == 0) return LogOfZero();
  const int rscale = ClampScale(std::max(kMinSigDigits - EstimateLnWeight(*this), scale_));
  const Decimal ln = LnRounded(ToDecimal(*this), rscale);
  return Finish(ln.unscaled, rscale);
}

Result<Numeric> Numeric::Log(const Numeric& x) const {
  if (is_nan() || x.is_nan()) return NaN();
  if (Sign() < 0 || x.Sign() < 0) return LogOfNegative();
  if (Sign() == 0 || x.Sign() == 0) return LogOfZero();
  if (kind_ == Kind::kPosInfinity) {
    // log(Inf, Inf) is Inf / Inf; log(Inf, finite) is zero.
    return x.kind_ == Kind::kPosInfinity ? NaN() : Numeric(0, 0);
  }
  if (x.kind_ == Kind::kPosInfinity) return PosInfinity();
  return LogOfFinite(*this, x);
}

namespace numeric_internal {

Result<Numeric> PowerByLogarithm(const Numeric& base, const Numeric& exponent) {
  // 0 ^ positive non-integer: zero at 16 decimals, as power_var.
  if (base.Sign() == 0) return Finish(BigInt(0), kMinSigDigits);
  const bool negative_result = base.Sign() < 0 && [&] {
    // Only integer exponents reach here with a negative base: odd or even.
    const Decimal e = ToDecimal(exponent);
    return boost::multiprecision::bit_test(
        boost::multiprecision::abs(BigInt(e.unscaled / Pow10Big(e.scale))), 0);
  }();
  const Numeric magnitude = base.Abs();
  const Decimal x = ToDecimal(magnitude), y = ToDecimal(exponent);
  const int ln_weight = EstimateLnWeight(magnitude);

  // First ln(base) * exponent to about 8 significant digits: its double
  // value decides overflow and the result scale, exactly as in power_var.
  int local_scale = std::max(8 - ln_weight, 0);
  Decimal ln_base = LnRounded(x, local_scale);
  Decimal product{ln_base.unscaled * y.unscaled, ln_base.scale + y.scale};
  double val = DoubleOf(Rounded(product, local_scale));
  if (std::fabs(val) > kMaxResultScale * 3.01) {
    if (val > 0) return Overflow();
    return Finish(BigInt(0), kMaxComputedScale);
  }
  val *= kLog10E;  // the result's approximate decimal weight
  const int rscale =
      ClampScale(std::max({kMinSigDigits - static_cast<int>(val), base.scale(), exponent.scale()}));
  const int significant_digits = std::max(rscale + static_cast<int>(val), 0);
  local_scale = std::max(significant_digits - ln_weight + 8, 0);
  ln_base = LnRounded(x, local_scale);
  product = Decimal{ln_base.unscaled * y.unscaled, ln_base.scale + y.scale};
  BASALT_ASSIGN_OR_RETURN(Numeric result, ExpRounded(Rounded(product, local_scale), rscale));
  return negative_result ? result.Negate() : result;
}

}  // namespace numeric_internal

}  // namespace basalt
