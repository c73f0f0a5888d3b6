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

// The SQL/JSON path functions (bind_json_path.cc): jsonb_path_exists,
// _match, _query_array and _query_first with their four arguments (vars
// and silent defaulted), the path text parsed when constant. nullptr for
// other names.
BoundExprPtr BindJsonPathFunction(const ast::FunctionCall& call, std::vector<BoundExprPtr>& args);
// jsonb_path_query(...) as jsonb_path_query_array(...), whose elements are
// its rows (bind_table_function.cc).
BoundExprPtr BindJsonPathQuery(const ast::FunctionCall& call, std::vector<BoundExprPtr>& args);
// `jsonb @? path` and `jsonb @@ path`; nullptr for other operators or types.
BoundExprPtr BindJsonPathOperator(std::string_view op, BoundExprPtr& left, BoundExprPtr& right,
                                  int position);
std::optional<std::string_view> JsonPathFunctionName(ScalarFunction f);
std::optional<std::string_view> JsonPathOperatorSpelling(ScalarFunction f);

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
