#include "common/value_binary.h"

#include <fmt/format.h>

#include <bit>
#include <cstdint>
#include <vector>

#include "common/aclitem.h"
#include "common/array_text.h"
#include "common/datetime.h"
#include "common/enum_value.h"
#include "common/json_parse.h"
#include "common/jsonb.h"
#include "common/time_of_day.h"
#include "common/time_tz.h"
#include "common/uuid.h"
#include "common/value_text.h"

namespace basalt {
namespace {

// numeric's sign word; NaN and the infinities carry no digits.
constexpr uint16_t kNumericPositive = 0x0000;
constexpr uint16_t kNumericNegative = 0x4000;
constexpr uint16_t kNumericNaN = 0xC000;
constexpr uint16_t kNumericPosInfinity = 0xD000;
constexpr uint16_t kNumericNegInfinity = 0xF000;
// The largest display scale numeric's 14-bit dscale field holds.
constexpr uint16_t kNumericMaxDscale = 0x3FFF;
constexpr int kNumericBase = 10000;

// array_recv's limits: MAXDIM and MaxArraySize.
constexpr int64_t kMaxArraySize = 134217727;  // MaxAllocSize / sizeof(Datum)
// Element type OIDs from here up are user types, whose OIDs differ between
// databases, so array_recv takes them for the expected one.
constexpr Oid kFirstNormalObjectId = 16384;

void AppendBigEndian(uint64_t v, int size, std::string* out) {
  for (int shift = (size - 1) * 8; shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((v >> shift) & 0xff));
  }
}

Status InsufficientData() {
  return Status::Error(sqlstate::kProtocolViolation, "insufficient data left in message");
}

Status Malformed(std::string message) {
  return Status::Error(sqlstate::kInvalidBinaryRepresentation, std::move(message));
}

// The big-endian integer of `size` bytes at the front of `*bytes`, as
// pq_getmsgint reads it; 08P01 when fewer bytes are left.
Result<uint64_t> ReadBigEndian(std::string_view* bytes, int size) {
  if (bytes->size() < static_cast<size_t>(size)) return InsufficientData();
  uint64_t v = 0;
  for (int i = 0; i < size; ++i) v = (v << 8) | static_cast<unsigned char>((*bytes)[i]);
  bytes->remove_prefix(size);
  return v;
}

Result<int16_t> ReadInt16(std::string_view* bytes) {
  BASALT_ASSIGN_OR_RETURN(uint64_t v, ReadBigEndian(bytes, 2));
  return static_cast<int16_t>(v);
}
Result<int32_t> ReadInt32(std::string_view* bytes) {
  BASALT_ASSIGN_OR_RETURN(uint64_t v, ReadBigEndian(bytes, 4));
  return static_cast<int32_t>(v);
}
Result<int64_t> ReadInt64(std::string_view* bytes) {
  BASALT_ASSIGN_OR_RETURN(uint64_t v, ReadBigEndian(bytes, 8));
  return static_cast<int64_t>(v);
}

// The number of bytes pg_utf_mblen expects from a lead byte.
size_t Utf8SequenceLength(unsigned char lead) {
  if ((lead & 0xe0) == 0xc0) return 2;
  if ((lead & 0xf0) == 0xe0) return 3;
  if ((lead & 0xf8) == 0xf0) return 4;
  return 1;
}

// Whether `seq` (of Utf8SequenceLength bytes) is one well-formed UTF-8
// character: no overlong forms, surrogates or code points past U+10FFFF.
bool IsLegalUtf8(std::string_view seq) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(seq[i]); };
  auto trail = [&](size_t i) { return byte(i) >= 0x80 && byte(i) <= 0xbf; };
  const unsigned char lead = byte(0);
  switch (seq.size()) {
    case 1: return lead >= 0x01 && lead <= 0x7f;  // NUL is refused, as PostgreSQL
    case 2: return lead >= 0xc2 && lead <= 0xdf && trail(1);
    case 3: {
      const unsigned char second = byte(1);
      const bool second_ok = lead == 0xe0   ? second >= 0xa0 && second <= 0xbf
                             : lead == 0xed ? second >= 0x80 && second <= 0x9f
                                            : trail(1);
      return second_ok && trail(2);
    }
    case 4: {
      const unsigned char second = byte(1);
      const bool second_ok = lead == 0xf0   ? second >= 0x90 && second <= 0xbf
                             : lead == 0xf4 ? second >= 0x80 && second <= 0x8f
                                            : lead >= 0xf1 && lead <= 0xf3 && trail(1);
      return second_ok && trail(2) && trail(3);
    }
    default: return false;
  }
}

