// Binding of the json constructors: json_build_object, json_build_array.
#pragma once

#include <vector>

#include "sql/binder/bound_expression.h"
#include "sql/parser/ast.h"

namespace basalt::sql {

// The call if `call` names one of these functions (untyped literal
// arguments become text, as PostgreSQL resolves "any" parameters), nullptr
// if the name is not one of them.
BoundExprPtr BindJsonFunction(const ast::FunctionCall& call, std::vector<BoundExprPtr>& args);

}  // namespace basalt::sql
