// Memcomparable key encoding; the byte layout is frozen in
// docs/formats/key_codec.md.
#include "storage/key_codec.h"

#include <cassert>
#include <cmath>
#include <cstring>
#include <iterator>
#include <limits>

#include "common/jsonb.h"
#include "common/time_tz.h"
#include "common/value_text.h"
#include "storage/coding.h"

namespace basalt::storage {
namespace {

// DO NOT CHANGE THESE VALUES: they are on disk. NULL's marker sorts after
// every non-null value, giving ASC NULLS LAST.
constexpr char kNotNullMarker = 0x01;
constexpr char kNullMarker = 0x02;
// After an array's elements: its ArrayShape follows.
constexpr char kArrayShapeMarker = 0x03;

// Numeric sign bytes: -Infinity and negative < zero < positive < Infinity
// < NaN. -Infinity is kNumericNegative followed by two inverted 0xFF bytes,
// which no finite negative value's exponent has.
constexpr char kNumericNegative = 0x00;
constexpr char kNumericZero = 0x01;
constexpr char kNumericPositive = 0x02;
constexpr char kNumericPosInfinity = 0x03;
constexpr char kNumericNaN = 0x04;
constexpr int kNumericExponentBias = 0x8000;
// Exponents from here up are written as 0xFF then 4 bytes big-endian.
constexpr int kNumericExtendedExponent = 0x7F00;
constexpr uint8_t kNumericExtendedMarker = 0xFF;

// String escaping: a 0x00 byte becomes 0x00 0xFF and the value ends with
// 0x00 0x01, so a string sorts before every longer string it prefixes.
constexpr char kEscape = 0x00;
constexpr char kEscapedZero = static_cast<char>(0xff);
constexpr char kTerminator = 0x01;

int IntegerWidth(TypeId id) {
  switch (id) {
    case TypeId::kInt2: return 2;
    case TypeId::kInt4: return 4;
    default: return 8;  // int8, date, timestamp, timestamptz
  }
}

void AppendInteger(int64_t v, int width, std::string* key) {
  // Flipping the sign bit maps two's complement order onto unsigned order.
  uint64_t bits = static_cast<uint64_t>(v) ^ (uint64_t{1} << (8 * width - 1));
  AppendBigEndian(bits, width, key);
}

// An interval is keyed by its span (30-day months, 24-hour days): equal
// intervals ('1 mon', '30 days') get one key, as PostgreSQL's interval_ops.
void AppendIntervalSpan(IntervalSpan span, std::string* key) {
  __extension__ using UInt128 = unsigned __int128;
  const UInt128 bits = static_cast<UInt128>(span) ^ (UInt128{1} << 127);
  AppendBigEndian(static_cast<uint64_t>(bits >> 64), 8, key);
  AppendBigEndian(static_cast<uint64_t>(bits), 8, key);
}

int64_t DecodeInteger(uint64_t bits, int width) {
  bits ^= uint64_t{1} << (8 * width - 1);
  if (width < 8) {
    // Sign-extend from `width` bytes.
    uint64_t sign = uint64_t{1} << (8 * width - 1);
    bits = (bits ^ sign) - sign;
  }
  return static_cast<int64_t>(bits);
}

// IEEE order made unsigned: positives get their sign bit set, negatives are
// inverted. -0 is folded into +0 and every NaN into one NaN, which then sorts
// above +Infinity as in PostgreSQL.
uint64_t FloatOrderBits(uint64_t bits, int width) {
  uint64_t sign = uint64_t{1} << (8 * width - 1);
  uint64_t mask = width == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * width)) - 1;
  return (bits & sign) ? (~bits & mask) : (bits | sign);
}

uint64_t FloatFromOrderBits(uint64_t bits, int width) {
  uint64_t sign = uint64_t{1} << (8 * width - 1);
  uint64_t mask = width == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * width)) - 1;
  return (bits & sign) ? (bits & ~sign) : (~bits & mask);
}

