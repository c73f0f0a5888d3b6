#include "common/value_text.h"

#include <fmt/format.h>

#include <strings.h>
#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>

#include "common/aclitem.h"
#include "common/array_text.h"
#include "common/bytea.h"
#include "common/datetime.h"
#include "common/enum_value.h"
#include "common/error.h"
#include "common/float_text.h"
#include "common/interval.h"
#include "common/json_parse.h"
#include "common/jsonb.h"
#include "common/object_names.h"
#include "common/record_text.h"
#include "common/time_of_day.h"
#include "common/time_tz.h"
#include "common/uuid.h"

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

// PostgreSQL 15's oidin: strtoul after optional whitespace and sign, so
// -2147483648..-1 wrap around to their unsigned value; anything but trailing
// whitespace after the digits is an error.
Result<Value> ParseOid(std::string_view text) {
  auto syntax = [&] {
    return Status::Error(sqlstate::kInvalidTextRepresentation,
                         fmt::format("invalid input syntax for type oid: \"{}\"", text));
  };
  std::string_view body = Trim(text);
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body.empty() || body[0] < '0' || body[0] > '9') return syntax();
  uint64_t magnitude = 0;
  bool overflow = false;
  for (char c : body) {
    if (c < '0' || c > '9') return syntax();
    overflow = overflow || __builtin_mul_overflow(magnitude, 10, &magnitude) ||
               __builtin_add_overflow(magnitude, static_cast<uint64_t>(c - '0'), &magnitude);
  }
  if (overflow || magnitude > (negative ? uint64_t{1} << 31 : uint64_t{UINT32_MAX})) {
    return Status::Error(sqlstate::kNumericValueOutOfRange,
                         fmt::format("value \"{}\" is out of range for type oid", text));
  }
  uint32_t v = static_cast<uint32_t>(negative ? (uint64_t{1} << 32) - magnitude : magnitude);
  return Value::Int(v);
}

// PostgreSQL 15's xidin is a bare strtoul(text, NULL, 0): leading
// whitespace and sign, 0x for hex and 0 for octal, digits as far as they
// go, never an error; the result is cut to 32 bits (ULONG_MAX on overflow).
Value ParseXid(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && IsSpace(text[i])) ++i;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  int base = 10;
  if (i + 1 < text.size() && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X') &&
      i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
    base = 16;
    i += 2;
  } else if (i < text.size() && text[i] == '0') {
    base = 8;
  }
  uint64_t v = 0;
  bool overflow = false;
  for (; i < text.size(); ++i) {
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
    int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 : 99;
    if (digit >= base) break;
    overflow = overflow || __builtin_mul_overflow(v, static_cast<uint64_t>(base), &v) ||
               __builtin_add_overflow(v, static_cast<uint64_t>(digit), &v);
  }
  if (overflow) {
    v = UINT64_MAX;
  } else if (negative) {
    v = uint64_t{0} - v;
  }
  return Value::Int(static_cast<uint32_t>(v));
}

// regtypeout, regclassout, ...: the object's name, or its OID when there is
// no such object. Without a catalog at hand (unit tests), types Basalt knows
// still print by name.
std::string RegName(TypeId type, Oid oid) {
  if (oid == 0) return "-";  // InvalidOid, for every reg* type
  if (const ObjectNames* names = CurrentObjectNames()) {
    if (std::optional<std::string> name = names->Name(type, oid)) return *name;
    return std::to_string(oid);
  }
  if (type == TypeId::kRegtype) {
    std::optional<DataType> known = DataType::FromOid(oid);
    if (known) return known->Name();
  }
  return std::to_string(oid);
}

// The input functions of the reg* types: an OID in digits, "-" (0), or a
// name the catalog resolves.
Result<Value> ParseRegValue(std::string_view text, TypeId type) {
  std::string_view body = Trim(text);
  if (!body.empty() && std::all_of(body.begin(), body.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      })) {
    return ParseOid(body);
  }
  if (body == "-") return Value::Int(0);
  if (const ObjectNames* names = CurrentObjectNames()) {
    BASALT_ASSIGN_OR_RETURN(Oid oid, names->Lookup(type, body));
    return Value::Int(oid);
  }
  return Status::Error(sqlstate::kFeatureNotSupported,
                       fmt::format("cannot look up \"{}\" without a catalog", body));
}

