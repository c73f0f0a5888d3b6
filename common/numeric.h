// Numeric: PostgreSQL's exact decimal, held as an unscaled 128-bit integer and
// a decimal scale (value = unscaled / 10^scale). Up to 38 significant digits;
// larger results fail with 22003 rather than losing digits.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace basalt {

__extension__ using Int128 = __int128;

class Numeric {
 public:
  static constexpr int kMaxDigits = 38;
  static constexpr int kMaxScale = 38;

  Numeric() = default;  // 0
  Numeric(Int128 unscaled, int scale) : unscaled_(unscaled), scale_(scale) {}
  static Numeric FromInt64(int64_t v) { return Numeric(v, 0); }
  // 22003 for NaN or infinity (not yet representable) or too many digits.
  // Keeps 15 significant digits, as PostgreSQL's float8 -> numeric cast.
  static Result<Numeric> FromDouble(double v);
  // Keeps 6 significant digits, as PostgreSQL's float4 -> numeric cast.
  static Result<Numeric> FromFloat4(float v);
  // PostgreSQL's numeric_in: [+-]digits[.digits][e[+-]digits] with surrounding
  // whitespace; 22P02 on bad syntax, 22003 when it does not fit.
  static Result<Numeric> Parse(std::string_view text);

  Int128 unscaled() const { return unscaled_; }
  int scale() const { return scale_; }
  int Sign() const { return unscaled_ < 0 ? -1 : unscaled_ > 0 ? 1 : 0; }

  // PostgreSQL's numeric_out: plain notation with exactly scale() decimals.
  std::string ToString() const;
  double ToDouble() const;
  // Rounds half away from zero, as PostgreSQL does; 22003 when out of range.
  Result<int64_t> ToInt64() const;

  // Arithmetic with PostgreSQL's result scales; 22003 on overflow, 22012 on
  // division by zero.
  Result<Numeric> Add(const Numeric& other) const;
  Result<Numeric> Subtract(const Numeric& other) const;
  Result<Numeric> Multiply(const Numeric& other) const;
  Result<Numeric> Divide(const Numeric& other) const;
  Result<Numeric> Modulo(const Numeric& other) const;
  Numeric Negate() const { return Numeric(-unscaled_, scale_); }
  Numeric Abs() const { return unscaled_ < 0 ? Negate() : *this; }

  // Rounds to `scale` decimals (half away from zero); for numeric(p,s) also
  // checks that the integer part fits p - s digits (22003 "numeric field overflow").
  Result<Numeric> Round(int scale) const;
  Result<Numeric> ApplyTypmod(int precision, int scale) const;

  // The same value with trailing fractional zeros removed: 1.50 -> 1.5.
  // Equal values have equal normal forms (keys and hashes use it).
  Numeric Normalized() const;

  // -1, 0, 1; 1.0 and 1.00 compare equal.
  int Compare(const Numeric& other) const;
  friend bool operator==(const Numeric& a, const Numeric& b) { return a.Compare(b) == 0; }

 private:
  Int128 unscaled_ = 0;
  int scale_ = 0;
};

}  // namespace basalt
