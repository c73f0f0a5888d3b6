// Binding of the json and jsonb functions (bind_json_function.cc) and
// operators (bind_json_operator.cc).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/binder/bound_expression.h"
#include "sql/binder/scope.h"
#include "sql/parser/ast.h"

namespace basalt::sql {

// The call if `call` names one of these functions (untyped literal
// arguments become text, as PostgreSQL resolves "any" parameters), nullptr
// if the name is not one of them.
BoundExprPtr BindJsonFunction(const ast::FunctionCall& call, std::vector<BoundExprPtr>& args);

// `left op right` when op is one of json's or jsonb's operators (->, ->>,
// #>, #>>, @>, <@, ?, ?|, ?&, ||, -, #-) over these operand types; nullptr
// (the operands untouched) when it is not.
BoundExprPtr BindJsonOperator(std::string_view op, BoundExprPtr& left, BoundExprPtr& right,
                              int position);

// row_to_json(t), to_json[b](t), json[b]_agg(t) of a FROM item t (a
// whole-row reference; Basalt has no record type): the item's columns as an
// object of type `result`, keys in column order (a kRowToJson call whose
// children are name, value, name, value, ...); `bind` binds an expression
// in `scope`. nullptr when `ref` names no such item, or a column wins.
BoundExprPtr BindWholeRowJson(const ast::ColumnRef& ref, int position, TypeId result,
                              const Scope& scope,
                              const std::function<BoundExprPtr(const ast::Expr&)>& bind);

// The SQL names of the json functions, and the spelling of the operators,
// for deparsing.
std::optional<std::string_view> JsonFunctionName(ScalarFunction f);
// The name of a json function call: json_typeof or jsonb_typeof by its
// argument's type.
std::optional<std::string> JsonCallName(const BoundExpr& call);
std::optional<std::string_view> JsonOperatorSpelling(ScalarFunction f);

}  // namespace basalt::sql
