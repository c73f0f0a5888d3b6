// The ordered-set aggregates percentile_cont, percentile_disc and mode,
// called with WITHIN GROUP (ORDER BY key): their input arrives sorted by the
// key (FinishAggregate sorts it, as for any aggregate with ORDER BY), so the
// state only keeps the non-NULL keys in that order and the direct argument
// (the fraction), which is the same on every row of a group.
#pragma once

#include <vector>

#include "common/value.h"
#include "sql/binder/bound_expression.h"

namespace basalt::sql {

struct OrderedSetState {
  bool has_fraction = false;  // a row arrived, so `fraction` is its value
  Value fraction;
  std::vector<Value> keys;  // sorted by the WITHIN GROUP order
};

// Feeds one row (the direct arguments, then the key), in sorted order.
void AccumulateOrderedSet(const BoundExpr& call, Row& args, OrderedSetState* state);

// The result; 22003 for a fraction outside [0, 1], even without rows (the
// fraction then read from the call when it is a constant).
Value OrderedSetResult(const BoundExpr& call, const OrderedSetState& state);

}  // namespace basalt::sql
