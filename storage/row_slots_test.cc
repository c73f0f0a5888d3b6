#include "storage/row_slots.h"

#include <catch2/catch.hpp>

#include "storage/row_codec.h"

namespace basalt::storage {
namespace {

const DataType kInt = DataType::Of(TypeId::kInt4);
const DataType kText = DataType::Of(TypeId::kText);

std::string Stored(const Row& row, const std::vector<DataType>& types) {
  std::string out;
  EncodeRow(row, types, 1, &out);
  return out;
}

TEST_CASE("a row stored before ADD COLUMN reads the column's missing value") {
  const std::string old_row = Stored({Value::Int(1), Value::String("a")}, {kInt, kText});
  RowSlots slots;
  slots.missing_values = {Value(), Value(), Value::Int(42)};
  Row row;
  REQUIRE(DecodeSlottedRow(old_row, {kInt, kText, kInt}, slots, &row).ok());
  REQUIRE(row.size() == 3);
  CHECK(row[0].AsInt() == 1);
  CHECK(row[1].AsString() == "a");
  CHECK(row[2].AsInt() == 42);

  // A row stored after the ADD holds its own value, NULL included.
  std::string new_row;
  EncodeSlottedRow({Value::Int(2), Value(), Value()}, {kInt, kText, kInt}, slots, 2, &new_row);
  REQUIRE(DecodeSlottedRow(new_row, {kInt, kText, kInt}, slots, &row).ok());
  CHECK(row[0].AsInt() == 2);
  CHECK(row[2].is_null());
}

TEST_CASE("a dropped column's slot is skipped, old rows and new rows alike") {
  // Columns (a int, b text, c int); b dropped; then d text added in slot 3.
  const std::string before_drop =
      Stored({Value::Int(1), Value::String("gone"), Value::Int(3)}, {kInt, kText, kInt});
  RowSlots slots;
  slots.slot_types = {kInt, kText, kInt, kText};
  slots.column_slots = {0, 2, 3};
  const std::vector<DataType> types = {kInt, kInt, kText};
  Row row;
  REQUIRE(DecodeSlottedRow(before_drop, types, slots, &row).ok());
  REQUIRE(row.size() == 3);
  CHECK(row[0].AsInt() == 1);
  CHECK(row[1].AsInt() == 3);
  CHECK(row[2].is_null());

  std::string after;
  EncodeSlottedRow({Value::Int(7), Value::Int(8), Value::String("d")}, types, slots, 3, &after);
  Result<size_t> count = RowColumnCount(after);
  REQUIRE(count.ok());
  CHECK(*count == 4);  // the dropped slot is written, as NULL
  REQUIRE(DecodeSlottedRow(after, types, slots, &row).ok());
  CHECK(row[0].AsInt() == 7);
  CHECK(row[1].AsInt() == 8);
  CHECK(row[2].AsString() == "d");

  // Decoding only some columns steps over the dropped slot's bytes.
  Row some(3);
  REQUIRE(DecodeSlottedColumns(before_drop, types, slots, {false, true, false}, &some).ok());
  CHECK(some[1].AsInt() == 3);
  REQUIRE(DecodeSlottedColumns(after, types, slots, {false, false, true}, &some).ok());
  CHECK(some[2].AsString() == "d");
}

}  // namespace
}  // namespace basalt::storage
