// The SQL/JSON path functions and operators: jsonb_path_exists, _match,
// _query_array, _query_first (and jsonb_path_query, a set-returning
// function bound in bind_table_function.cc through this file), `@?` and
// `@@`. Basalt has no jsonpath type: the path is text, and a constant path
// is parsed here, so its syntax error is raised once, at the literal, as
// PostgreSQL's jsonpath input function raises it.
#include <fmt/format.h>

#include "common/jsonb.h"
#include "common/jsonpath_parse.h"
#include "sql/binder/bind_error.h"
#include "sql/binder/bind_json_function.h"
#include "sql/binder/coerce.h"

namespace basalt::sql {

namespace {

struct PathFunction {
  std::string_view name;
  ScalarFunction function;
  TypeId result;
};

constexpr PathFunction kPathFunctions[] = {
    {"jsonb_path_exists", ScalarFunction::kJsonbPathExists, TypeId::kBool},
    {"jsonb_path_match", ScalarFunction::kJsonbPathMatch, TypeId::kBool},
    {"jsonb_path_query_array", ScalarFunction::kJsonbPathQueryArray, TypeId::kJsonb},
    {"jsonb_path_query_first", ScalarFunction::kJsonbPathQueryFirst, TypeId::kJsonb},
};

// The rows of jsonb_path_query are jsonb_path_query_array's elements.
constexpr PathFunction kPathQuery = {"jsonb_path_query", ScalarFunction::kJsonbPathQueryArray,
                                     TypeId::kJsonb};

bool IsPathType(const DataType& t) {
  return t.id == TypeId::kUnknown || t.IsString();
}

// The path as text; a constant one parsed now (42601 and the other input
// errors at the literal's position).
BoundExprPtr BindPath(BoundExprPtr path, int position) {
  path = CoerceOrThrow(std::move(path), DataType::Of(TypeId::kText), CastContext::kImplicit);
  if (path->IsConstant() && !path->value.is_null()) {
    Result<std::shared_ptr<const JsonPath>> parsed = ParseJsonPath(path->value.AsString());
    if (!parsed.ok()) {
      throw Error::FromStatus(parsed.status())
          .WithPosition(path->position != 0 ? path->position : position);
    }
  }
  return path;
}

BoundExprPtr MakeCall(ScalarFunction f, TypeId result, std::vector<BoundExprPtr> args,
                      int position) {
  BoundExprPtr e = BoundExpr::Make(BoundExprKind::kFunction, DataType::Of(result), position);
  e->function = f;
  e->children = std::move(args);
  return e;
}

// The call of `entry` with its four arguments.
BoundExprPtr BindPathCall(const PathFunction* entry, const ast::FunctionCall& call,
                          std::vector<BoundExprPtr>& args) {
  const std::string& name = call.name.back();
  if (args.size() < 2 || args.size() > 4 || !IsPathType(args[1]->type)) {
    ThrowNoFunction(name, args, call.position);
  }
  const DataType jsonb = DataType::Of(TypeId::kJsonb);
  const DataType want[] = {jsonb, DataType::Of(TypeId::kText), jsonb, DataType::Of(TypeId::kBool)};
  // All coerced before any is replaced: the error names the types written.
  std::vector<BoundExprPtr> coerced(args.size());
  for (size_t i = 0; i < args.size(); ++i) {
    if (i == 1) continue;
    coerced[i] = TryCoerce(args[i]->Clone(), want[i], CastContext::kImplicit);
    if (coerced[i] == nullptr) ThrowNoFunction(name, args, call.position);
  }
  for (size_t i = 0; i < args.size(); ++i) {
    if (i != 1) args[i] = std::move(coerced[i]);
  }
  args[1] = BindPath(std::move(args[1]), call.position);
  // The defaults: vars '{}', silent false.
  if (args.size() < 3) {
    args.push_back(BoundExpr::Constant(Value::String(EncodeJsonb(JsonbValue::Object())), jsonb));
  }
  if (args.size() < 4) {
    args.push_back(BoundExpr::Constant(Value::Bool(false), DataType::Of(TypeId::kBool)));
  }
  return MakeCall(entry->function, entry->result, std::move(args), call.position);
}

}  // namespace

BoundExprPtr BindJsonPathFunction(const ast::FunctionCall& call, std::vector<BoundExprPtr>& args) {
  const bool catalog_name =
      call.name.size() == 1 || (call.name.size() == 2 && call.name[0] == "pg_catalog");
  if (!catalog_name || call.star || call.distinct || call.no_parens) return nullptr;
  for (const PathFunction& f : kPathFunctions) {
    if (f.name == call.name.back()) return BindPathCall(&f, call, args);
  }
  return nullptr;
}

BoundExprPtr BindJsonPathQuery(const ast::FunctionCall& call, std::vector<BoundExprPtr>& args) {
  if (call.star || call.distinct) ThrowNoFunction(call.name.back(), args, call.position);
  return BindPathCall(&kPathQuery, call, args);
}

BoundExprPtr BindJsonPathOperator(std::string_view op, BoundExprPtr& left, BoundExprPtr& right,
                                  int position) {
  if (op != "@?" && op != "@@") return nullptr;
  const TypeId lt = left->type.id;
  if ((lt != TypeId::kJsonb && lt != TypeId::kUnknown) || !IsPathType(right->type)) {
    return nullptr;
  }
  const int leftmost = left->position == 0
                           ? position
                           : (position == 0 ? left->position : std::min(left->position, position));
  std::vector<BoundExprPtr> args;
  args.push_back(
      CoerceOrThrow(std::move(left), DataType::Of(TypeId::kJsonb), CastContext::kImplicit));
  args.push_back(BindPath(std::move(right), position));
  return MakeCall(op == "@?" ? ScalarFunction::kJsonbPathExistsOperator
                             : ScalarFunction::kJsonbPathMatchOperator,
                  TypeId::kBool, std::move(args), leftmost);
}

std::optional<std::string_view> JsonPathFunctionName(ScalarFunction f) {
  for (const PathFunction& e : kPathFunctions) {
    if (e.function == f) return e.name;
  }
  return std::nullopt;
}

std::optional<std::string_view> JsonPathOperatorSpelling(ScalarFunction f) {
  if (f == ScalarFunction::kJsonbPathExistsOperator) return "@?";
  if (f == ScalarFunction::kJsonbPathMatchOperator) return "@@";
  return std::nullopt;
}

}  // namespace basalt::sql
