#include "storage/row_codec.h"

#include <catch2/catch.hpp>
#include <limits>
#include <string>

namespace basalt::storage {
namespace {

std::vector<DataType> AllTypes() {
  return {
      DataType::Of(TypeId::kBool), DataType::Of(TypeId::kInt2),     DataType::Of(TypeId::kInt4),
      DataType::Of(TypeId::kInt8), DataType::Of(TypeId::kFloat4),   DataType::Of(TypeId::kFloat8),
      DataType::Numeric(38, 2),    DataType::Of(TypeId::kText),     DataType::Varchar(10),
      DataType::Of(TypeId::kDate), DataType::Of(TypeId::kTimestamp)};
}

Int128 Pow10(int n) {
  Int128 v = 1;
  while (n-- > 0) v *= 10;
  return v;
}

void RequireSameRow(const Row& a, const Row& b, const std::vector<DataType>& types) {
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    INFO("column " << i);
    REQUIRE(a[i].is_null() == b[i].is_null());
    if (a[i].is_null()) continue;
    switch (types[i].id) {
      case TypeId::kBool: REQUIRE(a[i].AsBool() == b[i].AsBool()); break;
      case TypeId::kFloat4:
      case TypeId::kFloat8: REQUIRE(a[i].AsFloat() == b[i].AsFloat()); break;
      case TypeId::kNumeric:
        REQUIRE(a[i].AsNumeric().ToString() == b[i].AsNumeric().ToString());
        break;
      case TypeId::kText:
      case TypeId::kVarchar: REQUIRE(a[i].AsString() == b[i].AsString()); break;
      default: REQUIRE(a[i].AsInt() == b[i].AsInt());
    }
  }
}

TEST_CASE("rows of every type round-trip, extremes included", "[row_codec]") {
  std::vector<DataType> types = AllTypes();
  std::vector<Row> rows = {
      {Value::Bool(true), Value::Int(-32768), Value::Int(std::numeric_limits<int32_t>::min()),
       Value::Int(std::numeric_limits<int64_t>::min()), Value::Float(1.5f), Value::Float(-2.25e300),
       Value::Decimal(Numeric(-12345, 2)), Value::String("hello"), Value::String(""),
       Value::Int(-730000), Value::Int(std::numeric_limits<int64_t>::max())},
      {Value::Bool(false), Value::Int(32767), Value::Int(std::numeric_limits<int32_t>::max()),
       Value::Int(std::numeric_limits<int64_t>::max()), Value::Float(-0.0), Value::Float(0.1),
       // 38 digits: does not fit 64 bits, takes the wide form.
       Value::Decimal(Numeric(Pow10(38) - 1, 2)), Value::String(std::string("a\0b", 3)),
       Value::String(std::string(300, 'x')), Value::Int(0), Value::Int(-1)},
      {Value::Null(), Value::Null(), Value::Null(), Value::Null(), Value::Null(), Value::Null(),
       Value::Decimal(Numeric(-Pow10(37), 0)), Value::Null(), Value::Null(), Value::Null(),
       Value::Null()},
  };
  for (const Row& row : rows) {
    std::string bytes;
    EncodeRow(row, types, 3, &bytes);
    Row decoded;
    REQUIRE(DecodeRow(bytes, types, &decoded).ok());
    RequireSameRow(row, decoded, types);
    REQUIRE(RowSchemaVersion(bytes).value() == 3);
  }
}

TEST_CASE("numerics past 38 digits, NaN and infinities round-trip", "[row_codec]") {
  const std::vector<DataType> types = {DataType::Of(TypeId::kNumeric)};
  for (const std::string& text :
       {std::string("NaN"), std::string("Infinity"), std::string("-Infinity"),
        std::string("123456789012345678901234567890123456789"),
        std::string("-0.") + std::string(50, '0') + "1", std::string("1e-16383"),
        std::string("0.") + std::string(40, '0'), std::string(1001, '7') + ".25",
        std::string("1e131071")}) {
    Result<Numeric> n = Numeric::Parse(text);
    REQUIRE(n.ok());
    const Row row = {Value::Decimal(*n)};
    std::string bytes;
    EncodeRow(row, types, 1, &bytes);
    Row decoded;
    REQUIRE(DecodeRow(bytes, types, &decoded).ok());
    RequireSameRow(row, decoded, types);
  }
}

TEST_CASE("rows written before big numerics read the same", "[row_codec]") {
  // Bytes of the inline form, frozen in docs/formats/row_format.md:
  // -123.45 is header zigzag(2) << 1 = 0x08 then zigzag(-12345) as a varint.
  const std::vector<DataType> types = {DataType::Of(TypeId::kNumeric)};
  std::string bytes;
  EncodeRow({Value::Decimal(Numeric(-12345, 2))}, types, 1, &bytes);
  REQUIRE(bytes.size() >= 4);
  REQUIRE(bytes.substr(bytes.size() - 4) == std::string("\x08\xf1\xc0\x01", 4));
  Row decoded;
  REQUIRE(DecodeRow(bytes, types, &decoded).ok());
  REQUIRE(decoded[0].AsNumeric().ToString() == "-123.45");
  REQUIRE(decoded[0].AsNumeric().is_inline());
}

TEST_CASE("oid, xid and timestamptz columns round-trip", "[row_codec]") {
  std::vector<DataType> types = {DataType::Of(TypeId::kOid), DataType::Of(TypeId::kXid),
                                 DataType::Of(TypeId::kTimestampTz)};
  std::vector<Row> rows = {
      {Value::Int(4294967295), Value::Int(2147483648), Value::Int(INT64_MIN)},
      {Value::Int(0), Value::Int(1), Value::Int(INT64_MAX)},
      {Value::Null(), Value::Int(16384), Value::Null()},
  };
  for (const Row& row : rows) {
    std::string bytes;
    EncodeRow(row, types, 1, &bytes);
    Row decoded;
    REQUIRE(DecodeRow(bytes, types, &decoded).ok());
    RequireSameRow(row, decoded, types);
  }
}

TEST_CASE("uuid and bytea columns round-trip, any byte included", "[row_codec]") {
  const std::vector<DataType> types = {DataType::Of(TypeId::kUuid), DataType::Of(TypeId::kBytea),
                                       DataType::Of(TypeId::kInt4)};
  std::string every_byte;
  for (int b = 0; b < 256; ++b) every_byte.push_back(static_cast<char>(b));
  const std::vector<Row> rows = {
      {Value::String(std::string(16, '\0')), Value::String(every_byte), Value::Int(1)},
      {Value::String(std::string(16, '\xff')), Value::String(""), Value::Int(2)},
      {Value::Null(), Value::String(std::string("\0\0", 2)), Value::Null()},
  };
  for (const Row& row : rows) {
    std::string bytes;
    EncodeRow(row, types, 1, &bytes);
    Row decoded;
    REQUIRE(DecodeRow(bytes, types, &decoded).ok());
    REQUIRE(decoded.size() == 3);
    REQUIRE(decoded[0].is_null() == row[0].is_null());
    if (!row[0].is_null()) REQUIRE(decoded[0].AsString() == row[0].AsString());
    REQUIRE(decoded[1].AsString() == row[1].AsString());
    REQUIRE(decoded[2].is_null() == row[2].is_null());
    // Only the third column wanted: the uuid and bytea are stepped over.
    Row third(3);
    REQUIRE(DecodeColumns(bytes, types, {false, false, true}, &third).ok());
    if (!row[2].is_null()) REQUIRE(third[2].AsInt() == row[2].AsInt());
  }
  // The layout of docs/formats/row_format.md: a uuid is its 16 bytes, a
  // bytea a varint length and its bytes.
  std::string bytes;
  EncodeRow({Value::String("0123456789abcdef"), Value::String("xyz"), Value::Int(5)}, types, 1,
            &bytes);
  REQUIRE(bytes.substr(bytes.size() - 4 - 4 - 16, 16 + 4) == "0123456789abcdef\x03xyz");
}

TEST_CASE("json and jsonb columns are length-prefixed bytes", "[row_codec]") {
  const std::vector<DataType> types = {DataType::Of(TypeId::kJson), DataType::Of(TypeId::kJsonb),
                                       DataType::Of(TypeId::kInt4)};
  const std::string jsonb = {1, 5, 0};  // docs/formats/jsonb.md: []
  const Row row = {Value::String(R"( {"a" : 1} )"), Value::String(jsonb), Value::Int(7)};
  std::string bytes;
  EncodeRow(row, types, 1, &bytes);
  Row decoded;
  REQUIRE(DecodeRow(bytes, types, &decoded).ok());
  CHECK(decoded[0].AsString() == row[0].AsString());
  CHECK(decoded[1].AsString() == jsonb);
  CHECK(decoded[2].AsInt() == 7);
  Row third(3);
  REQUIRE(DecodeColumns(bytes, types, {false, false, true}, &third).ok());
  CHECK(third[2].AsInt() == 7);
}

TEST_CASE("array columns round-trip with NULL elements, empty, and are skipped", "[row_codec]") {
  const std::vector<DataType> types = {
      DataType::Of(TypeId::kInt8Array), DataType{TypeId::kNumericArray, -1},
      DataType::Of(TypeId::kTextArray), DataType::Of(TypeId::kInt4)};
  const Row row = {
      Value::Array({Value::Int(std::numeric_limits<int64_t>::min()), Value::Null(), Value::Int(7)}),
      Value::Array({}),
      Value::Array({Value::String(""), Value::Null(), Value::String("a longer string value")}),
      Value::Int(42)};
  std::string bytes;
  EncodeRow(row, types, 1, &bytes);
  Row decoded;
  REQUIRE(DecodeRow(bytes, types, &decoded).ok());
  REQUIRE(decoded[0].AsArray().size() == 3);
  CHECK(decoded[0].AsArray()[0].AsInt() == std::numeric_limits<int64_t>::min());
  CHECK(decoded[0].AsArray()[1].is_null());
  CHECK(decoded[0].AsArray()[2].AsInt() == 7);
  CHECK(decoded[1].AsArray().empty());
  REQUIRE(decoded[2].AsArray().size() == 3);
  CHECK(decoded[2].AsArray()[0].AsString().empty());
  CHECK(decoded[2].AsArray()[1].is_null());
  CHECK(decoded[2].AsArray()[2].AsString() == "a longer string value");
  Row last(4);
  REQUIRE(DecodeColumns(bytes, types, {false, false, false, true}, &last).ok());
  CHECK(last[3].AsInt() == 42);
  // Cut anywhere, the row fails to decode instead of reading past its end.
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    REQUIRE_FALSE(DecodeRow(std::string_view(bytes).substr(0, cut), types, &decoded).ok());
  }
}

