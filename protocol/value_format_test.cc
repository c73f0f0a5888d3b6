#include "protocol/value_format.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "common/value_text.h"

namespace basalt::protocol {
namespace {

using std::string_literals::operator""s;

Value Read(std::string_view text, const DataType& type) {
  Result<Value> v = ValueFromText(text, type);
  REQUIRE(v.ok());
  return *v;
}

// Recorded from PostgreSQL 15: `select 1::int4, 2.5::numeric, true,
// null::int` bound with result formats (1, 0, 1, 1).
TEST_CASE("DataRow columns in their own formats") {
  const std::vector<DataType> types = {DataType::Of(TypeId::kInt4), DataType::Of(TypeId::kNumeric),
                                       DataType::Of(TypeId::kBool), DataType::Of(TypeId::kInt4)};
  const Row row = {Value::Int(1), Read("2.5", types[1]), Value::Bool(true), Value::Null()};
  MessageWriter w;
  const std::vector<int16_t> formats = {1, 0, 1, 1};
  WriteDataRow(w, row, types, formats);
  CHECK(w.buffer() ==
        "D\0\0\0\x1e\0\x04"
        "\0\0\0\x04\0\0\0\x01"
        "\0\0\0\x03"
        "2.5"
        "\0\0\0\x01\x01"
        "\xff\xff\xff\xff"s);
}

TEST_CASE("DataRow in text format") {
  const std::vector<DataType> types = {DataType::Of(TypeId::kFloat8), DataType::Of(TypeId::kText)};
  MessageWriter w;
  const std::vector<int16_t> formats = {0, 0};
  WriteDataRow(w, {Value::Float(0.1), Value::String("x")}, types, formats);
  CHECK(w.buffer() ==
        "D\0\0\0\x12\0\x02\0\0\0\x03"
        "0.1\0\0\0\x01x"s);
}

TEST_CASE("A DataRow whose value fails to render leaves the buffer as it was") {
  const std::vector<DataType> types = {DataType::Of(TypeId::kText), DataType::Of(TypeId::kInt4)};
  MessageWriter w;
  w.CommandComplete("SELECT 0");
  const std::string before = w.buffer();
  // An int4 column holding a string: rendering it throws.
  const std::vector<int16_t> formats = {0, 0};
  CHECK_THROWS(WriteDataRow(w, {Value::String("x"), Value::String("y")}, types, formats));
  CHECK(w.buffer() == before);
}

}  // namespace
}  // namespace basalt::protocol
