// The string functions' run time (bind_string_function.cc binds them).
// Text is UTF-8 and counted in characters, as PostgreSQL's UTF8 database.
#pragma once

#include <string_view>
#include <vector>

#include "common/value.h"
#include "sql/binder/bound_expression.h"

namespace basalt::sql {

// The UTF-8 characters of `s`, each as its bytes.
std::vector<std::string_view> Utf8Characters(std::string_view s);

bool IsStringFunction(ScalarFunction f);
// REQUIRES: IsStringFunction(call.function); `args` are the evaluated
// children.
Value EvaluateStringFunction(const BoundExpr& call, const std::vector<Value>& args);

}  // namespace basalt::sql
