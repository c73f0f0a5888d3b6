#include "common/record_text.h"

#include <fmt/format.h>

#include "common/error.h"
#include "common/value_text.h"

namespace basalt {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

Status MalformedRecord(std::string_view text, std::string_view detail) {
  return Status::Error(sqlstate::kInvalidTextRepresentation,
                       fmt::format("malformed record literal: \"{}\"", text))
      .WithDetail(std::string(detail));
}

}  // namespace

// record_out: "(1,a,)" with a NULL field as nothing; a field that is
// empty or holds a space, quote, backslash, comma or parenthesis is
// quoted, its quotes and backslashes doubled.
void AppendRecordText(const std::vector<Value>& fields, const DataType& type, std::string* out) {
  const std::vector<DataType>& types = type.RecordFields();
  out->push_back('(');
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out->push_back(',');
    if (fields[i].is_null()) continue;
    const std::string field = ValueToText(fields[i], types[i]);
    bool quote = field.empty();
    for (char c : field) {
      quote = quote || IsSpace(c) || c == '"' || c == '\\' || c == '(' || c == ')' || c == ',';
    }
    if (!quote) {
      out->append(field);
      continue;
    }
    out->push_back('"');
    for (char c : field) {
      if (c == '"' || c == '\\') out->push_back(c);
      out->push_back(c);
    }
    out->push_back('"');
  }
  out->push_back(')');
}

// As record_in: blanks before "(" and after ")" are skipped; a field's
// text is everything up to an unquoted "," or ")", blanks included, with
// quotes ("" inside them is one) and backslash escapes taken away; an
// empty unquoted field is NULL.
Result<Value> ParseRecordText(std::string_view text, const DataType& type) {
  const std::vector<DataType>& types = type.RecordFields();
  size_t i = 0;
  while (i < text.size() && IsSpace(text[i])) ++i;
  if (i >= text.size() || text[i] != '(') return MalformedRecord(text, "Missing left parenthesis.");
  ++i;
  std::vector<Value> fields;
  fields.reserve(types.size());
  for (size_t f = 0; f < types.size(); ++f) {
    if (f > 0) {
      if (i >= text.size() || text[i] != ',') return MalformedRecord(text, "Too few columns.");
      ++i;
    }
    if (i < text.size() && (text[i] == ',' || text[i] == ')')) {
      fields.push_back(Value::Null());
      continue;
    }
    std::string field;
    bool quoted = false;
    while (true) {
      if (i >= text.size()) return MalformedRecord(text, "Unexpected end of input.");
      const char c = text[i++];
      if (c == '\\') {
        if (i >= text.size()) return MalformedRecord(text, "Unexpected end of input.");
        field.push_back(text[i++]);
      } else if (c == '"') {
        if (!quoted) {
          quoted = true;
        } else if (i < text.size() && text[i] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else if (!quoted && (c == ',' || c == ')')) {
        --i;
        break;
      } else {
        field.push_back(c);
      }
    }
    BASALT_ASSIGN_OR_RETURN(Value value, ValueFromText(field, types[f]));
    fields.push_back(std::move(value));
  }
  if (i >= text.size() || text[i] != ')') {
    return MalformedRecord(
        text, i < text.size() && text[i] == ',' ? "Too many columns." : "Too few columns.");
  }
  ++i;
  while (i < text.size() && IsSpace(text[i])) ++i;
  if (i < text.size()) return MalformedRecord(text, "Junk after right parenthesis.");
  return Value::Array(std::move(fields));
}

}  // namespace basalt
