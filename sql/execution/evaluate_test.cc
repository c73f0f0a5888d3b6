#include "sql/execution/evaluate.h"

#include <catch2/catch.hpp>

namespace basalt::sql {
namespace {

// - - ... 1 as bound, `depth` negations deep, built in a loop.
BoundExprPtr NegateChain(size_t depth) {
  DataType int4 = DataType::Of(TypeId::kInt4);
  BoundExprPtr e = BoundExpr::Constant(Value::Int(1), int4);
  for (size_t i = 0; i < depth; ++i) {
    auto n = BoundExpr::Make(BoundExprKind::kNegate, int4, 0);
    n->children.push_back(std::move(e));
    e = std::move(n);
  }
  return e;
}

TEST_CASE("evaluating a tree too deep for the stack fails with 54001", "[evaluate][depth]") {
  static const Row kNoInput;
  CHECK(Evaluate(*NegateChain(1'000), kNoInput, nullptr).AsInt() == 1);
  CHECK(Evaluate(*NegateChain(1'001), kNoInput, nullptr).AsInt() == -1);
  BoundExprPtr deep = NegateChain(1'000'000);
  try {
    Evaluate(*deep, kNoInput, nullptr);
    FAIL("expected 54001");
  } catch (const Error& e) {
    CHECK(e.code() == "54001");
  }
  // The thread goes on evaluating.
  CHECK(Evaluate(*NegateChain(3), kNoInput, nullptr).AsInt() == -1);
}

}  // namespace
}  // namespace basalt::sql
