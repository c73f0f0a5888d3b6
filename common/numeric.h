// Numeric: PostgreSQL's exact decimal of arbitrary precision, with NaN and
// ±Infinity. A finite value is unscaled / 10^scale. Values of at most 38
// significant digits and 38 decimals (nearly all of them) are held inline as
// an Int128 and take the fast paths; larger ones share an immutable heap
// integer. The form is canonical: a value that fits inline is always inline.
// PostgreSQL's limits apply: 131072 digits before the decimal point and
// 16383 after it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace basalt {

__extension__ using Int128 = __int128;

namespace numeric_internal {
struct BigRep;  // numeric.cc: a reference-counted boost cpp_int
}

class Numeric {
 public:
  // The inline form's limits.
  static constexpr int kMaxDigits = 38;
  static constexpr int kMaxScale = 38;
  // PostgreSQL's: digits before the point, display scale, typmod precision,
  // and the scale division and the transcendental functions stop at.
  static constexpr int kMaxIntegerDigits = 131072;
  static constexpr int kMaxDisplayScale = 16383;
  static constexpr int kMaxTypmodPrecision = 1000;
  static constexpr int kMaxResultScale = 1000;

  enum class Kind : uint8_t { kFinite, kNaN, kPosInfinity, kNegInfinity };

  Numeric() = default;  // 0
  // REQUIRES: |unscaled| < 10^38 and 0 <= scale <= 38.
  Numeric(Int128 unscaled, int scale) : unscaled_(unscaled), scale_(scale) {}
  // Inline: copies of inline values are hot (every row of a sum).
  Numeric(const Numeric& other)
      : unscaled_(other.unscaled_), scale_(other.scale_), kind_(other.kind_), big_(other.big_) {
    if (__builtin_expect(big_ != nullptr, 0)) Ref(big_);
  }
  Numeric(Numeric&& other) noexcept
      : unscaled_(other.unscaled_), scale_(other.scale_), kind_(other.kind_), big_(other.big_) {
    other.big_ = nullptr;
  }
  Numeric& operator=(const Numeric& other) {
    if (__builtin_expect(other.big_ != nullptr, 0)) Ref(other.big_);  // first: other may be *this
    if (__builtin_expect(big_ != nullptr, 0)) Unref(big_);
    unscaled_ = other.unscaled_;
    scale_ = other.scale_;
    kind_ = other.kind_;
    big_ = other.big_;
    return *this;
  }
  Numeric& operator=(Numeric&& other) noexcept {
    if (this != &other) {
      if (__builtin_expect(big_ != nullptr, 0)) Unref(big_);
      unscaled_ = other.unscaled_;
      scale_ = other.scale_;
      kind_ = other.kind_;
      big_ = other.big_;
      other.big_ = nullptr;
    }
    return *this;
  }
  ~Numeric() {
    if (__builtin_expect(big_ != nullptr, 0)) Unref(big_);
  }

  static Numeric FromInt64(int64_t v) { return Numeric(v, 0); }
  // Any Int128 at a scale in [0, 38], held inline when it fits.
  static Numeric FromInt128(Int128 unscaled, int scale);
  static Numeric NaN() { return Special(Kind::kNaN); }
  static Numeric PosInfinity() { return Special(Kind::kPosInfinity); }
  static Numeric NegInfinity() { return Special(Kind::kNegInfinity); }
  // Keeps 15 significant digits, as PostgreSQL's float8 -> numeric cast;
  // NaN and infinities map to numeric's.
  static Result<Numeric> FromDouble(double v);
  // Keeps 6 significant digits, as PostgreSQL's float4 -> numeric cast.
  static Result<Numeric> FromFloat4(float v);
  // PostgreSQL's numeric_in: [+-]digits[.digits][e[+-]digits], NaN,
  // [+-]Infinity or [+-]inf (any case), with surrounding whitespace; 22P02
  // on bad syntax, 22003 past numeric's limits.
  static Result<Numeric> Parse(std::string_view text);
  // (-1)^negative * digits / 10^scale; digits are decimal ASCII. 22003 past
  // numeric's limits.
  static Result<Numeric> FromDigits(bool negative, std::string_view digits, int scale);

  Kind kind() const { return kind_; }
  bool is_finite() const { return kind_ == Kind::kFinite; }
  bool is_nan() const { return kind_ == Kind::kNaN; }
  bool is_infinite() const { return kind_ == Kind::kPosInfinity || kind_ == Kind::kNegInfinity; }
  // True for finite values held in the Int128 form.
  bool is_inline() const { return kind_ == Kind::kFinite && big_ == nullptr; }

