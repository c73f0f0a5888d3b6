#include "sql/execution/json_record_function.h"

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <unordered_map>

#include "common/error.h"
#include "common/json_parse.h"
#include "common/json_scan.h"
#include "common/stack_depth.h"
#include "common/value_text.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/json_internal.h"

namespace basalt::sql {

namespace {

// A JSON value as the argument holds it: a node of a jsonb tree, or (json)
// its text as written.
struct JsonInput {
  const JsonbValue* jsonb = nullptr;
  std::string_view json;

  JsonbValue::Kind kind() const { return jsonb != nullptr ? jsonb->kind : JsonTextKind(json); }
};

// populate_scalar's text of a value for a column of `type` (not json):
// a string's contents, else the value as written (json) or as jsonb
// prints it.
std::string ScalarText(const JsonInput& v) {
  if (v.jsonb == nullptr) {
    if (v.kind() == JsonbValue::Kind::kString) return OrThrow(JsonStringContents(v.json));
    return std::string(v.json);
  }
  switch (v.jsonb->kind) {
    case JsonbValue::Kind::kString:
    case JsonbValue::Kind::kNumber: return v.jsonb->text;
    case JsonbValue::Kind::kTrue: return "true";
    case JsonbValue::Kind::kFalse: return "false";
    default: return JsonbToText(*v.jsonb);
  }
}

// The value's JSON text for a json or jsonb column: json's as written (a
// string decoded and escaped again, as PostgreSQL's), jsonb's as printed.
std::string JsonText(const JsonInput& v) {
  if (v.jsonb != nullptr) return JsonbToText(*v.jsonb);
  if (v.kind() != JsonbValue::Kind::kString) return std::string(v.json);
  std::string out;
  AppendJsonString(OrThrow(JsonStringContents(v.json)), &out);
  return out;
}

// REQUIRES: `v` is not a JSON null.
Value PopulateScalar(const JsonInput& v, const DataType& type) {
  if (type.id == TypeId::kJsonb && v.jsonb != nullptr) return JsonbResult(*v.jsonb);
  if (type.id == TypeId::kJson || type.id == TypeId::kJsonb) {
    return OrThrow(ValueFromText(JsonText(v), type));
  }
  return OrThrow(ValueFromText(ScalarText(v), type));
}

std::vector<JsonInput> Elements(const JsonInput& array) {
  std::vector<JsonInput> elements;
  if (array.jsonb != nullptr) {
    for (const JsonbValue& e : array.jsonb->elements) elements.push_back(JsonInput{&e, {}});
  } else {
    ForEachJsonElement(array.json, [&](std::string_view e) {
      elements.push_back(JsonInput{nullptr, TrimJson(e)});
      return true;
    });
  }
  return elements;
}

// PostgreSQL's populate_array_dim_jsonb: the dimensions are those of the
// first path to a non-array (or an empty array); sub-arrays must match
// them, and an array deeper than that is an element.
class ArrayPopulator {
 public:
  ArrayPopulator(const DataType& type, const std::string& key)
      : element_type_(type.Element()), key_(key) {}

  // The array column's value of the JSON array `v`.
  Value Populate(const JsonInput& v) {
    sizes_.assign(1, 0);
    Dimension(v, 1);
    if (ndims_ == 1) return Value::Array(std::move(values_));
    for (int i = 1; i < ndims_; ++i) {
      if (dims_[static_cast<size_t>(i)] == 0) return Value::Array({});
    }
    if (sizes_[0] == 0) return Value::Array({});
    throw Error(sqlstate::kFeatureNotSupported, "multidimensional arrays are not supported yet");
  }

 private:
  void Dimension(const JsonInput& v, int ndim) {
    CheckStackDepth();
    if (v.kind() != JsonbValue::Kind::kArray) ExpectedArray(ndim - 1);
    const std::vector<JsonInput> elements = Elements(v);
    if (ndims_ <= 0 && (elements.empty() || elements[0].kind() != JsonbValue::Kind::kArray)) {
      ndims_ = ndim;
      dims_.assign(static_cast<size_t>(ndim), -1);
      sizes_.assign(static_cast<size_t>(ndim), 0);
    }
    for (const JsonInput& e : elements) {
      if (ndims_ > 0 && ndim >= ndims_) {
        values_.push_back(e.kind() == JsonbValue::Kind::kNull ? Value::Null()
                                                              : PopulateScalar(e, element_type_));
        ++sizes_[static_cast<size_t>(ndim - 1)];
      } else {
        Dimension(e, ndim + 1);
        // populate_array_check_dimension
        const size_t i = static_cast<size_t>(ndim);
        if (dims_[i] == -1) {
          dims_[i] = sizes_[i];
        } else if (dims_[i] != sizes_[i]) {
          throw Error(sqlstate::kInvalidTextRepresentation, "malformed JSON array")
              .WithDetail("Multidimensional arrays must have sub-arrays with matching dimensions.");
        }
        sizes_[i] = 0;
        ++sizes_[i - 1];
      }
    }
  }

