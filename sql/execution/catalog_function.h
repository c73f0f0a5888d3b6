// The catalog and session functions that read ExecContext at run time
// (current_schemas, pg_table_is_visible, pg_get_indexdef, ...; bound in
// sql/binder/bind_catalog_function.cc).
#pragma once

#include <vector>

#include "common/value.h"
#include "sql/binder/bound_expression.h"
#include "sql/execution/exec_context.h"

namespace basalt::sql {

// An array's first subscript: 0 for int2vector and oidvector (pg_index.indkey,
// indoption: PostgreSQL's vectors count from 0), else 1.
inline int64_t ArrayLowerBound(const DataType& array) {
  return array.id == TypeId::kInt2Vector || array.id == TypeId::kOidVector ? 0 : 1;
}

// `args` are the evaluated arguments. Throws 0A000 without a catalog (a
// plan-time constant fold leaves the call for run time).
// enum_first, enum_last and enum_range: the labels of the arguments' enum
// type in ctx's catalog.
Value EvaluateEnumFunction(const BoundExpr& call, const std::vector<Value>& args, ExecContext* ctx);

Value EvaluateCatalogFunction(const BoundExpr& call, const std::vector<Value>& args,
                              ExecContext* ctx);

}  // namespace basalt::sql
