// Long IN lists of constants hashed, as PostgreSQL hashes a
// ScalarArrayOpExpr of 9 or more constants: `x IN (c1, ..., cN)` looks x
// up in a set of the constants' AppendGroupKey bytes instead of comparing
// it with each. The set is built once, at plan time (constant folding), and
// hangs off the kIn node (BoundExpr::in_set).
#pragma once

#include <cstddef>
#include <memory>

#include "common/value.h"
#include "sql/binder/bound_expression.h"

namespace basalt::sql {

inline constexpr size_t kMinHashedInList = 9;

// The hashed list of `in` (a kIn node), or null when hashing does not pay
// (fewer than kMinHashedInList items) or could change the result (an item
// that is not a constant; a comparison type whose equality is not equality
// of AppendGroupKey bytes).
std::shared_ptr<const InListSet> HashInList(const BoundExpr& in);

// `x [NOT] IN (...)` for a non-NULL x through in.in_set: true on a match
// (false for NOT IN), else NULL if the list holds a NULL, else false (true).
Value LookUpInList(const BoundExpr& in, const Value& x);

}  // namespace basalt::sql
