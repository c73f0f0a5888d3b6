// The join passes alone, on hand-built plans: predicate_pushdown moves each
// WHERE term to the input that has its columns (keeping outer joins'
// rules), join_keys turns cross-side equalities into hash keys, join_order
// joins connected inputs first, decorrelation turns a correlated EXISTS
// into a semi join. ExplainLogical shows the resulting tree.
#include <catch2/catch.hpp>

#include <string>

#include "catalog/catalog.h"
#include "sql/planner/logical_filter.h"
#include "sql/planner/logical_get.h"
#include "sql/planner/logical_join.h"
#include "sql/planner/logical_project.h"
#include "sql/planner/logical_values.h"
#include "sql/planner/optimizer.h"

namespace basalt::sql {
namespace {

const DataType kInt = DataType::Of(TypeId::kInt4);

// A two-column int table, with a primary key on a if `keyed`.
std::shared_ptr<const catalog::TableEntry> Table(const std::string& name, bool keyed = false) {
  catalog::proto::Table t;
  if (keyed) t.add_primary_key_attnums(1);
  t.set_name(name);
  t.set_relation_id(1);
  for (int i = 0; i < 2; ++i) {
    catalog::proto::Column* c = t.add_columns();
    c->set_attnum(i + 1);
    c->set_name(i == 0 ? "a" : "b");
    c->set_type_id(static_cast<uint32_t>(TypeId::kInt4));
    c->set_typmod(-1);
  }
  auto entry = std::make_shared<catalog::TableEntry>();
  entry->layout = catalog::MakeTableLayout(t);
  entry->def = std::move(t);
  return entry;
}

LogicalOperatorPtr Get(const std::string& name, bool keyed = false) {
  auto get = std::make_unique<LogicalGet>();
  get->table = Table(name, keyed);
  return get;
}

BoundExprPtr Equal(BoundExprPtr l, BoundExprPtr r) {
  auto e = BoundExpr::Make(BoundExprKind::kCompare, DataType::Of(TypeId::kBool), 0);
  e->compare_op = CompareOp::kEqual;
  e->compare_type = kInt;
  e->children.push_back(std::move(l));
  e->children.push_back(std::move(r));
  return e;
}

BoundExprPtr Col(int i) {
  return BoundExpr::Column(i, kInt);
}
BoundExprPtr Const(int v) {
  return BoundExpr::Constant(Value::Int(v), kInt);
}

LogicalOperatorPtr Join(LogicalOperatorPtr l, LogicalOperatorPtr r, JoinType type,
                        BoundExprPtr condition, int left_width) {
  auto join = std::make_unique<LogicalJoin>();
  join->join_type = type;
  join->condition = std::move(condition);
  join->left_width = left_width;
  join->right_width = 2;
  join->children.push_back(std::move(l));
  join->children.push_back(std::move(r));
  return join;
}

LogicalOperatorPtr Filter(LogicalOperatorPtr input, std::vector<BoundExprPtr> terms) {
  auto filter = std::make_unique<LogicalFilter>();
  filter->predicate = MakeConjunction(std::move(terms));
  filter->children.push_back(std::move(input));
  return filter;
}

std::vector<BoundExprPtr> Terms(BoundExprPtr a, BoundExprPtr b = nullptr,
                                BoundExprPtr c = nullptr) {
  std::vector<BoundExprPtr> out;
  for (BoundExprPtr* e : {&a, &b, &c}) {
    if (*e != nullptr) out.push_back(std::move(*e));
  }
  return out;
}

TEST_CASE("predicate_pushdown sends each term to the input with its columns",
          "[planner][predicate_pushdown]") {
  // FROM x, y WHERE x.a = 1 AND y.b = 2 AND x.b = y.a
  auto plan =
      Filter(Join(Get("x"), Get("y"), JoinType::kInner, nullptr, 2),
             Terms(Equal(Col(0), Const(1)), Equal(Col(3), Const(2)), Equal(Col(1), Col(2))));
  plan = PushDownPredicates(std::move(plan));
  CHECK(ExplainLogical(*plan) == "Nested Loop Inner\n  Filter\n    Get x\n  Filter\n    Get y\n");
  REQUIRE(plan->As<LogicalJoin>().condition != nullptr);
  // The right input's term is rebased onto its own row: y.b is column 1.
  CHECK(plan->children[1]->As<LogicalFilter>().predicate->children[0]->column_index == 1);

  // A LEFT JOIN keeps every left row: a WHERE term on the right side stays
  // above the join, an ON term on the right side goes down.
  auto left = Filter(Join(Get("x"), Get("y"), JoinType::kLeft, Equal(Col(3), Const(5)), 2),
                     Terms(Equal(Col(2), Const(7)), Equal(Col(0), Const(1))));
  left = PushDownPredicates(std::move(left));
  CHECK(ExplainLogical(*left) ==
        "Filter\n  Nested Loop Left\n    Filter\n      Get x\n    Filter\n      Get y\n");
  CHECK(left->children[0]->As<LogicalJoin>().condition == nullptr);
}

TEST_CASE("predicate_pushdown carries constants across an inner join's equalities",
          "[planner][predicate_pushdown]") {
  // FROM x JOIN y ON x.b = y.a WHERE x.b = 7: y.a = 7 too, and the join
  // keeps its condition.
  auto plan = Filter(Join(Get("x"), Get("y"), JoinType::kInner, Equal(Col(1), Col(2)), 2),
                     Terms(Equal(Col(1), Const(7))));
  plan = PushDownPredicates(std::move(plan));
  CHECK(ExplainLogical(*plan) == "Nested Loop Inner\n  Filter\n    Get x\n  Filter\n    Get y\n");
  REQUIRE(plan->As<LogicalJoin>().condition != nullptr);
  const BoundExpr& implied = *plan->children[1]->As<LogicalFilter>().predicate;
  REQUIRE(implied.kind == BoundExprKind::kCompare);
  CHECK(implied.children[0]->column_index == 0);  // y.a, over y's row
  CHECK(implied.children[1]->value.AsInt() == 7);

  // A LEFT JOIN's right side gets nothing from the WHERE: its NULL rows
  // must stay for the WHERE to see.
  auto left = Filter(Join(Get("x"), Get("y"), JoinType::kLeft, Equal(Col(1), Col(2)), 2),
                     Terms(Equal(Col(1), Const(7))));
  left = PushDownPredicates(std::move(left));
  CHECK(ExplainLogical(*left) == "Nested Loop Left\n  Filter\n    Get x\n  Get y\n");
}

TEST_CASE("join_keys makes cross-side equalities hash keys", "[planner][join_keys]") {
  auto condition = MakeConjunction(Terms(Equal(Col(2), Col(1)), Equal(Col(0), Const(3))));
  auto plan = FindJoinKeys(Join(Get("x"), Get("y"), JoinType::kInner, std::move(condition), 2));
  const auto& join = plan->As<LogicalJoin>();
  REQUIRE(join.left_keys.size() == 1);
  CHECK(join.left_keys[0]->column_index == 1);   // x.b
  CHECK(join.right_keys[0]->column_index == 0);  // y.a, over y's row
  REQUIRE(join.condition != nullptr);            // x.a = 3 is no key
  CHECK(ExplainLogical(*plan) == "Hash Join Inner\n  Get x\n  Get y\n");
}

TEST_CASE("join_order joins connected inputs first", "[planner][join_order]") {
  // (x CROSS y) JOIN z ON x.a = z.a AND z.b = y.b: x and y share no term.
  auto xy = Join(Get("x"), Get("y"), JoinType::kInner, nullptr, 2);
  auto plan = Join(std::move(xy), Get("z"), JoinType::kInner,
                   MakeConjunction(Terms(Equal(Col(0), Col(4)), Equal(Col(5), Col(3)))), 4);
  plan = OrderJoins(std::move(plan));
  // x, then z (connected to x), then y; a Project restores x, y, z order.
  CHECK(ExplainLogical(*plan) ==
        "Project\n  Nested Loop Inner\n    Nested Loop Inner\n      Get x\n      Get z\n"
        "    Get y\n");
  const auto& project = plan->As<LogicalProject>();
  REQUIRE(project.exprs.size() == 6);
  CHECK(project.exprs[2]->column_index == 4);  // y.a now follows x and z
  CHECK(project.exprs[4]->column_index == 2);  // z.a
}

TEST_CASE("decorrelation turns a correlated EXISTS into a semi join", "[planner][decorrelation]") {
  // SELECT ... FROM x WHERE EXISTS (SELECT 1 FROM y WHERE y.a = x.b AND y.b = 4)
  auto subquery = std::make_shared<BoundSubquery>();
  auto outer = BoundExpr::Make(BoundExprKind::kOuterColumn, kInt, 0);
  outer->column_index = 0;
  auto project = std::make_unique<LogicalProject>();
  project->exprs.push_back(Const(1));
  project->children.push_back(
      Filter(Get("y"), Terms(Equal(Col(0), std::move(outer)), Equal(Col(1), Const(4)))));
  subquery->plan = std::move(project);
  auto exists = BoundExpr::Make(BoundExprKind::kSubquery, DataType::Of(TypeId::kBool), 0);
  exists->subquery = std::move(subquery);
  exists->subquery_kind = SubqueryKind::kExists;
  exists->children.push_back(Col(1));  // the outer value: x.b
  auto plan = Decorrelate(Filter(Get("x"), Terms(std::move(exists))));
  CHECK(ExplainLogical(*plan) == "Nested Loop Semi\n  Get x\n  Filter\n    Get y\n");
  // y.a = x.b over the joined row: y.a is column 2.
  const BoundExpr& condition = *plan->As<LogicalJoin>().condition;
  CHECK(condition.children[0]->column_index == 2);
  CHECK(condition.children[1]->column_index == 1);
}

}  // namespace
}  // namespace basalt::sql

