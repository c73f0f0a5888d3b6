// The statistical aggregates' exact numeric path: PostgreSQL's result scales
// and rounding for variance and its square root, including sums past 128
// bits, and the float path's Youngs-Cramer digits.
#include "sql/execution/statistical_aggregate.h"

#include <catch2/catch.hpp>

#include "sql/test_engine.h"

namespace basalt::sql {
namespace {

TEST_CASE("statistical aggregates: exact numeric digits", "[statistical_aggregate]") {
  TestEngine f;
  f.Run("CREATE TABLE t (n numeric, i bigint)");
  f.Run(
      "INSERT INTO t VALUES (1, 9000000000000000000), (2, 9000000000000000000), "
      "(4, -7)");
  // sum(i * i) needs more than 128 bits; the result fits 38 digits.
  CHECK(f.Run("SELECT variance(n), stddev(n), var_pop(n), stddev_pop(n) FROM t").rows ==
        Rows{{"2.3333333333333333", "1.5275252316519467", "1.5555555555555556",
              "1.2472191289246471"}});
  CHECK(f.Run("SELECT variance(i), stddev(i) FROM t").rows ==
        Rows{{"27000000000000000042000000000000000016", "5196152422706631885"}});
  // Equal inputs: exactly zero, printed without a scale.
  f.Run("DELETE FROM t");
  f.Run("INSERT INTO t VALUES (2.50, 1), (2.5, 1)");
  CHECK(f.Run("SELECT variance(n), stddev_pop(n), variance(i) FROM t").rows ==
        Rows{{"0", "0", "0"}});
}

TEST_CASE("statistical aggregates: float digits and overflow", "[statistical_aggregate]") {
  TestEngine f;
  CHECK(
      f.Run("SELECT variance(x), var_pop(x) FROM (VALUES (0.1::float8), (0.2), (0.3)) v(x)").rows ==
      Rows{{"0.009999999999999992", "0.006666666666666661"}});
  CHECK(f.Run("SELECT corr(y, x), regr_slope(y, x) FROM (VALUES (1::float8, 2::float8), (3, 4), "
              "(5, 5)) v(y, x)")
            .rows == Rows{{"0.9819805060619659", "1.2857142857142858"}});
  CHECK_THROWS(f.Run("SELECT variance(x) FROM (VALUES (1e308::float8), (-1e308)) v(x)"));
}

}  // namespace
}  // namespace basalt::sql
