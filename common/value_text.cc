#include "common/value_text.h"

#include <fmt/format.h>

#include <strings.h>
#include <cctype>
#include <charconv>
#include <limits>

#include "common/datetime.h"
#include "common/float_text.h"

namespace basalt {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view Trim(std::string_view text) {
  size_t begin = 0, end = text.size();
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && IsSpace(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

// PostgreSQL's parse_bool_with_len: any prefix of true/false/yes/no, "on",
// "off" (at least two letters, since "o" is ambiguous), "1", "0".
Result<Value> ParseBool(std::string_view text) {
  std::string_view word = Trim(text);
  auto prefix_of = [&](std::string_view full, size_t min_length) {
    return word.size() >= min_length && word.size() <= full.size() &&
           strncasecmp(word.data(), full.data(), word.size()) == 0;
  };
  if (!word.empty()) {
    if (prefix_of("true", 1) || prefix_of("yes", 1) || prefix_of("on", 2) || word == "1") {
      return Value::Bool(true);
    }
    if (prefix_of("false", 1) || prefix_of("no", 1) || prefix_of("off", 2) || word == "0") {
      return Value::Bool(false);
    }
  }
  return Status::Error(sqlstate::kInvalidTextRepresentation,
                       fmt::format("invalid input syntax for type boolean: \"{}\"", text));
}

// PostgreSQL 15's pg_strtoint16/32/64: optional sign, decimal digits only,
// surrounding whitespace allowed.
Result<Value> ParseInteger(std::string_view text, const DataType& type) {
  int64_t min, max;
  switch (type.id) {
    case TypeId::kInt2: min = INT16_MIN, max = INT16_MAX; break;
    case TypeId::kInt4: min = INT32_MIN, max = INT32_MAX; break;
    default: min = INT64_MIN, max = INT64_MAX; break;
  }
  std::string_view body = Trim(text);
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  bool all_digits = !body.empty();
  for (char c : body) all_digits = all_digits && c >= '0' && c <= '9';
  if (!all_digits) {
    return Status::Error(
        sqlstate::kInvalidTextRepresentation,
        fmt::format("invalid input syntax for type {}: \"{}\"", type.Name(), text));
  }
  // Accumulate the magnitude negatively so INT64_MIN is reachable.
  int64_t v = 0;
  bool overflow = false;
  for (char c : body) {
    overflow =
        overflow || __builtin_mul_overflow(v, 10, &v) || __builtin_sub_overflow(v, c - '0', &v);
  }
  if (!negative && !overflow) overflow = __builtin_mul_overflow(v, -1, &v);
  if (overflow || v < min || v > max) {
    return Status::Error(
        sqlstate::kNumericValueOutOfRange,
        fmt::format("value \"{}\" is out of range for type {}", text, type.Name()));
  }
  return Value::Int(v);
}

}  // namespace

void AppendValueText(const Value& value, const DataType& type, std::string* out) {
  switch (type.id) {
    case TypeId::kBool: out->push_back(value.AsBool() ? 't' : 'f'); return;
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8: {
      char buf[24];
      char* end = std::to_chars(buf, buf + sizeof(buf), value.AsInt()).ptr;
      out->append(buf, end);
      return;
    }
    case TypeId::kFloat4: AppendFloat4Text(static_cast<float>(value.AsFloat()), out); return;
    case TypeId::kFloat8: AppendFloat8Text(value.AsFloat(), out); return;
    case TypeId::kNumeric: out->append(value.AsNumeric().ToString()); return;
    case TypeId::kDate: AppendDateText(value.AsInt(), out); return;
    case TypeId::kTimestamp: AppendTimestampText(value.AsInt(), out); return;
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kUnknown: out->append(value.AsString()); return;
    case TypeId::kVoid: return;  // void_out: the empty string
  }
}

std::string ValueToText(const Value& value, const DataType& type) {
  std::string out;
  AppendValueText(value, type, &out);
  return out;
}

Result<std::string> CoerceVarcharLength(std::string text, int32_t max_length, bool is_explicit) {
  if (max_length < 0 || text.size() <= static_cast<size_t>(max_length)) return text;
  // Byte offset just past the first max_length characters.
  size_t cut = 0;
  for (int32_t chars = 0; cut < text.size(); ++cut) {
    bool starts_character = (static_cast<unsigned char>(text[cut]) & 0xC0) != 0x80;
    if (starts_character && chars++ == max_length) break;
  }
  if (cut == text.size()) return text;
  if (!is_explicit && text.find_first_not_of(' ', cut) != std::string::npos) {
    return Status::Error(sqlstate::kStringDataRightTruncation,
                         fmt::format("value too long for type character varying({})", max_length));
  }
  text.resize(cut);
  return text;
}

Result<Value> ValueFromText(std::string_view text, const DataType& type) {
  switch (type.id) {
    case TypeId::kBool: return ParseBool(text);
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8: return ParseInteger(text, type);
    case TypeId::kFloat4: {
      BASALT_ASSIGN_OR_RETURN(float v, ParseFloat4(text));
      return Value::Float(static_cast<double>(v));
    }
    case TypeId::kFloat8: {
      BASALT_ASSIGN_OR_RETURN(double v, ParseFloat8(text));
      return Value::Float(v);
    }
    case TypeId::kNumeric: {
      BASALT_ASSIGN_OR_RETURN(Numeric v, Numeric::Parse(text));
      if (type.NumericPrecision() >= 0) {
        BASALT_ASSIGN_OR_RETURN(v, v.ApplyTypmod(type.NumericPrecision(), type.NumericScale()));
      }
      return Value::Decimal(v);
    }
    case TypeId::kDate: {
      BASALT_ASSIGN_OR_RETURN(int64_t days, ParseDate(text));
      return Value::Int(days);
    }
    case TypeId::kTimestamp: {
      BASALT_ASSIGN_OR_RETURN(int64_t micros, ParseTimestamp(text));
      return Value::Int(RoundTimestamp(micros, type.TimestampPrecision()));
    }
    case TypeId::kVarchar: {
      BASALT_ASSIGN_OR_RETURN(std::string v,
                              CoerceVarcharLength(std::string(text), type.VarcharLength(), false));
      return Value::String(std::move(v));
    }
    case TypeId::kText:
    case TypeId::kUnknown: return Value::String(std::string(text));
    case TypeId::kVoid: return Value::Bool(false);  // void_in accepts anything
  }
  return Status::Internal("unknown type id");
}

}  // namespace basalt