// int2vectorin / oidvectorin: elements separated by spaces.
Result<Value> ParseVector(std::string_view text, const DataType& element_type) {
  std::vector<Value> elements;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    size_t start = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    if (i == start) break;
    BASALT_ASSIGN_OR_RETURN(Value v, ValueFromText(text.substr(start, i - start), element_type));
    elements.push_back(std::move(v));
  }
  return Value::Array(std::move(elements));
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
    case TypeId::kTimestampTz: AppendTimestampTzText(value.AsInt(), out); return;
    case TypeId::kInterval: AppendIntervalText(value.AsInterval(), out); return;
    case TypeId::kTime: AppendTimeText(value.AsInt(), out); return;
    case TypeId::kTimeTz: AppendTimeTzText(value.AsInt(), out); return;
    case TypeId::kUuid: AppendUuidText(value.AsString(), out); return;
    case TypeId::kEnum: {
      Result<std::string> label = EnumLabelOfValue(type, value.AsString());
      if (!label.ok()) throw Error::FromStatus(label.status());
      out->append(*label);
      return;
    }
    case TypeId::kAclItem: AppendAclItemText(value.AsString(), out); return;
    case TypeId::kBytea: AppendByteaText(value.AsString(), out); return;
    case TypeId::kOid:
    case TypeId::kXid: out->append(std::to_string(value.AsInt())); return;
    case TypeId::kRecord:
    case TypeId::kComposite: AppendRecordText(value.AsArray(), type, out); return;
    default: AppendArrayText(value, type.Element(), out); return;  // every array type
    case TypeId::kInt2Vector:
    case TypeId::kOidVector: {
      const DataType element_type = type.Element();
      bool first = true;
      for (const Value& element : value.AsArray()) {
        if (!first) out->push_back(' ');
        first = false;
        AppendValueText(element, element_type, out);
      }
      return;
    }
    case TypeId::kRegproc:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegrole:
    case TypeId::kRegprocedure:
      out->append(RegName(type.id, static_cast<Oid>(value.AsInt())));
      return;
    case TypeId::kChar: {
      // charout: a byte with the high bit set as "\ooo".
      const std::string& c = value.AsString();
      if (!c.empty() && (static_cast<unsigned char>(c[0]) & 0x80) != 0) {
        const auto byte = static_cast<unsigned char>(c[0]);
        fmt::format_to(std::back_inserter(*out), "\\{}{}{}", byte >> 6, (byte >> 3) & 7, byte & 7);
        return;
      }
      out->append(c);
      return;
    }
    case TypeId::kName:
    case TypeId::kPgNodeTree:
    case TypeId::kJson:
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kUnknown: out->append(value.AsString()); return;
    case TypeId::kJsonb: AppendJsonbText(DecodeJsonbOrDie(value.AsString()), out); return;
    case TypeId::kVoid: return;  // void_out: the empty string
  }
}

std::string ValueToText(const Value& value, const DataType& type) {
  std::string out;
  AppendValueText(value, type, &out);
  return out;
}

