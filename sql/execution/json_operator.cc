// json's and jsonb's operators: -> ->> #> #>> (json reads its text and
// returns parts of it as written), @> <@ ? ?| ?& || - (jsonb), with
// PostgreSQL's rules for scalars at the top level (a scalar is a
// one-element array to @>, ? and ||).
#include "common/error.h"
#include "common/json_scan.h"
#include "common/stack_depth.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/json_internal.h"

namespace basalt::sql {

namespace {

// json: the text of the member or element, nullopt when there is none.
std::optional<std::string_view> JsonTextField(std::string_view json, std::string_view key) {
  if (JsonTextKind(json) != JsonbValue::Kind::kObject) return std::nullopt;
  std::optional<std::string_view> found;
  ForEachJsonMember(json, [&](std::string k, std::string_view value) {
    if (k == key) found = value;  // the last of equal keys, as PostgreSQL
    return true;
  });
  return found;
}

std::optional<std::string_view> JsonTextElement(std::string_view json, int64_t index) {
  if (JsonTextKind(json) != JsonbValue::Kind::kArray) return std::nullopt;
  std::vector<std::string_view> elements;
  ForEachJsonElement(json, [&](std::string_view e) {
    elements.push_back(e);
    return true;
  });
  const int64_t n = static_cast<int64_t>(elements.size());
  if (index < 0) index += n;
  if (index < 0 || index >= n) return std::nullopt;
  return elements[static_cast<size_t>(index)];
}

std::optional<std::string_view> JsonTextPath(std::string_view json,
                                             const std::vector<std::optional<std::string>>& path) {
  std::optional<std::string_view> at = TrimJson(json);
  for (const std::optional<std::string>& p : path) {
    if (!p) return std::nullopt;
    if (JsonTextKind(*at) == JsonbValue::Kind::kObject) {
      at = JsonTextField(*at, *p);
    } else {
      std::optional<int64_t> index = PathIndex(*p);
      at = index ? JsonTextElement(*at, *index) : std::nullopt;
    }
    if (!at) return std::nullopt;
  }
  return at;
}

const JsonbValue* JsonbElement(const JsonbValue& v, int64_t index) {
  if (v.kind != JsonbValue::Kind::kArray) return nullptr;
  const int64_t n = static_cast<int64_t>(v.elements.size());
  if (index < 0) index += n;
  if (index < 0 || index >= n) return nullptr;
  return &v.elements[static_cast<size_t>(index)];
}

const JsonbValue* JsonbPath(const JsonbValue& root,
                            const std::vector<std::optional<std::string>>& path) {
  const JsonbValue* at = &root;
  for (const std::optional<std::string>& p : path) {
    if (!p) return nullptr;
    if (at->kind == JsonbValue::Kind::kObject) {
      at = at->Find(*p);
    } else {
      std::optional<int64_t> index = PathIndex(*p);
      at = index ? JsonbElement(*at, *index) : nullptr;
    }
    if (at == nullptr) return nullptr;
  }
  return at;
}

// The result of -> and #> (json or jsonb), or of ->> and #>> (text:
// a string's contents, NULL for null).
Value JsonbPart(const JsonbValue* part, bool as_text) {
  if (part == nullptr) return Value::Null();
  if (!as_text) return JsonbResult(*part);
  if (part->kind == JsonbValue::Kind::kNull) return Value::Null();
  if (part->kind == JsonbValue::Kind::kString) return Value::String(part->text);
  return Value::String(JsonbToText(*part));
}

Value JsonPart(std::optional<std::string_view> part, bool as_text) {
  if (!part) return Value::Null();
  if (!as_text) return Value::String(std::string(*part));
  switch (JsonTextKind(*part)) {
    case JsonbValue::Kind::kNull: return Value::Null();
    case JsonbValue::Kind::kString: return Value::String(OrThrow(JsonStringContents(*part)));
    default: return Value::String(std::string(*part));
  }
}

bool ScalarEqual(const JsonbValue& a, const JsonbValue& b) {
  if (a.kind != b.kind) return false;
  if (a.kind == JsonbValue::Kind::kNumber) return CompareNumericText(a.text, b.text) == 0;
  return a.text == b.text;
}

// JsonbDeepContains over two containers of the same top-level shape.
bool DeepContains(const JsonbValue& val, const JsonbValue& sub) {
  CheckStackDepth();
  if (val.kind != sub.kind) return false;
  if (val.kind == JsonbValue::Kind::kObject) {
    if (sub.members.size() > val.members.size()) return false;
    for (const auto& [key, value] : sub.members) {
      const JsonbValue* mine = val.Find(key);
      if (mine == nullptr || mine->kind != value.kind) return false;
      if (value.IsScalar() ? !ScalarEqual(*mine, value) : !DeepContains(*mine, value)) {
        return false;
      }
    }
    return true;
  }
  for (const JsonbValue& wanted : sub.elements) {
    bool found = false;
    for (const JsonbValue& e : val.elements) {
      found = wanted.IsScalar() ? ScalarEqual(e, wanted) : DeepContains(e, wanted);
      if (found) break;
    }
    if (!found) return false;
  }
  return true;
}

// A top-level scalar is a one-element array, which may contain a scalar but
// no array.
JsonbValue AsArray(JsonbValue v) {
  if (!v.IsScalar()) return v;
  JsonbValue a = JsonbValue::Array();
  a.elements.push_back(std::move(v));
  return a;
}

bool Contains(const JsonbValue& val, const JsonbValue& sub) {
  if (val.IsScalar() && sub.kind == JsonbValue::Kind::kArray) return false;
  return DeepContains(AsArray(val), AsArray(sub));
}

bool Exists(const JsonbValue& v, std::string_view key) {
  if (v.kind == JsonbValue::Kind::kObject) return v.Find(key) != nullptr;
  const JsonbValue array = AsArray(v);
  for (const JsonbValue& e : array.elements) {
    if (e.kind == JsonbValue::Kind::kString && e.text == key) return true;
  }
  return false;
}

// jsonb || jsonb: two objects merge (the right wins); otherwise both are
// read as arrays (an object or scalar as one element) and concatenated.
JsonbValue Concat(JsonbValue a, JsonbValue b) {
  if (a.kind == JsonbValue::Kind::kObject && b.kind == JsonbValue::Kind::kObject) {
    for (auto& [key, value] : b.members) a.Set(std::move(key), std::move(value));
    return a;
  }
  auto elements = [](JsonbValue v) {
    if (v.kind == JsonbValue::Kind::kArray) return std::move(v.elements);
    std::vector<JsonbValue> one;
    one.push_back(std::move(v));
    return one;
  };
  JsonbValue out = JsonbValue::Array();
  out.elements = elements(std::move(a));
  for (JsonbValue& e : elements(std::move(b))) out.elements.push_back(std::move(e));
  return out;
}

[[noreturn]] void InvalidParameter(const char* message) {
  throw Error(sqlstate::kInvalidParameterValue, message);
}

// jsonb - text: an object's key, or an array's string elements.
void DeleteKey(JsonbValue* v, std::string_view key) {
  if (v->IsScalar()) InvalidParameter("cannot delete from scalar");
  if (v->kind == JsonbValue::Kind::kObject) {
    v->Erase(key);
    return;
  }
  std::erase_if(v->elements, [&](const JsonbValue& e) {
    return e.kind == JsonbValue::Kind::kString && e.text == key;
  });
}

Value DeleteIndex(JsonbValue v, int64_t index) {
  if (v.IsScalar()) InvalidParameter("cannot delete from scalar");
  if (v.kind == JsonbValue::Kind::kObject) {
    InvalidParameter("cannot delete from object using integer index");
  }
  const int64_t n = static_cast<int64_t>(v.elements.size());
  if (index < 0) index += n;
  if (index >= 0 && index < n) v.elements.erase(v.elements.begin() + index);
  return JsonbResult(v);
}

// The path of #> (a text[]) or of json_extract_path (the arguments after
// the first).
std::vector<std::optional<std::string>> PathOf(const BoundExpr& call,
                                               const std::vector<Value>& args) {
  if (call.children.size() == 2 && call.children[1]->type.id == TypeId::kTextArray) {
    return PathArg(args[1]);
  }
  std::vector<std::optional<std::string>> path;
  for (size_t i = 1; i < args.size(); ++i) path.emplace_back(args[i].AsString());
  return path;
}

}  // namespace

bool IsJsonOperator(ScalarFunction f) {
  switch (f) {
    case ScalarFunction::kJsonField:
    case ScalarFunction::kJsonElement:
    case ScalarFunction::kJsonFieldText:
    case ScalarFunction::kJsonElementText:
    case ScalarFunction::kJsonPath:
    case ScalarFunction::kJsonPathText:
    case ScalarFunction::kJsonbContains:
    case ScalarFunction::kJsonbContained:
    case ScalarFunction::kJsonbExists:
    case ScalarFunction::kJsonbExistsAny:
    case ScalarFunction::kJsonbExistsAll:
    case ScalarFunction::kJsonbConcat:
    case ScalarFunction::kJsonbDeleteKey:
    case ScalarFunction::kJsonbDeleteIndex:
    case ScalarFunction::kJsonbDeleteKeys: return true;
    default: return false;
  }
}

Value EvaluateJsonOperator(const BoundExpr& call, const std::vector<Value>& args) {
  const ScalarFunction f = call.function;
  const bool as_text = f == ScalarFunction::kJsonFieldText ||
                       f == ScalarFunction::kJsonElementText || f == ScalarFunction::kJsonPathText;
  if (call.children[0]->type.id == TypeId::kJson) {
    const std::string_view json = args[0].AsString();
    switch (f) {
      case ScalarFunction::kJsonField:
      case ScalarFunction::kJsonFieldText:
        return JsonPart(JsonTextField(json, args[1].AsString()), as_text);
      case ScalarFunction::kJsonElement:
      case ScalarFunction::kJsonElementText:
        return JsonPart(JsonTextElement(json, args[1].AsInt()), as_text);
      default: return JsonPart(JsonTextPath(json, PathOf(call, args)), as_text);
    }
  }
  JsonbValue v = JsonbArg(args[0]);
  switch (f) {
    case ScalarFunction::kJsonField:
    case ScalarFunction::kJsonFieldText:
      return JsonbPart(v.kind == JsonbValue::Kind::kObject ? v.Find(args[1].AsString()) : nullptr,
                       as_text);
    case ScalarFunction::kJsonElement:
    case ScalarFunction::kJsonElementText: {
      // A scalar is a one-element array here, as PostgreSQL stores it.
      if (v.IsScalar()) v = AsArray(std::move(v));
      return JsonbPart(JsonbElement(v, args[1].AsInt()), as_text);
    }
    case ScalarFunction::kJsonPath:
    case ScalarFunction::kJsonPathText: return JsonbPart(JsonbPath(v, PathOf(call, args)), as_text);
    case ScalarFunction::kJsonbContains: return Value::Bool(Contains(v, JsonbArg(args[1])));
    case ScalarFunction::kJsonbContained: return Value::Bool(Contains(JsonbArg(args[1]), v));
    case ScalarFunction::kJsonbExists: return Value::Bool(Exists(v, args[1].AsString()));
    case ScalarFunction::kJsonbExistsAny:
    case ScalarFunction::kJsonbExistsAll: {
      const bool all = f == ScalarFunction::kJsonbExistsAll;
      for (const std::optional<std::string>& key : PathArg(args[1])) {
        if (!key) continue;  // NULL keys are skipped
        if (Exists(v, *key) != all) return Value::Bool(!all);
      }
      return Value::Bool(all);
    }
    case ScalarFunction::kJsonbConcat: return JsonbResult(Concat(std::move(v), JsonbArg(args[1])));
    case ScalarFunction::kJsonbDeleteKey: DeleteKey(&v, args[1].AsString()); return JsonbResult(v);
    case ScalarFunction::kJsonbDeleteKeys:
      for (const std::optional<std::string>& key : PathArg(args[1])) {
        if (key) DeleteKey(&v, *key);
      }
      if (v.IsScalar()) DeleteKey(&v, "");  // an empty key list still refuses a scalar
      return JsonbResult(v);
    case ScalarFunction::kJsonbDeleteIndex: return DeleteIndex(std::move(v), args[1].AsInt());
    default: throw Error(sqlstate::kInternalError, "not a json operator");
  }
}

}  // namespace basalt::sql
