#include "sql/execution/json_path_function.h"

#include <list>

#include "common/error.h"
#include "common/jsonpath_eval.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/json_internal.h"

namespace basalt::sql {

namespace {

// The parsed path of a text, from a small per-thread cache: a query runs
// one path over many rows. (A constant path was checked when bound.)
std::shared_ptr<const JsonPath> CachedPath(const std::string& text) {
  constexpr size_t kCacheSize = 16;
  thread_local std::list<std::pair<std::string, std::shared_ptr<const JsonPath>>> cache;
  for (auto it = cache.begin(); it != cache.end(); ++it) {
    if (it->first == text) {
      cache.splice(cache.begin(), cache, it);  // most recently used first
      return cache.front().second;
    }
  }
  std::shared_ptr<const JsonPath> path = OrThrow(ParseJsonPath(text));
  cache.emplace_front(text, path);
  if (cache.size() > kCacheSize) cache.pop_back();
  return path;
}

}  // namespace

bool IsJsonPathFunction(ScalarFunction f) {
  switch (f) {
    case ScalarFunction::kJsonbPathExists:
    case ScalarFunction::kJsonbPathMatch:
    case ScalarFunction::kJsonbPathQueryArray:
    case ScalarFunction::kJsonbPathQueryFirst:
    case ScalarFunction::kJsonbPathExistsOperator:
    case ScalarFunction::kJsonbPathMatchOperator: return true;
    default: return false;
  }
}

Value EvaluateJsonPathFunction(const BoundExpr& call, const std::vector<Value>& args) {
  const JsonbValue document = JsonbArg(args[0]);
  const std::shared_ptr<const JsonPath> path = CachedPath(args[1].AsString());
  // The operators: no variables ($name is null), errors suppressed.
  const bool operator_form = call.function == ScalarFunction::kJsonbPathExistsOperator ||
                             call.function == ScalarFunction::kJsonbPathMatchOperator;
  std::optional<JsonbValue> vars;
  if (!operator_form) vars = JsonbArg(args[2]);
  const bool silent = operator_form || args[3].AsBool();
  const JsonbValue* vars_ptr = vars ? &*vars : nullptr;
  if (call.function == ScalarFunction::kJsonbPathExists ||
      call.function == ScalarFunction::kJsonbPathExistsOperator) {
    const JsonPathResult res =
        OrThrow(ExecuteJsonPath(*path, document, vars_ptr, !silent, nullptr));
    if (res == JsonPathResult::kError) return Value::Null();
    return Value::Bool(res == JsonPathResult::kOk);
  }
  std::vector<JsonbValue> found;
  (void)OrThrow(ExecuteJsonPath(*path, document, vars_ptr, !silent, &found));
  switch (call.function) {
    case ScalarFunction::kJsonbPathQueryArray: {
      JsonbValue array = JsonbValue::Array();
      array.elements = std::move(found);
      return JsonbResult(array);
    }
    case ScalarFunction::kJsonbPathQueryFirst:
      return found.empty() ? Value::Null() : JsonbResult(found[0]);
    default: break;  // jsonb_path_match, @@
  }
  if (found.size() == 1) {
    if (found[0].IsBool()) return Value::Bool(found[0].kind == JsonbValue::Kind::kTrue);
    if (found[0].kind == JsonbValue::Kind::kNull) return Value::Null();
  }
  if (!silent) {
    throw Error(jsonpath_sqlstate::kSingletonSqlJsonItemRequired,
                "single boolean result is expected");
  }
  return Value::Null();
}

}  // namespace basalt::sql
