#include "common/numeric.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "common/wide_int.h"

namespace basalt {
namespace {

constexpr std::array<Uint128, 39> MakePowersOf10() {
  std::array<Uint128, 39> p{};
  p[0] = 1;
  for (size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}
constexpr std::array<Uint128, 39> kPow10 = MakePowersOf10();
// Every Numeric's unscaled magnitude stays below this: 38 digits.
constexpr Uint128 kMagnitudeLimit = kPow10[Numeric::kMaxDigits];

// PostgreSQL's select_div_scale constants.
constexpr int kMinSignificantDigits = 16;
constexpr int kMaxDisplayScale = 1000;

Status Overflow() {
  return Status::Error(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
}
Status DivisionByZero() {
  return Status::Error(sqlstate::kDivisionByZero, "division by zero");
}
Status NotFinite() {
  return Status::Error(sqlstate::kNumericValueOutOfRange,
                       "numeric NaN and Infinity are not supported");
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

// Builds a Numeric from a sign and magnitude, enforcing the 38-digit limit.
Result<Numeric> Make(bool negative, Uint128 magnitude, int scale) {
  if (magnitude >= kMagnitudeLimit || scale > Numeric::kMaxScale) return Overflow();
  Int128 v = static_cast<Int128>(magnitude);
  return Numeric(negative ? -v : v, magnitude == 0 ? std::max(scale, 0) : scale);
}

// *out = magnitude * 10^n; false when that needs more than 38 digits.
bool ScaleUp(Uint128 magnitude, int n, Uint128* out) {
  if (magnitude == 0) {
    *out = 0;
    return true;
  }
  if (n < 0 || n > Numeric::kMaxDigits) return false;
  WideUint product = WideUint::Multiply(magnitude, kPow10[n]);
  if (product.hi != 0 || product.lo >= kMagnitudeLimit) return false;
  *out = product.lo;
  return true;
}

// magnitude / 10^n, rounded half away from zero.
Uint128 ScaleDownRounded(Uint128 magnitude, int n) {
  if (n <= 0) return magnitude;
  if (n > Numeric::kMaxDigits) return 0;  // magnitude < 10^38 <= 0.5 * 10^n
  Uint128 divisor = kPow10[n];
  Uint128 quotient = magnitude / divisor;
  Uint128 remainder = magnitude % divisor;
  if (remainder * 2 >= divisor) ++quotient;
  return quotient;
}

// The next decimal digit of remainder/divisor in long division; updates the
// remainder. The 256-bit step is needed because 10 * remainder can pass 2^128.
int NextQuotientDigit(Uint128* remainder, Uint128 divisor) {
  WideUint r = WideUint::Multiply(*remainder, 10);
  WideUint d = WideUint::Of(divisor);
  int digit = 0;
  while (r >= d) {
    r = r - d;
    ++digit;
  }
  *remainder = r.lo;
  return digit;
}

// PostgreSQL stores numerics as base-10000 digits; select_div_scale looks at
// the weight (position) and value of the first non-zero base-10000 digit.
struct LeadingGroup {
  int weight = 0;
  int value = 0;
};

LeadingGroup LeadingBase10000Group(Uint128 magnitude, int scale) {
  if (magnitude == 0) return {};
  std::string digits = MagnitudeDigits(magnitude);
  int exponent = static_cast<int>(digits.size()) - 1 - scale;  // of the leading digit
  int weight = exponent >= 0 ? exponent / 4 : -((-exponent + 3) / 4);
  int group_digits = exponent - 4 * weight + 1;  // 1..4 digits of the group are in use
  digits.resize(static_cast<size_t>(std::max<int>(group_digits, static_cast<int>(digits.size()))),
                '0');
  return {weight, std::stoi(digits.substr(0, static_cast<size_t>(group_digits)))};
}

// PostgreSQL's select_div_scale: at least 16 significant digits, and never
// fewer decimals than either input shows.
int DivisionScale(const Numeric& a, const Numeric& b) {
  LeadingGroup lead1 = LeadingBase10000Group(Magnitude(a.unscaled()), a.scale());
  LeadingGroup lead2 = LeadingBase10000Group(Magnitude(b.unscaled()), b.scale());
  int quotient_weight = lead1.weight - lead2.weight;
  if (lead1.value <= lead2.value) --quotient_weight;
  int scale = kMinSignificantDigits - quotient_weight * 4;
  scale = std::max({scale, a.scale(), b.scale(), 0});
  return std::min(scale, kMaxDisplayScale);
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

Result<Numeric> Numeric::FromDouble(double v) {
  if (!std::isfinite(v)) return NotFinite();
  // As PostgreSQL's float8_numeric: keep DBL_DIG significant digits.
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.15g", v);
  return Parse(buf);
}

Result<Numeric> Numeric::FromFloat4(float v) {
  if (!std::isfinite(v)) return NotFinite();
  // As PostgreSQL's float4_numeric: keep FLT_DIG significant digits.
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.6g", static_cast<double>(v));
  return Parse(buf);
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

  size_t i = 0;
  bool negative = false;
  if (i < body.size() && (body[i] == '+' || body[i] == '-')) negative = body[i++] == '-';
  std::string_view word = body.substr(i);
  if (EqualsIgnoreCase(word, "nan") || EqualsIgnoreCase(word, "infinity") ||
      EqualsIgnoreCase(word, "inf")) {
    return NotFinite();
  }

  Uint128 digits = 0;
  int significant = 0;  // digits after leading zeros
  int fraction_digits = 0;
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
    if (++significant <= kMaxDigits) digits = digits * 10 + static_cast<Uint128>(c - '0');
  }
  if (!any_digit) return syntax_error();

  int64_t exponent = 0;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    ++i;
    bool negative_exponent = false;
    if (i < body.size() && (body[i] == '+' || body[i] == '-')) negative_exponent = body[i++] == '-';
    if (i >= body.size() || body[i] < '0' || body[i] > '9') return syntax_error();
    for (; i < body.size() && body[i] >= '0' && body[i] <= '9'; ++i) {
      exponent = std::min<int64_t>(exponent * 10 + (body[i] - '0'), 1'000'000);
    }
    if (negative_exponent) exponent = -exponent;
  }
  if (i != body.size()) return syntax_error();

  if (digits == 0)
    return Numeric(0,
                   static_cast<int>(std::clamp<int64_t>(fraction_digits - exponent, 0, kMaxScale)));
  if (significant > kMaxDigits) return Overflow();
  int64_t shift = exponent - fraction_digits;  // value = digits * 10^shift
  if (shift >= 0) {
    Uint128 scaled;
    if (!ScaleUp(digits, static_cast<int>(std::min<int64_t>(shift, kMaxDigits + 1)), &scaled)) {
      return Overflow();
    }
    return Make(negative, scaled, 0);
  }
  if (-shift > kMaxScale) return Overflow();
  return Make(negative, digits, static_cast<int>(-shift));
}

std::string Numeric::ToString() const {
  std::string digits = MagnitudeDigits(Magnitude(unscaled_));
  std::string out;
  if (unscaled_ < 0) out.push_back('-');
  if (scale_ <= 0) {
    out += digits;
    if (unscaled_ != 0) out.append(static_cast<size_t>(-scale_), '0');
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
  // As PostgreSQL's numeric_float8, the correctly rounded double of the exact
  // decimal. An integer below 2^53 over a power of ten up to 1e22 are both
  // exact doubles, so one (correctly rounded) division gives it; otherwise
  // strtod of the text form does.
  static constexpr double kExactPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  constexpr Int128 kExactIntegerLimit = Int128{1} << 53;
  if (scale_ >= 0 && scale_ <= 22 && unscaled_ < kExactIntegerLimit &&
      unscaled_ > -kExactIntegerLimit) {
    return static_cast<double>(static_cast<int64_t>(unscaled_)) / kExactPowersOfTen[scale_];
  }
  return std::strtod(ToString().c_str(), nullptr);
}

Result<int64_t> Numeric::ToInt64() const {
  Uint128 rounded = ScaleDownRounded(Magnitude(unscaled_), scale_);
  constexpr Uint128 kMaxPositive = std::numeric_limits<int64_t>::max();
  if (unscaled_ < 0 ? rounded > kMaxPositive + 1 : rounded > kMaxPositive) {
    return Status::Error(sqlstate::kNumericValueOutOfRange, "bigint out of range");
  }
  return unscaled_ < 0 ? static_cast<int64_t>(-static_cast<Int128>(rounded))
                       : static_cast<int64_t>(rounded);
}

Result<Numeric> Numeric::Add(const Numeric& other) const {
  int scale = std::max(scale_, other.scale_);
  Int128 a, b, sum;
  if (__builtin_mul_overflow(unscaled_, static_cast<Int128>(kPow10[scale - scale_]), &a) ||
      __builtin_mul_overflow(other.unscaled_, static_cast<Int128>(kPow10[scale - other.scale_]),
                             &b) ||
      __builtin_add_overflow(a, b, &sum)) {
    return Overflow();
  }
  return Make(sum < 0, Magnitude(sum), scale);
}

Result<Numeric> Numeric::Subtract(const Numeric& other) const {
  return Add(other.Negate());
}

Result<Numeric> Numeric::Multiply(const Numeric& other) const {
  // Exact, with the sum of the scales, as PostgreSQL's numeric_mul.
  WideUint product = WideUint::Multiply(Magnitude(unscaled_), Magnitude(other.unscaled_));
  if (product.hi != 0) return Overflow();
  return Make((unscaled_ < 0) != (other.unscaled_ < 0), product.lo, scale_ + other.scale_);
}

Result<Numeric> Numeric::Divide(const Numeric& other) const {
  if (other.unscaled_ == 0) return DivisionByZero();
  int result_scale = DivisionScale(*this, other);
  if (result_scale > kMaxScale) return Overflow();
  // quotient = |a| * 10^extra / |b|, computed by long division one decimal
  // digit at a time so the dividend never has to fit 128 bits.
  int extra = result_scale + other.scale_ - scale_;
  Uint128 divisor = Magnitude(other.unscaled_);
  Uint128 quotient = Magnitude(unscaled_) / divisor;
  Uint128 remainder = Magnitude(unscaled_) % divisor;
  if (quotient >= kMagnitudeLimit) return Overflow();
  for (int i = 0; i < extra; ++i) {
    int digit = NextQuotientDigit(&remainder, divisor);
    if (quotient > (kMagnitudeLimit - 1 - static_cast<Uint128>(digit)) / 10) return Overflow();
    quotient = quotient * 10 + static_cast<Uint128>(digit);
  }
  if (NextQuotientDigit(&remainder, divisor) >= 5) ++quotient;  // half away from zero
  return Make((unscaled_ < 0) != (other.unscaled_ < 0), quotient, result_scale);
}

Result<Numeric> Numeric::Modulo(const Numeric& other) const {
  if (other.unscaled_ == 0) return DivisionByZero();
  int scale = std::max(scale_, other.scale_);
  Int128 a, b;
  if (__builtin_mul_overflow(unscaled_, static_cast<Int128>(kPow10[scale - scale_]), &a) ||
      __builtin_mul_overflow(other.unscaled_, static_cast<Int128>(kPow10[scale - other.scale_]),
                             &b)) {
    return Overflow();
  }
  // C++'s % truncates toward zero and keeps the dividend's sign, as PostgreSQL.
  return Numeric(a % b, scale);
}

Result<Numeric> Numeric::Round(int scale) const {
  bool negative = unscaled_ < 0;
  Uint128 magnitude = Magnitude(unscaled_);
  if (scale >= scale_) {
    Uint128 scaled;
    if (scale > kMaxScale || !ScaleUp(magnitude, scale - scale_, &scaled)) return Overflow();
    return Make(negative, scaled, scale);
  }
  Uint128 rounded = ScaleDownRounded(magnitude, scale_ - scale);
  if (scale < 0) {
    // round(1234.5, -2) = 1200: the dropped integer digits come back as zeros.
    if (!ScaleUp(rounded, -scale, &rounded)) return Overflow();
    scale = 0;
  }
  return Make(negative, rounded, scale);
}

Result<Numeric> Numeric::ApplyTypmod(int precision, int scale) const {
  auto rounded = Round(scale);
  // Rounding up can only fail when the value is far too large for any
  // numeric(p,s) we can hold: report it as PostgreSQL would.
  auto field_overflow = [&] {
    // numeric.c's apply_typmod: 10^0 is shown as 1.
    int max_digits = precision - scale;
    return Status::Error(sqlstate::kNumericValueOutOfRange, "numeric field overflow")
        .WithDetail(fmt::format(
            "A field with precision {}, scale {} must round to an absolute value less than {}{}.",
            precision, scale, max_digits != 0 ? "10^" : "", max_digits != 0 ? max_digits : 1));
  };
  if (!rounded.ok()) return field_overflow();
  if (precision >= 0 && precision <= kMaxDigits &&
      Magnitude(rounded->unscaled()) >= kPow10[precision]) {
    return field_overflow();
  }
  return rounded;
}

Numeric Numeric::Normalized() const {
  Int128 v = unscaled_;
  int scale = scale_;
  if (v == 0) return Numeric(0, 0);
  while (scale > 0 && v % 10 == 0) {
    v /= 10;
    --scale;
  }
  return Numeric(v, scale);
}

int Numeric::Compare(const Numeric& other) const {
  if (scale_ == other.scale_) {  // the common case in sorts and joins
    return unscaled_ < other.unscaled_ ? -1 : unscaled_ > other.unscaled_ ? 1 : 0;
  }
  if (Sign() != other.Sign()) return Sign() < other.Sign() ? -1 : 1;
  int scale = std::max(scale_, other.scale_);
  WideUint a = WideUint::Multiply(Magnitude(unscaled_), kPow10[scale - scale_]);
  WideUint b = WideUint::Multiply(Magnitude(other.unscaled_), kPow10[scale - other.scale_]);
  int magnitude_order = a < b ? -1 : a == b ? 0 : 1;
  return Sign() < 0 ? -magnitude_order : magnitude_order;
}

}  // namespace basalt