// --- numeric -----------------------------------------------------------------

// numeric_send: ndigits, weight (of the first digit, in powers of 10000),
// sign, dscale, then the base-10000 digits with leading and trailing zero
// digits left out. The digits are aligned on the decimal point.
void AppendNumeric(const Numeric& n, std::string* out) {
  if (!n.is_finite()) {
    AppendBigEndian(0, 2, out);  // ndigits
    AppendBigEndian(0, 2, out);  // weight
    AppendBigEndian(n.is_nan()                                ? kNumericNaN
                    : n.kind() == Numeric::Kind::kPosInfinity ? kNumericPosInfinity
                                                              : kNumericNegInfinity,
                    2, out);
    // PostgreSQL sends the dscale bits of the special value's header: 0 for
    // NaN, 32 for the infinities.
    AppendBigEndian(n.is_nan() ? 0 : 32, 2, out);
    return;
  }
  const int scale = n.scale();
  // The decimal digits of |unscaled|, at least one before the point.
  std::string decimal = n.DigitString();
  if (decimal.size() < static_cast<size_t>(scale) + 1) {
    decimal.insert(0, scale + 1 - decimal.size(), '0');
  }
  // Pad both parts to whole groups of four decimal digits.
  size_t integer_digits = decimal.size() - scale;
  const size_t lead_pad = (4 - integer_digits % 4) % 4;
  decimal.insert(0, lead_pad, '0');
  integer_digits += lead_pad;
  decimal.append((4 - scale % 4) % 4, '0');

  std::vector<uint16_t> digits;
  digits.reserve(decimal.size() / 4);
  for (size_t i = 0; i < decimal.size(); i += 4) {
    digits.push_back(static_cast<uint16_t>((decimal[i] - '0') * 1000 +
                                           (decimal[i + 1] - '0') * 100 +
                                           (decimal[i + 2] - '0') * 10 + (decimal[i + 3] - '0')));
  }
  int weight = static_cast<int>(integer_digits / 4) - 1;
  size_t first = 0;
  while (first < digits.size() && digits[first] == 0) {
    ++first;
    --weight;
  }
  size_t end = digits.size();
  while (end > first && digits[end - 1] == 0) --end;
  if (first == end) weight = 0;  // zero: no digits

  AppendBigEndian(end - first, 2, out);
  AppendBigEndian(static_cast<uint16_t>(weight), 2, out);
  AppendBigEndian(n.Sign() < 0 ? kNumericNegative : kNumericPositive, 2, out);
  AppendBigEndian(static_cast<uint16_t>(scale), 2, out);
  for (size_t i = first; i < end; ++i) AppendBigEndian(digits[i], 2, out);
}

