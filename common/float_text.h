// Text forms of float4/float8 as PostgreSQL 15 prints and parses them
// (float4out/float8out with extra_float_digits = 1, float4in/float8in).
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace basalt {

// Shortest digits that read back to the same value, laid out as PostgreSQL
// does: plain notation for decimal exponents in [-4, 15) ("0.0001",
// "123456789012345"), otherwise "1e+20", "1.5e-07"; "Infinity", "-Infinity",
// "NaN"; negative zero is "-0".
void AppendFloat8Text(double v, std::string* out);
// The same for a float4 value: shortest float digits, plain notation for
// exponents in [-4, 6) ("123456", "1.234567e+06").
void AppendFloat4Text(float v, std::string* out);

// strtod/strtof syntax with surrounding whitespace, plus "Infinity", "inf",
// "NaN" in any case. 22P02 `invalid input syntax for type double precision:
// "abc"`; 22003 `"1e400" is out of range for type double precision` (also for
// underflow to zero).
Result<double> ParseFloat8(std::string_view text);
Result<float> ParseFloat4(std::string_view text);

}  // namespace basalt
