#include "sql/binder/bind_json_function.h"

#include "sql/binder/coerce.h"

namespace basalt::sql {

BoundExprPtr BindJsonFunction(const ast::FunctionCall& call, std::vector<BoundExprPtr>& args) {
  const bool catalog_name =
      call.name.size() == 1 || (call.name.size() == 2 && call.name[0] == "pg_catalog");
  if (!catalog_name || call.star || call.distinct || call.no_parens) return nullptr;
  const std::string& name = call.name.back();
  ScalarFunction function;
  if (name == "json_build_object") {
    function = ScalarFunction::kJsonBuildObject;
  } else if (name == "json_build_array") {
    function = ScalarFunction::kJsonBuildArray;
  } else {
    return nullptr;
  }
  for (BoundExprPtr& a : args) {
    if (a->type.id == TypeId::kUnknown) {
      a = CoerceOrThrow(std::move(a), DataType::Of(TypeId::kText), CastContext::kImplicit);
    }
  }
  BoundExprPtr e =
      BoundExpr::Make(BoundExprKind::kFunction, DataType::Of(TypeId::kJson), call.position);
  e->function = function;
  e->children = std::move(args);
  return e;
}

}  // namespace basalt::sql