Status NumericOverflow() {
  return Status::Error(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
}

// numeric_recv: checks the sign, scale and digits, then keeps dscale
// decimals (digits past them are cut off, not rounded, as PostgreSQL).
Result<Value> ReadNumeric(std::string_view* bytes, const DataType& type) {
  BASALT_ASSIGN_OR_RETURN(uint64_t ndigits, ReadBigEndian(bytes, 2));
  BASALT_ASSIGN_OR_RETURN(int16_t weight, ReadInt16(bytes));
  BASALT_ASSIGN_OR_RETURN(uint64_t sign, ReadBigEndian(bytes, 2));
  if (sign != kNumericPositive && sign != kNumericNegative && sign != kNumericNaN &&
      sign != kNumericPosInfinity && sign != kNumericNegInfinity) {
    return Malformed("invalid sign in external \"numeric\" value");
  }
  BASALT_ASSIGN_OR_RETURN(uint64_t dscale, ReadBigEndian(bytes, 2));
  if (dscale > kNumericMaxDscale) return Malformed("invalid scale in external \"numeric\" value");
  std::vector<int16_t> digits;
  digits.reserve(ndigits);
  for (uint64_t i = 0; i < ndigits; ++i) {
    BASALT_ASSIGN_OR_RETURN(int16_t digit, ReadInt16(bytes));
    if (digit < 0 || digit >= kNumericBase) {
      return Malformed("invalid digit in external \"numeric\" value");
    }
    digits.push_back(digit);
  }
  Numeric value;
  if (sign == kNumericNaN) {
    value = Numeric::NaN();
  } else if (sign == kNumericPosInfinity || sign == kNumericNegInfinity) {
    value = sign == kNumericPosInfinity ? Numeric::PosInfinity() : Numeric::NegInfinity();
  } else {
    // value = D * 10^(4 * (weight - ndigits + 1)) for the decimal string D
    // of the base-10000 digits; the unscaled integer at dscale decimals is
    // D * 10^(that exponent + dscale), truncated when the exponent is negative.
    const int scale = static_cast<int>(dscale);
    std::string decimal;
    decimal.reserve(digits.size() * 4);
    for (int16_t d : digits) decimal += fmt::format("{:04d}", d);
    const int64_t exponent =
        4 * (static_cast<int64_t>(weight) - static_cast<int64_t>(digits.size()) + 1) + scale;
    if (exponent > 4 * 32768) return NumericOverflow();
    if (exponent >= 0) {
      decimal.append(static_cast<size_t>(exponent), '0');
    } else {
      decimal.resize(decimal.size() - std::min<size_t>(decimal.size(), -exponent));
    }
    if (decimal.empty()) decimal.push_back('0');
    BASALT_ASSIGN_OR_RETURN(value, Numeric::FromDigits(sign == kNumericNegative, decimal, scale));
  }
  if (type.NumericPrecision() >= 0) {
    BASALT_ASSIGN_OR_RETURN(value, value.ApplyTypmod(type.NumericPrecision(), type.NumericScale()));
  }
  return Value::Decimal(std::move(value));
}

// --- int4[] -----------------------------------------------------------------

// array_send: ndim, has-nulls flag, element type, (length, lower bound) per
// dimension, then each element as a length word (-1: NULL) and its bytes.
// An empty array has no dimensions.
// A one-dimensional array of `element_type` (int2vector and oidvector send
// the same form).
// An element of an array or a record: its length (-1 for NULL), then its
// bytes, written in place.
void AppendLengthPrefixed(const Value& value, const DataType& type, std::string* out) {
  if (value.is_null()) {
    AppendBigEndian(UINT32_MAX, 4, out);  // -1
    return;
  }
  const size_t length_at = out->size();
  AppendBigEndian(0, 4, out);
  AppendValueBinary(value, type, out);
  const uint64_t length = out->size() - length_at - 4;
  for (int i = 0; i < 4; ++i) (*out)[length_at + i] = static_cast<char>(length >> (24 - 8 * i));
}

void AppendArray(const Value& array, const DataType& element_type, std::string* out) {
  const std::vector<Value>& elements = array.AsArray();
  bool has_nulls = false;
  for (const Value& e : elements) has_nulls = has_nulls || e.is_null();
  const ArrayShape* shape = array.Shape();
  const size_t ndims = elements.empty() ? 0 : shape != nullptr ? shape->dims.size() : 1;
  AppendBigEndian(ndims, 4, out);
  AppendBigEndian(has_nulls ? 1 : 0, 4, out);
  AppendBigEndian(element_type.oid(), 4, out);
  for (size_t d = 0; d < ndims; ++d) {
    AppendBigEndian(static_cast<uint32_t>(shape != nullptr ? shape->dims[d] : elements.size()), 4,
                    out);
    AppendBigEndian(static_cast<uint32_t>(shape != nullptr ? shape->lower_bounds[d] : 1), 4, out);
  }
  for (const Value& e : elements) AppendLengthPrefixed(e, element_type, out);
}

// format_type's name for an element type OID in array_recv's message.
std::string ElementTypeName(Oid oid) {
  if (oid == 0) return "-";
  if (oid == type_oid::kRegtype) return "regtype";
  std::optional<DataType> type = DataType::FromOid(oid);
  return type ? type->Name() : "???";
}

// An array element's or record field's value: its length (-1 for NULL),
// then exactly that many bytes of `type`; `what` and `index` (0-based) name
// it in the error.
Result<Value> ReadLengthPrefixed(std::string_view* bytes, const DataType& type,
                                 std::string_view what, int64_t index) {
  BASALT_ASSIGN_OR_RETURN(int32_t length, ReadInt32(bytes));
  if (length < -1 || static_cast<int64_t>(length) > static_cast<int64_t>(bytes->size())) {
    return Malformed("insufficient data left in message");
  }
  if (length == -1) return Value::Null();
  std::string_view value = bytes->substr(0, length);
  bytes->remove_prefix(length);
  BASALT_ASSIGN_OR_RETURN(Value v, ReadValueBinary(&value, type));
  if (!value.empty()) {
    return Malformed(fmt::format("improper binary format in {} {}", what, index + 1));
  }
  return v;
}

Result<Value> ReadArray(std::string_view* bytes, const DataType& element_type) {
  const Oid expected_element = element_type.oid();
  BASALT_ASSIGN_OR_RETURN(int32_t ndim, ReadInt32(bytes));
  if (ndim < 0) return Malformed(fmt::format("invalid number of dimensions: {}", ndim));
  if (ndim > kMaxArrayDimensions) {
    return Status::Error(sqlstate::kProgramLimitExceeded,
                         fmt::format("number of array dimensions ({}) exceeds the maximum "
                                     "allowed ({})",
                                     ndim, kMaxArrayDimensions));
  }
  BASALT_ASSIGN_OR_RETURN(int32_t flags, ReadInt32(bytes));
  if (flags != 0 && flags != 1) return Malformed("invalid array flags");
  BASALT_ASSIGN_OR_RETURN(uint64_t sent_element, ReadBigEndian(bytes, 4));
  if (sent_element != expected_element && sent_element < kFirstNormalObjectId) {
    const auto oid = static_cast<Oid>(sent_element);
    return Status::Error(sqlstate::kDatatypeMismatch,
                         fmt::format("binary data has array element type {} ({}) instead of "
                                     "expected {} ({})",
                                     oid, ElementTypeName(oid), expected_element,
                                     ElementTypeName(expected_element)));
  }
  std::vector<int32_t> lengths, lower_bounds;
  for (int32_t d = 0; d < ndim; ++d) {
    BASALT_ASSIGN_OR_RETURN(int32_t length, ReadInt32(bytes));
    BASALT_ASSIGN_OR_RETURN(int32_t lower_bound, ReadInt32(bytes));
    lengths.push_back(length);
    lower_bounds.push_back(lower_bound);
  }
  int64_t items = ndim == 0 ? 0 : 1;
  for (int32_t d = 0; d < ndim; ++d) {
    items *= lengths[d];
    if (lengths[d] < 0 || items > kMaxArraySize) {
      return Status::Error(
          sqlstate::kProgramLimitExceeded,
          fmt::format("array size exceeds the maximum allowed ({})", kMaxArraySize));
    }
  }
  for (int32_t d = 0; d < ndim; ++d) {
    if (int64_t{lower_bounds[d]} + lengths[d] > INT32_MAX) {
      return Status::Error(sqlstate::kProgramLimitExceeded,
                           fmt::format("array lower bound is too large: {}", lower_bounds[d]));
    }
  }
  if (items == 0) return Value::Array({});  // PostgreSQL's empty array has no bounds
  std::vector<Value> elements;
  for (int64_t i = 0; i < items; ++i) {
    BASALT_ASSIGN_OR_RETURN(Value v, ReadLengthPrefixed(bytes, element_type, "array element", i));
    elements.push_back(std::move(v));
  }
  return Value::ShapedArray(std::move(elements),
                            ArrayShape{std::move(lengths), std::move(lower_bounds)});
}

// record_recv: the field count, then each field's type OID and value (its
// length, -1 for NULL), checked against the composite type's fields.
Result<Value> ReadRecord(std::string_view* bytes, const DataType& type) {
  const std::vector<DataType>& types = type.RecordFields();
  BASALT_ASSIGN_OR_RETURN(int32_t count, ReadInt32(bytes));
  if (count != static_cast<int32_t>(types.size())) {
    return Status::Error(
        sqlstate::kDatatypeMismatch,
        fmt::format("wrong number of columns: {}, expected {}", count, types.size()));
  }
  std::vector<Value> fields;
  for (size_t i = 0; i < types.size(); ++i) {
    BASALT_ASSIGN_OR_RETURN(uint64_t sent, ReadBigEndian(bytes, 4));
    if (sent != types[i].oid()) {
      const auto oid = static_cast<Oid>(sent);
      return Status::Error(
          sqlstate::kDatatypeMismatch,
          fmt::format("binary data has type {} ({}) instead of expected {} ({}) "
                      "in record column {}",
                      oid, ElementTypeName(oid), types[i].oid(), types[i].Name(), i + 1));
    }
    BASALT_ASSIGN_OR_RETURN(Value v, ReadLengthPrefixed(bytes, types[i], "record column", i));
    fields.push_back(std::move(v));
  }
  return Value::Array(std::move(fields));
}

Result<Value> ReadText(std::string_view* bytes, const DataType& type) {
  std::string text(*bytes);
  bytes->remove_prefix(bytes->size());
  BASALT_RETURN_IF_ERROR(CheckUtf8(text));
  BASALT_ASSIGN_OR_RETURN(text, ApplyLengthTypmod(std::move(text), type, false));
  return Value::String(std::move(text));
}

}  // namespace

