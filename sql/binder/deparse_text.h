// The small pieces pg_get_viewdef's printer (deparse.cc) writes: constants
// as ruleutils' get_const_expr does, function names, and the rules for
// which casts show and how arithmetic binds.
#pragma once

#include <optional>
#include <string>

#include "sql/binder/bound_expression.h"
#include "sql/binder/bound_statement.h"

namespace basalt::sql {

// `text` as an SQL string literal: in single quotes, quotes doubled.
std::string QuotedLiteral(const std::string& text);
// Integers and decimals as written, booleans as true/false, anything else
// quoted with its type ('x'::text; with `always_type` the type even where
// PostgreSQL would leave it off).
std::string DeparsedConstant(const BoundExpr& constant, bool always_type);
// A scalar function as PostgreSQL prints its call; nullopt for one the
// printer does not know.
std::optional<std::string> DeparsedFunctionName(ScalarFunction f);
std::string DeparsedTableFunctionName(TableFunction f);
// A FROM function's name: the json_ version of a json[b]_ function when its
// argument is json.
std::string DeparsedTableFunctionName(const BoundTableRef& function);
bool IsRegexFunction(ScalarFunction f);
// & | # ~ << >> for the integer bitwise functions; nullopt for others.
std::optional<std::string_view> BitwiseOperatorSpelling(ScalarFunction f);
// Whether a cast is shown: explicit ones always; implicit ones only as an
// operator's or function's argument (`show_implicit`), and not between
// integer types or between float types, which PostgreSQL's cross-type
// operators take without a cast.
bool CastShown(const BoundExpr& cast, bool show_implicit, const BoundExpr* parent = nullptr);
// The precedence class of a binary arithmetic node ('+' or '*'; 0 for
// anything else), for the pretty parenthesis rule.
char ArithmeticPrecedence(const BoundExpr& e);

}  // namespace basalt::sql
