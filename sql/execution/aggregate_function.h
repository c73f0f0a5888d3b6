// Aggregate functions: the running state of one aggregate call over one
// group, and the steps that feed it input rows and compute its result, with
// PostgreSQL's semantics (NULL inputs skipped; no input gives NULL, or 0 for
// count; sum and avg result types as resolved by the binder; 22003 on
// overflow).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/numeric.h"
#include "common/value.h"
#include "sql/binder/bound_expression.h"

namespace basalt::sql {

struct DistinctInputs;
struct OrderedSetState;
struct StatisticalState;

struct AggregateState {
  AggregateState();
  ~AggregateState();
  AggregateState(AggregateState&&) noexcept;
  AggregateState& operator=(AggregateState&&) noexcept;

  int64_t count = 0;   // inputs accumulated
  Int128 int_sum = 0;  // sum and avg of integers: exact
  Value value;         // sum, min, max, bool_and, bool_or so far
  // avg of floats: the sum of squared deviations, computed only for
  // PostgreSQL's overflow error (its float8_accum keeps it for variance).
  double squares = 0;
  std::string text;             // string_agg so far
  std::vector<Value> elements;  // array_agg so far
  // DISTINCT or ORDER BY in the call: the input tuples kept (the distinct
  // ones under DISTINCT), fed in sorted order by FinishAggregate: by the
  // call's ORDER BY keys, else by the arguments (as PostgreSQL, whose
  // DISTINCT aggregates sort their input: string_agg(DISTINCT x, ',') lists
  // x in order). Null otherwise.
  std::unique_ptr<DistinctInputs> distinct;
  std::unique_ptr<StatisticalState> statistics;  // variance, corr, regr_*, ...
  std::unique_ptr<OrderedSetState> ordered_set;  // percentile_*, mode
};

// Appends v's grouping key to *key: values equal in SQL (numeric 1.0 and
// 1.00, float -0 and 0, every NaN, every NULL) append the same bytes, and
// unequal ones different bytes.
void AppendGroupKey(const Value& v, const DataType& type, std::string* key);

// Whether two values of one type surely append the same group key: NULLs,
// equal booleans, integers and floats, identical strings. False for the
// other kinds (numeric, interval, arrays), which the caller encodes.
bool SameGroupKey(const Value& a, const Value& b);

// Feeds one input row's argument values (`args`: the values of the
// children of `call`, a kAggregate node, but its FILTER condition, which
// the caller applies) to the state, which may take them: *args is left
// unspecified, for the caller to clear and reuse. Returns about how many
// bytes the state grew by: what it keeps of the inputs (array_agg,
// string_agg, the json aggregates, ordered-set aggregates, DISTINCT or ORDER
// BY inputs), 0 for the states of a fixed size, for the caller to charge to
// the query's memory.
int64_t AccumulateAggregate(const BoundExpr& call, Row& args, AggregateState* state);
// Whether CombineAggregates can merge two states of `call`, as a parallel
// aggregate merges its participants' groups: count, sum, avg, min, max,
// bool_and / bool_or / every, bit_and / bit_or, without DISTINCT or ORDER BY.
bool CanCombineAggregate(const BoundExpr& call);
// Folds `from`, the state of other input rows of the same group, into
// *into. REQUIRES: CanCombineAggregate(call).
void CombineAggregates(const BoundExpr& call, AggregateState&& from, AggregateState* into);
// The aggregate's result for the inputs fed so far.
Value FinishAggregate(const BoundExpr& call, AggregateState* state);
// The same, leaving the state as it is, so more inputs may follow (a window
// aggregate's running value). REQUIRES: no DISTINCT or ORDER BY in `call`.
Value AggregateValueSoFar(const BoundExpr& call, const AggregateState& state);

}  // namespace basalt::sql