// Text received from a client must be valid in the server encoding (UTF8);
// the error names the bytes of the first bad character, as PostgreSQL's
// report_invalid_encoding.
Status CheckUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead >= 0x01 && lead <= 0x7f) {
      ++i;
      continue;
    }
    const size_t length = Utf8SequenceLength(lead);
    if (i + length <= text.size() && IsLegalUtf8(text.substr(i, length))) {
      i += length;
      continue;
    }
    std::string shown;
    for (size_t j = i; j < std::min(text.size(), i + length); ++j) {
      if (!shown.empty()) shown += ' ';
      shown += fmt::format("0x{:02x}", static_cast<unsigned char>(text[j]));
    }
    return Status::Error(sqlstate::kCharacterNotInRepertoire,
                         fmt::format("invalid byte sequence for encoding \"UTF8\": {}", shown));
  }
  return Status::OK();
}

void AppendValueBinary(const Value& value, const DataType& type, std::string* out) {
  switch (type.id) {
    case TypeId::kBool: out->push_back(value.AsBool() ? 1 : 0); return;
    case TypeId::kInt2: AppendBigEndian(static_cast<uint64_t>(value.AsInt()), 2, out); return;
    case TypeId::kInt4:
    case TypeId::kDate:  // int32 days: the infinities are INT32_MAX/MIN
    case TypeId::kOid:
    case TypeId::kXid: AppendBigEndian(static_cast<uint64_t>(value.AsInt()), 4, out); return;
    case TypeId::kInt8:
    case TypeId::kTime:
    case TypeId::kTimestamp:  // int64 microseconds: the infinities are INT64_MAX/MIN
    case TypeId::kTimestampTz:
      AppendBigEndian(static_cast<uint64_t>(value.AsInt()), 8, out);
      return;
    case TypeId::kTimeTz: {  // int64 time, int32 zone in seconds west of UTC
      const TimeTz t = UnpackTimeTz(value.AsInt());
      AppendBigEndian(static_cast<uint64_t>(t.micros), 8, out);
      AppendBigEndian(static_cast<uint64_t>(static_cast<uint32_t>(-t.offset_east)), 4, out);
      return;
    }
    case TypeId::kFloat4:
      AppendBigEndian(std::bit_cast<uint32_t>(static_cast<float>(value.AsFloat())), 4, out);
      return;
    case TypeId::kFloat8: AppendBigEndian(std::bit_cast<uint64_t>(value.AsFloat()), 8, out); return;
    case TypeId::kNumeric: AppendNumeric(value.AsNumeric(), out); return;
    case TypeId::kInterval: {  // interval_send: int64 time, int32 day, int32 month
      const Interval& v = value.AsInterval();
      AppendBigEndian(static_cast<uint64_t>(v.micros), 8, out);
      AppendBigEndian(static_cast<uint32_t>(v.days), 4, out);
      AppendBigEndian(static_cast<uint32_t>(v.months), 4, out);
      return;
    }
    default:  // every array type (DataType::IsArray)
    case TypeId::kInt2Vector:
    case TypeId::kOidVector: AppendArray(value, type.Element(), out); return;
    case TypeId::kRegproc:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegrole:
    case TypeId::kRegprocedure:
      AppendBigEndian(static_cast<uint64_t>(value.AsInt()), 4, out);
      return;
    case TypeId::kChar:
      // char_send: always one byte; the empty "char" (attgenerated '') is a
      // zero byte, which SQLAlchemy's asyncpg dialect expects.
      out->push_back(value.AsString().empty() ? '\0' : value.AsString()[0]);
      return;
    case TypeId::kName:
    case TypeId::kPgNodeTree:
    case TypeId::kJson:  // json_send: the text
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kUnknown:
    case TypeId::kUuid:  // uuid_send: the 16 bytes
    case TypeId::kBytea: out->append(value.AsString()); return;
    case TypeId::kJsonb:  // jsonb_send: the version byte 1, then the text
      out->push_back('\x01');
      AppendJsonbText(DecodeJsonbOrDie(value.AsString()), out);
      return;
    // PostgreSQL's aclitem has no send function; Basalt sends its text
    // (clients read pg_type.typsend = 0 and ask for text).
    case TypeId::kAclItem: AppendAclItemText(value.AsString(), out); return;
    case TypeId::kEnum: out->append(ValueToText(value, type)); return;  // enum_send: the label
    case TypeId::kVoid: return;                                         // void_send: no bytes
    case TypeId::kRecord:
    case TypeId::kComposite: {  // record_send: the count, then each field's OID and value
      const std::vector<Value>& fields = value.AsArray();
      const std::vector<DataType>& types = type.RecordFields();
      AppendBigEndian(fields.size(), 4, out);
      for (size_t i = 0; i < fields.size(); ++i) {
        AppendBigEndian(types[i].oid(), 4, out);
        AppendLengthPrefixed(fields[i], types[i], out);
      }
      return;
    }
  }
}

