#include "storage/index_key.h"

#include <catch2/catch.hpp>

#include <memory>

namespace basalt::storage {
namespace {

const DataType kInt = DataType::Of(TypeId::kInt4);

// `a + b`, as the SQL layer's compiled expression would give it.
class SumExpression final : public IndexExpression {
 public:
  Value Evaluate(const Row& row) const override {
    if (row[0].is_null() || row[1].is_null()) return Value::Null();
    return Value::Int(row[0].AsInt() + row[1].AsInt());
  }
  const DataType& type() const override { return kInt; }
  const std::vector<int>& columns() const override { return columns_; }

 private:
  std::vector<int> columns_{0, 1};
};

IndexLayout SumIndex(bool unique) {
  IndexLayout index;
  index.relation_id = 7;
  index.unique = unique;
  IndexLayout::KeyColumn column;
  column.column = -1;
  column.expression = std::make_shared<SumExpression>();
  index.columns.push_back(column);
  return index;
}

TEST_CASE("an expression column's entry key holds the expression's value") {
  const IndexLayout index = SumIndex(/*unique=*/true);
  const std::vector<DataType> types{kInt, kInt, kInt};
  const Row a{Value::Int(1), Value::Int(2), Value::Int(9)};
  const Row b{Value::Int(2), Value::Int(1), Value::Int(8)};
  const Row c{Value::Int(2), Value::Int(2), Value::Int(9)};
  // Equal sums are one unique key whatever the rows.
  CHECK(IndexEntryKey(index, types, a, "rowkeyA") == IndexEntryKey(index, types, b, "rowkeyB"));
  CHECK(IndexEntryKey(index, types, a, "rowkeyA") < IndexEntryKey(index, types, c, "rowkeyC"));
  CHECK(IndexKeyValue(index.columns[0], a).AsInt() == 3);
  CHECK(IndexKeyType(index.columns[0], types) == kInt);
  CHECK(HasExpressions(index));
  // A NULL value takes no part in uniqueness.
  const Row null_sum{Value::Null(), Value::Int(1), Value::Int(0)};
  CHECK(IndexEntryIsUnique(index, a));
  CHECK_FALSE(IndexEntryIsUnique(index, null_sum));
  // A build decodes the columns the expression reads, not the others.
  CHECK(IndexKeyColumns(index, 3) == std::vector<bool>{true, true, false});
}

TEST_CASE("an index-only read decodes an entry key's columns back") {
  const DataType text = DataType::Of(TypeId::kText);
  const std::vector<DataType> types{kInt, text, kInt};
  IndexLayout index;
  index.relation_id = 9;
  index.columns.resize(2);
  index.columns[0].column = 2;
  index.columns[1].column = 1;
  index.columns[1].descending = true;
  index.columns[1].nulls_first = true;
  for (const Row& row : {Row{Value::Int(1), Value::String("abc"), Value::Int(-7)},
                         Row{Value::Int(2), Value::Null(), Value::Int(5)},
                         Row{Value::Int(3), Value::String(""), Value::Null()}}) {
    Row decoded(3);
    REQUIRE(DecodeIndexEntryKey(index, types, IndexEntryKey(index, types, row, "rowkey"), &decoded)
                .ok());
    CHECK(decoded[0].is_null());  // not in the index
    CHECK(decoded[1].is_null() == row[1].is_null());
    if (!row[1].is_null()) CHECK(decoded[1].AsString() == row[1].AsString());
    CHECK(decoded[2].is_null() == row[2].is_null());
    if (!row[2].is_null()) CHECK(decoded[2].AsInt() == row[2].AsInt());
  }
  CHECK(IndexKeyDecodable(text));
  CHECK_FALSE(IndexKeyDecodable(DataType::Of(TypeId::kNumeric)));
}

TEST_CASE("an INCLUDE index's entry value holds the row key, then the included values") {
  const DataType text = DataType::Of(TypeId::kText);
  const std::vector<DataType> types{kInt, text, kInt};
  IndexLayout plain;
  plain.relation_id = 11;
  plain.columns.resize(1);
  plain.columns[0].column = 0;
  // Without INCLUDE the value is the row key itself (the format before).
  const Row row{Value::Int(4), Value::String("included"), Value::Null()};
  CHECK(IndexEntryValue(plain, types, row, "rowkey") == "rowkey");
  CHECK(*IndexEntryRowKey(plain, "rowkey") == "rowkey");

  IndexLayout covering = plain;
  covering.included = {2, 1};
  const std::string value = IndexEntryValue(covering, types, row, "rowkey");
  CHECK(*IndexEntryRowKey(covering, value) == "rowkey");
  Row decoded{Value::Int(4), Value::Null(), Value::Int(99)};
  REQUIRE(DecodeIndexEntryIncluded(covering, types, value, &decoded).ok());
  CHECK(decoded[0].AsInt() == 4);  // not included: untouched
  CHECK(decoded[1].AsString() == "included");
  CHECK(decoded[2].is_null());
  // An INCLUDE column changes the value, not the key.
  const Row changed{Value::Int(4), Value::String("other"), Value::Null()};
  CHECK(IndexEntryKey(covering, types, row, "rowkey") ==
        IndexEntryKey(covering, types, changed, "rowkey"));
  CHECK(IndexEntryValue(covering, types, changed, "rowkey") != value);
  CHECK(IndexKeyColumns(covering, 3) == std::vector<bool>{true, true, true});
  // A value cut short is corruption, not a wrong row key.
  CHECK_FALSE(IndexEntryRowKey(covering, std::string_view(value).substr(0, 3)).ok());
  CHECK_FALSE(
      DecodeIndexEntryIncluded(covering, types, value.substr(0, value.size() - 2), &decoded).ok());
}

}  // namespace
}  // namespace basalt::storage