Result<std::string> ApplyLengthTypmod(std::string text, const DataType& type, bool is_explicit) {
  const int32_t length = type.CharacterLength();
  const bool bpchar = type.id == TypeId::kBpchar;
  if ((!bpchar && type.id != TypeId::kVarchar) || length < 0) return text;
  if (!bpchar && text.size() <= static_cast<size_t>(length)) return text;
  // Byte offset just past the first `length` characters.
  size_t cut = 0;
  int32_t chars = 0;
  for (; cut < text.size(); ++cut) {
    const bool starts_character = (static_cast<unsigned char>(text[cut]) & 0xC0) != 0x80;
    if (!starts_character) continue;
    if (chars == length) break;
    ++chars;
  }
  if (cut == text.size()) {
    if (bpchar) text.append(static_cast<size_t>(length - chars), ' ');
    return text;
  }
  if (!is_explicit && text.find_first_not_of(' ', cut) != std::string::npos) {
    return Status::Error(sqlstate::kStringDataRightTruncation,
                         fmt::format("value too long for type {}", type.Name()));
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
    case TypeId::kTimestampTz: {
      BASALT_ASSIGN_OR_RETURN(int64_t micros, ParseTimestampTz(text));
      return Value::Int(RoundTimestamp(micros, type.TimestampPrecision()));
    }
    case TypeId::kInterval: {
      BASALT_ASSIGN_OR_RETURN(Interval v, ParseInterval(text, IntervalTypmodRange(type.typmod)));
      return Value::Span(AdjustIntervalForTypmod(v, type.typmod));
    }
    case TypeId::kTime: {
      BASALT_ASSIGN_OR_RETURN(int64_t micros, ParseTime(text));
      return Value::Int(RoundTime(micros, type.TimestampPrecision()));
    }
    case TypeId::kTimeTz: {
      BASALT_ASSIGN_OR_RETURN(int64_t packed, ParseTimeTz(text));
      return Value::Int(RoundTimeTz(packed, type.TimestampPrecision()));
    }
    case TypeId::kUuid: {
      BASALT_ASSIGN_OR_RETURN(std::string bytes, ParseUuid(text));
      return Value::String(std::move(bytes));
    }
    case TypeId::kEnum: {
      BASALT_ASSIGN_OR_RETURN(std::string bytes, EnumValueFromLabel(type, text));
      return Value::String(std::move(bytes));
    }
    case TypeId::kBytea: {
      BASALT_ASSIGN_OR_RETURN(std::string bytes, ParseBytea(text));
      return Value::String(std::move(bytes));
    }
    case TypeId::kOid: return ParseOid(text);
    case TypeId::kXid: return ParseXid(text);
    default: return ParseArrayText(text, type.Element());  // every array type (DataType::IsArray)
    case TypeId::kAclItem: return ParseAclItem(text);
    case TypeId::kInt2Vector:
    case TypeId::kOidVector: return ParseVector(text, type.Element());
    case TypeId::kRegproc:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegrole:
    case TypeId::kRegprocedure: return ParseRegValue(text, type.id);
    case TypeId::kName: {
      // namein: cut to 63 bytes (NAMEDATALEN - 1), at a character boundary.
      size_t cut = std::min<size_t>(text.size(), 63);
      while (cut > 0 && cut < text.size() &&
             (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut;
      }
      return Value::String(std::string(text.substr(0, cut)));
    }
    case TypeId::kChar: {
      // charin: "\ooo" is that byte in octal; else the first byte (of a
      // multibyte character too), or none.
      auto octal = [](char c) { return c >= '0' && c <= '7'; };
      if (text.size() == 4 && text[0] == '\\' && octal(text[1]) && octal(text[2]) &&
          octal(text[3])) {
        const int byte = ((text[1] - '0') << 6) + ((text[2] - '0') << 3) + (text[3] - '0');
        return Value::String(byte == 0 ? std::string() : std::string(1, static_cast<char>(byte)));
      }
      return Value::String(std::string(text.substr(0, text.empty() ? 0 : 1)));
    }
    case TypeId::kPgNodeTree:
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "cannot accept a value of type pg_node_tree");
    case TypeId::kJson:
      BASALT_RETURN_IF_ERROR(ValidateJson(text));
      return Value::String(std::string(text));
    case TypeId::kJsonb: {
      BASALT_ASSIGN_OR_RETURN(JsonbValue v, ParseJsonb(text));
      return Value::String(EncodeJsonb(v));
    }
    case TypeId::kVarchar:
    case TypeId::kBpchar: {
      BASALT_ASSIGN_OR_RETURN(std::string v, ApplyLengthTypmod(std::string(text), type, false));
      return Value::String(std::move(v));
    }
    case TypeId::kText:
    case TypeId::kUnknown: return Value::String(std::string(text));
    case TypeId::kVoid: return Value::Bool(false);  // void_in accepts anything
    case TypeId::kRecord:
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "input of anonymous composite types is not implemented");
    case TypeId::kComposite: return ParseRecordText(text, type);
  }
  return Status::Internal("unknown type id");
}

}  // namespace basalt
