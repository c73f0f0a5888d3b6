#include "sql/binder/bound_expression.h"

#include <catch2/catch.hpp>

#include "common/error.h"
#include "sql/parser/test_deep_sql.h"

namespace basalt::sql {
namespace {

// NOT NOT ... true, `depth` NOTs deep, built in a loop.
BoundExprPtr NotChain(size_t depth) {
  BoundExprPtr e = BoundExpr::Constant(Value::Bool(true), DataType::Of(TypeId::kBool));
  for (size_t i = 0; i < depth; ++i) {
    auto n = BoundExpr::Make(BoundExprKind::kNot, DataType::Of(TypeId::kBool), 0);
    n->children.push_back(std::move(e));
    e = std::move(n);
  }
  return e;
}

TEST_CASE("a bound tree millions deep is freed without deep recursion", "[binder][depth]") {
  // Far deeper than a recursive free could go, even in a sanitizer build.
  BoundExprPtr deep = NotChain(testing::kSanitizedBuild ? 300'000 : 3'000'000);
  // A wide node under the chain's root too.
  auto wide = BoundExpr::Make(BoundExprKind::kAnd, DataType::Of(TypeId::kBool), 0);
  for (int i = 0; i < 1000; ++i) wide->children.push_back(NotChain(1000));
  deep->children[0]->children.push_back(std::move(wide));
  deep.reset();
  SUCCEED();
}

TEST_CASE("cloning a bound tree too deep for the stack fails with 54001", "[binder][depth]") {
  CHECK(NotChain(1'000)->Clone()->children.size() == 1);
  BoundExprPtr deep = NotChain(1'000'000);
  try {
    deep->Clone();
    FAIL("expected 54001");
  } catch (const Error& e) {
    CHECK(e.code() == "54001");
    CHECK(e.message() == "stack depth limit exceeded");
  }
}

TEST_CASE("Equals compares computations, not positions", "[binder]") {
  auto sum = [](int column, int position) {
    auto e = BoundExpr::Make(BoundExprKind::kArithmetic, DataType::Of(TypeId::kInt4), position);
    e->children.push_back(BoundExpr::Column(column, DataType::Of(TypeId::kInt4)));
    e->children.push_back(BoundExpr::Constant(Value::Int(1), DataType::Of(TypeId::kInt4)));
    return e;
  };
  CHECK(sum(0, 7)->Equals(*sum(0, 30)));
  CHECK_FALSE(sum(0, 7)->Equals(*sum(1, 7)));
  BoundExprPtr other_op = sum(0, 7);
  other_op->arithmetic_op = ArithmeticOp::kSubtract;
  CHECK_FALSE(sum(0, 7)->Equals(*other_op));
  // Constants by representation: 1.0 and 1.00 are different expressions.
  auto decimal = [](Numeric n) {
    return BoundExpr::Constant(Value::Decimal(n), DataType::Of(TypeId::kNumeric));
  };
  CHECK(decimal(Numeric(10, 1))->Equals(*decimal(Numeric(10, 1))));
  CHECK_FALSE(decimal(Numeric(10, 1))->Equals(*decimal(Numeric(100, 2))));
  // Aggregate calls: function and DISTINCT.
  auto count = [](bool distinct) {
    auto e = BoundExpr::Make(BoundExprKind::kAggregate, DataType::Of(TypeId::kInt8), 0);
    e->aggregate = AggregateFunction::kCount;
    e->distinct = distinct;
    e->children.push_back(BoundExpr::Column(0, DataType::Of(TypeId::kText)));
    return e;
  };
  CHECK(count(false)->Equals(*count(false)));
  CHECK_FALSE(count(false)->Equals(*count(true)));
  CHECK(count(true)->Equals(*count(true)->Clone()));
}

}  // namespace
}  // namespace basalt::sql