void AppendFloat(double v, TypeId id, std::string* key) {
  if (v == 0) v = 0;  // -0 -> +0
  if (id == TypeId::kFloat4) {
    float f = std::isnan(v) ? std::numeric_limits<float>::quiet_NaN() : static_cast<float>(v);
    uint32_t bits;
    std::memcpy(&bits, &f, 4);
    if (std::isnan(f)) bits = 0x7fc00000u;
    AppendBigEndian(FloatOrderBits(bits, 4), 4, key);
  } else {
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    if (std::isnan(v)) bits = 0x7ff8000000000000ull;
    AppendBigEndian(FloatOrderBits(bits, 8), 8, key);
  }
}

double DecodeFloat(uint64_t order_bits, TypeId id) {
  if (id == TypeId::kFloat4) {
    uint32_t bits = static_cast<uint32_t>(FloatFromOrderBits(order_bits, 4));
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
  }
  uint64_t bits = FloatFromOrderBits(order_bits, 8);
  double d;
  std::memcpy(&d, &bits, 8);
  return d;
}

// A numeric is sign, then for non-zero values the decimal exponent E and the
// significant digits d1 d2 ... (value = 0.d1d2... x 10^E, no trailing zero
// digits), two digits per byte as 1 + 10*a + b, ended by 0x00. Stripping the
// trailing zeros is what makes 1.0 and 1.00 encode identically. Negative
// values have exponent and digit bytes inverted so larger magnitudes sort
// first.
void AppendNumeric(const Numeric& n, std::string* key) {
  switch (n.kind()) {
    case Numeric::Kind::kNaN: key->push_back(kNumericNaN); return;
    case Numeric::Kind::kPosInfinity: key->push_back(kNumericPosInfinity); return;
    case Numeric::Kind::kNegInfinity:
      key->push_back(kNumericNegative);
      key->append(2, '\0');  // inverted 0xFF 0xFF
      return;
    case Numeric::Kind::kFinite: break;
  }
  if (n.Sign() == 0) {
    key->push_back(kNumericZero);
    return;
  }
  const bool negative = n.Sign() < 0;
  std::string digits;
  if (n.is_inline()) {
    __extension__ using UInt128 = unsigned __int128;
    const Int128 u = n.unscaled();
    UInt128 mag = negative ? UInt128(0) - static_cast<UInt128>(u) : static_cast<UInt128>(u);
    char buf[48];
    int count = 0;
    while (mag > 0) {
      buf[count++] = static_cast<char>('0' + static_cast<int>(mag % 10));
      mag /= 10;
    }
    digits.assign(std::make_reverse_iterator(buf + count), std::make_reverse_iterator(buf));
  } else {
    digits = n.DigitString();
  }
  // E = number of integer digits.
  const int exponent = static_cast<int>(digits.size()) - n.scale();
  size_t end = digits.size();
  while (digits[end - 1] == '0') --end;  // strip trailing zero digits
  std::string body;
  if (exponent >= kNumericExtendedExponent) {
    body.push_back(static_cast<char>(kNumericExtendedMarker));
    AppendBigEndian(static_cast<uint64_t>(exponent), 4, &body);
  } else {
    AppendBigEndian(static_cast<uint64_t>(exponent + kNumericExponentBias) & 0xffff, 2, &body);
  }
  for (size_t i = 0; i < end; i += 2) {
    int a = digits[i] - '0';
    int b = i + 1 < end ? digits[i + 1] - '0' : 0;
    body.push_back(static_cast<char>(1 + 10 * a + b));
  }
  body.push_back(0);
  key->push_back(negative ? kNumericNegative : kNumericPositive);
  if (negative) {
    for (char& c : body) c = static_cast<char>(~c);
  }
  key->append(body);
}

Status Truncated() {
  return Status::Corruption("truncated key value");
}