  // "expected JSON array", naming the element by its indices (ndim > 0)
  // or the key.
  [[noreturn]] void ExpectedArray(int ndim) const {
    Error error(sqlstate::kInvalidTextRepresentation, "expected JSON array");
    if (ndim <= 0) throw error.WithHint(fmt::format("See the value of key \"{}\".", key_));
    std::string indices;
    for (int i = 0; i < ndim; ++i) indices += fmt::format("[{}]", sizes_[static_cast<size_t>(i)]);
    throw error.WithHint(fmt::format("See the array element {} of key \"{}\".", indices, key_));
  }

  DataType element_type_;
  const std::string& key_;
  int ndims_ = 0;
  std::vector<int> dims_;
  std::vector<int> sizes_;  // elements seen so far at each level
  std::vector<Value> values_;
};

// An array column: a JSON array, or a string read by the array type's
// input function.
Value PopulateArray(const JsonInput& v, const DataType& type, const std::string& key) {
  if (v.kind() == JsonbValue::Kind::kString) return OrThrow(ValueFromText(ScalarText(v), type));
  return ArrayPopulator(type, key).Populate(v);
}

Value PopulateField(const JsonInput* v, const RecordColumn& column) {
  if (v == nullptr || v->kind() == JsonbValue::Kind::kNull) return Value::Null();
  if (column.type.IsArray()) return PopulateArray(*v, column.type, column.name);
  return PopulateScalar(*v, column.type);
}

// One object's row. REQUIRES: `object` is an object.
Row PopulateRecord(const JsonInput& object, const std::vector<RecordColumn>& columns) {
  Row row;
  if (object.jsonb != nullptr) {
    for (const RecordColumn& c : columns) {
      const JsonbValue* member = object.jsonb->Find(c.name);
      const JsonInput value{member, {}};
      row.push_back(PopulateField(member != nullptr ? &value : nullptr, c));
    }
    return row;
  }
  // The last of equal keys wins.
  std::unordered_map<std::string, std::string_view> members;
  ForEachJsonMember(object.json, [&](std::string key, std::string_view value) {
    members.insert_or_assign(std::move(key), TrimJson(value));
    return true;
  });
  for (const RecordColumn& c : columns) {
    const auto it = members.find(c.name);
    const JsonInput value{nullptr, it != members.end() ? it->second : std::string_view()};
    row.push_back(PopulateField(it != members.end() ? &value : nullptr, c));
  }
  return row;
}

[[noreturn]] void WrongKind(std::string message) {
  throw Error(sqlstate::kInvalidParameterValue, std::move(message));
}

}  // namespace

std::vector<Row> JsonToRecordRows(TableFunction f, const Value& json, const DataType& type,
                                  const std::vector<RecordColumn>& columns) {
  const bool jsonb = type.id == TypeId::kJsonb;
  const bool set = f == TableFunction::kJsonToRecordset;
  const std::string name =
      fmt::format("{}_to_record{}", jsonb ? "jsonb" : "json", set ? "set" : "");
  // json[b]_to_record is strict; the recordset functions (not strict) look
  // for the row type first.
  if (json.is_null() && !(set && columns.empty())) {
    if (set) return {};
    return {Row(columns.empty() ? 1 : columns.size(), Value::Null())};
  }
  if (columns.empty()) {
    throw Error(sqlstate::kFeatureNotSupported,
                fmt::format("could not determine row type for result of {}", name))
        .WithHint(
            "Provide a non-null record argument, or call the function in the FROM clause using a "
            "column definition list.");
  }
  JsonbValue tree;
  JsonInput root;
  if (jsonb) {
    tree = JsonbArg(json);
    root.jsonb = &tree;
  } else {
    root.json = TrimJson(json.AsString());
    // PostgreSQL decodes every string of the document as it reads it, so an
    // escape text cannot hold (\u0000, a lone surrogate) fails wherever it
    // is, with the document's context line; jsonb's parser is that reader.
    if (root.json.find("\\u") != std::string_view::npos) OrThrow(ParseJsonb(json.AsString()));
  }
  const JsonbValue::Kind kind = root.kind();
  if (!set) {
    if (kind == JsonbValue::Kind::kArray) WrongKind("cannot call populate_composite on an array");
    if (kind != JsonbValue::Kind::kObject) WrongKind("cannot call populate_composite on a scalar");
    return {PopulateRecord(root, columns)};
  }
  if (kind != JsonbValue::Kind::kArray) {
    if (jsonb) WrongKind(fmt::format("cannot call {} on a non-array", name));
    WrongKind(fmt::format("cannot call {} on {}", name,
                          kind == JsonbValue::Kind::kObject ? "an object" : "a scalar"));
  }
  std::vector<Row> rows;
  auto add = [&](const JsonInput& element) {
    if (element.kind() != JsonbValue::Kind::kObject) {
      WrongKind(fmt::format("argument of {} must be an array of objects", name));
    }
    rows.push_back(PopulateRecord(element, columns));
  };
  if (jsonb) {
    for (const JsonbValue& e : tree.elements) add(JsonInput{&e, {}});
  } else {
    ForEachJsonElement(root.json, [&](std::string_view e) {
      add(JsonInput{nullptr, TrimJson(e)});
      return true;
    });
  }
  return rows;
}

}  // namespace basalt::sql
