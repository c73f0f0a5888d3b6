#include "storage/key_codec.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <random>

#include "common/json_parse.h"
#include "common/jsonb.h"
#include "common/time_of_day.h"
#include "common/time_tz.h"

namespace basalt::storage {
namespace {

std::string Encode(const Value& v, const DataType& type) {
  std::string key;
  AppendKeyValue(v, type, &key);
  return key;
}

Value RoundTrip(const Value& v, const DataType& type) {
  std::string key = Encode(v, type);
  std::string_view input = key;
  Value out;
  REQUIRE(DecodeKeyValue(&input, type, &out).ok());
  REQUIRE(input.empty());
  return out;
}

// Sorting by encoded bytes must give the same order as sorting by value,
// with NULL after everything.
template <typename Less>
void CheckOrder(std::vector<Value> values, const DataType& type, Less less) {
  values.push_back(Value::Null());
  std::vector<std::pair<std::string, size_t>> encoded;
  for (size_t i = 0; i < values.size(); ++i) encoded.emplace_back(Encode(values[i], type), i);
  std::sort(encoded.begin(), encoded.end());
  for (size_t i = 1; i < encoded.size(); ++i) {
    const Value& a = values[encoded[i - 1].second];
    const Value& b = values[encoded[i].second];
    INFO("position " << i);
    REQUIRE_FALSE(a.is_null());  // NULL sorts last
    if (b.is_null()) continue;
    // a <= b in value order, and equal bytes iff equal values.
    REQUIRE_FALSE(less(b, a));
    if (encoded[i - 1].first == encoded[i].first) REQUIRE_FALSE(less(a, b));
  }
}

TEST_CASE("jsonb keys follow jsonb's order, equal values equal bytes", "[key_codec]") {
  const DataType jsonb = DataType::Of(TypeId::kJsonb);
  auto value = [](std::string_view text) {
    Result<JsonbValue> v = ParseJsonb(text);
    REQUIRE(v.ok());
    return Value::String(EncodeJsonb(*v));
  };
  // Ascending, as PostgreSQL 15 sorts them: an empty array below every
  // scalar (a scalar is a one-element array), objects keyed by length first.
  const std::vector<std::string_view> sorted = {"[]",
                                                "null",
                                                R"("")",
                                                R"("a")",
                                                R"("b")",
                                                "-10",
                                                "-2.5",
                                                "0",
                                                "1",
                                                "1e3",
                                                "false",
                                                "true",
                                                "[1]",
                                                R"(["a", 2])",
                                                "[1, 2]",
                                                "{}",
                                                R"({"aa": 0})",
                                                R"({"b": 1})",
                                                R"({"a": 1, "b": 2})"};
  for (size_t i = 1; i < sorted.size(); ++i) {
    INFO(sorted[i - 1] << " < " << sorted[i]);
    CHECK(Encode(value(sorted[i - 1]), jsonb) < Encode(value(sorted[i]), jsonb));
  }
  CHECK(Encode(value("[1.0, {\"a\": 2.50}]"), jsonb) == Encode(value("[1, {\"a\": 2.5}]"), jsonb));
  CHECK(Encode(Value::Null(), jsonb) > Encode(value(R"({"z": 1})"), jsonb));
}

TEST_CASE("integers keep order and round-trip", "[key_codec]") {
  std::mt19937_64 rng(42);
  struct Case {
    TypeId id;
    int64_t min, max;
  };
  for (Case c :
       {Case{TypeId::kInt2, INT16_MIN, INT16_MAX}, Case{TypeId::kInt4, INT32_MIN, INT32_MAX},
        Case{TypeId::kInt8, INT64_MIN, INT64_MAX}, Case{TypeId::kDate, -1000000, 1000000},
        Case{TypeId::kTimestamp, INT64_MIN, INT64_MAX},
        Case{TypeId::kTimestampTz, INT64_MIN, INT64_MAX}}) {
    DataType type = DataType::Of(c.id);
    std::uniform_int_distribution<int64_t> dist(c.min, c.max);
    std::vector<Value> values = {Value::Int(c.min), Value::Int(c.max), Value::Int(0),
                                 Value::Int(-1), Value::Int(1)};
    for (int i = 0; i < 500; ++i) values.push_back(Value::Int(dist(rng)));
    CheckOrder(values, type, [](const Value& a, const Value& b) { return a.AsInt() < b.AsInt(); });
    for (const Value& v : values) REQUIRE(RoundTrip(v, type).AsInt() == v.AsInt());
  }
}

TEST_CASE("timetz keeps timetz_cmp's order and round-trips", "[key_codec]") {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int64_t> micros(0, kMicrosPerTimeDay);
  // Offsets on whole hours collide often, so equal instants in different
  // zones are tested too.
  std::uniform_int_distribution<int32_t> hours(-15, 15);
  const DataType type = DataType::Of(TypeId::kTimeTz);
  std::vector<Value> values = {Value::Int(PackTimeTz({0, 0})),
                               Value::Int(PackTimeTz({kMicrosPerTimeDay, -57599})),
                               Value::Int(PackTimeTz({0, 57599}))};
  for (int i = 0; i < 500; ++i) {
    const int64_t t = micros(rng) / 3'600'000'000 * 3'600'000'000;  // whole hours
    values.push_back(Value::Int(PackTimeTz({t, hours(rng) * 3600})));
  }
  CheckOrder(values, type, [](const Value& a, const Value& b) {
    return CompareTimeTz(a.AsInt(), b.AsInt()) < 0;
  });
  for (const Value& v : values) REQUIRE(RoundTrip(v, type).AsInt() == v.AsInt());
}

TEST_CASE("oid and xid keep unsigned order and round-trip", "[key_codec]") {
  for (TypeId id : {TypeId::kOid, TypeId::kXid}) {
    DataType type = DataType::Of(id);
    std::vector<Value> values = {Value::Int(0),          Value::Int(1),
                                 Value::Int(16384),      Value::Int(2147483647),
                                 Value::Int(2147483648), Value::Int(4294967295)};
    CheckOrder(values, type, [](const Value& a, const Value& b) { return a.AsInt() < b.AsInt(); });
    for (const Value& v : values) REQUIRE(RoundTrip(v, type).AsInt() == v.AsInt());
    CHECK(Encode(Value::Int(16384), type).size() == 5);  // marker + 4 bytes
  }
}

TEST_CASE("floats keep order: -inf < negatives < 0 == -0 < positives < inf < NaN", "[key_codec]") {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> dist(-1e12, 1e12);
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (TypeId id : {TypeId::kFloat4, TypeId::kFloat8}) {
    // PostgreSQL: NaN equals NaN and is greater than everything else; a
    // float4 column holds the value rounded to float.
    auto less = [id](const Value& a, const Value& b) {
      double x = a.AsFloat(), y = b.AsFloat();
      if (id == TypeId::kFloat4) x = static_cast<float>(x), y = static_cast<float>(y);
      if (std::isnan(x)) return false;
      if (std::isnan(y)) return true;
      return x < y;
    };
    DataType type = DataType::Of(id);
    std::vector<Value> values = {Value::Float(-inf),   Value::Float(inf),    Value::Float(nan),
                                 Value::Float(-nan),   Value::Float(0.0),    Value::Float(-0.0),
                                 Value::Float(1e-300), Value::Float(-1e-300)};
    for (int i = 0; i < 500; ++i) {
      double d = dist(rng);
      values.push_back(Value::Float(id == TypeId::kFloat4 ? static_cast<float>(d) : d));
    }
    CheckOrder(values, type, less);
    REQUIRE(Encode(Value::Float(0.0), type) == Encode(Value::Float(-0.0), type));
    REQUIRE(Encode(Value::Float(nan), type) == Encode(Value::Float(-nan), type));
    REQUIRE(Encode(Value::Float(inf), type) < Encode(Value::Float(nan), type));
    REQUIRE(RoundTrip(Value::Float(1.5), type).AsFloat() == 1.5);
    REQUIRE(RoundTrip(Value::Float(-inf), type).AsFloat() == -inf);
    REQUIRE(std::isnan(RoundTrip(Value::Float(nan), type).AsFloat()));
  }
}

Int128 Pow10(int n) {
  Int128 p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

// Compares numerics exactly without relying on Numeric::Compare: integer
// parts first, then the fractions at a common scale. Scaling the whole
// unscaled value instead would overflow Int128 for 9e37 against 1e-38.
int CompareNumeric(const Numeric& a, const Numeric& b) {
  const Int128 pa = Pow10(a.scale()), pb = Pow10(b.scale());
  const Int128 ia = a.unscaled() / pa, ib = b.unscaled() / pb;
  if (ia != ib) return ia < ib ? -1 : 1;
  // |fraction| < 10^scale <= 10^38, so the scaled fractions fit.
  const int s = std::max(a.scale(), b.scale());
  const Int128 fa = (a.unscaled() % pa) * Pow10(s - a.scale());
  const Int128 fb = (b.unscaled() % pb) * Pow10(s - b.scale());
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

TEST_CASE("numerics keep numeric order and equal values encode equally", "[key_codec]") {
  DataType type = DataType::Of(TypeId::kNumeric);
  std::mt19937_64 rng(3);
  std::uniform_int_distribution<int64_t> unscaled(-1000000000, 1000000000);
  std::uniform_int_distribution<int> scale(0, 12);
  std::vector<Value> values;
  for (int i = 0; i < 600; ++i)
    values.push_back(Value::Decimal(Numeric(unscaled(rng), scale(rng))));
  Int128 big = 1;
  for (int i = 0; i < 37; ++i) big *= 10;
  for (Numeric n :
       {Numeric(0, 0),    Numeric(0, 5),       Numeric(1, 0),  Numeric(10, 1),  Numeric(100, 2),
        Numeric(-1, 0),   Numeric(-10, 1),     Numeric(1, 38), Numeric(-1, 38), Numeric(big, 0),
        Numeric(-big, 0), Numeric(big * 9, 0), Numeric(5, 0),  Numeric(50, 0),  Numeric(500, 0),
        Numeric(-5, 0),   Numeric(-50, 0),     Numeric(15, 1), Numeric(105, 2), Numeric(-15, 1),
        Numeric(-105, 2)}) {
    values.push_back(Value::Decimal(n));
  }
  auto less = [](const Value& a, const Value& b) {
    return CompareNumeric(a.AsNumeric(), b.AsNumeric()) < 0;
  };
  CheckOrder(values, type, less);
  // 1.0 and 1.00 (and 1) are one key; 1.5 and 1.50 too.
  REQUIRE(Encode(Value::Decimal(Numeric(10, 1)), type) ==
          Encode(Value::Decimal(Numeric(100, 2)), type));
  REQUIRE(Encode(Value::Decimal(Numeric(1, 0)), type) ==
          Encode(Value::Decimal(Numeric(10, 1)), type));
  REQUIRE(Encode(Value::Decimal(Numeric(0, 0)), type) ==
          Encode(Value::Decimal(Numeric(0, 3)), type));
  // Distinct values never share a key.
  for (size_t i = 0; i + 1 < values.size(); ++i) {
    bool equal = CompareNumeric(values[i].AsNumeric(), values[i + 1].AsNumeric()) == 0;
    REQUIRE((Encode(values[i], type) == Encode(values[i + 1], type)) == equal);
  }
  // Decoding gives the normalized value: 1.50 -> 1.5, 100 stays 100.
  Numeric d = RoundTrip(Value::Decimal(Numeric(150, 2)), type).AsNumeric();
  REQUIRE(d.unscaled() == 15);
  REQUIRE(d.scale() == 1);
  d = RoundTrip(Value::Decimal(Numeric(100, 0)), type).AsNumeric();
  REQUIRE(d.unscaled() == 100);
  REQUIRE(d.scale() == 0);
  for (const Value& v : values) {
    REQUIRE(CompareNumeric(RoundTrip(v, type).AsNumeric(), v.AsNumeric()) == 0);
  }
}

Numeric ParseNumeric(const std::string& text) {
  Result<Numeric> n = Numeric::Parse(text);
  REQUIRE(n.ok());
  return *n;
}

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

TEST_CASE("numerics of any size, NaN and infinities sort as PostgreSQL", "[key_codec]") {
  DataType type = DataType::Of(TypeId::kNumeric);
  // Ascending, PostgreSQL's btree order: NaN last, above Infinity.
  const std::vector<std::string> ascending = {"-Infinity",
                                              "-1e131071",
                                              "-" + std::string(40000, '9'),
                                              "-1e32511",
                                              "-1e200",
                                              "-99999999999999999999999999999999999999.5",
                                              "-1",
                                              "-1e-16383",
                                              "0",
                                              "1e-16383",
                                              "0.000000000000000000000000000000000000000012",
                                              "1",
                                              "1.0000000000000000000000000000000000000000001",
                                              "123456789012345678901234567890123456789",
                                              "1e200",
                                              "1e32510",
                                              "1e32511",
                                              "1e32512",
                                              std::string(40000, '9'),
                                              "1e131071",
                                              "Infinity",
                                              "NaN"};
  std::vector<std::string> keys;
  for (const std::string& text : ascending) {
    const Value v = Value::Decimal(ParseNumeric(text));
    keys.push_back(Encode(v, type));
    const Value back = RoundTrip(v, type);
    INFO(text.substr(0, 50));
    REQUIRE(back.AsNumeric().Compare(v.AsNumeric()) == 0);
    REQUIRE(back.AsNumeric().kind() == v.AsNumeric().kind());
  }
  for (size_t i = 1; i < keys.size(); ++i) {
    INFO(ascending[i].substr(0, 50));
    REQUIRE(keys[i - 1] < keys[i]);
  }
  // Equal values, one key, whatever their scale or form.
  REQUIRE(Encode(Value::Decimal(ParseNumeric("1e50")), type) ==
          Encode(Value::Decimal(
                     ParseNumeric("100000000000000000000000000000000000000000000000000.000")),
                 type));
  REQUIRE(Encode(Value::Decimal(ParseNumeric("nan")), type) ==
          Encode(Value::Decimal(Numeric::NaN()), type));
  // The 38-digit form's bytes are unchanged (docs/formats/key_codec.md).
  REQUIRE(Hex(Encode(Value::Decimal(Numeric(125, 1)), type)) == "010280020d3300");
  REQUIRE(Hex(Encode(Value::Decimal(Numeric(-125, 1)), type)) == "01007ffdf2ccff");
  REQUIRE(Hex(Encode(Value::Decimal(Numeric::NegInfinity()), type)) == "01000000");
  REQUIRE(Hex(Encode(Value::Decimal(Numeric::PosInfinity()), type)) == "0103");
  REQUIRE(Hex(Encode(Value::Decimal(Numeric::NaN()), type)) == "0104");
}

TEST_CASE("strings sort bytewise, prefixes first, embedded zero bytes survive", "[key_codec]") {
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<int> len(0, 6);
  std::uniform_int_distribution<int> byte(0, 3);  // few distinct bytes: many shared prefixes
  std::vector<Value> values = {Value::String(""),
                               Value::String(std::string(1, '\0')),
                               Value::String(std::string("a\0b", 3)),
                               Value::String("a"),
                               Value::String("ab"),
                               Value::String("\xff"),
                               Value::String("é")};
  for (int i = 0; i < 500; ++i) {
    std::string s;
    for (int j = len(rng); j > 0; --j)
      s.push_back(static_cast<char>(byte(rng) == 3 ? 0xff : byte(rng)));
    values.push_back(Value::String(s));
  }
  auto less = [](const Value& a, const Value& b) {
    return std::lexicographical_compare(
        a.AsString().begin(), a.AsString().end(), b.AsString().begin(), b.AsString().end(),
        [](char x, char y) { return static_cast<uint8_t>(x) < static_cast<uint8_t>(y); });
  };
  // bytea sorts as byteacmp: memcmp, then the shorter first.
  for (TypeId id : {TypeId::kText, TypeId::kVarchar, TypeId::kBytea}) {
    CheckOrder(values, DataType::Of(id), less);
    for (const Value& v : values)
      REQUIRE(RoundTrip(v, DataType::Of(id)).AsString() == v.AsString());
  }
}

TEST_CASE("uuids sort as their 16 bytes unsigned and take 16 bytes", "[key_codec]") {
  std::mt19937_64 rng(23);
  std::uniform_int_distribution<int> byte(0, 255);
  std::vector<Value> values = {Value::String(std::string(16, '\0')),
                               Value::String(std::string(16, '\xff')),
                               Value::String(std::string(15, '\0') + "\x80"),
                               Value::String("\x7f" + std::string(15, '\xff'))};
  for (int i = 0; i < 300; ++i) {
    std::string s;
    for (int j = 0; j < 16; ++j) s.push_back(static_cast<char>(byte(rng) % 3 == 0 ? 0 : byte(rng)));
    values.push_back(Value::String(s));
  }
  auto less = [](const Value& a, const Value& b) {
    return std::memcmp(a.AsString().data(), b.AsString().data(), 16) < 0;
  };
  const DataType type = DataType::Of(TypeId::kUuid);
  CheckOrder(values, type, less);
  for (const Value& v : values) {
    REQUIRE(Encode(v, type).size() == 17);  // the NULL marker and the bytes
    REQUIRE(RoundTrip(v, type).AsString() == v.AsString());
  }
  std::string cut = Encode(values[0], type);
  cut.pop_back();
  std::string_view in = cut;
  Value v;
  REQUIRE_FALSE(DecodeKeyValue(&in, type, &v).ok());
}

TEST_CASE("booleans: false < true < NULL", "[key_codec]") {
  DataType type = DataType::Of(TypeId::kBool);
  REQUIRE(Encode(Value::Bool(false), type) < Encode(Value::Bool(true), type));
  REQUIRE(Encode(Value::Bool(true), type) < Encode(Value::Null(), type));
  REQUIRE(RoundTrip(Value::Bool(true), type).AsBool());
  REQUIRE(RoundTrip(Value::Null(), type).is_null());
}

TEST_CASE("composite keys order by the first column, then the next", "[key_codec]") {
  DataType i4 = DataType::Of(TypeId::kInt4), text = DataType::Of(TypeId::kText);
  auto key = [&](int64_t a, const char* b) {
    std::string k = RelationPrefix(7);
    AppendKeyValue(Value::Int(a), i4, &k);
    AppendKeyValue(Value::String(b), text, &k);
    return k;
  };
  REQUIRE(key(1, "zzz") < key(2, ""));
  REQUIRE(key(2, "a") < key(2, "ab"));
  REQUIRE(key(2, "ab") < key(2, "b"));
  REQUIRE(key(-5, "x") < key(1, "a"));
  // Every key of relation 7 lies in [RelationPrefix(7), RelationEnd(7)).
  REQUIRE(RelationPrefix(7) <= key(-5, ""));
  REQUIRE(key(INT32_MAX, "\xff\xff") < RelationEnd(7));
  // Decoding walks the columns in order.
  std::string k = key(42, "hello");
  std::string_view in = std::string_view(k).substr(4);
  Value a, b;
  REQUIRE(DecodeKeyValue(&in, i4, &a).ok());
  REQUIRE(DecodeKeyValue(&in, text, &b).ok());
  REQUIRE(a.AsInt() == 42);
  REQUIRE(b.AsString() == "hello");
}

TEST_CASE("arrays sort as array_cmp: element by element, NULL last, shorter first", "[key_codec]") {
  const DataType ints = DataType::Of(TypeId::kInt8Array);
  auto array = [](std::vector<std::optional<int64_t>> elements) {
    std::vector<Value> values;
    for (const auto& e : elements) values.push_back(e ? Value::Int(*e) : Value::Null());
    return Value::Array(std::move(values));
  };
  // Ascending, as PostgreSQL 15 sorts them.
  const std::vector<Value> sorted = {
      array({}),        array({-5}),    array({1}), array({1, -1}), array({1, 2}),
      array({1, 2, 0}), array({1, {}}), array({2}), array({{}}),    array({{}, 1}),
  };
  for (size_t i = 0; i + 1 < sorted.size(); ++i) {
    INFO("position " << i);
    REQUIRE(Encode(sorted[i], ints) < Encode(sorted[i + 1], ints));
  }
  for (const Value& v : sorted) {
    const Value back = RoundTrip(v, ints);
    REQUIRE(back.AsArray().size() == v.AsArray().size());
    for (size_t i = 0; i < v.AsArray().size(); ++i) {
      REQUIRE(back.AsArray()[i].is_null() == v.AsArray()[i].is_null());
      if (!v.AsArray()[i].is_null()) REQUIRE(back.AsArray()[i].AsInt() == v.AsArray()[i].AsInt());
    }
  }
  // Text elements: a prefix array of strings sorts before a longer one.
  const DataType texts = DataType::Of(TypeId::kTextArray);
  REQUIRE(Encode(Value::Array({Value::String("a")}), texts) <
          Encode(Value::Array({Value::String("a"), Value::String("")}), texts));
  REQUIRE(Encode(Value::Array({Value::String("a"), Value::String("z")}), texts) <
          Encode(Value::Array({Value::String("ab")}), texts));
}

TEST_CASE("truncated keys fail to decode instead of reading past the end", "[key_codec]") {
  std::string k = Encode(Value::String("hello"), DataType::Of(TypeId::kText));
  k.pop_back();
  std::string_view in = k;
  Value v;
  Status s = DecodeKeyValue(&in, DataType::Of(TypeId::kText), &v);
  REQUIRE_FALSE(s.ok());
  REQUIRE(s.code() == sqlstate::kDataCorrupted);
}

}  // namespace
}  // namespace basalt::storage
