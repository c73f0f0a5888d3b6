// Binding of the array functions and operators (array_cat, array_append,
// @>, a[i:j], ...): PostgreSQL's polymorphic anyarray / anyelement
// parameters resolved to one array type, without implicit casts between
// element types (array_append(integer[], bigint) does not exist).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "sql/binder/bound_expression.h"
#include "sql/parser/ast.h"

namespace basalt::sql {

// The call if `call` names one of these array functions, nullptr if not;
// 42883 when the arguments fit none of its signatures. The parser writes
// a[i:j] as array_slice(a, i, j), an omitted bound as the int4 extreme
// on its side (the arrays' lower bound is always 1, so a[:j] is
// a[-2147483648:j]).
BoundExprPtr BindArrayFunction(const ast::FunctionCall& call, std::vector<BoundExprPtr>& args);

// `left op right` for op @>, <@ or && with an array operand (the other an
// array of the same type or an untyped literal); nullptr otherwise.
BoundExprPtr BindArrayOperator(std::string_view op, BoundExprPtr& left, BoundExprPtr& right,
                               int position);

// The SQL names of these functions and operators, for deparsing.
std::optional<std::string_view> ArrayFunctionName(ScalarFunction f);
std::optional<std::string_view> ArrayOperatorName(ScalarFunction f);

}  // namespace basalt::sql
