// The types untyped parameters ($n with OID 0) took while binding: Parse
// binds a statement once with NULL parameters, and each one, an untyped
// literal, was coerced in place to what its context wants (a compared
// column, an INSERT or UPDATE target, a cast, LIMIT).
#pragma once

#include <vector>

#include "sql/binder/binder.h"
#include "sql/binder/bound_statement.h"

namespace basalt::sql {

// Sets the type of each still untyped entry of `parameters` that `bound`
// (bound with Binder::DescribeParameters) gave a type.
// An untyped parameter the statement never uses is 42P18 `could not
// determine data type of parameter $1`.
void InferParameterTypes(const BoundStatement& bound, std::vector<DataType>& parameters);

}  // namespace basalt::sql