std::string ValueToBinary(const Value& value, const DataType& type) {
  std::string out;
  AppendValueBinary(value, type, &out);
  return out;
}

Result<Value> ReadValueBinary(std::string_view* bytes, const DataType& type) {
  switch (type.id) {
    case TypeId::kBool:
      if (bytes->empty()) {
        return Status::Error(sqlstate::kProtocolViolation, "no data left in message");
      }
      {
        const bool v = (*bytes)[0] != 0;  // boolrecv: any nonzero byte is true
        bytes->remove_prefix(1);
        return Value::Bool(v);
      }
    case TypeId::kInt2: {
      BASALT_ASSIGN_OR_RETURN(int16_t v, ReadInt16(bytes));
      return Value::Int(v);
    }
    case TypeId::kInt4: {
      BASALT_ASSIGN_OR_RETURN(int32_t v, ReadInt32(bytes));
      return Value::Int(v);
    }
    case TypeId::kInt8: {
      BASALT_ASSIGN_OR_RETURN(int64_t v, ReadInt64(bytes));
      return Value::Int(v);
    }
    case TypeId::kOid:
    case TypeId::kXid: {
      BASALT_ASSIGN_OR_RETURN(uint64_t v, ReadBigEndian(bytes, 4));
      return Value::Int(static_cast<int64_t>(v));
    }
    case TypeId::kFloat4: {
      BASALT_ASSIGN_OR_RETURN(uint64_t v, ReadBigEndian(bytes, 4));
      return Value::Float(std::bit_cast<float>(static_cast<uint32_t>(v)));
    }
    case TypeId::kFloat8: {
      BASALT_ASSIGN_OR_RETURN(uint64_t v, ReadBigEndian(bytes, 8));
      return Value::Float(std::bit_cast<double>(v));
    }
    case TypeId::kNumeric: return ReadNumeric(bytes, type);
    case TypeId::kDate: {
      BASALT_ASSIGN_OR_RETURN(int32_t days, ReadInt32(bytes));
      if (days != kDateNegInfinity && days != kDatePosInfinity &&
          (days < kMinDate || days >= kEndDate)) {
        return Status::Error(sqlstate::kDatetimeFieldOverflow, "date out of range");
      }
      return Value::Int(days);
    }
    case TypeId::kInterval: {
      Interval v;
      BASALT_ASSIGN_OR_RETURN(v.micros, ReadInt64(bytes));
      BASALT_ASSIGN_OR_RETURN(v.days, ReadInt32(bytes));
      BASALT_ASSIGN_OR_RETURN(v.months, ReadInt32(bytes));
      return Value::Span(AdjustIntervalForTypmod(v, type.typmod));
    }
    case TypeId::kTime: {
      BASALT_ASSIGN_OR_RETURN(int64_t micros, ReadInt64(bytes));
      if (micros < 0 || micros > kMicrosPerTimeDay) {
        return Status::Error(sqlstate::kDatetimeFieldOverflow, "time out of range");
      }
      return Value::Int(RoundTime(micros, type.TimestampPrecision()));
    }
    case TypeId::kTimeTz: {
      BASALT_ASSIGN_OR_RETURN(int64_t micros, ReadInt64(bytes));
      BASALT_ASSIGN_OR_RETURN(int32_t zone_west, ReadInt32(bytes));
      if (micros < 0 || micros > kMicrosPerTimeDay) {
        return Status::Error(sqlstate::kDatetimeFieldOverflow, "time out of range");
      }
      if (zone_west <= -kTimeTzMaxOffset || zone_west >= kTimeTzMaxOffset) {
        return Status::Error(sqlstate::kInvalidTimeZoneDisplacementValue,
                             "time zone displacement out of range");
      }
      return Value::Int(RoundTimeTz(PackTimeTz({micros, -zone_west}), type.TimestampPrecision()));
    }
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: {
      BASALT_ASSIGN_OR_RETURN(int64_t micros, ReadInt64(bytes));
      if (micros != kTimestampNegInfinity && micros != kTimestampPosInfinity &&
          (micros < kMinTimestamp || micros >= kEndTimestamp)) {
        return Status::Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
      }
      return Value::Int(RoundTimestamp(micros, type.TimestampPrecision()));
    }
    default:  // every array type (DataType::IsArray)
    case TypeId::kInt2Vector:
    case TypeId::kOidVector: return ReadArray(bytes, type.Element());
    case TypeId::kRegproc:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegrole:
    case TypeId::kRegprocedure: {
      BASALT_ASSIGN_OR_RETURN(uint64_t v, ReadBigEndian(bytes, 4));
      return Value::Int(static_cast<int64_t>(v));
    }
    case TypeId::kPgNodeTree:
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "cannot accept a value of type pg_node_tree");
    case TypeId::kJson: {  // json_recv: the text, checked
      BASALT_ASSIGN_OR_RETURN(Value v, ReadText(bytes, type));
      BASALT_RETURN_IF_ERROR(ValidateJson(v.AsString()));
      return v;
    }
    case TypeId::kJsonb: {  // jsonb_recv: the version byte 1, then the text
      if (bytes->empty()) return InsufficientData();
      if (bytes->front() != '\x01') {
        return Status::Internal(fmt::format("unsupported jsonb version number {}",
                                            static_cast<unsigned char>(bytes->front())));
      }
      bytes->remove_prefix(1);
      BASALT_ASSIGN_OR_RETURN(Value text, ReadText(bytes, type));
      BASALT_ASSIGN_OR_RETURN(JsonbValue v, ParseJsonb(text.AsString()));
      return Value::String(EncodeJsonb(v));
    }
    case TypeId::kChar:
      // char_recv: one byte, a zero byte being the empty "char".
      if (*bytes == std::string_view("\0", 1)) {
        bytes->remove_prefix(1);
        return Value::String("");
      }
      return ReadText(bytes, type);
    case TypeId::kName:
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kUnknown: return ReadText(bytes, type);
    case TypeId::kUuid: {  // uuid_recv: 16 bytes
      if (bytes->size() < kUuidBytes) return InsufficientData();
      Value v = Value::String(std::string(bytes->substr(0, kUuidBytes)));
      bytes->remove_prefix(kUuidBytes);
      return v;
    }
    case TypeId::kEnum: {  // enum_recv: the label
      BASALT_ASSIGN_OR_RETURN(Value label, ReadText(bytes, DataType::Of(TypeId::kText)));
      BASALT_ASSIGN_OR_RETURN(std::string v, EnumValueFromLabel(type, label.AsString()));
      return Value::String(std::move(v));
    }
    case TypeId::kBytea: {  // bytearecv: every byte of the value
      Value v = Value::String(std::string(*bytes));
      bytes->remove_prefix(bytes->size());
      return v;
    }
    case TypeId::kAclItem: {  // no aclitem_recv in PostgreSQL either
      return Status::Error(sqlstate::kUndefinedFunction,
                           "no binary input function available for type aclitem");
    }
    case TypeId::kVoid: return Value::Bool(false);  // void_recv reads nothing
    case TypeId::kRecord:
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "input of anonymous composite types is not implemented");
    case TypeId::kComposite: return ReadRecord(bytes, type);
  }
  return Status::Internal("unknown type id");
}

Result<Value> ValueFromBinary(std::string_view bytes, const DataType& type) {
  BASALT_ASSIGN_OR_RETURN(Value value, ReadValueBinary(&bytes, type));
  if (!bytes.empty()) return Malformed("incorrect binary data format");
  return value;
}

}  // namespace basalt
