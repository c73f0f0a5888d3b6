// WideUint: a minimal unsigned 256-bit integer, just enough for Numeric to
// multiply two 38-digit values and compare values at different scales without
// overflowing Int128. Internal to common/ (numeric.cc); not a general bignum.
#pragma once

#include <compare>

namespace basalt {

__extension__ using Uint128 = unsigned __int128;

struct WideUint {
  Uint128 hi = 0;
  Uint128 lo = 0;

  static WideUint Of(Uint128 v) { return WideUint{0, v}; }

  // The full 256-bit product of two 128-bit values.
  static WideUint Multiply(Uint128 a, Uint128 b) {
    constexpr Uint128 kMask = ~static_cast<unsigned long long>(0);
    Uint128 a_lo = a & kMask, a_hi = a >> 64;
    Uint128 b_lo = b & kMask, b_hi = b >> 64;
    Uint128 ll = a_lo * b_lo;
    Uint128 lh = a_lo * b_hi;
    Uint128 hl = a_hi * b_lo;
    Uint128 hh = a_hi * b_hi;
    // Middle column: may carry into the high half.
    Uint128 mid = (ll >> 64) + (lh & kMask) + (hl & kMask);
    WideUint r;
    r.lo = (mid << 64) | (ll & kMask);
    r.hi = hh + (lh >> 64) + (hl >> 64) + (mid >> 64);
    return r;
  }

  WideUint operator+(const WideUint& o) const {
    WideUint r{hi + o.hi, lo + o.lo};
    if (r.lo < lo) ++r.hi;
    return r;
  }
  WideUint operator-(const WideUint& o) const {
    WideUint r{hi - o.hi, lo - o.lo};
    if (lo < o.lo) --r.hi;
    return r;
  }
  friend bool operator==(const WideUint&, const WideUint&) = default;
  friend std::strong_ordering operator<=>(const WideUint& a, const WideUint& b) {
    if (a.hi != b.hi)
      return a.hi < b.hi ? std::strong_ordering::less : std::strong_ordering::greater;
    if (a.lo != b.lo)
      return a.lo < b.lo ? std::strong_ordering::less : std::strong_ordering::greater;
    return std::strong_ordering::equal;
  }
};

}  // namespace basalt
