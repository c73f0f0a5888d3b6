#include "sql/commands/matview/cancel_opposites.h"

#include <catch2/catch.hpp>

#include "common/data_type.h"
#include "storage/row_codec.h"

namespace basalt::sql {
namespace {

const std::vector<DataType> kTypes = {DataType::Of(TypeId::kInt4), DataType::Numeric(10, 2)};

void Encode(const Row& row, std::string* bytes) {
  storage::EncodeRow(row, kTypes, 0, bytes);
}

Row R(int64_t id, int64_t unscaled, int scale) {
  return {Value::Int(id), Value::Decimal(Numeric::FromInt128(unscaled, scale))};
}

TEST_CASE("CancelOpposites takes out equal pairs, one for one", "[matview]") {
  // Row 1 inserted twice and deleted once; row 2 deleted and inserted
  // (updated back); row 3 only deleted; row 4 only inserted.
  std::vector<Row> deleted = {R(1, 10, 1), R(2, 5, 0), R(3, 7, 0)};
  std::vector<Row> inserted = {R(1, 10, 1), R(4, 1, 0), R(2, 5, 0), R(1, 10, 1)};
  CHECK(CancelOpposites(&deleted, &inserted, Encode) > 0);
  REQUIRE(deleted.size() == 1);
  CHECK(deleted[0][0].AsInt() == 3);
  REQUIRE(inserted.size() == 2);
  CHECK(inserted[0][0].AsInt() + inserted[1][0].AsInt() == 1 + 4);
}

TEST_CASE("CancelOpposites keeps rows that differ only in their bytes", "[matview]") {
  // 1.0 and 1.00 are equal numbers but print differently: the view must
  // show the new one.
  std::vector<Row> deleted = {R(1, 10, 1)};
  std::vector<Row> inserted = {R(1, 100, 2)};
  CHECK(CancelOpposites(&deleted, &inserted, Encode) == 0);
  CHECK(deleted.size() == 1);
  CHECK(inserted.size() == 1);
  CHECK(deleted[0][1].AsNumeric().scale() == 1);
}

}  // namespace
}  // namespace basalt::sql
