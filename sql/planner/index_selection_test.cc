// The index_selection pass alone, on hand-built plans: which index it takes
// for which conjuncts, what stays in the filter, when a Sort goes; then, end
// to end, that reading through an index gives the rows a full scan gives.
#include <catch2/catch.hpp>

#include <string>

#include "catalog/catalog.h"
#include "sql/planner/logical_get.h"
#include "sql/planner/logical_limit.h"
#include "sql/planner/logical_sort.h"
#include "sql/planner/optimizer.h"
#include "sql/test_engine.h"

namespace basalt::sql {
namespace {

// t (id int PRIMARY KEY, a int, b text, c int) with indexes
// t_a (a), t_b_c (b, c), t_c_u UNIQUE (c), t_a_desc (a DESC).
std::shared_ptr<const catalog::TableEntry> Table() {
  catalog::proto::Table t;
  t.set_name("t");
  t.set_relation_id(1);
  const char* names[] = {"id", "a", "b", "c"};
  const TypeId types[] = {TypeId::kInt4, TypeId::kInt4, TypeId::kText, TypeId::kInt4};
  for (int i = 0; i < 4; ++i) {
    catalog::proto::Column* c = t.add_columns();
    c->set_attnum(i + 1);
    c->set_name(names[i]);
    c->set_type_id(static_cast<uint32_t>(types[i]));
    c->set_typmod(-1);
  }
  t.add_primary_key_attnums(1);
  t.set_primary_key_name("t_pkey");
  auto add_index = [&](const char* name, std::vector<std::pair<int, bool>> columns, bool unique) {
    catalog::proto::Index* index = t.add_indexes();
    index->set_name(name);
    index->set_relation_id(static_cast<uint32_t>(t.indexes_size() + 1));
    index->set_unique(unique);
    for (auto [attnum, descending] : columns) {
      catalog::proto::IndexColumn* c = index->add_columns();
      c->set_attnum(attnum);
      c->set_descending(descending);
      c->set_nulls_first(descending);
    }
  };
  add_index("t_a", {{2, false}}, false);
  add_index("t_b_c", {{3, false}, {4, false}}, false);
  add_index("t_c_u", {{4, false}}, true);
  add_index("t_a_desc", {{2, true}}, false);
  auto entry = std::make_shared<catalog::TableEntry>();
  entry->layout = catalog::MakeTableLayout(t);
  entry->def = std::move(t);
  return entry;
}

BoundExprPtr Column(int index) {
  return BoundExpr::Column(index,
                           index == 2 ? DataType::Of(TypeId::kText) : DataType::Of(TypeId::kInt4));
}

BoundExprPtr Compare(int column, CompareOp op, Value v) {
  const DataType type = column == 2 ? DataType::Of(TypeId::kText) : DataType::Of(TypeId::kInt4);
  auto e = BoundExpr::Make(BoundExprKind::kCompare, DataType::Of(TypeId::kBool), 0);
  e->compare_op = op;
  e->compare_type = type;
  e->children.push_back(Column(column));
  e->children.push_back(BoundExpr::Constant(std::move(v), type));
  return e;
}

BoundExprPtr And(std::vector<BoundExprPtr> terms) {
  auto e = BoundExpr::Make(BoundExprKind::kAnd, DataType::Of(TypeId::kBool), 0);
  e->children = std::move(terms);
  return e;
}

template <typename... T>
std::vector<BoundExprPtr> List(T... terms) {
  std::vector<BoundExprPtr> out;
  (out.push_back(std::move(terms)), ...);
  return out;
}

LogicalOperatorPtr Get(BoundExprPtr filter) {
  auto get = std::make_unique<LogicalGet>();
  get->table = Table();
  get->filter = std::move(filter);
  return get;
}

const LogicalGet& AsGet(const LogicalOperatorPtr& plan) {
  return plan->As<LogicalGet>();
}

std::string IndexName(const LogicalGet& get) {
  return get.index == nullptr ? "" : AccessedIndexName(*get.table, *get.index);
}

TEST_CASE("index_selection: conjuncts an index answers", "[planner][index_selection]") {
  SECTION("equality on the leading column; the rest stays a filter") {
    auto plan = SelectIndexes(Get(And(List(Compare(1, CompareOp::kEqual, Value::Int(5)),
                                           Compare(0, CompareOp::kGreater, Value::Int(3))))));
    const LogicalGet& get = AsGet(plan);
    CHECK(IndexName(get) == "t_a");
    CHECK(get.index->equal.size() == 1);
    REQUIRE(get.filter != nullptr);
    CHECK(get.filter->kind == BoundExprKind::kCompare);
    CHECK(get.filter->children[0]->column_index == 0);
  }
  SECTION("a unique index answered by equality beats the others") {
    auto plan = SelectIndexes(Get(And(List(Compare(1, CompareOp::kEqual, Value::Int(5)),
                                           Compare(3, CompareOp::kEqual, Value::Int(7))))));
    CHECK(IndexName(AsGet(plan)) == "t_c_u");
    CHECK(AsGet(plan).filter != nullptr);
  }
  SECTION("a composite key: equality on both columns, or a prefix and a range") {
    auto both = SelectIndexes(Get(And(List(Compare(3, CompareOp::kGreater, Value::Int(1)),
                                           Compare(2, CompareOp::kEqual, Value::String("x"))))));
    CHECK(IndexName(AsGet(both)) == "t_b_c");
    CHECK(AsGet(both).index->equal.size() == 1);
    CHECK(AsGet(both).index->lower != nullptr);
    CHECK_FALSE(AsGet(both).index->lower_inclusive);
    CHECK(AsGet(both).filter == nullptr);
  }
  SECTION("equality beats a range") {
    auto plan = SelectIndexes(Get(And(List(Compare(3, CompareOp::kLess, Value::Int(1)),
                                           Compare(1, CompareOp::kEqual, Value::Int(2))))));
    CHECK(IndexName(AsGet(plan)) == "t_a");
  }
  SECTION("a range on a leading column, both ends (BETWEEN's nested AND)") {
    auto plan = SelectIndexes(Get(And(List(Compare(1, CompareOp::kGreaterEqual, Value::Int(1)),
                                           Compare(1, CompareOp::kLessEqual, Value::Int(9))))));
    const LogicalGet& get = AsGet(plan);
    CHECK(IndexName(get) == "t_a");
    CHECK(get.index->lower_inclusive);
    CHECK(get.index->upper_inclusive);
    CHECK(get.filter == nullptr);
  }
  SECTION("an IN list of constants") {
    auto in = BoundExpr::Make(BoundExprKind::kIn, DataType::Of(TypeId::kBool), 0);
    in->compare_type = DataType::Of(TypeId::kInt4);
    in->children.push_back(Column(3));
    in->children.push_back(BoundExpr::Constant(Value::Int(1), DataType::Of(TypeId::kInt4)));
    in->children.push_back(BoundExpr::Constant(Value::Int(2), DataType::Of(TypeId::kInt4)));
    auto plan = SelectIndexes(Get(std::move(in)));
    CHECK(IndexName(AsGet(plan)) == "t_c_u");
    CHECK(AsGet(plan).index->in_list.size() == 2);
  }
  SECTION("IS NULL on a leading column") {
    auto is_null = BoundExpr::Make(BoundExprKind::kIsNull, DataType::Of(TypeId::kBool), 0);
    is_null->children.push_back(Column(1));
    auto plan = SelectIndexes(Get(std::move(is_null)));
    CHECK(IndexName(AsGet(plan)) == "t_a");
    CHECK(AsGet(plan).index->is_null);
    CHECK(AsGet(plan).filter == nullptr);
  }
  SECTION("no index for <>") {
    auto plan = SelectIndexes(Get(Compare(3, CompareOp::kNotEqual, Value::Int(1))));
    CHECK(AsGet(plan).index == nullptr);
    CHECK(AsGet(plan).filter != nullptr);
  }
  SECTION("a range on the primary key reads the table's own key range") {
    auto plan = SelectIndexes(Get(And(List(Compare(0, CompareOp::kGreater, Value::Int(3)),
                                           Compare(0, CompareOp::kLessEqual, Value::Int(9)),
                                           Compare(2, CompareOp::kNotEqual, Value::String("x"))))));
    const LogicalGet& get = AsGet(plan);
    REQUIRE(get.index != nullptr);
    CHECK(get.index->primary_key());
    CHECK(IndexName(get) == "t_pkey");
    CHECK_FALSE(get.index->lower_inclusive);
    CHECK(get.index->upper_inclusive);
    REQUIRE(get.filter != nullptr);  // b <> 'x'
    CHECK(get.filter->children[0]->column_index == 2);
  }
  SECTION("an index's equality beats a range on the primary key; a tie goes to the key") {
    auto plan = SelectIndexes(Get(And(List(Compare(0, CompareOp::kGreater, Value::Int(3)),
                                           Compare(1, CompareOp::kEqual, Value::Int(2))))));
    CHECK(IndexName(AsGet(plan)) == "t_a");
    auto tie = SelectIndexes(Get(And(List(Compare(1, CompareOp::kGreater, Value::Int(3)),
                                          Compare(0, CompareOp::kLess, Value::Int(2))))));
    CHECK(IndexName(AsGet(tie)) == "t_pkey");
  }
}

LogicalOperatorPtr SortLimit(LogicalOperatorPtr get, int column, bool descending, bool limit) {
  auto sort = std::make_unique<LogicalSort>();
  BoundOrderBy key;
  key.expr = Column(column);
  key.descending = descending;
  key.nulls_first = descending;
  sort->keys.push_back(std::move(key));
  sort->children.push_back(std::move(get));
  if (!limit) return sort;
  auto l = std::make_unique<LogicalLimit>();
  l->limit = BoundExpr::Constant(Value::Int(3), DataType::Of(TypeId::kInt8));
  l->children.push_back(std::move(sort));
  return l;
}

TEST_CASE("index_selection: ORDER BY an index's order needs no Sort",
          "[planner][index_selection]") {
  SECTION("under LIMIT, forward") {
    auto plan = SelectIndexes(SortLimit(Get(nullptr), 1, false, true));
    REQUIRE(plan->children[0]->kind == LogicalKind::kGet);
    CHECK(IndexName(AsGet(plan->children[0])) == "t_a");
    CHECK_FALSE(AsGet(plan->children[0]).index->backward);
  }
  SECTION("DESC: the DESC index forward (created later, but read forward first)") {
    auto plan = SelectIndexes(SortLimit(Get(nullptr), 1, true, true));
    REQUIRE(plan->children[0]->kind == LogicalKind::kGet);
    const LogicalGet& get = AsGet(plan->children[0]);
    // t_a read backward gives the order too; the first index that fits wins.
    CHECK(IndexName(get) == "t_a");
    CHECK(get.index->backward);
  }
  SECTION("without LIMIT the Sort stays, unless an index already answers the WHERE") {
    auto plain = SelectIndexes(SortLimit(Get(nullptr), 1, false, false));
    CHECK(plain->kind == LogicalKind::kSort);
    auto prefer = ReadIndexesForOrder(SortLimit(Get(nullptr), 1, false, false));
    CHECK(prefer->kind == LogicalKind::kGet);
    auto filtered = SelectIndexes(
        SortLimit(Get(Compare(2, CompareOp::kEqual, Value::String("x"))), 3, true, false));
    REQUIRE(filtered->kind == LogicalKind::kGet);
    CHECK(IndexName(AsGet(filtered)) == "t_b_c");
    CHECK(AsGet(filtered).index->backward);
  }
  SECTION("an order no index gives keeps its Sort") {
    auto plan = SelectIndexes(SortLimit(Get(nullptr), 0, true, true));
    CHECK(plan->children[0]->kind == LogicalKind::kSort);
  }
}

// End to end: the same rows through the index and through a full scan.
TEST_CASE("index scans return what full scans return", "[planner][index_selection]") {
  TestEngine e;
  e.Run("CREATE TABLE r (id int PRIMARY KEY, a int, b text)");
  std::string insert = "INSERT INTO r VALUES ";
  for (int i = 1; i <= 300; ++i) {
    insert += (i > 1 ? ", (" : "(") + std::to_string(i) + ", " +
              (i % 17 == 0 ? std::string("NULL") : std::to_string(i % 23 - 11)) + ", 'b" +
              std::to_string(i % 5) + "')";
  }
  e.Run(insert);
  e.Run("CREATE INDEX r_a ON r (a)");
  e.Run("CREATE INDEX r_b_a ON r (b, a DESC)");
  const char* queries[] = {
      "SELECT id FROM r WHERE a = 3 ORDER BY id",
      "SELECT id FROM r WHERE a IN (-11, 0, 11, NULL) ORDER BY id",
      "SELECT id FROM r WHERE a > 5 ORDER BY id",
      "SELECT id FROM r WHERE a >= -2 AND a < 2 ORDER BY id",
      "SELECT id FROM r WHERE a BETWEEN 9 AND 7 ORDER BY id",
      "SELECT id FROM r WHERE b = 'b2' AND a <= 0 ORDER BY id",
      "SELECT id, a FROM r WHERE b = 'b3' ORDER BY a DESC, id LIMIT 7",
      // Ties come in no particular order: only the sorted column is compared.
      "SELECT a FROM r ORDER BY a LIMIT 40",
      "SELECT a FROM r ORDER BY a DESC LIMIT 40",
      "SELECT a FROM r ORDER BY a NULLS FIRST LIMIT 40",
  };
  for (const char* query : queries) {
    INFO(query);
    Rows through_index = e.Run(query).rows;
    e.Run("SET enable_indexscan = off");
    Rows full_scan = e.Run(query).rows;
    e.Run("RESET enable_indexscan");
    CHECK(through_index == full_scan);
    const bool expect_rows = std::string(query).find("BETWEEN") == std::string::npos;
    CHECK(full_scan.empty() != expect_rows);
  }
  CHECK(e.Run("EXPLAIN (COSTS OFF) SELECT id FROM r WHERE a = 3").rows ==
        Rows{{"Index Scan using r_a on r"}, {"  Index Cond: (a = 3)"}});
  // Indexes are catalog objects: they survive a restart, and stay maintained.
  e.Reopen();
  e.Run("UPDATE r SET a = 1000 WHERE id = 3");
  CHECK(e.Run("SELECT id FROM r WHERE a = 1000").rows == Rows{{"3"}});
  e.Run("DELETE FROM r WHERE id = 3");
  CHECK(e.Run("SELECT id FROM r WHERE a = 1000").rows.empty());
}

}  // namespace
}  // namespace basalt::sql
