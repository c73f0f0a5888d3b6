// format(), quote_literal() and the regular-expression string functions
// (substring FROM pattern, regexp_replace, regexp_match, regexp_count,
// regexp_instr, regexp_substr, regexp_like, regexp_split_to_array,
// similar_to_escape), for string_function.cc, and the rows of the
// set-returning regexp_matches and regexp_split_to_table for
// function_scan.cc.
#pragma once

#include <optional>
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
// similar_to_escape: SIMILAR TO's pattern as a regular expression, as
// PostgreSQL's similar_escape (anchored; % .* and _ . ; escaped `"`s cut
// out the part substring() returns); escape nullopt is a backslash, empty
// none. 22025 for a longer escape.
std::string SimilarToRegex(std::string_view pattern, std::optional<std::string_view> escape);
// The regular-expression functions; `args` not NULL.
Value EvaluatePatternFunction(const BoundExpr& call, const std::vector<Value>& args);
// The rows of the set-returning regexp_matches(s, pattern, flags) (a
// text[] per match; every match with 'g', else the first) and
// regexp_split_to_table(s, pattern, flags) (the text between matches).
std::vector<Value> RegexpMatchesRows(std::string_view s, std::string_view pattern,
                                     std::string_view flags);
std::vector<Value> RegexpSplitRows(std::string_view s, std::string_view pattern,
                                   std::string_view flags);

}  // namespace basalt::sql
