// Running a jsonpath (common/jsonpath_parse.h) over a jsonb value, as
// PostgreSQL 15's jsonpath_exec.c does: lax mode's automatic unwrapping of
// arrays and wrapping of scalars and its ignored structural errors, strict
// mode's errors, predicates' three-valued logic, and `silent`.
#pragma once

#include <cstdint>
#include <vector>

#include "common/jsonb.h"
#include "common/jsonpath_parse.h"
#include "common/status.h"

namespace basalt {

namespace jsonpath_sqlstate {
// The SQL/JSON class 22 codes, named as in errcodes.txt; only the path
// functions raise them (kept here rather than in sqlstate.h, whose every
// change rebuilds the whole server).
inline constexpr sqlstate::Code kInvalidArgumentForSqlJsonDatetimeFunction = "22031";
inline constexpr sqlstate::Code kInvalidSqlJsonSubscript = "22033";
inline constexpr sqlstate::Code kNonNumericSqlJsonItem = "22036";
inline constexpr sqlstate::Code kSingletonSqlJsonItemRequired = "22038";
inline constexpr sqlstate::Code kSqlJsonArrayNotFound = "22039";
inline constexpr sqlstate::Code kSqlJsonMemberNotFound = "2203A";
inline constexpr sqlstate::Code kSqlJsonNumberNotFound = "2203B";
inline constexpr sqlstate::Code kSqlJsonObjectNotFound = "2203C";
}  // namespace jsonpath_sqlstate

// PostgreSQL's JsonPathExecResult.
enum class JsonPathResult : uint8_t {
  kOk,        // at least one item
  kNotFound,  // no item
  kError,     // a suppressed error (only when not throw_errors)
};

// Runs `path` over `document`. `vars` is the object of `$name` variables
// (nullptr for none: the operators @? and @@, where `$name` is null).
// `found` receives the items; nullptr asks only whether there is one (lax
// mode then stops at the first). With `throw_errors` false the errors that
// `silent` suppresses give kError; the others (a missing variable, vars not
// an object) always fail, as do suppressible ones with throw_errors.
//
// The errors are PostgreSQL's: 2203A (no such key), 22039 / 2203C (an
// accessor or method on the wrong kind of item), 22033 (subscript out of
// bounds), 22038 (operands not single numbers), 2203B, 22036, 22012, 42704
// (undefined variable), 22023 (vars not an object). `.datetime()` gives
// 0A000: it is not implemented.
Result<JsonPathResult> ExecuteJsonPath(const JsonPath& path, const JsonbValue& document,
                                       const JsonbValue* vars, bool throw_errors,
                                       std::vector<JsonbValue>* found);

// The "id" of `.keyvalue()`: the offset of `container` inside the stored
// form PostgreSQL gives `base` (its JsonbContainer's address less base's),
// which lies within `base`; -1 if `container` is not within `base`.
int64_t JsonbContainerOffset(const JsonbValue& base, const JsonbValue* container);

}  // namespace basalt