namespace basalt::sql {
namespace {

// Rows computed before planning (an incremental refresh's changed rows).
LogicalOperatorPtr ComputedRows() {
  auto values = std::make_unique<LogicalValues>();
  values->computed_types = {kInt, kInt};
  values->computed = std::make_shared<std::vector<Row>>(
      std::vector<Row>{{Value::Int(1), Value::Int(7)}, {Value::Int(2), Value::Int(7)}});
  return values;
}

TEST_CASE("index_join reads the keyed table per left row, memoized unless volatile",
          "[planner][index_join]") {
  // changes JOIN y ON changes.b = y.a: y is read by its key per change.
  auto plan = UseIndexJoins(
      Join(ComputedRows(), Get("y", /*keyed=*/true), JoinType::kInner, Equal(Col(1), Col(2)), 2));
  const auto& join = plan->As<LogicalJoin>();
  REQUIRE(join.lateral_values.size() == 1);
  CHECK(join.memoize);

  // random() in y's filter: each probe may give other rows.
  auto random = BoundExpr::Make(BoundExprKind::kFunction, DataType::Of(TypeId::kFloat8), 0);
  random->function = ScalarFunction::kRandom;
  auto half = BoundExpr::Make(BoundExprKind::kCompare, DataType::Of(TypeId::kBool), 0);
  half->compare_op = CompareOp::kLess;
  half->compare_type = DataType::Of(TypeId::kFloat8);
  half->children.push_back(std::move(random));
  half->children.push_back(BoundExpr::Constant(Value::Float(0.5), DataType::Of(TypeId::kFloat8)));
  auto volatile_plan =
      UseIndexJoins(Join(ComputedRows(), Filter(Get("y", /*keyed=*/true), Terms(std::move(half))),
                         JoinType::kInner, Equal(Col(1), Col(2)), 2));
  const auto& volatile_join = volatile_plan->As<LogicalJoin>();
  REQUIRE(volatile_join.lateral_values.size() == 1);
  CHECK_FALSE(volatile_join.memoize);
}

}  // namespace
}  // namespace basalt::sql
