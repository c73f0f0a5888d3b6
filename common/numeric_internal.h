// The generic (heap) form of Numeric shared by numeric.cc and
// numeric_transcendental.cc. Private to common/: other modules use numeric.h.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include "common/numeric.h"

namespace basalt::numeric_internal {

// Without expression templates: plain values read more simply here.
using BigInt = boost::multiprecision::number<boost::multiprecision::cpp_int_backend<>,
                                             boost::multiprecision::et_off>;

// A finite value as unscaled / 10^scale; scale may be any int here.
struct Decimal {
  BigInt unscaled;
  int scale = 0;
};

// REQUIRES: n.is_finite().
Decimal ToDecimal(const Numeric& n);
// Builds a Numeric: inline when it fits, 22003 past numeric's limits.
// REQUIRES: 0 <= scale <= Numeric::kMaxDisplayScale.
Result<Numeric> Finish(BigInt unscaled, int scale);
BigInt ToBig(Int128 v);
BigInt Pow10Big(int n);
// a / b rounded half away from zero. REQUIRES: b != 0.
BigInt RoundedDivide(const BigInt& a, const BigInt& b);
// The number of decimal digits of |v| (0 for zero).
int DigitCount(const BigInt& v);

// numeric ^ numeric through exp(ln(base) * exponent), PostgreSQL 15's
// power_var for exponents that are not integers of 32 bits, with its result
// scale. REQUIRES: both finite; base not negative unless the exponent is an
// integer; not 0 ^ negative.
Result<Numeric> PowerByLogarithm(const Numeric& base, const Numeric& exponent);

}  // namespace basalt::numeric_internal
