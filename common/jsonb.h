// jsonb: a JSON value as a tree (JsonbValue) and as the stored binary form
// a jsonb Value holds (docs/formats/jsonb.md). Input is common/json_parse.h;
// here are the encoding, PostgreSQL's text output, and its order.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace basalt {

// A JSON value. Objects keep their keys unique and sorted as PostgreSQL
// stores them (shorter keys first, then bytewise); numbers keep
// numeric_out's text of the number (`1.50`, `0.0010`).
struct JsonbValue {
  // DO NOT CHANGE THESE VALUES: they are the tags of the stored form, and
  // their order is jsonb's order of kinds (null < string < number < bool <
  // array < object).
  enum class Kind : uint8_t {
    kNull = 0,
    kString = 1,
    kNumber = 2,
    kFalse = 3,
    kTrue = 4,
    kArray = 5,
    kObject = 6,
  };
  Kind kind = Kind::kNull;
  std::string text;                                         // string or number
  std::vector<JsonbValue> elements;                         // array
  std::vector<std::pair<std::string, JsonbValue>> members;  // object, sorted

  static JsonbValue Null() { return JsonbValue{}; }
  static JsonbValue Bool(bool b) {
    JsonbValue v;
    v.kind = b ? Kind::kTrue : Kind::kFalse;
    return v;
  }
  static JsonbValue String(std::string s) {
    JsonbValue v;
    v.kind = Kind::kString;
    v.text = std::move(s);
    return v;
  }
  // REQUIRES: `numeric_text` is numeric_out's text of a number.
  static JsonbValue Number(std::string numeric_text) {
    JsonbValue v;
    v.kind = Kind::kNumber;
    v.text = std::move(numeric_text);
    return v;
  }
  static JsonbValue Array() {
    JsonbValue v;
    v.kind = Kind::kArray;
    return v;
  }
  static JsonbValue Object() {
    JsonbValue v;
    v.kind = Kind::kObject;
    return v;
  }

  bool IsScalar() const { return kind != Kind::kArray && kind != Kind::kObject; }
  bool IsBool() const { return kind == Kind::kTrue || kind == Kind::kFalse; }
  // An object's member named `key`, or nullptr.
  const JsonbValue* Find(std::string_view key) const;
  JsonbValue* Find(std::string_view key);
  // Sets (or adds, in key order) an object member.
  void Set(std::string key, JsonbValue value);
  // Removes an object member; false when there was none.
  bool Erase(std::string_view key);
  // Sorts the members as jsonb keeps them, the last of equal keys winning.
  void SortMembers();
};

// PostgreSQL's order of object keys: the shorter first, then bytewise.
bool JsonbKeyLess(std::string_view a, std::string_view b);

// The stored form (a jsonb Value's string) of a tree, and back.
std::string EncodeJsonb(const JsonbValue& value);
Result<JsonbValue> DecodeJsonb(std::string_view bytes);
// DecodeJsonb of bytes this server encoded; a corrupt value is an internal error.
JsonbValue DecodeJsonbOrDie(std::string_view bytes);

// jsonb_out: `{"a": 1, "b": [1, 2]}`.
void AppendJsonbText(const JsonbValue& value, std::string* out);
std::string JsonbToText(const JsonbValue& value);
// jsonb_pretty: four spaces per level, one member or element per line.
std::string JsonbPretty(const JsonbValue& value);
// escape_json: `s` in double quotes with PostgreSQL's escapes.
void AppendJsonString(std::string_view s, std::string* out);

// jsonb's btree order (compareJsonbContainers): kinds first, then arrays
// and objects by their size, then element by element (members as key,
// value, key, ...); numbers by value, strings bytewise (C collation).
int CompareJsonb(const JsonbValue& a, const JsonbValue& b);
// A byte string whose bytewise order is CompareJsonb's (equal values,
// such as 1 and 1.0, give equal strings): the key codec's form of jsonb.
void AppendJsonbSortKey(const JsonbValue& value, std::string* out);

// Numbers as numeric text (numeric_in's rules, any size): the text of a
// JSON number as numeric_out prints it (`1.0E-3` -> `0.0010`), and the
// order of two such texts.
Result<std::string> NormalizeJsonNumber(std::string_view json_number);
int CompareNumericText(std::string_view a, std::string_view b);

}  // namespace basalt
