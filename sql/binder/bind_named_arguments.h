// Named notation in function calls, `make_interval(days => 2)` or
// `jsonb_set(x, '{a}', '1', create_if_missing := false)`: the functions
// whose PostgreSQL definitions name their parameters (pg_proc.proargnames)
// take their arguments by name after the positional ones; a parameter left
// out takes its default.
#pragma once

#include <vector>

#include "sql/binder/bound_expression.h"
#include "sql/parser/ast.h"

namespace basalt::sql {

// The call's bound arguments (`args`, in the order written) in parameter
// order, defaults filled in. 42883 when the function names no such
// parameter or one without a default is missing (PostgreSQL finds no
// function then); 42601 for a name given twice.
std::vector<BoundExprPtr> ArrangeNamedArguments(const ast::FunctionCall& call,
                                                std::vector<BoundExprPtr> args);
// 42883 for a call with named arguments of a function that names no
// parameters (an aggregate, a window function): `function
// count(x => integer) does not exist`, as PostgreSQL.
[[noreturn]] void ThrowNoNamedFunction(const ast::FunctionCall& call,
                                       const std::vector<BoundExprPtr>& args);

}  // namespace basalt::sql