Status DecodeNumeric(std::string_view* input, Value* value) {
  if (input->empty()) return Truncated();
  char sign = input->front();
  input->remove_prefix(1);
  switch (sign) {
    case kNumericZero: *value = Value::Decimal(Numeric(0, 0)); return Status::OK();
    case kNumericPosInfinity: *value = Value::Decimal(Numeric::PosInfinity()); return Status::OK();
    case kNumericNaN: *value = Value::Decimal(Numeric::NaN()); return Status::OK();
    case kNumericNegative:
    case kNumericPositive: break;
    default: return Status::Corruption("bad numeric sign byte in key");
  }
  bool negative = sign == kNumericNegative;
  auto byte_at = [&](size_t i) -> uint8_t {
    uint8_t b = static_cast<uint8_t>((*input)[i]);
    return negative ? static_cast<uint8_t>(~b) : b;
  };
  if (input->size() < 2) return Truncated();
  int64_t exponent = 0;
  size_t pos = 0;
  if (byte_at(0) == kNumericExtendedMarker) {
    if (negative && byte_at(1) == 0xff) {
      input->remove_prefix(2);
      *value = Value::Decimal(Numeric::NegInfinity());
      return Status::OK();
    }
    if (input->size() < 6) return Truncated();
    for (size_t i = 1; i <= 4; ++i) exponent = (exponent << 8) | byte_at(i);
    pos = 5;
  } else {
    exponent = static_cast<int>((byte_at(0) << 8) | byte_at(1)) - kNumericExponentBias;
    pos = 2;
  }
  std::string digits;
  while (true) {
    if (pos >= input->size()) return Truncated();
    uint8_t b = byte_at(pos++);
    if (b == 0) break;
    if (b > 100) return Status::Corruption("bad numeric digits in key");
    digits.push_back(static_cast<char>('0' + (b - 1) / 10));
    digits.push_back(static_cast<char>('0' + (b - 1) % 10));
  }
  input->remove_prefix(pos);
  // The last pair may carry a padding zero.
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  if (digits.empty()) return Status::Corruption("bad numeric digits in key");
  int64_t scale = static_cast<int64_t>(digits.size()) - exponent;
  if (scale < 0) {
    if (-scale > Numeric::kMaxIntegerDigits) return Status::Corruption("bad numeric in key");
    digits.append(static_cast<size_t>(-scale), '0');
    scale = 0;
  }
  Result<Numeric> n = Numeric::FromDigits(negative, digits, static_cast<int>(scale));
  if (!n.ok()) return Status::Corruption("bad numeric in key");
  *value = Value::Decimal(std::move(*n));
  return Status::OK();
}

void AppendString(std::string_view s, std::string* key) {
  // Runs without a zero byte (most text has none) are appended whole.
  while (!s.empty()) {
    const void* zero = std::memchr(s.data(), kEscape, s.size());
    const size_t run =
        zero == nullptr ? s.size() : static_cast<size_t>(static_cast<const char*>(zero) - s.data());
    key->append(s.data(), run);
    if (zero == nullptr) break;
    const char escaped[] = {kEscape, kEscapedZero};
    key->append(escaped, 2);
    s.remove_prefix(run + 1);
  }
  const char terminator[] = {kEscape, kTerminator};
  key->append(terminator, 2);
}

Status DecodeString(std::string_view* input, Value* value) {
  std::string out;
  size_t i = 0;
  while (true) {
    if (i >= input->size()) return Truncated();
    char c = (*input)[i++];
    if (c != kEscape) {
      out.push_back(c);
      continue;
    }
    if (i >= input->size()) return Truncated();
    char next = (*input)[i++];
    if (next == kTerminator) break;
    if (next != kEscapedZero) return Status::Corruption("bad string escape in key");
    out.push_back('\0');
  }
  input->remove_prefix(i);
  *value = Value::String(std::move(out));
  return Status::OK();
}

// The span back as days and microseconds: the fields an interval was
// written with are not in the key (the row has them).
Status DecodeIntervalSpan(std::string_view* input, Value* value) {
  if (input->size() < 16) return Truncated();
  __extension__ using UInt128 = unsigned __int128;
  const UInt128 bits =
      (static_cast<UInt128>(ReadBigEndian(*input, 8)) << 64) | ReadBigEndian(input->substr(8), 8);
  input->remove_prefix(16);
  const IntervalSpan span = static_cast<IntervalSpan>(bits ^ (UInt128{1} << 127));
  const IntervalSpan day = 86'400'000'000;
  *value =
      Value::Span(Interval{0, static_cast<int32_t>(span / day), static_cast<int64_t>(span % day)});
  return Status::OK();
}

}  // namespace

void AppendRelationPrefix(uint32_t relation_id, std::string* key) {
  AppendBigEndian32(relation_id, key);
}

std::string RelationPrefix(uint32_t relation_id) {
  std::string key;
  AppendRelationPrefix(relation_id, &key);
  return key;
}

