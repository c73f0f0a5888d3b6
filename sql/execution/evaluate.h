// Expression evaluation over one input row, with PostgreSQL's semantics:
// three-valued logic, NULL propagation, 22003 on integer overflow, 22012 on
// division by zero.
#pragma once

#include <string_view>

#include "common/error.h"
#include "common/status.h"
#include "common/value.h"
#include "sql/binder/bound_expression.h"
#include "sql/execution/exec_context.h"

namespace basalt::sql {

// `ctx` may be null when the expression is constant-foldable.
Value Evaluate(const BoundExpr& expr, const Row& row, ExecContext* ctx);
// A WHERE condition: true only for TRUE (NULL and FALSE both reject).
bool EvaluatePredicate(const BoundExpr& expr, const Row& row, ExecContext* ctx);

// -1/0/1 for two non-NULL values of `type` (floats: NaN largest and equal
// to itself, as PostgreSQL orders them; text: byte order).
int CompareValues(const Value& a, const Value& b, const DataType& type);

// SQL LIKE with % and _ and backslash escapes; `_` matches one UTF-8 character.
// LIKE: `escape` is the escape character (PostgreSQL's default backslash,
// or empty for none). Throws 22025 for a pattern ending in the escape
// character and for an escape string longer than one character.
// `bytewise`: bytea's LIKE, where `_` is one byte.
bool LikeMatch(std::string_view text, std::string_view pattern, bool case_insensitive,
               std::string_view escape = "\\", bool bytewise = false);

// Integer arithmetic of the result type: 22003 `integer out of range` etc.
int64_t CheckIntegerRange(int64_t v, TypeId type);

// Throws a failed Status (from storage or common/) as basalt::Error with its
// SQLSTATE, detail and hint: the SQL layer's one Status -> Error crossing.
[[noreturn]] void ThrowStatus(const Status& status);
// The value of a Result, or its Status thrown.
template <typename T>
T OrThrow(Result<T> r) {
  if (!r.ok()) ThrowStatus(r.status());
  return std::move(r).value();
}

}  // namespace basalt::sql