TEST_CASE("NULLs cost a bit, not a value", "[row_codec]") {
  std::vector<DataType> types(20, DataType::Of(TypeId::kInt8));
  Row all_null(20);
  std::string bytes;
  EncodeRow(all_null, types, 1, &bytes);
  // version, schema version, column count, 3 bitmap bytes
  REQUIRE(bytes.size() == 6);
  Row decoded;
  REQUIRE(DecodeRow(bytes, types, &decoded).ok());
  for (const Value& v : decoded) REQUIRE(v.is_null());
}

TEST_CASE("a row written before ADD COLUMN reads the new columns as NULL", "[row_codec]") {
  std::vector<DataType> old_types = {DataType::Of(TypeId::kInt4), DataType::Of(TypeId::kText)};
  std::string bytes;
  EncodeRow({Value::Int(7), Value::String("x")}, old_types, 1, &bytes);
  std::vector<DataType> new_types = old_types;
  new_types.push_back(DataType::Of(TypeId::kFloat8));
  new_types.push_back(DataType::Of(TypeId::kBool));
  Row row;
  REQUIRE(DecodeRow(bytes, new_types, &row).ok());
  REQUIRE(row.size() == 4);
  REQUIRE(row[0].AsInt() == 7);
  REQUIRE(row[1].AsString() == "x");
  REQUIRE(row[2].is_null());
  REQUIRE(row[3].is_null());
}

