// Binding of the json and jsonb functions (bind_json_function.cc) and
// operators (bind_json_operator.cc).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "sql/binder/bound_expression.h"
#include "sql/parser/ast.h"

namespace basalt::sql {

// row_to_json(t) / to_json(t) / to_jsonb(t) of a whole FROM item
// (Binder::BindWholeRowJson): children are name, value, name, value, ...
inline constexpr ScalarFunction kRowToJson = ScalarFunction::kJsonReserved1;

// The call if `call` names one of these functions (untyped literal
// arguments become text, as PostgreSQL resolves "any" parameters), nullptr
// if the name is not one of them.
BoundExprPtr BindJsonFunction(const ast::FunctionCall& call, std::vector<BoundExprPtr>& args);

// `left op right` when op is one of json's or jsonb's operators (->, ->>,
// #>, #>>, @>, <@, ?, ?|, ?&, ||, -, #-) over these operand types; nullptr
// (the operands untouched) when it is not.
BoundExprPtr BindJsonOperator(std::string_view op, BoundExprPtr& left, BoundExprPtr& right,
                              int position);

// The SQL names of the json functions, and the spelling of the operators,
// for deparsing.
std::optional<std::string_view> JsonFunctionName(ScalarFunction f);
std::optional<std::string_view> JsonOperatorSpelling(ScalarFunction f);

}  // namespace basalt::sql
