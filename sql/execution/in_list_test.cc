// Hashed IN lists (in_list.h): when a list is hashed, and that a hashed
// list answers as comparing with each item does.
#include "sql/execution/in_list.h"

#include <catch2/catch.hpp>

#include <cmath>

#include "common/numeric.h"
#include "sql/execution/evaluate.h"

namespace basalt::sql {
namespace {

BoundExprPtr InList(const DataType& type, const std::vector<Value>& items, bool negated) {
  auto e = BoundExpr::Make(BoundExprKind::kIn, DataType::Of(TypeId::kBool), 0);
  e->compare_type = type;
  e->negated = negated;
  e->children.push_back(BoundExpr::Column(0, type));
  for (const Value& v : items) e->children.push_back(BoundExpr::Constant(v, type));
  return e;
}

Value Num(const char* text) {
  return Value::Decimal(*Numeric::Parse(text));
}

// The list's answer for x, hashed and compared one by one: must agree.
std::string Both(BoundExpr& e, const Value& x) {
  Row row{x};
  e.in_set = nullptr;
  Value plain = Evaluate(e, row, nullptr);
  e.in_set = HashInList(e);
  REQUIRE(e.in_set != nullptr);
  Value hashed = Evaluate(e, row, nullptr);
  auto text = [](const Value& v) {
    return v.is_null() ? std::string("NULL") : v.AsBool() ? std::string("t") : std::string("f");
  };
  CHECK(text(plain) == text(hashed));
  return text(hashed);
}

TEST_CASE("in_list: which lists are hashed", "[execution][in_list]") {
  const DataType int4 = DataType::Of(TypeId::kInt4);
  std::vector<Value> eight;
  for (int i = 1; i <= 8; ++i) eight.push_back(Value::Int(i));
  CHECK(HashInList(*InList(int4, eight, false)) == nullptr);
  std::vector<Value> nine = eight;
  nine.push_back(Value::Null());
  auto set = HashInList(*InList(int4, nine, false));
  REQUIRE(set != nullptr);
  CHECK(set->keys.size() == 8);
  CHECK(set->has_null);
  // An item that is not a constant, or a type hashing could get wrong.
  auto with_parameter = InList(int4, nine, false);
  with_parameter->children[3] = BoundExpr::Make(BoundExprKind::kParameter, int4, 0);
  CHECK(HashInList(*with_parameter) == nullptr);
  const DataType interval = DataType::Of(TypeId::kInterval);
  std::vector<Value> spans(9, Value::Null());
  CHECK(HashInList(*InList(interval, spans, false)) == nullptr);
}

TEST_CASE("in_list: hashed lists keep SQL's answers", "[execution][in_list]") {
  const DataType numeric = DataType::Of(TypeId::kNumeric);
  std::vector<Value> numbers = {Num("1.0"), Num("2.50"), Num("3"), Num("4"), Num("5"),
                                Num("6"),   Num("7"),    Num("8"), Num("9")};
  auto in = InList(numeric, numbers, false);
  CHECK(Both(*in, Num("1.000")) == "t");
  CHECK(Both(*in, Num("2.5")) == "t");
  CHECK(Both(*in, Num("2.51")) == "f");
  CHECK(Both(*in, Value::Null()) == "NULL");
  auto not_in = InList(numeric, numbers, true);
  CHECK(Both(*not_in, Num("1")) == "f");
  CHECK(Both(*not_in, Num("10")) == "t");
  numbers.push_back(Value::Null());
  auto in_null = InList(numeric, numbers, false);
  CHECK(Both(*in_null, Num("3.00")) == "t");
  CHECK(Both(*in_null, Num("10")) == "NULL");
  auto not_in_null = InList(numeric, numbers, true);
  CHECK(Both(*not_in_null, Num("3.00")) == "f");
  CHECK(Both(*not_in_null, Num("10")) == "NULL");

  const DataType float8 = DataType::Of(TypeId::kFloat8);
  std::vector<Value> floats;
  for (int i = 0; i < 8; ++i) floats.push_back(Value::Float(i + 0.5));
  floats.push_back(Value::Float(0.0));
  floats.push_back(Value::Float(std::nan("")));
  auto in_floats = InList(float8, floats, false);
  CHECK(Both(*in_floats, Value::Float(-0.0)) == "t");
  CHECK(Both(*in_floats, Value::Float(std::nan(""))) == "t");
  CHECK(Both(*in_floats, Value::Float(2.5)) == "t");
  CHECK(Both(*in_floats, Value::Float(2.25)) == "f");

  const DataType text = DataType::Of(TypeId::kText);
  std::vector<Value> strings;
  for (const char* s : {"a", "b", "B", "", "a ", "x", "y", "z", "w"}) {
    strings.push_back(Value::String(s));
  }
  auto in_text = InList(text, strings, false);
  CHECK(Both(*in_text, Value::String("")) == "t");
  CHECK(Both(*in_text, Value::String("A")) == "f");
  CHECK(Both(*in_text, Value::String("a ")) == "t");
  CHECK(Both(*in_text, Value::String("b")) == "t");
}

}  // namespace
}  // namespace basalt::sql
