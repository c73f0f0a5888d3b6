// The json and jsonb functions by name: constructors (json[b]_build_object,
// json[b]_build_array, to_json[b]) and the functions over a json or jsonb
// value (typeof, array_length, strip_nulls, jsonb_set, jsonb_insert,
// jsonb_pretty).
#include <fmt/format.h>

#include "sql/binder/bind_error.h"
#include "sql/binder/bind_json_function.h"
#include "sql/binder/coerce.h"

namespace basalt::sql {

namespace {

struct JsonFunctionEntry {
  std::string_view name;
  ScalarFunction function;
  TypeId first;     // the first argument's type; kUnknown: "any"
  TypeId result;    // kUnknown: the first argument's type
  size_t min_args;  // the other arguments: text[], jsonb, bool
  size_t max_args;
};

constexpr JsonFunctionEntry kFunctions[] = {
    {"json_build_object", ScalarFunction::kJsonBuildObject, TypeId::kUnknown, TypeId::kJson, 0, 0},
    {"json_build_array", ScalarFunction::kJsonBuildArray, TypeId::kUnknown, TypeId::kJson, 0, 0},
    {"jsonb_build_object", ScalarFunction::kJsonbBuildObject, TypeId::kUnknown, TypeId::kJsonb, 0,
     0},
    {"jsonb_build_array", ScalarFunction::kJsonbBuildArray, TypeId::kUnknown, TypeId::kJsonb, 0, 0},
    {"to_json", ScalarFunction::kToJson, TypeId::kUnknown, TypeId::kJson, 1, 1},
    {"to_jsonb", ScalarFunction::kToJsonb, TypeId::kUnknown, TypeId::kJsonb, 1, 1},
    {"array_to_json", ScalarFunction::kToJson, TypeId::kUnknown, TypeId::kJson, 1, 1},
    {"json_typeof", ScalarFunction::kJsonTypeof, TypeId::kJson, TypeId::kText, 1, 1},
    {"jsonb_typeof", ScalarFunction::kJsonTypeof, TypeId::kJsonb, TypeId::kText, 1, 1},
    {"json_array_length", ScalarFunction::kJsonArrayLength, TypeId::kJson, TypeId::kInt4, 1, 1},
    {"jsonb_array_length", ScalarFunction::kJsonArrayLength, TypeId::kJsonb, TypeId::kInt4, 1, 1},
    {"json_strip_nulls", ScalarFunction::kJsonStripNulls, TypeId::kJson, TypeId::kJson, 1, 1},
    {"jsonb_strip_nulls", ScalarFunction::kJsonStripNulls, TypeId::kJsonb, TypeId::kJsonb, 1, 1},
    {"jsonb_pretty", ScalarFunction::kJsonbPretty, TypeId::kJsonb, TypeId::kText, 1, 1},
    {"jsonb_set", ScalarFunction::kJsonbSet, TypeId::kJsonb, TypeId::kJsonb, 3, 4},
    {"jsonb_insert", ScalarFunction::kJsonbInsert, TypeId::kJsonb, TypeId::kJsonb, 3, 4},
};

// json[b]_extract_path(_text)(from, VARIADIC path text[]): #> and #>> with
// the path as separate arguments. A jsonb argument is taken by the json
// names too (deparsed views name the function json_extract_path).
BoundExprPtr BindExtractPath(const ast::FunctionCall& call, std::vector<BoundExprPtr>& args) {
  const std::string& name = call.name.back();
  const bool jsonb = name.starts_with("jsonb_");
  if (!jsonb && !name.starts_with("json_")) return nullptr;
  const std::string_view rest = std::string_view(name).substr(jsonb ? 6 : 5);
  if (rest != "extract_path" && rest != "extract_path_text") return nullptr;
  if (args.empty()) ThrowNoFunction(name, args, call.position);
  DataType from = DataType::Of(jsonb ? TypeId::kJsonb : TypeId::kJson);
  if (!jsonb && args[0]->type.id == TypeId::kJsonb) from = args[0]->type;
  for (size_t i = 0; i < args.size(); ++i) {
    BoundExprPtr coerced = TryCoerce(args[i]->Clone(), i == 0 ? from : DataType::Of(TypeId::kText),
                                     CastContext::kImplicit);
    if (coerced == nullptr) ThrowNoFunction(name, args, call.position);
    args[i] = std::move(coerced);
  }
  const bool text = rest == "extract_path_text";
  BoundExprPtr e = BoundExpr::Make(BoundExprKind::kFunction,
                                   text ? DataType::Of(TypeId::kText) : from, call.position);
  e->function = text ? ScalarFunction::kJsonPathText : ScalarFunction::kJsonPath;
  e->children = std::move(args);
  return e;
}

}  // namespace

BoundExprPtr BindJsonFunction(const ast::FunctionCall& call, std::vector<BoundExprPtr>& args) {
  const bool catalog_name =
      call.name.size() == 1 || (call.name.size() == 2 && call.name[0] == "pg_catalog");
  if (!catalog_name || call.star || call.distinct || call.no_parens) return nullptr;
  const std::string& name = call.name.back();
  if (BoundExprPtr path = BindExtractPath(call, args)) return path;
  if (BoundExprPtr path_call = BindJsonPathFunction(call, args)) return path_call;
  const JsonFunctionEntry* entry = nullptr;
  for (const JsonFunctionEntry& e : kFunctions) {
    if (e.name == name) entry = &e;
  }
  if (entry == nullptr) return nullptr;
  const bool variadic = entry->max_args == 0;
  if (!variadic && (args.size() < entry->min_args || args.size() > entry->max_args)) {
    ThrowNoFunction(name, args, call.position);
  }
  for (size_t i = 0; i < args.size(); ++i) {
    DataType want = DataType::Of(TypeId::kText);  // "any": an untyped literal is text
    if (!variadic && i == 0 && entry->first != TypeId::kUnknown) want = DataType::Of(entry->first);
    if (!variadic && i == 1) want = DataType::Of(TypeId::kTextArray);
    if (!variadic && i == 2) want = DataType::Of(TypeId::kJsonb);
    if (!variadic && i == 3) want = DataType::Of(TypeId::kBool);
    const bool any = want.id == TypeId::kText;
    if (any && args[i]->type.id != TypeId::kUnknown) continue;
    BoundExprPtr coerced = TryCoerce(args[i]->Clone(), want, CastContext::kImplicit);
    if (coerced == nullptr) ThrowNoFunction(name, args, call.position);
    args[i] = std::move(coerced);
  }
  BoundExprPtr e =
      BoundExpr::Make(BoundExprKind::kFunction, DataType::Of(entry->result), call.position);
  e->function = entry->function;
  e->children = std::move(args);
  return e;
}

BoundExprPtr BindWholeRowJson(const ast::ColumnRef& ref, int position, TypeId result,
                              const Scope& scope,
                              const std::function<BoundExprPtr(const ast::Expr&)>& bind) {
  if (ref.names.size() != 1) return nullptr;
  const std::string& item_name = ref.names[0];
  const ScopeItem* item = nullptr;
  for (const Scope* s = &scope; s != nullptr && item == nullptr; s = s->parent) {
    for (const ScopeItem& i : s->items) {
      for (const ScopeColumn& c : i.columns) {
        if (i.columns_visible && c.name == item_name) return nullptr;  // a column wins
      }
      if (item == nullptr && i.name == item_name) item = &i;
    }
  }
  if (item == nullptr) return nullptr;
  BoundExprPtr e = BoundExpr::Make(BoundExprKind::kFunction, DataType::Of(result), position);
  e->function = ScalarFunction::kRowToJson;
  for (const ScopeColumn& c : item->columns) {
    ast::ColumnRef column;
    column.names = {item_name, c.name};
    column.position = ref.position;
    e->children.push_back(BoundExpr::Constant(Value::String(c.name), DataType::Of(TypeId::kText)));
    e->children.push_back(bind(column));
  }
  return e;
}

std::optional<std::string_view> JsonFunctionName(ScalarFunction f) {
  if (f == ScalarFunction::kJsonPath) return "json_extract_path";
  if (f == ScalarFunction::kJsonPathText) return "json_extract_path_text";
  for (const JsonFunctionEntry& e : kFunctions) {
    if (e.function == f) return e.name;
  }
  return JsonPathFunctionName(f);
}

std::optional<std::string> JsonCallName(const BoundExpr& call) {
  std::optional<std::string_view> name = JsonFunctionName(call.function);
  if (!name) return std::nullopt;
  // typeof and friends are one function for json and jsonb: a jsonb
  // argument names the jsonb_ one.
  const bool jsonb = !call.children.empty() && call.children[0]->type.id == TypeId::kJsonb;
  if (jsonb && name->starts_with("json_")) return fmt::format("jsonb{}", name->substr(4));
  std::string out(*name);
  return out;
}

}  // namespace basalt::sql
