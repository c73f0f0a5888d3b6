// Memory accounting: spill counters of the operators themselves, 53200 past
// basalt.max_query_memory with the session still answering, and work_mem
// read and printed as PostgreSQL does.
#include "sql/execution/query_memory.h"

#include <algorithm>
#include <tuple>

#include <catch2/catch.hpp>

#include "sql/execution/hash_aggregate.h"
#include "sql/execution/sort.h"
#include "sql/execution/spill_test_util.h"

namespace basalt::sql {
namespace {

// `count` rows (i, i % 100, text of i), in batches.
class GeneratedRows : public PhysicalOperator {
 public:
  explicit GeneratedRows(int count) : count_(count) {}
  bool Next(ExecContext&, RowBatch* batch) override {
    batch->clear();
    for (; next_ < count_ && batch->size() < kBatchSize; ++next_) {
      batch->push_back(Row{Value::Int(next_), Value::Int(next_ % 100),
                           Value::String("row number " + std::to_string(next_))});
    }
    return !batch->empty();
  }
  std::string Describe() const override { return "Generated"; }

 private:
  int count_;
  int next_ = 0;
};

struct OperatorFixture {
  TestEngine f;
  std::unique_ptr<storage::Transaction> txn = f.store->Begin();
// The other members keep their defaults (no session around).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
  ExecContext ctx{.store = *f.store, .txn = *txn};
#pragma GCC diagnostic pop

