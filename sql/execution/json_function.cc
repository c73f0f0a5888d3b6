#include "sql/execution/json_function.h"

#include <fmt/format.h>

#include <cctype>

#include "common/error.h"
#include "common/json_parse.h"
#include "common/json_scan.h"
#include "common/session_formats.h"
#include "common/stack_depth.h"
#include "common/value_text.h"
#include "sql/binder/bind_json_function.h"
#include "sql/execution/array_shape.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/json_internal.h"
#include "sql/execution/json_path_function.h"

namespace basalt::sql {

namespace {

// A number's text is a JSON number unless it is NaN or an infinity, which
// PostgreSQL quotes.
bool IsJsonNumber(std::string_view text) {
  return !text.empty() && (text[0] == '-' || (text[0] >= '0' && text[0] <= '9')) &&
         text != "-Infinity";
}

Value BuildObject(const BoundExpr& call, const std::vector<Value>& args) {
  if (args.size() % 2 != 0) {
    const bool jsonb = call.function == ScalarFunction::kJsonbBuildObject;
    throw Error(sqlstate::kInvalidParameterValue, "argument list must have even number of elements")
        .WithHint(fmt::format("The arguments of {}() must consist of alternating keys and values.",
                              jsonb ? "jsonb_build_object" : "json_build_object"));
  }
  std::string out = "{";
  for (size_t i = 0; i < args.size(); i += 2) {
    if (args[i].is_null()) {
      throw Error(sqlstate::kInvalidParameterValue,
                  fmt::format("argument {} cannot be null", i + 1))
          .WithHint("Object keys should be text.");
    }
    if (i > 0) out.append(", ");
    AppendJsonString(ValueToText(args[i], call.children[i]->type), &out);
    out.append(" : ");
    AppendJsonValue(args[i + 1], call.children[i + 1]->type, &out);
  }
  out.push_back('}');
  return Value::String(std::move(out));
}

Value BuildArray(const BoundExpr& call, const std::vector<Value>& args) {
  std::string out = "[";
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) out.append(", ");
    AppendJsonValue(args[i], call.children[i]->type, &out);
  }
  out.push_back(']');
  return Value::String(std::move(out));
}

// json text made by this server as jsonb.
Value JsonTextToJsonb(const Value& json) {
  return JsonbResult(OrThrow(ParseJsonb(json.AsString())));
}

const char* KindName(JsonbValue::Kind kind) {
  switch (kind) {
    case JsonbValue::Kind::kNull: return "null";
    case JsonbValue::Kind::kString: return "string";
    case JsonbValue::Kind::kNumber: return "number";
    case JsonbValue::Kind::kTrue:
    case JsonbValue::Kind::kFalse: return "boolean";
    case JsonbValue::Kind::kArray: return "array";
    case JsonbValue::Kind::kObject: return "object";
  }
  return "null";
}

Value ArrayLength(const Value& v, const DataType& type) {
  const JsonbValue::Kind kind =
      type.id == TypeId::kJson ? JsonTextKind(v.AsString()) : JsonbArg(v).kind;
  if (kind == JsonbValue::Kind::kObject) {
    throw Error(sqlstate::kInvalidParameterValue, "cannot get array length of a non-array");
  }
  if (kind != JsonbValue::Kind::kArray) {
    throw Error(sqlstate::kInvalidParameterValue, "cannot get array length of a scalar");
  }
  if (type.id == TypeId::kJsonb) {
    return Value::Int(static_cast<int64_t>(JsonbArg(v).elements.size()));
  }
  int64_t n = 0;
  ForEachJsonElement(v.AsString(), [&](std::string_view) {
    ++n;
    return true;
  });
  return Value::Int(n);
}

void StripNulls(JsonbValue* v) {
  CheckStackDepth();
  if (v->kind == JsonbValue::Kind::kObject) {
    std::erase_if(v->members,
                  [](const auto& m) { return m.second.kind == JsonbValue::Kind::kNull; });
    for (auto& m : v->members) StripNulls(&m.second);
  } else if (v->kind == JsonbValue::Kind::kArray) {
    for (JsonbValue& e : v->elements) StripNulls(&e);
  }
}