std::string RelationEnd(uint32_t relation_id) {
  assert(relation_id != std::numeric_limits<uint32_t>::max());
  return RelationPrefix(relation_id + 1);
}

void AppendRowId(uint64_t row_id, std::string* key) {
  AppendBigEndian64(row_id, key);
}

void AppendKeyValue(const Value& value, const DataType& type, std::string* key) {
  if (value.is_null()) {
    key->push_back(kNullMarker);
    return;
  }
  key->push_back(kNotNullMarker);
  switch (type.id) {
    case TypeId::kBool: key->push_back(value.AsBool() ? 1 : 0); return;
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTime: AppendInteger(value.AsInt(), IntegerWidth(type.id), key); return;
    case TypeId::kTimeTz: {
      // timetz_cmp's order: the UTC-equivalent time, then the zone further
      // east first.
      const TimeTz t = UnpackTimeTz(value.AsInt());
      AppendInteger(t.micros - int64_t{t.offset_east} * 1'000'000, 8, key);
      AppendInteger(-int64_t{t.offset_east}, 4, key);
      return;
    }
    case TypeId::kInterval: AppendIntervalSpan(value.AsInterval().Span(), key); return;
    case TypeId::kOid:
    case TypeId::kXid: AppendBigEndian(static_cast<uint64_t>(value.AsInt()), 4, key); return;
    case TypeId::kFloat4:
    case TypeId::kFloat8: AppendFloat(value.AsFloat(), type.id, key); return;
    case TypeId::kNumeric: AppendNumeric(value.AsNumeric(), key); return;
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kUnknown:
    case TypeId::kBytea: AppendString(value.AsString(), key); return;
    // bpcharcmp's order and equality ignore trailing blanks (not decodable
    // back to the padded value: IndexKeyDecodable).
    case TypeId::kBpchar: AppendString(WithoutTrailingBlanks(value.AsString()), key); return;
    // Fixed width: the 16 bytes as they are sort as uuid_cmp (memcmp).
    // An enum's 8 bytes sort as its sort order (common/enum_value.h).
    case TypeId::kUuid:
    case TypeId::kEnum: key->append(value.AsString()); return;
    // json has no order of its own (PostgreSQL has no btree for it): its
    // text; jsonb: its sort key, in jsonb's btree order (not decodable).
    case TypeId::kJson: AppendString(value.AsString(), key); return;
    case TypeId::kJsonb: AppendJsonbSortKey(DecodeJsonbOrDie(value.AsString()), key); return;
    case TypeId::kVoid: return;  // the marker alone: every void equals every other
    case TypeId::kRecord:
    case TypeId::kComposite: {
      // record_cmp's order: each field as a key value, as an array's.
      const std::vector<DataType>& fields = type.RecordFields();
      const std::vector<Value>& values = value.AsArray();
      for (size_t i = 0; i < values.size(); ++i) AppendKeyValue(values[i], fields[i], key);
      key->push_back(0);
      return;
    }
    default: {
      // Arrays, in array_cmp's order: each element as a key value (NULL
      // after every value), then a 0 byte, below both markers, so the
      // shorter of two arrays equal as far as it goes comes first.
      assert(type.IsArray() && "not IsStorableType: CREATE TABLE [AS] refuses it");
      const DataType element = type.Element();
      for (const Value& e : value.AsArray()) AppendKeyValue(e, element, key);
      // More dimensions or other lower bounds: their shape after the
      // elements, so such an array sorts after the plain one of its elements.
      if (const ArrayShape* shape = value.Shape()) {
        key->push_back(kArrayShapeMarker);
        key->push_back(static_cast<char>(shape->dims.size()));
        for (size_t d = 0; d < shape->dims.size(); ++d) {
          AppendBigEndian(static_cast<uint32_t>(shape->dims[d]), 4, key);
          AppendBigEndian(static_cast<uint32_t>(shape->lower_bounds[d]) ^ 0x80000000u, 4, key);
        }
      }
      key->push_back(0);
      return;
    }
  }
}

