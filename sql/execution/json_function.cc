#include "sql/execution/json_function.h"

#include <fmt/format.h>

#include <cctype>

#include "common/error.h"
#include "common/value_text.h"

namespace basalt::sql {

namespace {

// PostgreSQL's escape_json: the string in double quotes.
void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  for (char c : s) {
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out->append(fmt::format("\\u{:04x}", static_cast<unsigned char>(c)));
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

// A number's text is a JSON number unless it is NaN or an infinity, which
// PostgreSQL quotes.
bool IsJsonNumber(std::string_view text) {
  return !text.empty() && (text[0] == '-' || (text[0] >= '0' && text[0] <= '9')) &&
         text != "-Infinity";
}

// datum_to_json: NULL, booleans, numbers and json as themselves, arrays as
// JSON arrays, timestamps in ISO 8601 form (XSD: a `T`, the full offset),
// everything else as its text output in quotes.
void AppendJsonValue(const Value& value, const DataType& type, std::string* out) {
  if (value.is_null()) {
    out->append("null");
    return;
  }
  if (std::optional<TypeId> element = type.ElementType()) {
    out->push_back('[');
    const std::vector<Value>& elements = value.AsArray();
    for (size_t i = 0; i < elements.size(); ++i) {
      if (i > 0) out->push_back(',');
      AppendJsonValue(elements[i], DataType::Of(*element), out);
    }
    out->push_back(']');
    return;
  }
  if (type.id == TypeId::kBool) {
    out->append(value.AsBool() ? "true" : "false");
    return;
  }
  std::string text = ValueToText(value, type);
  if (type.id == TypeId::kJson || (type.IsNumeric() && IsJsonNumber(text))) {
    out->append(text);
    return;
  }
  if ((type.id == TypeId::kTimestamp || type.id == TypeId::kTimestampTz) &&
      std::isdigit(static_cast<unsigned char>(text[0]))) {
    const size_t space = text.find(' ');
    if (space != std::string::npos) text[space] = 'T';
    // The session time zone is UTC: the offset prints as "+00".
    if (type.id == TypeId::kTimestampTz && text.ends_with("+00")) text.append(":00");
  }
  AppendJsonString(text, out);
}

Value BuildObject(const BoundExpr& call, const std::vector<Value>& args) {
  if (args.size() % 2 != 0) {
    throw Error(sqlstate::kInvalidParameterValue, "argument list must have even number of elements")
        .WithHint(
            "The arguments of json_build_object() must consist of alternating keys and values.");
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

}  // namespace

bool IsJsonFunction(ScalarFunction f) {
  return f == ScalarFunction::kJsonBuildObject || f == ScalarFunction::kJsonBuildArray;
}

Value EvaluateJsonFunction(const BoundExpr& call, const std::vector<Value>& args) {
  return call.function == ScalarFunction::kJsonBuildObject ? BuildObject(call, args)
                                                           : BuildArray(call, args);
}

}  // namespace basalt::sql
