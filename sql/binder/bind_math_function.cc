#include <string_view>

#include "sql/binder/bind_string_function.h"
#include "sql/binder/function_resolver.h"

namespace basalt::sql {
namespace {

using enum TypeId;

// PostgreSQL 15's signatures. Where float8 and numeric both exist, float8
// comes first: an integer argument fits both, and PostgreSQL prefers
// float8 (the numeric category's preferred type). log(x, y) exists for
// numeric only, as in PostgreSQL.
const std::vector<BuiltinSignature>& MathSignatures() {
  static const std::vector<BuiltinSignature> signatures = {
      {"ceil", ScalarFunction::kCeil, {kFloat8}, kFloat8},
      {"ceil", ScalarFunction::kCeil, {kNumeric}, kNumeric},
      {"ceiling", ScalarFunction::kCeil, {kFloat8}, kFloat8},
      {"ceiling", ScalarFunction::kCeil, {kNumeric}, kNumeric},
      {"floor", ScalarFunction::kFloor, {kFloat8}, kFloat8},
      {"floor", ScalarFunction::kFloor, {kNumeric}, kNumeric},
      {"sign", ScalarFunction::kSign, {kFloat8}, kFloat8},
      {"sign", ScalarFunction::kSign, {kNumeric}, kNumeric},
      {"trunc", ScalarFunction::kTrunc, {kFloat8}, kFloat8},
      {"trunc", ScalarFunction::kTrunc, {kNumeric}, kNumeric},
      {"trunc", ScalarFunction::kTrunc, {kNumeric, kInt4}, kNumeric},
      {"mod", ScalarFunction::kMod, {kInt2, kInt2}, kInt2},
      {"mod", ScalarFunction::kMod, {kInt4, kInt4}, kInt4},
      {"mod", ScalarFunction::kMod, {kInt8, kInt8}, kInt8},
      {"mod", ScalarFunction::kMod, {kNumeric, kNumeric}, kNumeric},
      {"div", ScalarFunction::kDiv, {kNumeric, kNumeric}, kNumeric},
      {"power", ScalarFunction::kPower, {kFloat8, kFloat8}, kFloat8},
      {"pow", ScalarFunction::kPower, {kFloat8, kFloat8}, kFloat8},
      {"power", ScalarFunction::kPower, {kNumeric, kNumeric}, kNumeric},
      {"pow", ScalarFunction::kPower, {kNumeric, kNumeric}, kNumeric},
      {"sqrt", ScalarFunction::kSqrt, {kFloat8}, kFloat8},
      {"sqrt", ScalarFunction::kSqrt, {kNumeric}, kNumeric},
      {"cbrt", ScalarFunction::kCbrt, {kFloat8}, kFloat8},
      {"exp", ScalarFunction::kExp, {kFloat8}, kFloat8},
      {"exp", ScalarFunction::kExp, {kNumeric}, kNumeric},
      {"ln", ScalarFunction::kLn, {kFloat8}, kFloat8},
      {"ln", ScalarFunction::kLn, {kNumeric}, kNumeric},
      {"log", ScalarFunction::kLog, {kFloat8}, kFloat8},
      {"log", ScalarFunction::kLog, {kNumeric}, kNumeric},
      {"log10", ScalarFunction::kLog10, {kFloat8}, kFloat8},
      {"log10", ScalarFunction::kLog10, {kNumeric}, kNumeric},
      {"log", ScalarFunction::kLogBase, {kNumeric, kNumeric}, kNumeric},
      {"pi", ScalarFunction::kPi, {}, kFloat8},
      {"degrees", ScalarFunction::kDegrees, {kFloat8}, kFloat8},
      {"radians", ScalarFunction::kRadians, {kFloat8}, kFloat8},
      {"sin", ScalarFunction::kSin, {kFloat8}, kFloat8},
      {"cos", ScalarFunction::kCos, {kFloat8}, kFloat8},
      {"tan", ScalarFunction::kTan, {kFloat8}, kFloat8},
      {"cot", ScalarFunction::kCot, {kFloat8}, kFloat8},
      {"asin", ScalarFunction::kAsin, {kFloat8}, kFloat8},
      {"acos", ScalarFunction::kAcos, {kFloat8}, kFloat8},
      {"atan", ScalarFunction::kAtan, {kFloat8}, kFloat8},
      {"atan2", ScalarFunction::kAtan2, {kFloat8, kFloat8}, kFloat8},
      {"sinh", ScalarFunction::kSinh, {kFloat8}, kFloat8},
      {"cosh", ScalarFunction::kCosh, {kFloat8}, kFloat8},
      {"tanh", ScalarFunction::kTanh, {kFloat8}, kFloat8},
      {"gcd", ScalarFunction::kGcd, {kInt4, kInt4}, kInt4},
      {"gcd", ScalarFunction::kGcd, {kInt8, kInt8}, kInt8},
      {"gcd", ScalarFunction::kGcd, {kNumeric, kNumeric}, kNumeric},
      {"lcm", ScalarFunction::kLcm, {kInt4, kInt4}, kInt4},
      {"lcm", ScalarFunction::kLcm, {kInt8, kInt8}, kInt8},
      {"lcm", ScalarFunction::kLcm, {kNumeric, kNumeric}, kNumeric},
      {"factorial", ScalarFunction::kFactorial, {kInt8}, kNumeric},
      {"width_bucket", ScalarFunction::kWidthBucket, {kFloat8, kFloat8, kFloat8, kInt4}, kInt4},
      {"width_bucket", ScalarFunction::kWidthBucket, {kNumeric, kNumeric, kNumeric, kInt4}, kInt4},
      {"scale", ScalarFunction::kScale, {kNumeric}, kInt4},
      {"min_scale", ScalarFunction::kMinScale, {kNumeric}, kInt4},
      {"trim_scale", ScalarFunction::kTrimScale, {kNumeric}, kNumeric},
      {"random", ScalarFunction::kRandom, {}, kFloat8},
      {"setseed", ScalarFunction::kSetseed, {kFloat8}, kVoid},
  };
  return signatures;
}

}  // namespace

BoundExprPtr BindMathFunction(const ast::FunctionCall& call, std::vector<BoundExprPtr>& args) {
  Resolver r(call, args);
  return BindBySignature(r, MathSignatures());
}

std::optional<std::string_view> MathFunctionName(ScalarFunction f) {
  return SignatureName(MathSignatures(), f);
}

}  // namespace basalt::sql
