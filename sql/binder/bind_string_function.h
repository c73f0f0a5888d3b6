// Binding of the string and math function libraries: signatures listed as
// PostgreSQL's pg_proc has them, resolved by implicit casts.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "sql/binder/bound_expression.h"
#include "sql/parser/ast.h"

namespace basalt::sql {

class Resolver;

struct BuiltinSignature {
  std::string_view name;
  ScalarFunction function;
  std::vector<TypeId> params;
  TypeId result;
};

// The call of the signature named as `r`'s call that its arguments fit
// best (most already of the parameter types, then the first listed);
// nullptr when no signature has that name, 42883 when none fits.
BoundExprPtr BindBySignature(Resolver& r, const std::vector<BuiltinSignature>& signatures);
std::optional<std::string_view> SignatureName(const std::vector<BuiltinSignature>& signatures,
                                              ScalarFunction f);

// The call if `call` names a string function (length and lower/upper are
// bound in bind_function.cc), nullptr if not; 42883 when no signature fits.
BoundExprPtr BindStringFunction(const ast::FunctionCall& call, std::vector<BoundExprPtr>& args);
// The same for the math functions (abs and round are in bind_function.cc).
BoundExprPtr BindMathFunction(const ast::FunctionCall& call, std::vector<BoundExprPtr>& args);

// The SQL names of these functions, for deparsing.
std::optional<std::string_view> StringFunctionName(ScalarFunction f);
std::optional<std::string_view> MathFunctionName(ScalarFunction f);

}  // namespace basalt::sql
