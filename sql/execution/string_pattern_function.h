// format(), quote_literal() and the regular-expression string functions
// (substring FROM pattern, regexp_replace, regexp_match,
// regexp_split_to_array), for string_function.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/value.h"
#include "sql/binder/bound_expression.h"

namespace basalt::sql {

// quote_literal's quoting: 'it''s', E'a\\b' when there is a backslash.
std::string QuoteLiteralText(std::string_view s);
// format(fmt, args...): %s, %I, %L and %%, with argument positions (%2$s)
// and widths (%-10s, %*s), as PostgreSQL's text_format.
Value Format(const BoundExpr& call, const std::vector<Value>& args);
// The regular-expression functions; `args` not NULL.
Value EvaluatePatternFunction(const BoundExpr& call, const std::vector<Value>& args);

}  // namespace basalt::sql