// json_strip_nulls: the text again without spaces, members with null
// values left out, everything else as written.
void AppendJsonStripped(std::string_view json, std::string* out) {
  CheckStackDepth();
  const JsonbValue::Kind kind = JsonTextKind(json);
  if (kind == JsonbValue::Kind::kObject) {
    out->push_back('{');
    bool first = true;
    ForEachJsonMember(json, [&](std::string key, std::string_view value) {
      if (JsonTextKind(value) == JsonbValue::Kind::kNull) return true;
      if (!first) out->push_back(',');
      first = false;
      AppendJsonString(key, out);
      out->push_back(':');
      AppendJsonStripped(value, out);
      return true;
    });
    out->push_back('}');
  } else if (kind == JsonbValue::Kind::kArray) {
    out->push_back('[');
    bool first = true;
    ForEachJsonElement(json, [&](std::string_view e) {
      if (!first) out->push_back(',');
      first = false;
      AppendJsonStripped(e, out);
      return true;
    });
    out->push_back(']');
  } else {
    out->append(TrimJson(json));
  }
}

// composite_to_json: `{"a":1,"b":"x"}` of name, value, name, value, ...
Value RowToJson(const BoundExpr& call, const std::vector<Value>& args) {
  std::string out = "{";
  for (size_t i = 0; i + 1 < args.size(); i += 2) {
    if (i > 0) out.push_back(',');
    AppendJsonString(args[i].AsString(), &out);
    out.push_back(':');
    AppendJsonValue(args[i + 1], call.children[i + 1]->type, &out);
  }
  out.push_back('}');
  return Value::String(std::move(out));
}

bool IsStrict(ScalarFunction f) {
  return f != ScalarFunction::kRowToJson && f != ScalarFunction::kJsonBuildObject &&
         f != ScalarFunction::kJsonBuildArray && f != ScalarFunction::kJsonbBuildObject &&
         f != ScalarFunction::kJsonbBuildArray && f != ScalarFunction::kToJson &&
         f != ScalarFunction::kToJsonb;
}

}  // namespace

JsonbValue JsonbArg(const Value& v) {
  return DecodeJsonbOrDie(v.AsString());
}

Value JsonbResult(const JsonbValue& v) {
  return Value::String(EncodeJsonb(v));
}

JsonbValue JsonTree(const Value& v, const DataType& type) {
  if (type.id == TypeId::kJsonb) return JsonbArg(v);
  return OrThrow(ParseJsonb(v.AsString()));
}

std::vector<std::optional<std::string>> PathArg(const Value& v) {
  std::vector<std::optional<std::string>> path;
  for (const Value& e : v.AsArray()) {
    path.push_back(e.is_null() ? std::nullopt : std::optional(e.AsString()));
  }
  return path;
}

std::optional<int64_t> PathIndex(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  if (i >= text.size()) return std::nullopt;
  int64_t v = 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    v = v * 10 + (text[i] - '0');
    if (v > INT32_MAX) return std::nullopt;
  }
  return negative ? -v : v;
}

// datum_to_json: NULL, booleans, numbers, json and jsonb as themselves,
// arrays as JSON arrays, timestamps in ISO 8601 form (XSD: a `T`, the full
// offset), everything else as its text output in quotes.
namespace {

// Dimension `d` of an array from element `*next` on: a JSON array of the
// next dimension's arrays, or of elements.
void AppendJsonArrayLevel(const std::vector<Value>& elements, const ArrayShape& shape, size_t d,
                          const DataType& element_type, size_t* next, std::string* out) {
  out->push_back('[');
  for (int32_t i = 0; i < shape.dims[d]; ++i) {
    if (i > 0) out->push_back(',');
    if (d + 1 < shape.dims.size()) {
      AppendJsonArrayLevel(elements, shape, d + 1, element_type, next, out);
    } else {
      AppendJsonValue(elements[(*next)++], element_type, out);
    }
  }
  out->push_back(']');
}

}  // namespace