  // The rows of GeneratedRows as (i, i % 100, text).
  std::vector<std::tuple<int64_t, int64_t, std::string>> Drain(PhysicalOperator& op) {
    std::vector<std::tuple<int64_t, int64_t, std::string>> rows;
    RowBatch batch;
    while (op.Next(ctx, &batch)) {
      for (const Row& r : batch) rows.emplace_back(r[0].AsInt(), r[1].AsInt(), r[2].AsString());
    }
    return rows;
  }
};

TEST_CASE("sort counts what it spilled", "[query_memory][spill]") {
  OperatorFixture o;
  std::vector<BoundOrderBy> keys;
  keys.push_back(BoundOrderBy{BoundExpr::Column(1, DataType::Of(TypeId::kInt4)), true, false});

  Sort in_memory(std::make_unique<GeneratedRows>(30000), keys);
  const auto expected = o.Drain(in_memory);  // no QueryMemory: no limits
  CHECK(in_memory.spill_stats().files == 0);

  o.ctx.memory = std::make_shared<QueryMemory>(64 * 1024, int64_t{1} << 30);
  {
    Sort spilled(std::make_unique<GeneratedRows>(30000), keys);
    CHECK(o.Drain(spilled) == expected);
    CHECK(spilled.spill_stats().files > 1);
    CHECK(spilled.spill_stats().rows >= 30000);
    CHECK(spilled.spill_stats().bytes > 30000 * 20);
    // The runs the last merge reads are still open; merged ones are gone.
    CHECK(TempFileCount(o.f) > 0);
    CHECK(TempFileCount(o.f) < spilled.spill_stats().files);
  }
  CHECK(TempFileCount(o.f) == 0);
  CHECK(o.ctx.memory->used() == 0);
}

TEST_CASE("hash aggregate counts what it spilled", "[query_memory][spill]") {
  OperatorFixture o;
  std::vector<BoundExprPtr> groups;
  groups.push_back(BoundExpr::Column(0, DataType::Of(TypeId::kInt4)));
  const std::vector<BoundExprPtr> aggregates;  // GROUP BY alone: one row per key
  o.ctx.memory = std::make_shared<QueryMemory>(64 * 1024, int64_t{1} << 30);
  HashAggregate aggregate(std::make_unique<GeneratedRows>(20000), groups, aggregates);
  std::vector<int64_t> keys;
  RowBatch batch;
  while (aggregate.Next(o.ctx, &batch)) {
    for (const Row& r : batch) keys.push_back(r[0].AsInt());
  }
  REQUIRE(keys.size() == 20000);
  std::sort(keys.begin(), keys.end());
  for (size_t i = 0; i < keys.size(); ++i) CHECK(keys[i] == static_cast<int64_t>(i));
  CHECK(aggregate.spill_stats().files > 0);
  CHECK(aggregate.spill_stats().rows > 0);
}

TEST_CASE("past basalt.max_query_memory a query fails with 53200", "[query_memory]") {
  TestEngine f;
  CreateSpillTable(f, 20000);
  f.Run("SET basalt.max_query_memory = '1MB'");
  // work_mem above the limit: the sort never gets to spill.
  f.Run("SET work_mem = '64MB'");
  const Error sort = f.Fail("SELECT * FROM spill ORDER BY txt");
  CHECK(sort.code() == std::string("53200"));
  CHECK(sort.message() == "out of memory");
  CHECK(sort.detail().starts_with("Failed on request of size "));
  CHECK(sort.detail().ends_with(" in operator \"Sort\"."));
  const Error aggregate = f.Fail("SELECT txt, count(*) FROM spill GROUP BY txt");
  CHECK(aggregate.code() == std::string("53200"));
  CHECK(aggregate.detail().ends_with(" in operator \"HashAggregate\"."));
  // Aggregate states that keep their inputs are charged as they grow, in
  // groups (which stay in memory) and over a window's whole partition.
  f.Run("SET work_mem = '64kB'");
  const Error arrays = f.Fail("SELECT g % 2, array_agg(txt) FROM spill GROUP BY 1");
  CHECK(arrays.code() == std::string("53200"));
  CHECK(arrays.detail().ends_with(" in operator \"HashAggregate\"."));
  CHECK(f.Fail("SELECT length(string_agg(txt, ',')) FROM spill").code() == std::string("53200"));
  const Error window = f.Fail(
      "SELECT count(*) FROM (SELECT array_agg(txt) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED "
      "PRECEDING AND UNBOUNDED FOLLOWING) FROM spill) w");
  CHECK(window.code() == std::string("53200"));
  CHECK(window.detail().ends_with(" in operator \"WindowAgg\"."));
  // Within the limit the same aggregates run.
  CHECK(f.Run("SELECT g % 2, cardinality(array_agg(txt)) FROM spill WHERE id < 2000 GROUP BY 1 "
              "ORDER BY 1")
            .rows == Rows{{"0", "999"}, {"1", "1000"}});
  f.Run("SET work_mem = '64MB'");
  // Read in order through an index: the window's partition is what grows.
  f.Run("CREATE INDEX spill_id ON spill (id)");
  const Error partition =
      f.Fail("SELECT count(*) FROM (SELECT lag(txt) OVER (ORDER BY id) FROM spill WHERE id > 0) w");
  CHECK(partition.code() == std::string("53200"));
  CHECK(partition.detail().ends_with(" in operator \"WindowAgg\"."));
  // The session goes on; with work_mem under the limit the same query spills.
  CHECK(f.Run("SELECT 1").rows == Rows{{"1"}});
  f.Run("SET work_mem = '64kB'");
  CHECK(f.Run("SELECT count(*) FROM (SELECT * FROM spill ORDER BY txt) s").rows == Rows{{"20001"}});
  CHECK(TempFileCount(f) == 0);
}

TEST_CASE("operators that do not spill yet are charged to the query's limit", "[query_memory]") {
  TestEngine f;
  CreateSpillTable(f, 20000);
  f.Run("SET basalt.max_query_memory = '1MB'");
  const Error set_op = f.Fail("SELECT txt FROM spill UNION SELECT txt || 'x' FROM spill");
  CHECK(set_op.code() == std::string("53200"));
  CHECK(set_op.detail().ends_with(" in operator \"HashSetOp Union\"."));
  const Error except = f.Fail("SELECT txt FROM spill EXCEPT SELECT txt || 'x' FROM spill");
  CHECK(except.detail().ends_with(" in operator \"HashSetOp Except\"."));
  const Error loop = f.Fail("SELECT count(*) FROM spill s1 JOIN spill s2 ON s1.id < s2.id");
  CHECK(loop.code() == std::string("53200"));
  CHECK(loop.detail().ends_with(" in operator \"Nested Loop\"."));
  // Past work_mem a window's partitions spill, as the sort under it does.
  f.Run("SET work_mem = '64kB'");
  CHECK(f.Run("SELECT count(*) FROM (SELECT row_number() OVER (PARTITION BY flag ORDER BY txt) "
              "FROM spill) w")
            .rows == Rows{{"20001"}});
  CHECK(TempFileCount(f) == 0);
  // Under the limit the same operators run as before.
  f.Run("RESET basalt.max_query_memory");
  CHECK(f.Run("SELECT count(*) FROM (SELECT txt FROM spill UNION SELECT txt FROM spill) u").rows ==
        Rows{{"20001"}});
  CHECK(f.Run("SELECT count(*) FROM (SELECT row_number() OVER (PARTITION BY flag ORDER BY txt) "
              "FROM spill) w")
            .rows == Rows{{"20001"}});
}

TEST_CASE("work_mem reads and prints as PostgreSQL's", "[query_memory]") {
  TestEngine f;
  auto show = [&] { return f.Run("SHOW work_mem").rows.at(0).at(0); };
  CHECK(show() == "4MB");
  f.Run("SET work_mem = '64kB'");
  CHECK(show() == "64kB");
  f.Run("SET work_mem = 2048");  // kB without a unit
  CHECK(show() == "2MB");
  f.Run("SET work_mem = '1.5MB'");
  CHECK(show() == "1536kB");
  f.Run("SET work_mem = '1GB'");
  CHECK(show() == "1GB");
  f.Run("SET work_mem = '131072B'");
  CHECK(show() == "128kB");
  const Error unit = f.Fail("SET work_mem = '4XB'");
  CHECK(unit.code() == std::string("22023"));
  CHECK(unit.message() == "invalid value for parameter \"work_mem\": \"4XB\"");
  CHECK(unit.hint() ==
        "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".");
  const Error small = f.Fail("SET work_mem = '1kB'");
  CHECK(small.message() ==
        "1 kB is outside the valid range for parameter \"work_mem\" (64 .. 2147483647)");
  const Error big = f.Fail("SET work_mem = '3000000MB'");
  CHECK(big.message() == "invalid value for parameter \"work_mem\": \"3000000MB\"");
  CHECK(big.hint() == "Value exceeds integer range.");
  f.Run("RESET work_mem");
  CHECK(show() == "4MB");
  CHECK(f.Run("SHOW basalt.max_query_memory").rows == Rows{{"1GB"}});
}

}  // namespace
}  // namespace basalt::sql
