#include "common/cast.h"

#include <fmt/format.h>

#include <cmath>
#include <optional>

#include "common/datetime.h"
#include "common/float_text.h"
#include "common/interval.h"
#include "common/json_parse.h"
#include "common/jsonb.h"
#include "common/time_of_day.h"
#include "common/time_tz.h"
#include "common/time_zone.h"
#include "common/value_text.h"

namespace basalt {
namespace {

bool IsStringType(TypeId id) {
  return id == TypeId::kText || id == TypeId::kVarchar || id == TypeId::kUnknown ||
         id == TypeId::kName || id == TypeId::kChar || id == TypeId::kPgNodeTree ||
         id == TypeId::kBpchar;
}

bool IsOidLike(TypeId id) {
  return id == TypeId::kOid || DataType::IsRegTypeId(id);
}

bool IsIntegerType(TypeId id) {
  return id == TypeId::kInt2 || id == TypeId::kInt4 || id == TypeId::kInt8;
}

// The weakest context in which pg_cast allows from -> to, for two different
// non-unknown types; nullopt when there is no such cast.
std::optional<CastContext> PgCastContext(TypeId from, TypeId to) {
  using enum TypeId;
  constexpr auto I = CastContext::kImplicit;
  constexpr auto A = CastContext::kAssignment;
  constexpr auto E = CastContext::kExplicit;
  // Strings: text and varchar are interchangeable; every type converts to a
  // string by its output function (assignment) and from one by its input
  // function (explicit only).
  if (IsStringType(from) && IsStringType(to)) {
    // Nothing becomes a pg_node_tree but by its own functions.
    return to == kPgNodeTree ? std::nullopt : std::optional(I);
  }
  if (to == kText || to == kVarchar || to == kName || to == kBpchar) return A;
  // text -> regclass has a pg_cast entry of its own (implicit): `'t'::text::regclass`.
  if ((from == kText || from == kVarchar) && to == kRegclass) return I;
  if (from == kText || from == kVarchar || from == kName || from == kBpchar) return E;
  // "char" and int4 convert to each other by the byte's value.
  if ((from == kInt4 && to == kChar) || (from == kChar && to == kInt4)) return E;
  // The reg* types are OIDs: binary-coercible with oid and each other
  // through it, from integers implicitly, to integers by assignment.
  if (IsOidLike(from) && IsOidLike(to)) return I;
  if (IsOidLike(to) && IsIntegerType(from)) return I;
  if (DataType::IsRegTypeId(from) && (to == kInt4 || to == kInt8)) return A;
  // Arrays: element by element, in the context the elements need.
  const std::optional<TypeId> from_element = DataType::Of(from).ElementType();
  const std::optional<TypeId> to_element = DataType::Of(to).ElementType();
  if (from_element && to_element) {
    if (*from_element == *to_element) return I;
    return PgCastContext(*from_element, *to_element);
  }
  switch (from) {
    case kInt2:
      if (to == kInt4 || to == kInt8 || to == kFloat4 || to == kFloat8 || to == kNumeric) return I;
      if (to == kOid) return I;
      break;
    case kInt4:
      if (to == kInt8 || to == kFloat4 || to == kFloat8 || to == kNumeric) return I;
      if (to == kOid) return I;
      if (to == kInt2) return A;
      if (to == kBool) return E;
      break;
    case kInt8:
      if (to == kFloat4 || to == kFloat8 || to == kNumeric || to == kOid) return I;
      if (to == kInt2 || to == kInt4) return A;
      break;
    case kFloat4:
      if (to == kFloat8) return I;
      if (IsIntegerType(to) || to == kNumeric) return A;
      break;
    case kFloat8:
      if (IsIntegerType(to) || to == kFloat4 || to == kNumeric) return A;
      break;
    case kNumeric:
      if (to == kFloat4 || to == kFloat8) return I;
      if (IsIntegerType(to)) return A;
      break;
    case kBool:
      if (to == kInt4) return E;
      break;
    case kDate:
      if (to == kTimestamp || to == kTimestampTz) return I;
      break;
    case kTimestamp:
      if (to == kTimestampTz) return I;
      if (to == kDate || to == kTime) return A;
      break;
    case kTimestampTz:
      if (to == kTimestamp || to == kDate || to == kTime || to == kTimeTz) return A;
      break;
    case kTime:
      if (to == kInterval || to == kTimeTz) return I;
      break;
    case kTimeTz:
      if (to == kTime) return A;
      break;
    case kInterval:
      if (to == kTime) return A;
      break;
    case kOid:
      if (to == kInt4 || to == kInt8) return A;
      break;
    case kJson:
      if (to == kJsonb) return A;
      break;
    case kJsonb:
      if (to == kJson) return A;
      if (to == kBool || to == kNumeric || IsIntegerType(to) || to == kFloat4 || to == kFloat8) {
        return E;
      }
      break;
    default: break;
  }
  return std::nullopt;
}

Status IntegerOutOfRange(TypeId to) {
  const char* message = to == TypeId::kInt2   ? "smallint out of range"
                        : to == TypeId::kInt4 ? "integer out of range"
                                              : "bigint out of range";
  return Status::Error(sqlstate::kNumericValueOutOfRange, message);
}

Result<Value> CheckIntegerRange(int64_t v, TypeId to) {
  int64_t min = to == TypeId::kInt2 ? INT16_MIN : to == TypeId::kInt4 ? INT32_MIN : INT64_MIN;
  int64_t max = to == TypeId::kInt2 ? INT16_MAX : to == TypeId::kInt4 ? INT32_MAX : INT64_MAX;
  if (v < min || v > max) return IntegerOutOfRange(to);
  return Value::Int(v);
}

// PostgreSQL's dtoi2/dtoi4/dtoi8: rint() (half to even), then a range check
// that also rejects NaN.
Result<Value> FloatToInteger(double v, TypeId to) {
  double rounded = std::rint(v);
  // 2^63 is exact in a double; int64 holds [-2^63, 2^63).
  constexpr double kTwoTo63 = 9223372036854775808.0;
  if (std::isnan(rounded) || rounded < -kTwoTo63 || rounded >= kTwoTo63) {
    return IntegerOutOfRange(to);
  }
  return CheckIntegerRange(static_cast<int64_t>(rounded), to);
}

Result<Value> ApplyNumericTypmod(Numeric v, const DataType& to) {
  if (to.NumericPrecision() >= 0) {
    BASALT_ASSIGN_OR_RETURN(v, v.ApplyTypmod(to.NumericPrecision(), to.NumericScale()));
  }
  return Value::Decimal(v);
}

// float8 -> float4 as PostgreSQL's dtof: overflow and underflow are errors.
Result<Value> NarrowToFloat4(double v) {
  float narrowed = static_cast<float>(v);
  if (std::isinf(narrowed) && !std::isinf(v)) {
    return Status::Error(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
  }
  if (narrowed == 0.0f && v != 0.0) {
    return Status::Error(sqlstate::kNumericValueOutOfRange, "value out of range: underflow");
  }
  return Value::Float(static_cast<double>(narrowed));
}

// The text a value becomes when cast to a string type: its output function,
// except that booleans spell themselves out (PostgreSQL's booltext).
std::string CastToText(const Value& value, const DataType& from) {
  if (from.id == TypeId::kBool) return value.AsBool() ? "true" : "false";
  return ValueToText(value, from);
}

Result<Value> CastFromInteger(int64_t v, const DataType& to) {
  switch (to.id) {
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8: return CheckIntegerRange(v, to.id);
    case TypeId::kFloat4: return Value::Float(static_cast<double>(static_cast<float>(v)));
    case TypeId::kFloat8: return Value::Float(static_cast<double>(v));
    case TypeId::kNumeric: return ApplyNumericTypmod(Numeric::FromInt64(v), to);
    case TypeId::kBool: return Value::Bool(v != 0);
    default: return Status::Internal("unexpected cast from integer");
  }
}

Result<Value> CastFromFloat(double v, const DataType& from, const DataType& to) {
  switch (to.id) {
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8: return FloatToInteger(v, to.id);
    case TypeId::kFloat4: return from.id == TypeId::kFloat4 ? Value::Float(v) : NarrowToFloat4(v);
    case TypeId::kFloat8: return Value::Float(v);
    case TypeId::kNumeric: {
      auto n = from.id == TypeId::kFloat4 ? Numeric::FromFloat4(static_cast<float>(v))
                                          : Numeric::FromDouble(v);
      if (!n.ok()) return n.status();
      return ApplyNumericTypmod(*n, to);
    }
    default: return Status::Internal("unexpected cast from float");
  }
}

Result<Value> CastFromNumeric(const Numeric& v, const DataType& to) {
  switch (to.id) {
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8: {
      const std::string_view name = to.id == TypeId::kInt2   ? "smallint"
                                    : to.id == TypeId::kInt4 ? "integer"
                                                             : "bigint";
      // NaN and infinity keep their own 0A000 messages.
      if (!v.is_finite()) return v.ToInt64(name).status();
      auto i = v.ToInt64(name);
      if (!i.ok()) return IntegerOutOfRange(to.id);
      return CheckIntegerRange(*i, to.id);
    }
    case TypeId::kFloat4: {
      if (!v.is_finite())
        return Value::Float(static_cast<double>(static_cast<float>(v.ToDouble())));
      // Through the text form, as PostgreSQL's numeric_float4, so the
      // result is the correctly rounded float (no double rounding).
      BASALT_ASSIGN_OR_RETURN(float f, ParseFloat4(v.ToString()));
      return Value::Float(static_cast<double>(f));
    }
    case TypeId::kFloat8: {
      const double d = v.ToDouble();
      // Past double's range float8in's own 22003 message names the text.
      if (v.is_finite() && (std::isinf(d) || (d == 0 && v.Sign() != 0))) {
        BASALT_ASSIGN_OR_RETURN(double parsed, ParseFloat8(v.ToString()));
        return Value::Float(parsed);
      }
      return Value::Float(d);
    }
    case TypeId::kNumeric: return ApplyNumericTypmod(v, to);
    default: return Status::Internal("unexpected cast from numeric");
  }
}

// jsonb_numeric, jsonb_int4, jsonb_bool, ...: a scalar of the right kind.
Result<Value> CastFromJsonb(const Value& value, const DataType& to) {
  const JsonbValue v = DecodeJsonbOrDie(value.AsString());
  if (to.id == TypeId::kJson) return Value::String(JsonbToText(v));
  if (to.id == TypeId::kBool && v.IsBool()) return Value::Bool(v.kind == JsonbValue::Kind::kTrue);
  if (to.id != TypeId::kBool && v.kind == JsonbValue::Kind::kNumber) {
    BASALT_ASSIGN_OR_RETURN(Numeric n, Numeric::Parse(v.text));
    return CastFromNumeric(n, to);
  }
  static constexpr const char* kKindNames[] = {"null",    "string", "numeric", "boolean",
                                               "boolean", "array",  "object"};
  return Status::Error(sqlstate::kInvalidParameterValue,
                       fmt::format("cannot cast jsonb {} to type {}",
                                   kKindNames[static_cast<int>(v.kind)], to.Name()));
}

}  // namespace

bool CanCast(const DataType& from, const DataType& to, CastContext context) {
  if (from.id == TypeId::kUnknown) return true;
  if (from.IsRowType() && to.IsRowType() && from.id != to.id) {
    // A record and a composite type: field by field, as many on both sides
    // (coerce_record_to_complex); a composite type is a record.
    if (to.id == TypeId::kRecord && to.typmod < 0) return true;
    const std::vector<DataType>& from_fields = from.RecordFields();
    const std::vector<DataType>& to_fields = to.RecordFields();
    if (from_fields.size() != to_fields.size()) return false;
    for (size_t i = 0; i < from_fields.size(); ++i) {
      if (!CanCast(from_fields[i], to_fields[i], context)) return false;
    }
    return true;
  }
  // Two enum types are two types: no cast between them.
  if (from.id == to.id) return !from.IsUserDefined() || from.typmod == to.typmod;
  if (to.id == TypeId::kUnknown) return false;
  std::optional<CastContext> needed = PgCastContext(from.id, to.id);
  return needed.has_value() && *needed <= context;
}

Result<Value> CastValue(const Value& value, const DataType& from, const DataType& to,
                        CastContext context) {
  if (value.is_null()) return Value::Null();
  if (!CanCast(from, to, context)) {
    return Status::Error(sqlstate::kCannotCoerce,
                         fmt::format("cannot cast type {} to {}", from.Name(), to.Name()));
  }
  bool is_explicit = context == CastContext::kExplicit;

  if (from.IsArray() && to.IsArray()) {
    const DataType from_element = from.Element();
    const DataType to_element = to.Element();
    std::vector<Value> elements;
    for (const Value& e : value.AsArray()) {
      BASALT_ASSIGN_OR_RETURN(Value v, CastValue(e, from_element, to_element, context));
      elements.push_back(std::move(v));
    }
    return Value::ArrayLike(value, std::move(elements));
  }
  if (from.IsRowType() && to.IsRowType() && !(to.id == TypeId::kRecord && to.typmod < 0)) {
    // Field by field: the rows of a UNION's branches, (1, 2) and (1.5, 3),
    // a record as a composite type.
    const std::vector<DataType>& from_fields = from.RecordFields();
    const std::vector<DataType>& to_fields = to.RecordFields();
    const std::vector<Value>& fields = value.AsArray();
    if (from_fields.size() != to_fields.size()) {
      return Status::Error(sqlstate::kCannotCoerce, "cannot cast record to a row of another width");
    }
    std::vector<Value> cast;
    for (size_t i = 0; i < fields.size(); ++i) {
      BASALT_ASSIGN_OR_RETURN(Value v, CastValue(fields[i], from_fields[i], to_fields[i], context));
      cast.push_back(std::move(v));
    }
    return Value::Array(std::move(cast));
  }
  if (from.id == TypeId::kInt4 && to.id == TypeId::kChar) {  // i4tochar
    const int64_t v = value.AsInt();
    if (v < -128 || v > 127) {
      return Status::Error(sqlstate::kNumericValueOutOfRange, "\"char\" out of range");
    }
    return Value::String(v == 0 ? std::string() : std::string(1, static_cast<char>(v)));
  }
  if (from.id == TypeId::kChar && to.id == TypeId::kInt4) {  // chartoi4: a signed byte
    const std::string& c = value.AsString();
    return Value::Int(c.empty() ? 0 : static_cast<signed char>(c[0]));
  }
  if (IsStringType(to.id)) {
    std::string text = IsStringType(from.id) ? value.AsString() : CastToText(value, from);
    // bool has a cast of its own to text, varchar and bpchar ('true'); any
    // other string type takes its output function's 't'.
    if (from.id == TypeId::kBool && to.id != TypeId::kText && to.id != TypeId::kVarchar &&
        to.id != TypeId::kBpchar) {
      text = value.AsBool() ? "t" : "f";
    }
    // bpchar's padding is not part of the other string types' values
    // (rtrim1): 'a'::char(3)::text is 'a'.
    if (from.id == TypeId::kBpchar && to.id != TypeId::kBpchar) {
      text.resize(WithoutTrailingBlanks(text).size());
    }
    if (to.id == TypeId::kName || to.id == TypeId::kChar) return ValueFromText(text, to);
    BASALT_ASSIGN_OR_RETURN(text, ApplyLengthTypmod(std::move(text), to, is_explicit));
    return Value::String(std::move(text));
  }
  if (IsStringType(from.id)) return ValueFromText(value.AsString(), to);

  if (IsOidLike(to.id) && IsOidLike(from.id)) return value;
  if (IsOidLike(to.id) && from.id != TypeId::kOid) {
    // int2 and int4 reinterpret their bits (-1 is 4294967295), int8 must
    // be in range (PostgreSQL's i8tooid).
    int64_t v = value.AsInt();
    if (from.id == TypeId::kInt8 && (v < 0 || v > int64_t{UINT32_MAX})) {
      return Status::Error(sqlstate::kNumericValueOutOfRange, "OID out of range");
    }
    return Value::Int(static_cast<uint32_t>(v));
  }
  switch (from.id) {
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8: return CastFromInteger(value.AsInt(), to);
    case TypeId::kOid:
    case TypeId::kRegproc:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegrole:
    case TypeId::kRegprocedure:
      // oid -> int4 reinterprets the bits, as PostgreSQL's binary cast.
      if (to.id == TypeId::kInt4) return Value::Int(static_cast<int32_t>(value.AsInt()));
      return value;
    case TypeId::kJson: {  // json -> jsonb
      BASALT_ASSIGN_OR_RETURN(JsonbValue v, ParseJsonb(value.AsString()));
      return Value::String(EncodeJsonb(v));
    }
    case TypeId::kJsonb: return CastFromJsonb(value, to);
    case TypeId::kXid:
    case TypeId::kEnum:
    case TypeId::kUuid:
    case TypeId::kBytea:
    case TypeId::kAclItem:
    case TypeId::kAclItemArray:
    case TypeId::kInt4Array:
    case TypeId::kRegtypeArray: return value;  // to itself only
    case TypeId::kFloat4:
    case TypeId::kFloat8: return CastFromFloat(value.AsFloat(), from, to);
    case TypeId::kNumeric: return CastFromNumeric(value.AsNumeric(), to);
    case TypeId::kBool: return to.id == TypeId::kBool ? value : Value::Int(value.AsBool() ? 1 : 0);
    case TypeId::kDate: {
      if (to.id == TypeId::kDate) return value;
      BASALT_ASSIGN_OR_RETURN(int64_t micros, DateToTimestamp(value.AsInt()));
      // date -> timestamptz: midnight in the session's zone.
      if (to.id == TypeId::kTimestampTz) micros = LocalToUtc(micros);
      return Value::Int(RoundTimestamp(micros, to.TimestampPrecision()));
    }
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: {
      // A timestamptz is an instant: its wall-clock time in the session's
      // zone is what becomes a timestamp, a date or a time, and a timestamp
      // is read as a wall-clock time there.
      int64_t t = value.AsInt();
      if (from.id == TypeId::kTimestampTz && to.id != TypeId::kTimestampTz) t = UtcToLocal(t);
      if (from.id == TypeId::kTimestamp && to.id == TypeId::kTimestampTz) t = LocalToUtc(t);
      if (to.IsTimestamp()) return Value::Int(RoundTimestamp(t, to.TimestampPrecision()));
      if (to.id == TypeId::kTimeTz) {
        // timestamptz_timetz: NULL for the infinities.
        if (t == kTimestampNegInfinity || t == kTimestampPosInfinity) return Value::Null();
        return Value::Int(
            RoundTimeTz(TimeTzFromTimestampTz(value.AsInt()), to.TimestampPrecision()));
      }
      if (to.id == TypeId::kTime) {
        // timestamp_time: the time of day; NULL for the infinities.
        if (t == kTimestampNegInfinity || t == kTimestampPosInfinity) return Value::Null();
        return Value::Int(
            RoundTime(t - TimestampToDate(t) * kMicrosPerDay, to.TimestampPrecision()));
      }
      return Value::Int(TimestampToDate(t));
    }
    case TypeId::kTime:
      if (to.id == TypeId::kTime)
        return Value::Int(RoundTime(value.AsInt(), to.TimestampPrecision()));
      if (to.id == TypeId::kTimeTz) {
        return Value::Int(RoundTimeTz(TimeTzFromTime(value.AsInt()), to.TimestampPrecision()));
      }
      return Value::Span(AdjustIntervalForTypmod(Interval{0, 0, value.AsInt()}, to.typmod));
    case TypeId::kTimeTz:
      if (to.id == TypeId::kTimeTz)
        return Value::Int(RoundTimeTz(value.AsInt(), to.TimestampPrecision()));
      return Value::Int(RoundTime(UnpackTimeTz(value.AsInt()).micros, to.TimestampPrecision()));
    case TypeId::kInterval: {
      if (to.id == TypeId::kInterval) {
        return Value::Span(AdjustIntervalForTypmod(value.AsInterval(), to.typmod));
      }
      // interval_time: the time part modulo a day.
      int64_t t = value.AsInterval().micros % kMicrosPerDay;
      return Value::Int(RoundTime(t < 0 ? t + kMicrosPerDay : t, to.TimestampPrecision()));
    }
    default: break;
  }
  return Status::Internal(fmt::format("unhandled cast {} -> {}", from.Name(), to.Name()));
}

}  // namespace basalt