void AppendJsonValue(const Value& value, const DataType& type, std::string* out) {
  if (value.is_null()) {
    out->append("null");
    return;
  }
  if (type.IsArray()) {
    const ArrayShape shape = ShapeOf(value, type);
    if (shape.dims.empty()) {
      out->append("[]");
      return;
    }
    size_t next = 0;
    AppendJsonArrayLevel(value.AsArray(), shape, 0, type.Element(), &next, out);
    return;
  }
  if (type.IsRowType()) {
    // An anonymous row's fields are f1, f2, ... (PostgreSQL's names).
    out->push_back('{');
    const std::vector<DataType>& fields = type.RecordFields();
    const std::vector<std::string>& names = type.RecordFieldNames();
    const std::vector<Value>& values = value.AsArray();
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out->push_back(',');
      AppendJsonString(names[i], out);
      out->push_back(':');
      AppendJsonValue(values[i], fields[i], out);
    }
    out->push_back('}');
    return;
  }
  if (type.id == TypeId::kBool) {
    out->append(value.AsBool() ? "true" : "false");
    return;
  }
  if (type.id == TypeId::kDate || type.id == TypeId::kTimestamp ||
      type.id == TypeId::kTimestampTz) {
    // JSON writes dates and times in XML Schema's form whatever DateStyle
    // says: "2024-01-31T12:00:00+01:00".
    SessionFormats xsd = CurrentSessionFormats();
    xsd.date_style = DateStyle::kXsd;
    ScopedSessionFormats formats(xsd);
    AppendJsonString(ValueToText(value, type), out);
    return;
  }
  std::string text = ValueToText(value, type);
  if (type.id == TypeId::kJson || type.id == TypeId::kJsonb ||
      (type.IsNumeric() && IsJsonNumber(text))) {
    out->append(text);
    return;
  }
  AppendJsonString(text, out);
}

bool IsJsonFunction(ScalarFunction f) {
  switch (f) {
    case ScalarFunction::kJsonBuildObject:
    case ScalarFunction::kJsonBuildArray:
    case ScalarFunction::kJsonbBuildObject:
    case ScalarFunction::kJsonbBuildArray:
    case ScalarFunction::kToJson:
    case ScalarFunction::kToJsonb:
    case ScalarFunction::kJsonPath:
    case ScalarFunction::kJsonPathText:
    case ScalarFunction::kJsonbDeletePath:
    case ScalarFunction::kJsonTypeof:
    case ScalarFunction::kJsonArrayLength:
    case ScalarFunction::kJsonbSet:
    case ScalarFunction::kJsonbInsert:
    case ScalarFunction::kJsonStripNulls:
    case ScalarFunction::kJsonbPretty:
    case ScalarFunction::kRowToJson: return true;
    default: return IsJsonOperator(f) || IsJsonPathFunction(f);
  }
}

Value EvaluateJsonFunction(const BoundExpr& call, const std::vector<Value>& args) {
  if (IsStrict(call.function)) {
    for (const Value& a : args) {
      if (a.is_null()) return Value::Null();
    }
  }
  if (IsJsonOperator(call.function)) return EvaluateJsonOperator(call, args);
  if (IsJsonPathFunction(call.function)) return EvaluateJsonPathFunction(call, args);
  const DataType& first = call.children.empty() ? call.type : call.children[0]->type;
  switch (call.function) {
    case ScalarFunction::kJsonBuildObject: return BuildObject(call, args);
    case ScalarFunction::kJsonBuildArray: return BuildArray(call, args);
    case ScalarFunction::kJsonbBuildObject: return JsonTextToJsonb(BuildObject(call, args));
    case ScalarFunction::kJsonbBuildArray: return JsonTextToJsonb(BuildArray(call, args));
    case ScalarFunction::kToJson:
    case ScalarFunction::kToJsonb: {
      if (args[0].is_null()) return Value::Null();
      std::string text;
      AppendJsonValue(args[0], first, &text);
      Value json = Value::String(std::move(text));
      return call.function == ScalarFunction::kToJson ? json : JsonTextToJsonb(json);
    }
    case ScalarFunction::kJsonTypeof: {
      const JsonbValue::Kind kind =
          first.id == TypeId::kJson ? JsonTextKind(args[0].AsString()) : JsonbArg(args[0]).kind;
      return Value::String(KindName(kind));
    }
    case ScalarFunction::kJsonArrayLength: return ArrayLength(args[0], first);
    case ScalarFunction::kJsonStripNulls: {
      if (first.id == TypeId::kJson) {
        std::string out;
        AppendJsonStripped(args[0].AsString(), &out);
        return Value::String(std::move(out));
      }
      JsonbValue v = JsonbArg(args[0]);
      StripNulls(&v);
      return JsonbResult(v);
    }
    case ScalarFunction::kJsonbPretty: return Value::String(JsonbPretty(JsonbArg(args[0])));
    case ScalarFunction::kRowToJson: {
      Value json = RowToJson(call, args);
      return call.type.id == TypeId::kJson ? json : JsonTextToJsonb(json);
    }
    default: return EvaluateJsonbPathUpdate(call, args);
  }
}

}  // namespace basalt::sql
