// Binding of the bytea and uuid functions: PostgreSQL's pg_proc signatures
// over bytea (length, substr, position, get_byte, encode, sha256, ...) and
// gen_random_uuid().
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "sql/binder/bound_expression.h"
#include "sql/parser/ast.h"

namespace basalt::sql {

// The call if `call` names a function of bytea or uuid, nullptr if not.
// A name PostgreSQL also has for text (length, substr, position, md5,
// btrim, ...) is bound here only when its first argument is bytea, so that
// an untyped literal keeps choosing the text function, as in PostgreSQL.
// 42883 when no signature fits.
BoundExprPtr BindByteaFunction(const ast::FunctionCall& call, std::vector<BoundExprPtr>& args);

// The SQL names of these functions, for deparsing.
std::optional<std::string_view> ByteaFunctionName(ScalarFunction f);

}  // namespace basalt::sql
