// Binding of the date/time functions: extract, date_part, date_trunc,
// to_char, make_*, justify_*, age, isfinite, date_bin, the clock.
#pragma once

#include <vector>

#include "sql/binder/bound_expression.h"
#include "sql/parser/ast.h"

namespace basalt::sql {

// The call if `call` names one of these functions with arguments it takes
// (converted to the parameter types), nullptr if the name is not one of
// them; 42883 when the name is one but no signature fits.
BoundExprPtr BindDatetimeFunction(const ast::FunctionCall& call, std::vector<BoundExprPtr>& args);

}  // namespace basalt::sql
