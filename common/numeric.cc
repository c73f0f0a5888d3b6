#include "common/numeric.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/multiprecision/cpp_int.hpp>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <utility>

#include "common/numeric_internal.h"
#include "common/wide_int.h"

namespace basalt {

namespace numeric_internal {
// The unscaled integer of a value outside the inline form. Immutable once
// published; shared by copies through the reference count.
struct BigRep {
  explicit BigRep(BigInt v) : unscaled(std::move(v)) {}
  std::atomic<int> refs{1};
  const BigInt unscaled;
};
}  // namespace numeric_internal

using numeric_internal::BigInt;
using numeric_internal::BigRep;
using numeric_internal::Decimal;
using numeric_internal::DigitCount;
using numeric_internal::Finish;
using numeric_internal::Pow10Big;
using numeric_internal::RoundedDivide;
using numeric_internal::ToBig;
using numeric_internal::ToDecimal;

// The heap form's constructor and accessor, for numeric.cc only.
struct NumericAccess {
  static Numeric MakeBig(BigInt unscaled, int scale) {
    Numeric n;
    n.big_ = new BigRep(std::move(unscaled));
    n.scale_ = scale;
    return n;
  }
  static const BigInt& Big(const Numeric& n) { return n.big_->unscaled; }
};

namespace {

constexpr std::array<Uint128, 39> MakePowersOf10() {
  std::array<Uint128, 39> p{};
  p[0] = 1;
  for (size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}
constexpr std::array<Uint128, 39> kPow10 = MakePowersOf10();
// Every inline Numeric's unscaled magnitude stays below this: 38 digits.
constexpr Uint128 kMagnitudeLimit = kPow10[Numeric::kMaxDigits];

// PostgreSQL's select_div_scale constants.
constexpr int kMinSignificantDigits = 16;

// PostgreSQL's factorial refuses arguments whose result cannot fit.
constexpr int64_t kMaxFactorialArgument = 32177;

Status Overflow() {
  return Status::Error(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
}
Status DivisionByZero() {
  return Status::Error(sqlstate::kDivisionByZero, "division by zero");
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

Uint128 Magnitude(Int128 v) {
  return v < 0 ? -static_cast<Uint128>(v) : static_cast<Uint128>(v);
}

std::string MagnitudeDigits(Uint128 v) {
  char buf[40];
  char* end = buf + sizeof(buf);
  char* p = end;
  do {
    *--p = static_cast<char>('0' + static_cast<int>(v % 10));
    v /= 10;
  } while (v != 0);
  return std::string(p, end);
}

// Brings a to scale `to` (>= a.scale).
BigInt ScaledTo(const Decimal& a, int to) {
  return to == a.scale ? a.unscaled : BigInt(a.unscaled * Pow10Big(to - a.scale));
}

// Rounds (or truncates) to `to` decimals; `to` may be negative, the result
// then has scale 0 with the dropped integer digits as zeros.
Result<Numeric> RoundGeneric(const Decimal& a, int to, bool truncate) {
  to = std::clamp(to, -Numeric::kMaxIntegerDigits - 1, Numeric::kMaxDisplayScale);
  if (to >= a.scale) return Finish(ScaledTo(a, to), to);
  const BigInt divisor = Pow10Big(a.scale - to);
  BigInt q = truncate ? BigInt(a.unscaled / divisor) : RoundedDivide(a.unscaled, divisor);
  if (to >= 0) return Finish(std::move(q), to);
  if (q == 0) return Numeric(0, 0);
  return Finish(q * Pow10Big(-to), 0);
}

// PostgreSQL stores numerics as base-10000 digits; select_div_scale and
// sqrt's scale look at the weight (position) and value of the first
// non-zero base-10000 digit.
struct LeadingGroup {
  int weight = 0;
  int value = 0;
};

LeadingGroup LeadingBase10000Group(const std::string& digits, int scale) {
  if (digits == "0") return {};
  int exponent = static_cast<int>(digits.size()) - 1 - scale;  // of the leading digit
  int weight = exponent >= 0 ? exponent / 4 : -((-exponent + 3) / 4);
  int group_digits = exponent - 4 * weight + 1;  // 1..4 digits of the group are in use
  std::string group = digits.substr(0, std::min<size_t>(group_digits, digits.size()));
  group.resize(static_cast<size_t>(group_digits), '0');
  return {weight, std::stoi(group)};
}

// PostgreSQL's select_div_scale: at least 16 significant digits, and never
// fewer decimals than either input shows.
int DivisionScale(const Numeric& a, const Numeric& b) {
  LeadingGroup lead1 = LeadingBase10000Group(a.DigitString(), a.scale());
  LeadingGroup lead2 = LeadingBase10000Group(b.DigitString(), b.scale());
  int quotient_weight = lead1.weight - lead2.weight;
  if (lead1.value <= lead2.value) --quotient_weight;
  int scale = kMinSignificantDigits - quotient_weight * 4;
  scale = std::max({scale, a.scale(), b.scale(), 0});
  return std::min(scale, Numeric::kMaxResultScale);
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

int SpecialRank(const Numeric& n) {
  switch (n.kind()) {
    case Numeric::Kind::kNegInfinity: return -1;
    case Numeric::Kind::kFinite: return 0;
    case Numeric::Kind::kPosInfinity: return 1;
    case Numeric::Kind::kNaN: return 2;
  }
  return 0;
}

Numeric InfinityOfSign(int sign) {
  return sign < 0 ? Numeric::NegInfinity() : Numeric::PosInfinity();
}

}  // namespace

// --- the generic (BigInt) form ---------------------------------------------

namespace numeric_internal {

BigInt ToBig(Int128 v) {
  const Uint128 m = Magnitude(v);
  BigInt out = static_cast<uint64_t>(m >> 64);
  out <<= 64;
  out += static_cast<uint64_t>(m);
  return v < 0 ? BigInt(-out) : out;
}

BigInt Pow10Big(int n) {
  if (n <= Numeric::kMaxDigits) return ToBig(static_cast<Int128>(kPow10[n]));
  return boost::multiprecision::pow(BigInt(10), static_cast<unsigned>(n));
}

Decimal ToDecimal(const Numeric& n) {
  if (n.is_inline()) return {ToBig(n.unscaled()), n.scale()};
  return {NumericAccess::Big(n), n.scale()};
}

int DigitCount(const BigInt& v) {
  if (v == 0) return 0;
  const BigInt m = boost::multiprecision::abs(v);
  int digits =
      static_cast<int>(static_cast<double>(boost::multiprecision::msb(m)) * 0.30102999566398120) +
      1;
  // The estimate is exact or one short.
  if (m >= Pow10Big(digits)) ++digits;
  return digits;
}

Result<Numeric> Finish(BigInt unscaled, int scale) {
  if (unscaled == 0) {
    if (scale <= Numeric::kMaxScale) return Numeric(0, scale);
    return NumericAccess::MakeBig(BigInt(0), scale);
  }
  const BigInt m = boost::multiprecision::abs(unscaled);
  const unsigned bits = boost::multiprecision::msb(m) + 1;
  if (scale <= Numeric::kMaxScale && bits <= 127) {
    const Uint128 mag = (static_cast<Uint128>(static_cast<uint64_t>(m >> 64)) << 64) |
                        static_cast<uint64_t>(m & BigInt(~uint64_t{0}));
    if (mag < kMagnitudeLimit) {
      const Int128 v = static_cast<Int128>(mag);
      return Numeric(unscaled < 0 ? -v : v, scale);
    }
  }
  // Integer digits = DigitCount - scale; check only when it can be close.
  const double approx_digits = static_cast<double>(bits) * 0.30102999566398120;
  if (approx_digits - scale > Numeric::kMaxIntegerDigits - 2 &&
      DigitCount(m) - scale > Numeric::kMaxIntegerDigits) {
    return Overflow();
  }
  return NumericAccess::MakeBig(std::move(unscaled), scale);
}

BigInt RoundedDivide(const BigInt& a, const BigInt& b) {
  BigInt q, r;
  boost::multiprecision::divide_qr(a, b, q, r);
  if (r != 0 && 2 * boost::multiprecision::abs(r) >= boost::multiprecision::abs(b)) {
    q += ((a < 0) != (b < 0)) ? -1 : 1;
  }
  return q;
}

}  // namespace numeric_internal

// --- value semantics ---------------------------------------------------------

void Numeric::Ref(BigRep* rep) {
  rep->refs.fetch_add(1, std::memory_order_relaxed);
}

void Numeric::Unref(BigRep* rep) {
  if (rep->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete rep;
}

// --- construction and conversion ---------------------------------------------

Numeric Numeric::FromInt128(Int128 unscaled, int scale) {
  if (Magnitude(unscaled) < kMagnitudeLimit) return Numeric(unscaled, scale);
  return NumericAccess::MakeBig(ToBig(unscaled), scale);
}

Result<Numeric> Numeric::FromDouble(double v) {
  if (std::isnan(v)) return NaN();
  if (std::isinf(v)) return v > 0 ? PosInfinity() : NegInfinity();
  // As PostgreSQL's float8_numeric: keep DBL_DIG significant digits.
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.15g", v);
  return Parse(buf);
}

Result<Numeric> Numeric::FromFloat4(float v) {
  if (std::isnan(v)) return NaN();
  if (std::isinf(v)) return v > 0 ? PosInfinity() : NegInfinity();
  // As PostgreSQL's float4_numeric: keep FLT_DIG significant digits.
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.6g", static_cast<double>(v));
  return Parse(buf);
}

Result<Numeric> Numeric::FromDigits(bool negative, std::string_view digits, int scale) {
  size_t first = 0;
  while (first + 1 < digits.size() && digits[first] == '0') ++first;
  digits.remove_prefix(first);
  if (scale < 0 || scale > kMaxDisplayScale) return Overflow();
  if (static_cast<int64_t>(digits.size()) - scale > kMaxIntegerDigits &&
      digits.find_first_not_of('0') != std::string_view::npos) {
    return Overflow();
  }
  if (digits.size() <= static_cast<size_t>(kMaxDigits) && scale <= kMaxScale) {
    Uint128 m = 0;
    for (char c : digits) m = m * 10 + static_cast<Uint128>(c - '0');
    const Int128 v = static_cast<Int128>(m);
    return Numeric(negative ? -v : v, scale);
  }
  BigInt v{std::string(digits)};
  if (negative) v = -v;
  return Finish(std::move(v), scale);
}

Result<Numeric> Numeric::Parse(std::string_view text) {
  auto syntax_error = [&] {
    return Status::Error(sqlstate::kInvalidTextRepresentation,
                         fmt::format("invalid input syntax for type numeric: \"{}\"", text));
  };
  size_t begin = 0, end = text.size();
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && IsSpace(text[end - 1])) --end;
  std::string_view body = text.substr(begin, end - begin);

  if (EqualsIgnoreCase(body, "nan")) return NaN();
  size_t i = 0;
  bool negative = false;
  bool has_sign = false;
  if (i < body.size() && (body[i] == '+' || body[i] == '-')) {
    negative = body[i++] == '-';
    has_sign = true;
  }
  std::string_view word = body.substr(i);
  if (EqualsIgnoreCase(word, "infinity") || EqualsIgnoreCase(word, "inf")) {
    return negative ? NegInfinity() : PosInfinity();
  }
  (void)has_sign;

  // Fast path: up to 38 significant digits accumulate in an Int128.
  std::string big_digits;  // used once there are more than 38 significant digits
  Uint128 digits = 0;
  int significant = 0;  // digits after leading zeros
  int64_t fraction_digits = 0;
  bool any_digit = false, seen_point = false;
  for (; i < body.size(); ++i) {
    char c = body[i];
    if (c == '.' && !seen_point) {
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    any_digit = true;
    if (seen_point) ++fraction_digits;
    if (significant == 0 && c == '0') continue;
    ++significant;
    if (significant <= kMaxDigits) {
      digits = digits * 10 + static_cast<Uint128>(c - '0');
    } else {
      if (big_digits.empty()) big_digits = MagnitudeDigits(digits);
      big_digits.push_back(c);
    }
  }
  if (!any_digit) return syntax_error();

  int64_t exponent = 0;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    ++i;
    bool negative_exponent = false;
    if (i < body.size() && (body[i] == '+' || body[i] == '-')) negative_exponent = body[i++] == '-';
    if (i >= body.size() || body[i] < '0' || body[i] > '9') return syntax_error();
    for (; i < body.size() && body[i] >= '0' && body[i] <= '9'; ++i) {
      exponent = std::min<int64_t>(exponent * 10 + (body[i] - '0'), 1'000'000'000);
    }
    if (negative_exponent) exponent = -exponent;
  }
  if (i != body.size()) return syntax_error();

  const int64_t scale = std::max<int64_t>(fraction_digits - exponent, 0);
  if (scale > kMaxDisplayScale) return Overflow();
  if (significant == 0) return FromDigits(false, "0", static_cast<int>(scale));
  // value = digits * 10^shift; the unscaled integer is digits * 10^(shift + scale).
  const int64_t shift = exponent - fraction_digits;
  const int64_t zeros = shift + scale;  // >= 0
  if (significant + shift > kMaxIntegerDigits) return Overflow();
  if (big_digits.empty() && significant + zeros <= kMaxDigits && scale <= kMaxScale) {
    const Int128 v = static_cast<Int128>(digits * kPow10[zeros]);
    return Numeric(negative ? -v : v, static_cast<int>(scale));
  }
  if (big_digits.empty()) big_digits = MagnitudeDigits(digits);
  big_digits.append(static_cast<size_t>(zeros), '0');
  return FromDigits(negative, big_digits, static_cast<int>(scale));
}

int Numeric::SignOutOfLine() const {
  switch (kind_) {
    case Kind::kNaN: return 0;
    case Kind::kPosInfinity: return 1;
    case Kind::kNegInfinity: return -1;
    case Kind::kFinite: break;
  }
  if (big_ != nullptr) return big_->unscaled.sign();
  return unscaled_ < 0 ? -1 : unscaled_ > 0 ? 1 : 0;
}

std::string Numeric::DigitString() const {
  if (big_ != nullptr) return boost::multiprecision::abs(big_->unscaled).str();
  return MagnitudeDigits(Magnitude(unscaled_));
}

std::string Numeric::ToString() const {
  switch (kind_) {
    case Kind::kNaN: return "NaN";
    case Kind::kPosInfinity: return "Infinity";
    case Kind::kNegInfinity: return "-Infinity";
    case Kind::kFinite: break;
  }
  std::string digits = DigitString();
  std::string out;
  if (Sign() < 0) out.push_back('-');
  if (scale_ <= 0) {
    out += digits;
    return out;
  }
  size_t scale = static_cast<size_t>(scale_);
  if (digits.size() <= scale) digits.insert(0, scale + 1 - digits.size(), '0');
  out.append(digits, 0, digits.size() - scale);
  out.push_back('.');
  out.append(digits, digits.size() - scale, scale);
  return out;
}

double Numeric::ToDouble() const {
  switch (kind_) {
    case Kind::kNaN: return std::numeric_limits<double>::quiet_NaN();
    case Kind::kPosInfinity: return std::numeric_limits<double>::infinity();
    case Kind::kNegInfinity: return -std::numeric_limits<double>::infinity();
    case Kind::kFinite: break;
  }
  // As PostgreSQL's numeric_float8, the correctly rounded double of the exact
  // decimal. An integer below 2^53 over a power of ten up to 1e22 are both
  // exact doubles, so one (correctly rounded) division gives it; otherwise
  // strtod of the text form does.
  static constexpr double kExactPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  constexpr Int128 kExactIntegerLimit = Int128{1} << 53;
  if (big_ == nullptr && scale_ >= 0 && scale_ <= 22 && unscaled_ < kExactIntegerLimit &&
      unscaled_ > -kExactIntegerLimit) {
    return static_cast<double>(static_cast<int64_t>(unscaled_)) / kExactPowersOfTen[scale_];
  }
  return std::strtod(ToString().c_str(), nullptr);
}

Result<int64_t> Numeric::ToInt64(std::string_view type_name) const {
  if (is_nan()) {
    return Status::Error(sqlstate::kFeatureNotSupported,
                         fmt::format("cannot convert NaN to {}", type_name));
  }
  if (is_infinite()) {
    return Status::Error(sqlstate::kFeatureNotSupported,
                         fmt::format("cannot convert infinity to {}", type_name));
  }
  auto out_of_range = [&] {
    return Status::Error(sqlstate::kNumericValueOutOfRange,
                         fmt::format("{} out of range", type_name));
  };
  if (big_ != nullptr) {
    BASALT_ASSIGN_OR_RETURN(Numeric rounded, Round(0));
    if (!rounded.is_inline()) return out_of_range();
    return rounded.ToInt64(type_name);
  }
  Uint128 magnitude = Magnitude(unscaled_);
  Uint128 rounded = magnitude;
  if (scale_ > 0) {
    const Uint128 divisor = kPow10[scale_];
    rounded = magnitude / divisor;
    if ((magnitude % divisor) * 2 >= divisor) ++rounded;
  }
  constexpr Uint128 kMaxPositive = std::numeric_limits<int64_t>::max();
  if (unscaled_ < 0 ? rounded > kMaxPositive + 1 : rounded > kMaxPositive) return out_of_range();
  return unscaled_ < 0 ? static_cast<int64_t>(-static_cast<Int128>(rounded))
                       : static_cast<int64_t>(rounded);
}

// --- arithmetic --------------------------------------------------------------

Result<Numeric> Numeric::Add(const Numeric& other) const {
  if (is_inline() && other.is_inline()) {
    const int scale = std::max(scale_, other.scale_);
    Int128 a, b, sum;
    if (!__builtin_mul_overflow(unscaled_, static_cast<Int128>(kPow10[scale - scale_]), &a) &&
        !__builtin_mul_overflow(other.unscaled_, static_cast<Int128>(kPow10[scale - other.scale_]),
                                &b) &&
        !__builtin_add_overflow(a, b, &sum) && Magnitude(sum) < kMagnitudeLimit) {
      return Numeric(sum, scale);
    }
  }
  if (is_nan() || other.is_nan()) return NaN();
  if (is_infinite() || other.is_infinite()) {
    if (is_infinite() && other.is_infinite() && kind_ != other.kind_) return NaN();
    return is_infinite() ? *this : other;
  }
  const Decimal a = ToDecimal(*this), b = ToDecimal(other);
  const int scale = std::max(a.scale, b.scale);
  return Finish(ScaledTo(a, scale) + ScaledTo(b, scale), scale);
}

Result<Numeric> Numeric::Subtract(const Numeric& other) const {
  return Add(other.Negate());
}

Numeric Numeric::Negate() const {
  switch (kind_) {
    case Kind::kNaN: return *this;
    case Kind::kPosInfinity: return NegInfinity();
    case Kind::kNegInfinity: return PosInfinity();
    case Kind::kFinite: break;
  }
  if (big_ != nullptr) return NumericAccess::MakeBig(-big_->unscaled, scale_);
  return Numeric(-unscaled_, scale_);
}

Result<Numeric> Numeric::Multiply(const Numeric& other) const {
  // Exact, with the sum of the scales, as PostgreSQL's numeric_mul.
  if (is_inline() && other.is_inline()) {
    WideUint product = WideUint::Multiply(Magnitude(unscaled_), Magnitude(other.unscaled_));
    const int scale = scale_ + other.scale_;
    if (product.hi == 0 && product.lo < kMagnitudeLimit && scale <= kMaxScale) {
      const Int128 v = static_cast<Int128>(product.lo);
      return Numeric((unscaled_ < 0) != (other.unscaled_ < 0) ? -v : v, scale);
    }
  }
  if (is_nan() || other.is_nan()) return NaN();
  if (is_infinite() || other.is_infinite()) {
    const int sign = Sign() * other.Sign();
    if (sign == 0) return NaN();  // infinity * 0
    return InfinityOfSign(sign);
  }
  const Decimal a = ToDecimal(*this), b = ToDecimal(other);
  BigInt product = a.unscaled * b.unscaled;
  int scale = a.scale + b.scale;
  if (scale > kMaxDisplayScale) {
    product = RoundedDivide(product, Pow10Big(scale - kMaxDisplayScale));
    scale = kMaxDisplayScale;
  }
  return Finish(std::move(product), scale);
}

Result<Numeric> Numeric::Divide(const Numeric& other) const {
  if (is_nan() || other.is_nan()) return NaN();
  if (other.Sign() == 0) return DivisionByZero();
  if (is_infinite()) {
    if (other.is_infinite()) return NaN();
    return InfinityOfSign(Sign() * other.Sign());
  }
  if (other.is_infinite()) return Numeric(0, 0);
  const int result_scale = DivisionScale(*this, other);
  if (is_inline() && other.is_inline() && result_scale <= kMaxScale) {
    // quotient = |a| * 10^extra / |b|, computed by long division one
    // decimal digit at a time so the dividend never has to fit 128 bits.
    const int extra = result_scale + other.scale_ - scale_;
    const Uint128 divisor = Magnitude(other.unscaled_);
    Uint128 quotient = Magnitude(unscaled_) / divisor;
    Uint128 remainder = Magnitude(unscaled_) % divisor;
    bool fits = quotient < kMagnitudeLimit && extra >= 0;
    for (int i = 0; fits && i < extra; ++i) {
      WideUint r = WideUint::Multiply(remainder, 10);
      const WideUint d = WideUint::Of(divisor);
      int digit = 0;
      while (r >= d) {
        r = r - d;
        ++digit;
      }
      remainder = r.lo;
      if (quotient > (kMagnitudeLimit - 1 - static_cast<Uint128>(digit)) / 10) fits = false;
      quotient = quotient * 10 + static_cast<Uint128>(digit);
    }
    if (fits) {
      // Half away from zero: compare twice the remainder with the divisor.
      const WideUint twice = WideUint::Multiply(remainder, 2);
      if (twice >= WideUint::Of(divisor) && quotient + 1 < kMagnitudeLimit) {
        ++quotient;
      } else if (twice >= WideUint::Of(divisor)) {
        fits = false;
      }
    }
    if (fits) {
      const Int128 v = static_cast<Int128>(quotient);
      return Numeric((unscaled_ < 0) != (other.unscaled_ < 0) ? -v : v, result_scale);
    }
  }
  const Decimal a = ToDecimal(*this), b = ToDecimal(other);
  // a / b * 10^rs = (A / 10^sa) / (B / 10^sb) * 10^rs = A * 10^(rs + sb - sa) / B
  const int shift = result_scale + b.scale - a.scale;
  BigInt numerator = a.unscaled, denominator = b.unscaled;
  if (shift >= 0) {
    numerator *= Pow10Big(shift);
  } else {
    denominator *= Pow10Big(-shift);
  }
  return Finish(RoundedDivide(numerator, denominator), result_scale);
}

Result<Numeric> Numeric::Modulo(const Numeric& other) const {
  if (is_nan() || other.is_nan()) return NaN();
  if (other.Sign() == 0) return DivisionByZero();
  if (is_infinite()) return NaN();
  if (other.is_infinite()) return *this;
  const int scale = std::max(scale_, other.scale_);
  if (is_inline() && other.is_inline()) {
    Int128 a, b;
    if (!__builtin_mul_overflow(unscaled_, static_cast<Int128>(kPow10[scale - scale_]), &a) &&
        !__builtin_mul_overflow(other.unscaled_, static_cast<Int128>(kPow10[scale - other.scale_]),
                                &b)) {
      // C++'s % truncates toward zero and keeps the dividend's sign, as PostgreSQL.
      return Numeric(a % b, scale);
    }
  }
  const Decimal a = ToDecimal(*this), b = ToDecimal(other);
  return Finish(ScaledTo(a, scale) % ScaledTo(b, scale), scale);
}

Result<Numeric> Numeric::DivTrunc(const Numeric& other) const {
  if (is_nan() || other.is_nan()) return NaN();
  if (other.Sign() == 0) return DivisionByZero();
  if (is_infinite()) {
    if (other.is_infinite()) return NaN();
    return InfinityOfSign(Sign() * other.Sign());
  }
  if (other.is_infinite()) return Numeric(0, 0);
  const Decimal a = ToDecimal(*this), b = ToDecimal(other);
  const int scale = std::max(a.scale, b.scale);
  return Finish(ScaledTo(a, scale) / ScaledTo(b, scale), 0);
}

Result<Numeric> Numeric::Round(int scale) const {
  if (!is_finite()) return *this;
  if (is_inline() && scale >= 0 && scale <= kMaxScale) {
    const Uint128 magnitude = Magnitude(unscaled_);
    if (scale >= scale_) {
      const WideUint scaled = WideUint::Multiply(magnitude, kPow10[scale - scale_]);
      if (scaled.hi == 0 && scaled.lo < kMagnitudeLimit) {
        const Int128 v = static_cast<Int128>(scaled.lo);
        return Numeric(unscaled_ < 0 ? -v : v, scale);
      }
    } else {
      const Uint128 divisor = kPow10[scale_ - scale];
      Uint128 rounded = magnitude / divisor;
      if ((magnitude % divisor) * 2 >= divisor) ++rounded;
      if (rounded < kMagnitudeLimit) {
        const Int128 v = static_cast<Int128>(rounded);
        return Numeric(unscaled_ < 0 ? -v : v, scale);
      }
    }
  }
  return RoundGeneric(ToDecimal(*this), scale, /*truncate=*/false);
}

Result<Numeric> Numeric::Trunc(int scale) const {
  if (!is_finite()) return *this;
  if (is_inline() && scale >= 0 && scale <= scale_) {
    return Numeric(unscaled_ / static_cast<Int128>(kPow10[scale_ - scale]), scale);
  }
  return RoundGeneric(ToDecimal(*this), scale, /*truncate=*/true);
}

Result<Numeric> Numeric::Ceil() const {
  if (!is_finite()) return *this;
  BASALT_ASSIGN_OR_RETURN(Numeric t, Trunc(0));
  if (Compare(t) > 0) return t.Add(Numeric(1, 0));
  return t;
}

Result<Numeric> Numeric::Floor() const {
  if (!is_finite()) return *this;
  BASALT_ASSIGN_OR_RETURN(Numeric t, Trunc(0));
  if (Compare(t) < 0) return t.Subtract(Numeric(1, 0));
  return t;
}

Result<Numeric> Numeric::ApplyTypmod(int precision, int scale) const {
  auto field_overflow = [&](bool infinite) {
    const int max_digits = precision - scale;
    // numeric.c's apply_typmod: 10^0 is shown as 1.
    std::string detail =
        infinite
            ? fmt::format("A field with precision {}, scale {} cannot hold an infinite value.",
                          precision, scale)
            : fmt::format(
                  "A field with precision {}, scale {} must round to an absolute value less "
                  "than {}{}.",
                  precision, scale, max_digits != 0 ? "10^" : "", max_digits != 0 ? max_digits : 1);
    return Status::Error(sqlstate::kNumericValueOutOfRange, "numeric field overflow")
        .WithDetail(std::move(detail));
  };
  if (is_nan()) return *this;
  if (is_infinite()) return field_overflow(true);
  auto rounded = Round(scale);
  if (!rounded.ok()) return field_overflow(false);
  if (rounded->Sign() != 0) {
    const int integer_digits = static_cast<int>(rounded->DigitString().size()) - rounded->scale();
    if (integer_digits > precision - scale) return field_overflow(false);
  }
  return rounded;
}

Result<Numeric> Numeric::Gcd(const Numeric& other) const {
  if (!is_finite() || !other.is_finite()) return NaN();
  const Decimal a = ToDecimal(*this), b = ToDecimal(other);
  const int scale = std::max(a.scale, b.scale);
  return Finish(boost::multiprecision::gcd(ScaledTo(a, scale), ScaledTo(b, scale)), scale);
}

Result<Numeric> Numeric::Lcm(const Numeric& other) const {
  if (!is_finite() || !other.is_finite()) return NaN();
  const Decimal a = ToDecimal(*this), b = ToDecimal(other);
  const int scale = std::max(a.scale, b.scale);
  const BigInt x = ScaledTo(a, scale), y = ScaledTo(b, scale);
  if (x == 0 || y == 0) return Finish(BigInt(0), scale);
  const BigInt g = boost::multiprecision::gcd(x, y);
  return Finish(boost::multiprecision::abs(BigInt(x / g * y)), scale);
}

Result<Numeric> Numeric::Factorial(int64_t n) {
  if (n < 0) {
    return Status::Error(sqlstate::kNumericValueOutOfRange,
                         "factorial of a negative number is undefined");
  }
  if (n > kMaxFactorialArgument) return Overflow();
  BigInt f = 1;
  for (int64_t i = 2; i <= n; ++i) f *= static_cast<uint64_t>(i);
  return Finish(std::move(f), 0);
}

Result<Numeric> Numeric::Sqrt() const {
  if (is_nan() || kind_ == Kind::kPosInfinity) return *this;
  if (Sign() < 0) {
    return Status::Error(sqlstate::kInvalidArgumentForPowerFunction,
                         "cannot take square root of a negative number");
  }
  // PostgreSQL's numeric_sqrt: about 16 significant digits from the
  // argument's base-10000 weight, never fewer decimals than the argument.
  const std::string digits = DigitString();
  int weight = 0;
  if (Sign() != 0) weight = LeadingBase10000Group(digits, scale_).weight;
  const int root_weight = (weight + 1) * 4 / 2 - 1;
  int rscale = kMinSignificantDigits - root_weight;
  rscale = std::clamp(std::max(rscale, scale_), 0, kMaxResultScale);
  // floor(sqrt(x) * 10^(rscale + 1)) from x * 10^(2 rscale + 2), then
  // rounded on the extra digit (half away from zero).
  const Decimal a = ToDecimal(*this);
  // floor(sqrt(floor(y))) = floor(sqrt(y)), so digits past the ones
  // needed may be cut off.
  const int shift = 2 * rscale + 2 - a.scale;
  const BigInt radicand =
      shift >= 0 ? BigInt(a.unscaled * Pow10Big(shift)) : BigInt(a.unscaled / Pow10Big(-shift));
  const BigInt root = boost::multiprecision::sqrt(radicand);
  return Finish((root + 5) / 10, rscale);
}

namespace {

// x^n for an integer n != 0 at `rscale` decimals, rounded half away from
// zero. Exact when the exact power is of moderate size; otherwise by binary
// exponentiation keeping enough significant digits for rscale plus guard
// digits (PostgreSQL's power_var_int is not exact either).
Result<Numeric> IntegerPower(const Decimal& x, int64_t n, int rscale, double log10_result) {
  const bool negative_result = x.unscaled < 0 && (n % 2 != 0);
  const uint64_t m = static_cast<uint64_t>(n < 0 ? -n : n);
  const BigInt base = boost::multiprecision::abs(x.unscaled);
  BigInt value;  // the result at rscale
  if (static_cast<double>(DigitCount(base)) * static_cast<double>(m) <= 20000) {
    const BigInt power = boost::multiprecision::pow(base, static_cast<unsigned>(m));
    const int64_t power_scale = static_cast<int64_t>(x.scale) * static_cast<int64_t>(m);
    if (n > 0) {
      value = power_scale >= rscale
                  ? RoundedDivide(power, Pow10Big(static_cast<int>(power_scale - rscale)))
                  : BigInt(power * Pow10Big(static_cast<int>(rscale - power_scale)));
    } else {
      value = RoundedDivide(Pow10Big(static_cast<int>(rscale + power_scale)), power);
    }
  } else {
    // mantissa * 10^exponent, truncated to `digits` significant digits.
    const int guard = 2 * static_cast<int>(std::log10(static_cast<double>(m)) + 1) + 10;
    const int digits = std::max(static_cast<int>(log10_result) + rscale, 1) + guard;
    auto truncate = [&](BigInt* mantissa, int64_t* exponent) {
      const int count = DigitCount(*mantissa);
      if (count > digits) {
        *mantissa /= Pow10Big(count - digits);
        *exponent += count - digits;
      }
    };
    BigInt result = 1, square = base;
    int64_t result_exp = 0, square_exp = -x.scale;
    truncate(&square, &square_exp);
    for (uint64_t k = m;;) {
      if (k & 1) {
        result *= square;
        result_exp += square_exp;
        truncate(&result, &result_exp);
      }
      k >>= 1;
      if (k == 0) break;
      square *= square;
      square_exp *= 2;
      truncate(&square, &square_exp);
    }
    if (n > 0) {
      const int64_t shift = result_exp + rscale;
      value = shift >= 0 ? BigInt(result * Pow10Big(static_cast<int>(shift)))
                         : RoundedDivide(result, Pow10Big(static_cast<int>(-shift)));
    } else {
      const int64_t shift = rscale - result_exp;  // 10^rscale / (result * 10^result_exp)
      value = shift >= 0 ? RoundedDivide(Pow10Big(static_cast<int>(shift)), result) : BigInt(0);
    }
  }
  return Finish(negative_result ? BigInt(-value) : value, rscale);
}

}  // namespace

Result<Numeric> Numeric::Power(const Numeric& exponent) const {
  auto zero_to_negative = [] {
    return Status::Error(sqlstate::kInvalidArgumentForPowerFunction,
                         "zero raised to a negative power is undefined");
  };
  auto complex_result = [] {
    return Status::Error(sqlstate::kInvalidArgumentForPowerFunction,
                         "a negative number raised to a non-integer power yields a complex result");
  };
  const Numeric one(1, 0);
  if (is_nan()) return exponent.Sign() == 0 && exponent.is_finite() ? one : NaN();
  if (exponent.is_nan()) return Compare(one) == 0 ? one : NaN();
  const bool integer_exponent =
      exponent.is_finite() && exponent.Trunc(0).ok() && exponent.Compare(*exponent.Trunc(0)) == 0;
  if (exponent.is_infinite()) {
    const bool up = exponent.kind() == Kind::kPosInfinity;
    if (is_infinite()) return up ? PosInfinity() : Numeric(0, 0);
    if (Sign() == 0 && !up) return zero_to_negative();
    const int magnitude = Abs().Compare(one);
    if (magnitude == 0) return one;
    return (magnitude > 0) == up ? PosInfinity() : Numeric(0, 0);
  }
  if (is_infinite()) {
    if (exponent.Sign() == 0) return one;
    if (kind_ == Kind::kNegInfinity && !integer_exponent) return complex_result();
    if (exponent.Sign() < 0) return Numeric(0, 0);
    if (kind_ == Kind::kPosInfinity) return PosInfinity();
    BASALT_ASSIGN_OR_RETURN(Numeric half, exponent.Divide(Numeric(2, 0)));
    const bool odd = half.Compare(*half.Trunc(0)) != 0;
    return odd ? NegInfinity() : PosInfinity();
  }
  if (Sign() == 0 && exponent.Sign() < 0) return zero_to_negative();
  if (Sign() < 0 && !integer_exponent) return complex_result();
  // power_var: power_var_int for an integer exponent of 32 bits, exp(ln)
  // for every other.
  auto n = integer_exponent ? exponent.ToInt64() : Result<int64_t>(Overflow());
  if (!n.ok() || *n > std::numeric_limits<int32_t>::max() ||
      *n < std::numeric_limits<int32_t>::min()) {
    return numeric_internal::PowerByLogarithm(*this, exponent);
  }
  const int rscale = std::clamp(std::max(kMinSignificantDigits, scale_), 0, kMaxResultScale);
  if (*n == 0 || Compare(one) == 0) return Finish(Pow10Big(rscale), rscale);
  if (Sign() == 0) return Finish(BigInt(0), rscale);
  // log10 |x| from the leading digits, then the result's decimal weight.
  const std::string digits = DigitString();
  const double lead = std::stod("0." + digits.substr(0, 17));
  const double log10_x = std::log10(lead) + static_cast<double>(digits.size()) - scale_;
  const double log10_result = log10_x * static_cast<double>(*n);
  if (log10_result > kMaxIntegerDigits + 1) return Overflow();
  if (log10_result < -(rscale + 2)) return Finish(BigInt(0), rscale);  // rounds to zero
  return IntegerPower(ToDecimal(*this), *n, rscale, log10_result);
}

Numeric Numeric::Normalized() const {
  if (!is_finite()) return *this;
  if (big_ == nullptr) {
    Int128 v = unscaled_;
    int scale = scale_;
    if (v == 0) return Numeric(0, 0);
    while (scale > 0 && v % 10 == 0) {
      v /= 10;
      --scale;
    }
    return Numeric(v, scale);
  }
  std::string digits = DigitString();
  int scale = scale_;
  size_t keep = digits.size();
  while (scale > 0 && keep > 0 && digits[keep - 1] == '0') {
    --keep;
    --scale;
  }
  if (keep == 0) return Numeric(0, 0);
  digits.resize(keep);
  Result<Numeric> n = FromDigits(Sign() < 0, digits, scale);
  return n.ok() ? *n : *this;  // cannot fail: fewer digits than before
}

int Numeric::Compare(const Numeric& other) const {
  if (is_inline() && other.is_inline()) {
    if (scale_ == other.scale_) {  // the common case in sorts and joins
      return unscaled_ < other.unscaled_ ? -1 : unscaled_ > other.unscaled_ ? 1 : 0;
    }
    if (Sign() != other.Sign()) return Sign() < other.Sign() ? -1 : 1;
    const int scale = std::max(scale_, other.scale_);
    const WideUint a = WideUint::Multiply(Magnitude(unscaled_), kPow10[scale - scale_]);
    const WideUint b = WideUint::Multiply(Magnitude(other.unscaled_), kPow10[scale - other.scale_]);
    const int magnitude_order = a < b ? -1 : a == b ? 0 : 1;
    return Sign() < 0 ? -magnitude_order : magnitude_order;
  }
  const int rank = SpecialRank(*this), other_rank = SpecialRank(other);
  if (rank != other_rank) return rank < other_rank ? -1 : 1;
  if (rank != 0) return 0;
  if (Sign() != other.Sign()) return Sign() < other.Sign() ? -1 : 1;
  const Decimal a = ToDecimal(*this), b = ToDecimal(other);
  const int scale = std::max(a.scale, b.scale);
  const BigInt x = ScaledTo(a, scale), y = ScaledTo(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

}  // namespace basalt
