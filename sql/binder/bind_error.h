// Helpers to raise binder errors with a position.
#pragma once

#include <string>
#include <string_view>
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

// 42883 `operator does not exist: integer[] @> bigint[]`, with its hint.
[[noreturn]] void ThrowNoOperator(std::string_view op, const DataType& left, const DataType& right,
                                  int position);

// Whether a key or index column may have this type: xid and json have no
// btree ordering in PostgreSQL.
inline bool HasBtreeOrdering(TypeId id) {
  return id != TypeId::kXid && id != TypeId::kJson;
}

// 42704 for a key or index column of a type without a btree ordering
// (PostgreSQL's `no default operator class` error).
[[noreturn]] void ThrowNoBtreeOrdering(TypeId id);

}  // namespace basalt::sql