  // REQUIRES: is_inline().
  Int128 unscaled() const { return unscaled_; }
  // Decimals of a finite value (0 for NaN and infinities).
  int scale() const { return scale_; }
  // -1, 0, 1; infinities have their sign, NaN has 0.
  int Sign() const {
    if (is_inline()) return unscaled_ < 0 ? -1 : unscaled_ > 0 ? 1 : 0;
    return SignOutOfLine();
  }
  // The decimal digits of |unscaled| of a finite value ("0" for zero).
  std::string DigitString() const;

  // PostgreSQL's numeric_out: plain notation with exactly scale() decimals;
  // NaN, Infinity, -Infinity.
  std::string ToString() const;
  double ToDouble() const;
  // Rounds half away from zero, as PostgreSQL does; 22003 when out of
  // range, naming `type_name` (smallint, integer, bigint) in the messages
  // for NaN and infinity.
  Result<int64_t> ToInt64(std::string_view type_name = "bigint") const;

  // Arithmetic with PostgreSQL's result scales and its NaN/Infinity rules;
  // 22003 past numeric's limits, 22012 on division by zero.
  Result<Numeric> Add(const Numeric& other) const;
  Result<Numeric> Subtract(const Numeric& other) const;
  Result<Numeric> Multiply(const Numeric& other) const;
  Result<Numeric> Divide(const Numeric& other) const;
  Result<Numeric> Modulo(const Numeric& other) const;
  // div(a, b): the quotient truncated toward zero.
  Result<Numeric> DivTrunc(const Numeric& other) const;
  Numeric Negate() const;
  Numeric Abs() const { return Sign() < 0 ? Negate() : *this; }

  // Rounds / truncates to `scale` decimals (negative: tens, hundreds, ...);
  // the result keeps max(scale, 0) decimals. NaN and infinities stay.
  Result<Numeric> Round(int scale) const;
  Result<Numeric> Trunc(int scale) const;
  Result<Numeric> Ceil() const;
  Result<Numeric> Floor() const;
  // numeric(p,s): rounds to s decimals and checks that the value fits
  // (22003 "numeric field overflow" with PostgreSQL's DETAIL).
  Result<Numeric> ApplyTypmod(int precision, int scale) const;
  // gcd / lcm at the larger scale; NaN when either is NaN or infinite.
  Result<Numeric> Gcd(const Numeric& other) const;
  Result<Numeric> Lcm(const Numeric& other) const;
  static Result<Numeric> Factorial(int64_t n);
  // sqrt with PostgreSQL's result scale; 2201F for a negative argument.
  Result<Numeric> Sqrt() const;
  // this ^ exponent (numeric_power) with PostgreSQL 15's NaN and Infinity
  // rules and result scales; 2201F for 0 ^ negative and negative ^
  // non-integer, 22003 past numeric's limits. Exponents that are not
  // integers of 32 bits go through exp(ln(this) * exponent), as PostgreSQL.
  Result<Numeric> Power(const Numeric& exponent) const;
  // numeric_transcendental.cc: exp, ln and log(base = this, x) in exact
  // decimal arithmetic, rounded to PostgreSQL 15's result scales (about 16
  // significant digits, never fewer decimals than an argument, at most
  // 1000). 2201E for the logarithm of zero or a negative number, 22003 when
  // exp overflows, 22012 for log base 1.
  Result<Numeric> Exp() const;
  Result<Numeric> Ln() const;
  Result<Numeric> Log(const Numeric& x) const;

  // The same value with trailing fractional zeros removed: 1.50 -> 1.5.
  // Equal values have equal normal forms.
  Numeric Normalized() const;

  // -1, 0, 1; 1.0 and 1.00 compare equal; -Infinity < finite < Infinity <
  // NaN, and NaN equals NaN (PostgreSQL's btree order).
  int Compare(const Numeric& other) const;
  friend bool operator==(const Numeric& a, const Numeric& b) { return a.Compare(b) == 0; }

 private:
  static Numeric Special(Kind kind) {
    Numeric n;
    n.kind_ = kind;
    return n;
  }
  friend struct NumericAccess;
  int SignOutOfLine() const;
  static void Ref(numeric_internal::BigRep* rep);
  static void Unref(numeric_internal::BigRep* rep);

  Int128 unscaled_ = 0;
  int32_t scale_ = 0;
  Kind kind_ = Kind::kFinite;
  // Non-null for finite values outside the inline form; owns one reference.
  numeric_internal::BigRep* big_ = nullptr;
};

}  // namespace basalt
