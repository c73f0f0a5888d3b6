// The statistical aggregates: variance and standard deviation (var_pop,
// var_samp / variance, stddev_pop, stddev_samp / stddev) and the
// two-argument float8 statistics (corr, covar_*, regr_*), with PostgreSQL's
// arithmetic, so results print the same digits:
// - float inputs keep the count, sums and sums of squared deviations as
//   PostgreSQL's float8_accum / float8_regr_accum do (Youngs-Cramer), with
//   their 22003 overflow rule;
// - integer and numeric inputs keep exact sums of x and x*x and divide
//   once at the end, at the result scale PostgreSQL's numeric division
//   picks, and take the square root to that scale.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include "common/value.h"
#include "sql/binder/bound_expression.h"

namespace basalt::sql {

struct StatisticalState {
  // Floats: n, sum of x (y), and the sums of squared deviations / products.
  double n = 0;
  double sx = 0;
  double sxx = 0;
  double sy = 0;
  double syy = 0;
  double sxy = 0;
  // Integers and numeric: exact sums, unscaled, at `scale` and 2 * `scale`
  // (the largest input scale so far, PostgreSQL's dscale of the sum).
  int64_t count = 0;
  int scale = 0;
  boost::multiprecision::cpp_int sum;
  boost::multiprecision::cpp_int sum_squares;
  bool non_finite = false;  // a NaN or infinite numeric was accumulated
};

// Whether f is one of the aggregates computed here.
bool IsStatisticalAggregate(AggregateFunction f);

// Feeds one row's argument values (NULLs skipped, as the functions are
// strict) of `call` to the state.
void AccumulateStatistics(const BoundExpr& call, const Row& args, StatisticalState* state);

// The result for the rows fed so far (NULL when there are too few).
Value StatisticsResult(const BoundExpr& call, const StatisticalState& state);

}  // namespace basalt::sql