TEST_CASE("damaged rows fail with XX001 instead of reading garbage", "[row_codec]") {
  std::vector<DataType> types = {DataType::Of(TypeId::kInt8), DataType::Of(TypeId::kText)};
  std::string bytes;
  EncodeRow({Value::Int(1), Value::String("abcdef")}, types, 1, &bytes);
  Row row;
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    Status s = DecodeRow(std::string_view(bytes).substr(0, cut), types, &row);
    REQUIRE_FALSE(s.ok());
    REQUIRE(s.code() == sqlstate::kDataCorrupted);
  }
  std::string bad_version = bytes;
  bad_version[0] = 9;
  REQUIRE(DecodeRow(bad_version, types, &row).code() == sqlstate::kDataCorrupted);
  // More stored columns than the table has.
  REQUIRE_FALSE(DecodeRow(bytes, {DataType::Of(TypeId::kInt8)}, &row).ok());
}

TEST_CASE("DecodeColumns fills only the wanted columns and skips the rest", "[row_codec]") {
  const std::vector<DataType> types = AllTypes();
  Row row = {Value::Bool(true),
             Value::Int(-7),
             Value::Null(),
             Value::Int(1LL << 40),
             Value::Float(1.5),
             Value::Float(-2.25),
             Value::Decimal(Numeric(12345, 2)),
             Value::String("a text long enough to leave the small-string buffer"),
             Value::String("short"),
             Value::Int(-3),
             Value::Int(86'400'000'000LL)};
  std::string bytes;
  EncodeRow(row, types, 1, &bytes);
  for (size_t wanted = 0; wanted < types.size(); ++wanted) {
    INFO("column " << wanted);
    std::vector<bool> columns(types.size(), false);
    columns[wanted] = true;
    Row out(types.size(), Value::Int(99));  // stale values must survive
    REQUIRE(DecodeColumns(bytes, types, columns, &out).ok());
    for (size_t i = 0; i < types.size(); ++i) {
      if (i == wanted) continue;
      REQUIRE(!out[i].is_null());
      REQUIRE(out[i].AsInt() == 99);
    }
    RequireSameRow({out[wanted]}, {row[wanted]}, {types[wanted]});
  }
  // A row written before ADD COLUMN: the new column reads as NULL.
  std::vector<DataType> wider = types;
  wider.push_back(DataType::Of(TypeId::kInt4));
  Row out(wider.size(), Value::Int(99));
  std::vector<bool> last(wider.size(), false);
  last.back() = true;
  REQUIRE(DecodeColumns(bytes, wider, last, &out).ok());
  REQUIRE(out.back().is_null());
  Row all(types.size());
  const std::vector<bool> every(types.size(), true);
  REQUIRE(!DecodeColumns(bytes.substr(0, bytes.size() - 3), types, every, &all).ok());
}

}  // namespace
}  // namespace basalt::storage
