// Row format; the byte layout is frozen in docs/formats/row_format.md.
#include "storage/row_codec.h"

#include <cassert>
#include <cstring>
#include <limits>

#include "storage/coding.h"

namespace basalt::storage {
namespace {

// DO NOT CHANGE: the first byte of every stored row.
constexpr uint8_t kRowFormatVersion = 1;

int FixedWidth(TypeId id) {
  switch (id) {
    case TypeId::kBool: return 1;
    case TypeId::kInt2: return 2;
    case TypeId::kInt4:
    case TypeId::kOid:
    case TypeId::kXid:
    case TypeId::kFloat4: return 4;
    case TypeId::kInt8:
    case TypeId::kFloat8:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTime:
    case TypeId::kTimeTz:
    case TypeId::kEnum: return 8;  // common/enum_value.h
    case TypeId::kInterval:
    case TypeId::kUuid: return 16;
    default: return 0;  // variable width
  }
}

// Numerics: varint(zigzag(scale) << 1 | wide), then the unscaled value as a
// zigzag varint when it fits 64 bits (almost always: small and compact), or
// as 16 bytes little-endian two's complement when it does not. Values outside
// Numeric's inline form (and NaN, the infinities) use a scale the inline
// form never has, kNumericExtended, then a kind byte; a big finite value
// continues with varint scale and varint length then its decimal digits,
// two per byte.
// DO NOT CHANGE THESE VALUES: they are on disk.
constexpr int64_t kNumericExtended = -1;
constexpr uint8_t kExtendedFinite = 0;
constexpr uint8_t kExtendedNegative = 1;
constexpr uint8_t kExtendedNaN = 2;
constexpr uint8_t kExtendedPosInfinity = 3;
constexpr uint8_t kExtendedNegInfinity = 4;

void AppendExtendedNumeric(const Numeric& n, std::string* out) {
  AppendVarint(ZigZag(kNumericExtended) << 1, out);
  switch (n.kind()) {
    case Numeric::Kind::kNaN: out->push_back(static_cast<char>(kExtendedNaN)); return;
    case Numeric::Kind::kPosInfinity:
      out->push_back(static_cast<char>(kExtendedPosInfinity));
      return;
    case Numeric::Kind::kNegInfinity:
      out->push_back(static_cast<char>(kExtendedNegInfinity));
      return;
    case Numeric::Kind::kFinite: break;
  }
  out->push_back(static_cast<char>(n.Sign() < 0 ? kExtendedNegative : kExtendedFinite));
  AppendVarint(static_cast<uint64_t>(n.scale()), out);
  const std::string digits = n.DigitString();
  AppendVarint(digits.size(), out);
  for (size_t i = 0; i < digits.size(); i += 2) {
    const int hi = digits[i] - '0';
    const int lo = i + 1 < digits.size() ? digits[i + 1] - '0' : 0;
    out->push_back(static_cast<char>(hi * 10 + lo));
  }
}

void AppendNumeric(const Numeric& n, std::string* out) {
  if (!n.is_inline()) {
    AppendExtendedNumeric(n, out);
    return;
  }
  Int128 u = n.unscaled();
  bool wide = u < std::numeric_limits<int64_t>::min() || u > std::numeric_limits<int64_t>::max();
  AppendVarint((ZigZag(n.scale()) << 1) | (wide ? 1 : 0), out);
  if (!wide) {
    AppendVarint(ZigZag(static_cast<int64_t>(u)), out);
    return;
  }
  __extension__ using UInt128 = unsigned __int128;
  UInt128 bits = static_cast<UInt128>(u);
  AppendLittleEndian(static_cast<uint64_t>(bits), 8, out);
  AppendLittleEndian(static_cast<uint64_t>(bits >> 64), 8, out);
}

Status Truncated() {
  return Status::Corruption("truncated row");
}

Status DecodeExtendedNumeric(std::string_view* input, Value* value) {
  if (input->empty()) return Truncated();
  const uint8_t kind = static_cast<uint8_t>(input->front());
  input->remove_prefix(1);
  switch (kind) {
    case kExtendedNaN: *value = Value::Decimal(Numeric::NaN()); return Status::OK();
    case kExtendedPosInfinity: *value = Value::Decimal(Numeric::PosInfinity()); return Status::OK();
    case kExtendedNegInfinity: *value = Value::Decimal(Numeric::NegInfinity()); return Status::OK();
    case kExtendedFinite:
    case kExtendedNegative: break;
    default: return Status::Corruption("bad numeric kind in row");
  }
  uint64_t scale, count;
  if (!ReadVarint(input, &scale) || !ReadVarint(input, &count)) return Truncated();
  if (input->size() < (count + 1) / 2) return Truncated();
  std::string digits(count, '0');
  for (size_t i = 0; i < count; ++i) {
    const int pair = static_cast<uint8_t>((*input)[i / 2]);
    digits[i] = static_cast<char>('0' + (i % 2 == 0 ? pair / 10 : pair % 10));
  }
  input->remove_prefix((count + 1) / 2);
  Result<Numeric> n =
      Numeric::FromDigits(kind == kExtendedNegative, digits, static_cast<int>(scale));
  if (!n.ok()) return Status::Corruption("bad numeric in row");
  *value = Value::Decimal(std::move(*n));
  return Status::OK();
}

Status DecodeNumeric(std::string_view* input, Value* value) {
  uint64_t header;
  if (!ReadVarint(input, &header)) return Truncated();
  if (UnZigZag(header >> 1) == kNumericExtended) return DecodeExtendedNumeric(input, value);
  int scale = static_cast<int>(UnZigZag(header >> 1));
  if (header & 1) {
    if (input->size() < 16) return Truncated();
    __extension__ using UInt128 = unsigned __int128;
    UInt128 bits = (static_cast<UInt128>(ReadLittleEndian(input->substr(8), 8)) << 64) |
                   ReadLittleEndian(*input, 8);
    input->remove_prefix(16);
    *value = Value::Decimal(Numeric(static_cast<Int128>(bits), scale));
    return Status::OK();
  }
  uint64_t zz;
  if (!ReadVarint(input, &zz)) return Truncated();
  *value = Value::Decimal(Numeric(UnZigZag(zz), scale));
  return Status::OK();
}

void AppendArray(const Value& v, const DataType& type, std::string* out);
void AppendComposite(const Value& v, const DataType& type, std::string* out);

void AppendValue(const Value& v, const DataType& type, std::string* out) {
  switch (type.id) {
    case TypeId::kBool: out->push_back(v.AsBool() ? 1 : 0); return;
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTime:
    case TypeId::kTimeTz:  // common/time_tz.h's packed int64
    case TypeId::kOid:
    case TypeId::kXid:
      AppendLittleEndian(static_cast<uint64_t>(v.AsInt()), FixedWidth(type.id), out);
      return;
    case TypeId::kInterval: {
      const Interval& span = v.AsInterval();
      AppendLittleEndian(static_cast<uint64_t>(span.micros), 8, out);
      AppendLittleEndian(static_cast<uint32_t>(span.days), 4, out);
      AppendLittleEndian(static_cast<uint32_t>(span.months), 4, out);
      return;
    }
    case TypeId::kFloat4: {
      float f = static_cast<float>(v.AsFloat());
      uint32_t bits;
      std::memcpy(&bits, &f, 4);
      AppendLittleEndian(bits, 4, out);
      return;
    }
    case TypeId::kFloat8: {
      double d = v.AsFloat();
      uint64_t bits;
      std::memcpy(&bits, &d, 8);
      AppendLittleEndian(bits, 8, out);
      return;
    }
    case TypeId::kNumeric: AppendNumeric(v.AsNumeric(), out); return;
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kUnknown:
    case TypeId::kBytea:
    case TypeId::kJson:
    case TypeId::kJsonb:
      AppendVarint(v.AsString().size(), out);
      out->append(v.AsString());
      return;
    case TypeId::kUuid:
    case TypeId::kEnum: out->append(v.AsString()); return;
    case TypeId::kVoid: return;  // no bytes, as PostgreSQL's void_send; no column has this type
    case TypeId::kComposite: AppendComposite(v, type, out); return;
    default: AppendArray(v, type, out); return;
  }
}

// Arrays: varint length of the rest, varint element count, then per
// element a byte 1 and its value, or a byte 0 for NULL. An array of more
// dimensions or other lower bounds starts with a count of 0 followed by
// more (an empty array has nothing after it): the dimension count, each
// dimension's length and zigzag lower bound, then the elements as above.
void AppendArray(const Value& v, const DataType& type, std::string* out) {
  // Not IsStorableType: CREATE TABLE [AS] refuses it.
  assert(IsStorableType(type.id) && type.IsArray());
  const DataType element = type.Element();
  std::string body;
  if (const ArrayShape* shape = v.Shape()) {
    AppendVarint(0, &body);
    AppendVarint(shape->dims.size(), &body);
    for (size_t d = 0; d < shape->dims.size(); ++d) {
      AppendVarint(static_cast<uint64_t>(shape->dims[d]), &body);
      AppendVarint(ZigZag(shape->lower_bounds[d]), &body);
    }
  }
  AppendVarint(v.AsArray().size(), &body);
  for (const Value& e : v.AsArray()) {
    body.push_back(e.is_null() ? 0 : 1);
    if (!e.is_null()) AppendValue(e, element, &body);
  }
  AppendVarint(body.size(), out);
  out->append(body);
}

// Composite values describe themselves, so rows decode without the
// catalog: varint length of the rest, varint field count, then per field
// its TypeId byte and a byte 1 and its value, or a byte 0 for NULL.
void AppendComposite(const Value& v, const DataType& type, std::string* out) {
  const std::vector<DataType>& fields = type.RecordFields();
  std::string body;
  AppendVarint(v.AsArray().size(), &body);
  for (size_t i = 0; i < fields.size(); ++i) {
    const Value& field = v.AsArray()[i];
    body.push_back(static_cast<char>(fields[i].id));
    body.push_back(field.is_null() ? 0 : 1);
    if (!field.is_null()) AppendValue(field, fields[i], &body);
  }
  AppendVarint(body.size(), out);
  out->append(body);
}

// Consumes a varint length and that many bytes (text and varchar values).
Status ReadLengthPrefixed(std::string_view* input, std::string_view* bytes) {
  uint64_t length;
  if (!ReadVarint(input, &length) || input->size() < length) return Truncated();
  *bytes = input->substr(0, length);
  input->remove_prefix(length);
  return Status::OK();
}

Status DecodeArray(std::string_view* input, TypeId id, Value* value);
Status DecodeComposite(std::string_view* input, Value* value);

Status DecodeValue(std::string_view* input, TypeId id, Value* value) {
  int width = FixedWidth(id);
  if (width > 0 && input->size() < static_cast<size_t>(width)) return Truncated();
  switch (id) {
    case TypeId::kBool: value->SetBool((*input)[0] != 0); break;
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTime:
    case TypeId::kTimeTz: {
      uint64_t bits = ReadLittleEndian(*input, width);
      if (width < 8) {
        uint64_t sign = uint64_t{1} << (8 * width - 1);
        bits = (bits ^ sign) - sign;  // sign-extend
      }
      value->SetInt(static_cast<int64_t>(bits));
      break;
    }
    case TypeId::kOid:
    case TypeId::kXid: value->SetInt(static_cast<int64_t>(ReadLittleEndian(*input, 4))); break;
    case TypeId::kInterval: {
      Interval span;
      span.micros = static_cast<int64_t>(ReadLittleEndian(*input, 8));
      span.days =
          static_cast<int32_t>(static_cast<uint32_t>(ReadLittleEndian(input->substr(8), 4)));
      span.months =
          static_cast<int32_t>(static_cast<uint32_t>(ReadLittleEndian(input->substr(12), 4)));
      *value = Value::Span(span);
      break;
    }
    case TypeId::kFloat4: {
      uint32_t bits = static_cast<uint32_t>(ReadLittleEndian(*input, 4));
      float f;
      std::memcpy(&f, &bits, 4);
      value->SetFloat(f);
      break;
    }
    case TypeId::kFloat8: {
      uint64_t bits = ReadLittleEndian(*input, 8);
      double d;
      std::memcpy(&d, &bits, 8);
      value->SetFloat(d);
      break;
    }
    case TypeId::kNumeric: return DecodeNumeric(input, value);
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kUnknown:
    case TypeId::kBytea:
    case TypeId::kJson:
    case TypeId::kJsonb: {
      std::string_view bytes;
      BASALT_RETURN_IF_ERROR(ReadLengthPrefixed(input, &bytes));
      value->SetString(bytes);
      return Status::OK();
    }
    case TypeId::kUuid:
    case TypeId::kEnum: value->SetString(input->substr(0, static_cast<size_t>(width))); break;
    case TypeId::kVoid: value->SetBool(false); return Status::OK();
    case TypeId::kComposite: return DecodeComposite(input, value);
    default: return DecodeArray(input, id, value);
  }
  input->remove_prefix(width);
  return Status::OK();
}

Status DecodeArray(std::string_view* input, TypeId id, Value* value) {
  const std::optional<TypeId> element = DataType::Of(id).ElementType();
  if (!element || !IsStorableType(id)) return Status::Corruption("an unstorable type in a row");
  std::string_view body;
  BASALT_RETURN_IF_ERROR(ReadLengthPrefixed(input, &body));
  uint64_t count;
  if (!ReadVarint(&body, &count) || count > body.size()) return Truncated();
  ArrayShape shape;
  if (count == 0 && !body.empty()) {
    uint64_t ndims;
    if (!ReadVarint(&body, &ndims) || ndims > body.size()) return Truncated();
    for (uint64_t d = 0; d < ndims; ++d) {
      uint64_t length, lower;
      if (!ReadVarint(&body, &length) || !ReadVarint(&body, &lower)) return Truncated();
      shape.dims.push_back(static_cast<int32_t>(length));
      shape.lower_bounds.push_back(static_cast<int32_t>(UnZigZag(lower)));
    }
    if (!ReadVarint(&body, &count) || count > body.size()) return Truncated();
  }
  std::vector<Value> elements(count);
  for (Value& e : elements) {
    if (body.empty()) return Truncated();
    const bool present = body[0] != 0;
    body.remove_prefix(1);
    if (present) BASALT_RETURN_IF_ERROR(DecodeValue(&body, *element, &e));
  }
  if (!body.empty()) return Status::Corruption("an array longer than its elements");
  *value = Value::ShapedArray(std::move(elements), std::move(shape));
  return Status::OK();
}

Status DecodeComposite(std::string_view* input, Value* value) {
  std::string_view body;
  BASALT_RETURN_IF_ERROR(ReadLengthPrefixed(input, &body));
  uint64_t count;
  if (!ReadVarint(&body, &count) || count > body.size()) return Truncated();
  std::vector<Value> fields(count);
  for (Value& field : fields) {
    if (body.size() < 2) return Truncated();
    const auto id = static_cast<TypeId>(static_cast<uint8_t>(body[0]));
    const bool present = body[1] != 0;
    body.remove_prefix(2);
    if (!IsStorableType(id)) return Status::Corruption("an unstorable type in a composite value");
    if (present) BASALT_RETURN_IF_ERROR(DecodeValue(&body, id, &field));
  }
  if (!body.empty()) return Status::Corruption("a composite value longer than its fields");
  *value = Value::Array(std::move(fields));
  return Status::OK();
}

// Steps over one non-NULL value without materializing it.
Status SkipValue(std::string_view* input, TypeId id) {
  const int width = FixedWidth(id);
  if (width > 0) {
    if (input->size() < static_cast<size_t>(width)) return Truncated();
    input->remove_prefix(static_cast<size_t>(width));
    return Status::OK();
  }
  switch (id) {
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kUnknown:
    case TypeId::kBytea:
    case TypeId::kJson:
    case TypeId::kJsonb: {
      std::string_view bytes;
      return ReadLengthPrefixed(input, &bytes);
    }
    default: {
      if (DataType::Of(id).IsArray() || id == TypeId::kComposite) {
        std::string_view bytes;
        return ReadLengthPrefixed(input, &bytes);
      }
      Value ignored;
      return DecodeValue(input, id, &ignored);
    }
  }
}

// The header of a row: checks the format version, returns the stored column
// count and the null bitmap, and leaves `input` at the first value.
Status ReadRowHeader(std::string_view* input, size_t table_columns, size_t* n,
                     std::string_view* bitmap) {
  if (input->empty()) return Truncated();
  if (static_cast<uint8_t>((*input)[0]) != kRowFormatVersion) {
    return Status::Corruption("unknown row format version " +
                              std::to_string(static_cast<uint8_t>((*input)[0])));
  }
  input->remove_prefix(1);
  uint64_t schema_version, count;
  if (!ReadVarint(input, &schema_version) || !ReadVarint(input, &count)) return Truncated();
  if (count > table_columns) {
    return Status::Corruption("row has " + std::to_string(count) + " columns, table has " +
                              std::to_string(table_columns));
  }
  const size_t bitmap_bytes = (count + 7) / 8;
  if (input->size() < bitmap_bytes) return Truncated();
  *bitmap = input->substr(0, bitmap_bytes);
  input->remove_prefix(bitmap_bytes);
  *n = count;
  return Status::OK();
}

}  // namespace

void EncodeRow(const Row& row, const std::vector<DataType>& types, uint32_t schema_version,
               std::string* out) {
  assert(row.size() == types.size());
  out->clear();
  out->push_back(static_cast<char>(kRowFormatVersion));
  AppendVarint(schema_version, out);
  size_t n = types.size();
  AppendVarint(n, out);
  size_t bitmap_at = out->size();
  out->append((n + 7) / 8, '\0');
  for (size_t i = 0; i < n; ++i) {
    if (row[i].is_null()) {
      (*out)[bitmap_at + i / 8] = static_cast<char>((*out)[bitmap_at + i / 8] | (1 << (i % 8)));
      continue;
    }
    AppendValue(row[i], types[i], out);
  }
}

Status DecodeRow(std::string_view input, const std::vector<DataType>& types, Row* row) {
  if (input.empty()) return Truncated();
  if (static_cast<uint8_t>(input[0]) != kRowFormatVersion) {
    return Status::Corruption("unknown row format version " +
                              std::to_string(static_cast<uint8_t>(input[0])));
  }
  input.remove_prefix(1);
  uint64_t schema_version, n;
  if (!ReadVarint(&input, &schema_version) || !ReadVarint(&input, &n)) return Truncated();
  if (n > types.size()) {
    return Status::Corruption("row has " + std::to_string(n) + " columns, table has " +
                              std::to_string(types.size()));
  }
  size_t bitmap_bytes = (n + 7) / 8;
  if (input.size() < bitmap_bytes) return Truncated();
  std::string_view bitmap = input.substr(0, bitmap_bytes);
  input.remove_prefix(bitmap_bytes);
  row->clear();
  row->resize(types.size());  // columns added after this row was written stay NULL
  for (size_t i = 0; i < n; ++i) {
    if (static_cast<uint8_t>(bitmap[i / 8]) & (1 << (i % 8))) continue;
    BASALT_RETURN_IF_ERROR(DecodeValue(&input, types[i].id, &(*row)[i]));
  }
  if (!input.empty()) return Status::Corruption("trailing bytes after row");
  return Status::OK();
}

Result<uint32_t> RowSchemaVersion(std::string_view input) {
  if (input.empty() || static_cast<uint8_t>(input[0]) != kRowFormatVersion) {
    return Status::Corruption("unknown row format version");
  }
  input.remove_prefix(1);
  uint64_t schema_version;
  if (!ReadVarint(&input, &schema_version)) return Truncated();
  return static_cast<uint32_t>(schema_version);
}

Result<size_t> RowColumnCount(std::string_view input) {
  if (input.empty() || static_cast<uint8_t>(input[0]) != kRowFormatVersion) {
    return Status::Corruption("unknown row format version");
  }
  input.remove_prefix(1);
  uint64_t schema_version, count;
  if (!ReadVarint(&input, &schema_version) || !ReadVarint(&input, &count)) return Truncated();
  return static_cast<size_t>(count);
}

Status DecodeColumns(std::string_view input, const std::vector<DataType>& types,
                     const std::vector<bool>& columns, Row* row) {
  // A scan's row may hold more (its row key after the columns).
  assert(row->size() >= types.size() && columns.size() == types.size());
  size_t n = 0;
  std::string_view bitmap;
  BASALT_RETURN_IF_ERROR(ReadRowHeader(&input, types.size(), &n, &bitmap));
  // Values are stored in column order: stop after the last wanted one.
  size_t last = types.size();
  while (last > 0 && !columns[last - 1]) --last;
  for (size_t i = 0; i < last; ++i) {
    const bool null = i >= n || (static_cast<uint8_t>(bitmap[i / 8]) & (1 << (i % 8))) != 0;
    if (!columns[i]) {
      if (!null) BASALT_RETURN_IF_ERROR(SkipValue(&input, types[i].id));
      continue;
    }
    if (null) {
      (*row)[i].SetNull();
      continue;
    }
    BASALT_RETURN_IF_ERROR(DecodeValue(&input, types[i].id, &(*row)[i]));
  }
  return Status::OK();
}

}  // namespace basalt::storage