namespace {

// An array's or a record's elements, up to the 0 byte.
Status DecodeArrayKey(std::string_view* input, const DataType& type, Value* value) {
  const bool record = type.IsRowType();
  if (!record && !type.IsArray()) return Status::Corruption("unknown type in key");
  // A record's fields have their own types; an array's elements one.
  const std::vector<DataType>* fields = record ? &type.RecordFields() : nullptr;
  const DataType element = record ? DataType{} : type.Element();
  std::vector<Value> elements;
  ArrayShape shape;
  while (true) {
    if (input->empty()) return Truncated();
    if (input->front() == 0) break;
    if (fields == nullptr && input->front() == kArrayShapeMarker) {
      if (input->size() < 2) return Truncated();
      const size_t ndims = static_cast<uint8_t>((*input)[1]);
      input->remove_prefix(2);
      if (input->size() < ndims * 8 + 1) return Truncated();
      for (size_t d = 0; d < ndims; ++d) {
        shape.dims.push_back(static_cast<int32_t>(ReadBigEndian(*input, 4)));
        shape.lower_bounds.push_back(static_cast<int32_t>(
            static_cast<uint32_t>(ReadBigEndian(input->substr(4), 4)) ^ 0x80000000u));
        input->remove_prefix(8);
      }
      continue;
    }
    if (fields != nullptr && elements.size() == fields->size()) {
      return Status::Corruption("bad record key");
    }
    const DataType& next = fields != nullptr ? (*fields)[elements.size()] : element;
    BASALT_RETURN_IF_ERROR(DecodeKeyValue(input, next, &elements.emplace_back()));
  }
  input->remove_prefix(1);
  *value = Value::ShapedArray(std::move(elements), std::move(shape));
  return Status::OK();
}

}  // namespace

Status DecodeKeyValue(std::string_view* input, const DataType& type, Value* value) {
  if (input->empty()) return Truncated();
  char marker = input->front();
  input->remove_prefix(1);
  if (marker == kNullMarker) {
    *value = Value::Null();
    return Status::OK();
  }
  if (marker != kNotNullMarker) return Status::Corruption("bad null marker in key");
  switch (type.id) {
    case TypeId::kBool:
      if (input->empty()) return Truncated();
      *value = Value::Bool(input->front() != 0);
      input->remove_prefix(1);
      return Status::OK();
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTime: {
      int width = IntegerWidth(type.id);
      if (input->size() < static_cast<size_t>(width)) return Truncated();
      *value = Value::Int(DecodeInteger(ReadBigEndian(*input, width), width));
      input->remove_prefix(width);
      return Status::OK();
    }
    case TypeId::kTimeTz: {
      if (input->size() < 12) return Truncated();
      const int64_t utc = DecodeInteger(ReadBigEndian(*input, 8), 8);
      const int64_t offset_east = -DecodeInteger(ReadBigEndian(input->substr(8), 4), 4);
      input->remove_prefix(12);
      *value = Value::Int(
          PackTimeTz({utc + offset_east * 1'000'000, static_cast<int32_t>(offset_east)}));
      return Status::OK();
    }
    case TypeId::kFloat4:
    case TypeId::kFloat8: {
      int width = type.id == TypeId::kFloat4 ? 4 : 8;
      if (input->size() < static_cast<size_t>(width)) return Truncated();
      *value = Value::Float(DecodeFloat(ReadBigEndian(*input, width), type.id));
      input->remove_prefix(width);
      return Status::OK();
    }
    case TypeId::kNumeric: return DecodeNumeric(input, value);
    case TypeId::kInterval: return DecodeIntervalSpan(input, value);
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kUnknown:
    case TypeId::kBytea:
    case TypeId::kJson: return DecodeString(input, value);
    case TypeId::kJsonb: return Status::Internal("a jsonb key value cannot be decoded");
    case TypeId::kUuid:
    case TypeId::kEnum: {
      const size_t width = type.id == TypeId::kUuid ? 16 : 8;
      if (input->size() < width) return Truncated();
      *value = Value::String(std::string(input->substr(0, width)));
      input->remove_prefix(width);
      return Status::OK();
    }
    case TypeId::kOid:
    case TypeId::kXid:
      if (input->size() < 4) return Truncated();
      *value = Value::Int(static_cast<int64_t>(ReadBigEndian(*input, 4)));
      input->remove_prefix(4);
      return Status::OK();
    case TypeId::kVoid: *value = Value::Bool(false); return Status::OK();
    default: return DecodeArrayKey(input, type, value);
  }
  return Status::Corruption("unknown type in key");
}

}  // namespace basalt::storage
