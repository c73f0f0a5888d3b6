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

}  // namespace
}  // namespace basalt::sql
