// Which WHERE terms imply a partial index's predicate terms.
#include "sql/planner/predicate_implication.h"

#include <catch2/catch.hpp>

namespace basalt::sql {
namespace {

const DataType kInt = DataType::Of(TypeId::kInt4);

BoundExprPtr Column(int index) {
  return BoundExpr::Column(index, kInt);
}

BoundExprPtr Compare(int column, CompareOp op, int64_t v, bool constant_first = false) {
  auto e = BoundExpr::Make(BoundExprKind::kCompare, DataType::Of(TypeId::kBool), 0);
  e->compare_op = op;
  e->compare_type = kInt;
  BoundExprPtr constant = BoundExpr::Constant(Value::Int(v), kInt);
  if (constant_first) {
    e->children.push_back(std::move(constant));
    e->children.push_back(Column(column));
  } else {
    e->children.push_back(Column(column));
    e->children.push_back(std::move(constant));
  }
  return e;
}

BoundExprPtr IsNull(int column, bool negated) {
  auto e = BoundExpr::Make(BoundExprKind::kIsNull, DataType::Of(TypeId::kBool), 0);
  e->negated = negated;
  e->children.push_back(Column(column));
  return e;
}

TEST_CASE("predicate implication: equal terms", "[planner][predicate_implication]") {
  CHECK(ClauseImplies(*IsNull(1, false), *IsNull(1, false)));
  CHECK_FALSE(ClauseImplies(*IsNull(1, false), *IsNull(2, false)));
  CHECK_FALSE(ClauseImplies(*IsNull(1, true), *IsNull(1, false)));
  CHECK(ClauseImplies(*Compare(0, CompareOp::kEqual, 3), *Compare(0, CompareOp::kEqual, 3)));
  CHECK_FALSE(ClauseImplies(*Compare(0, CompareOp::kEqual, 4), *Compare(0, CompareOp::kEqual, 3)));
}

TEST_CASE("predicate implication: btree ranges", "[planner][predicate_implication]") {
  using Op = CompareOp;
  // a > 10 implies a > 5 and a >= 10; a > 2 does not imply a > 5.
  CHECK(ClauseImplies(*Compare(0, Op::kGreater, 10), *Compare(0, Op::kGreater, 5)));
  CHECK(ClauseImplies(*Compare(0, Op::kGreater, 10), *Compare(0, Op::kGreaterEqual, 10)));
  CHECK_FALSE(ClauseImplies(*Compare(0, Op::kGreater, 2), *Compare(0, Op::kGreater, 5)));
  CHECK_FALSE(ClauseImplies(*Compare(0, Op::kGreaterEqual, 5), *Compare(0, Op::kGreater, 5)));
  // a = 12 implies a > 5, a <= 12, a <> 3; not a < 12.
  CHECK(ClauseImplies(*Compare(0, Op::kEqual, 12), *Compare(0, Op::kGreater, 5)));
  CHECK(ClauseImplies(*Compare(0, Op::kEqual, 12), *Compare(0, Op::kLessEqual, 12)));
  CHECK(ClauseImplies(*Compare(0, Op::kEqual, 12), *Compare(0, Op::kNotEqual, 3)));
  CHECK_FALSE(ClauseImplies(*Compare(0, Op::kEqual, 12), *Compare(0, Op::kLess, 12)));
  // 3 > a is a < 3, which implies a < 5; another column implies nothing.
  CHECK(ClauseImplies(*Compare(0, Op::kGreater, 3, /*constant_first=*/true),
                      *Compare(0, Op::kLess, 5)));
  CHECK_FALSE(ClauseImplies(*Compare(1, Op::kGreater, 10), *Compare(0, Op::kGreater, 5)));
}

TEST_CASE("predicate implication: strict comparisons imply IS NOT NULL",
          "[planner][predicate_implication]") {
  CHECK(ClauseImplies(*Compare(1, CompareOp::kGreater, 6), *IsNull(1, true)));
  CHECK_FALSE(ClauseImplies(*Compare(0, CompareOp::kGreater, 6), *IsNull(1, true)));
  CHECK_FALSE(ClauseImplies(*IsNull(1, false), *IsNull(1, true)));
}

TEST_CASE("predicate implication: every AND term of the predicate",
          "[planner][predicate_implication]") {
  auto predicate = BoundExpr::Make(BoundExprKind::kAnd, DataType::Of(TypeId::kBool), 0);
  predicate->children.push_back(IsNull(2, false));
  predicate->children.push_back(Compare(0, CompareOp::kGreater, 5));
  BoundExprPtr null_term = IsNull(2, false);
  BoundExprPtr range = Compare(0, CompareOp::kGreater, 7);
  BoundExprPtr other = Compare(1, CompareOp::kEqual, 1);
  CHECK(PredicateImpliedBy(*predicate, {other.get(), range.get(), null_term.get()}));
  CHECK_FALSE(PredicateImpliedBy(*predicate, {other.get(), range.get()}));
  CHECK_FALSE(PredicateImpliedBy(*predicate, {null_term.get()}));
  CHECK(PredicateTerms(*predicate).size() == 2);
}

}  // namespace
}  // namespace basalt::sql
