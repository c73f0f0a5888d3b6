// Helpers to raise binder errors with a position.
#pragma once

#include <string>
#include <vector>

#include "common/error.h"
#include "sql/binder/bound_expression.h"

namespace basalt::sql {

[[noreturn]] inline void ThrowAt(sqlstate::Code code, std::string message, int position) {
  throw Error(code, std::move(message)).WithPosition(position);
}

// 42883 `function sum(text) does not exist`, with PostgreSQL's hint.
[[noreturn]] void ThrowNoFunction(const std::string& name, const std::vector<BoundExprPtr>& args,
                                  int position);

// 42704 for a key or index column of type xid, which has no btree
// ordering (PostgreSQL's `no default operator class` error).
[[noreturn]] void ThrowNoBtreeOrdering();

}  // namespace basalt::sql
