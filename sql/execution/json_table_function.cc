#include "sql/execution/json_table_function.h"

#include <fmt/format.h>

#include "common/error.h"
#include "common/json_scan.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/json_internal.h"

namespace basalt::sql {

namespace {

// A member or element as the function's value column: json[b], or text
// (a string's contents, NULL for null).
Value JsonbColumn(const JsonbValue& v, bool as_text) {
  if (!as_text) return JsonbResult(v);
  if (v.kind == JsonbValue::Kind::kNull) return Value::Null();
  if (v.kind == JsonbValue::Kind::kString) return Value::String(v.text);
  return Value::String(JsonbToText(v));
}

Value JsonColumn(std::string_view json, bool as_text) {
  if (!as_text) return Value::String(std::string(json));
  switch (JsonTextKind(json)) {
    case JsonbValue::Kind::kNull: return Value::Null();
    case JsonbValue::Kind::kString: return Value::String(OrThrow(JsonStringContents(json)));
    default: return Value::String(std::string(json));
  }
}

[[noreturn]] void WrongKind(std::string message) {
  throw Error(sqlstate::kInvalidParameterValue, std::move(message));
}

}  // namespace

bool IsJsonTableFunction(TableFunction f) {
  return f == TableFunction::kJsonArrayElements || f == TableFunction::kJsonArrayElementsText ||
         f == TableFunction::kJsonObjectKeys || HasJsonKeyColumn(f);
}

bool HasJsonKeyColumn(TableFunction f) {
  return f == TableFunction::kJsonEach || f == TableFunction::kJsonEachText;
}

std::vector<Value> JsonTableFunctionRows(TableFunction f, const Value& json, const DataType& type,
                                         std::vector<Value>* values) {
  const bool jsonb = type.id == TypeId::kJsonb;
  const std::string_view prefix = jsonb ? "jsonb" : "json";
  const bool as_text =
      f == TableFunction::kJsonArrayElementsText || f == TableFunction::kJsonEachText;
  const JsonbValue::Kind kind = jsonb ? JsonbArg(json).kind : JsonTextKind(json.AsString());
  std::vector<Value> rows;
  if (f == TableFunction::kJsonArrayElements || f == TableFunction::kJsonArrayElementsText) {
    // The json versions name themselves.
    const std::string function = fmt::format("{}_array_elements{}", prefix, as_text ? "_text" : "");
    if (kind == JsonbValue::Kind::kObject) {
      WrongKind(jsonb ? "cannot extract elements from an object"
                      : fmt::format("cannot call {} on a non-array", function));
    }
    if (kind != JsonbValue::Kind::kArray) {
      WrongKind(jsonb ? "cannot extract elements from a scalar"
                      : fmt::format("cannot call {} on a scalar", function));
    }
    if (jsonb) {
      for (const JsonbValue& e : JsonbArg(json).elements) rows.push_back(JsonbColumn(e, as_text));
    } else {
      ForEachJsonElement(json.AsString(), [&](std::string_view e) {
        rows.push_back(JsonColumn(e, as_text));
        return true;
      });
    }
    return rows;
  }
  if (f == TableFunction::kJsonObjectKeys) {
    if (kind == JsonbValue::Kind::kArray) {
      WrongKind(fmt::format("cannot call {}_object_keys on an array", prefix));
    }
    if (kind != JsonbValue::Kind::kObject) {
      WrongKind(fmt::format("cannot call {}_object_keys on a scalar", prefix));
    }
  } else if (kind != JsonbValue::Kind::kObject) {
    WrongKind(fmt::format("cannot call {}_each{} on a non-object", prefix, as_text ? "_text" : ""));
  }
  if (jsonb) {
    for (const auto& [key, value] : JsonbArg(json).members) {
      rows.push_back(Value::String(key));
      if (HasJsonKeyColumn(f)) values->push_back(JsonbColumn(value, as_text));
    }
  } else {
    ForEachJsonMember(json.AsString(), [&](std::string key, std::string_view value) {
      rows.push_back(Value::String(std::move(key)));
      if (HasJsonKeyColumn(f)) values->push_back(JsonColumn(value, as_text));
      return true;
    });
  }
  return rows;
}

}  // namespace basalt::sql
