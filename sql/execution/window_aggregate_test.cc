// WindowAgg through the engine: partitions spanning several input and
// output batches, checked against sums computed here; sliding frames
// against a brute-force count; the plan's shape.
#include "sql/execution/window_aggregate.h"

#include <algorithm>
#include <map>
#include <string>

#include <catch2/catch.hpp>

#include "sql/test_engine.h"

namespace basalt::sql {
namespace {

constexpr int kRows = 5000;

void Fill(TestEngine& f) {
  f.Run("CREATE TABLE w (id int PRIMARY KEY, g int, v int)");
  std::string insert = "INSERT INTO w VALUES ";
  for (int i = 0; i < kRows; ++i) {
    if (i > 0) insert += ", ";
    // Three partitions of very different sizes; v repeats, so ORDER BY v
    // has peers.
    const int g = i % 10 == 0 ? 0 : (i % 10 < 3 ? 1 : 2);
    insert +=
        "(" + std::to_string(i) + ", " + std::to_string(g) + ", " + std::to_string(i / 7) + ")";
  }
  f.Run(insert);
}

int PartitionOf(int i) {
  return i % 10 == 0 ? 0 : (i % 10 < 3 ? 1 : 2);
}

TEST_CASE("window aggregate: partitions across batches", "[window_aggregate]") {
  TestEngine f;
  Fill(f);
  auto r = f.Run(
      "SELECT id, row_number() OVER (PARTITION BY g ORDER BY id), "
      "sum(id) OVER (PARTITION BY g ORDER BY id), count(*) OVER (PARTITION BY g), "
      "rank() OVER (ORDER BY v) FROM w ORDER BY id");
  REQUIRE(r.rows.size() == kRows);
  std::map<int, long> running;  // per partition: the sum of ids so far
  std::map<int, int> seen;
  std::map<int, int> sizes;
  for (int i = 0; i < kRows; ++i) ++sizes[PartitionOf(i)];
  for (int i = 0; i < kRows; ++i) {
    const int g = PartitionOf(i);
    running[g] += i;
    ++seen[g];
    const auto& row = r.rows[static_cast<size_t>(i)];
    CHECK(row[0] == std::to_string(i));
    CHECK(row[1] == std::to_string(seen[g]));
    CHECK(row[2] == std::to_string(running[g]));
    CHECK(row[3] == std::to_string(sizes[g]));
    CHECK(row[4] == std::to_string(i / 7 * 7 + 1));  // peers share the first one's rank
  }
}

TEST_CASE("window aggregate: sliding frames", "[window_aggregate]") {
  TestEngine f;
  Fill(f);
  auto r = f.Run(
      "SELECT id, sum(id) OVER (ORDER BY id ROWS BETWEEN 3 PRECEDING AND 2 FOLLOWING), "
      "count(*) OVER (ORDER BY v RANGE BETWEEN 1 PRECEDING AND CURRENT ROW), "
      "count(*) OVER (ORDER BY v GROUPS BETWEEN 1 FOLLOWING AND 2 FOLLOWING EXCLUDE TIES), "
      "max(id) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 FOLLOWING) "
      "FROM w ORDER BY id");
  REQUIRE(r.rows.size() == kRows);
  for (int i = 0; i < kRows; ++i) {
    const auto& row = r.rows[static_cast<size_t>(i)];
    long sum = 0;
    for (int j = std::max(0, i - 3); j <= std::min(kRows - 1, i + 2); ++j) sum += j;
    CHECK(row[1] == std::to_string(sum));
    // v = i / 7: the rows with v or v - 1.
    const int v = i / 7;
    const int lowest = std::max(0, (v - 1) * 7);
    const int highest = std::min(kRows - 1, v * 7 + 6);
    CHECK(row[2] == std::to_string(highest - lowest + 1));
    // The next two peer groups.
    const int next_first = (v + 1) * 7;
    const int next_last = std::min(kRows - 1, (v + 2) * 7 + 6);
    CHECK(row[3] == std::to_string(next_first < kRows ? next_last - next_first + 1 : 0));
    // The partition's next row, else this one.
    int next = i;
    for (int j = i + 1; j < kRows; ++j) {
      if (PartitionOf(j) == PartitionOf(i)) {
        next = j;
        break;
      }
    }
    CHECK(row[4] == std::to_string(next));
  }
}

TEST_CASE("window aggregate: plan", "[window_aggregate]") {
  TestEngine f;
  f.Run("CREATE TABLE p (id int PRIMARY KEY, g int)");
  auto r = f.Run(
      "EXPLAIN (COSTS OFF) SELECT g, sum(id) OVER (PARTITION BY g ORDER BY id), "
      "rank() OVER (PARTITION BY g) FROM p");
  // One sort serves both windows: (g) is a prefix of (g, id).
  CHECK(r.rows == Rows{{"WindowAgg"},
                       {"  ->  WindowAgg"},
                       {"        ->  Sort"},
                       {"              Sort Key: g, id"},
                       {"              ->  Seq Scan on p"}});
}

}  // namespace
}  // namespace basalt::sql
