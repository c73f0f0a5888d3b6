#include "sql/execution/ordered_set_aggregate.h"

#include <fmt/format.h>

#include <cmath>

#include "common/error.h"
#include "common/interval.h"
#include "sql/execution/evaluate.h"

namespace basalt::sql {

namespace {

// The fraction's value: the rows' own, else the call's constant (a group
// without rows still checks it, as PostgreSQL's final functions do).
Value Fraction(const BoundExpr& call, const OrderedSetState& state) {
  if (state.has_fraction) return state.fraction;
  const BoundExpr& direct = *call.children[0];
  return direct.IsConstant() ? direct.value : Value::Null();
}

double CheckedFraction(const Value& fraction) {
  const double f = fraction.AsFloat();
  if (std::isnan(f) || f < 0 || f > 1) {
    // %g, as PostgreSQL's own printf spells the special values.
    const std::string shown = std::isnan(f)   ? "NaN"
                              : std::isinf(f) ? (f > 0 ? "Infinity" : "-Infinity")
                                              : fmt::format("{:g}", f);
    throw Error(sqlstate::kNumericValueOutOfRange,
                fmt::format("percentile value {} is not between 0 and 1", shown));
  }
  return f;
}

// lo + (hi - lo) * proportion, in the key's type (float8 or interval).
Value Interpolate(const Value& lo, const Value& hi, double proportion, const DataType& type) {
  if (type.id == TypeId::kInterval) {
    const Interval difference = OrThrow(SubtractIntervals(hi.AsInterval(), lo.AsInterval()));
    const Interval step = OrThrow(MultiplyInterval(difference, proportion));
    return Value::Span(OrThrow(AddIntervals(lo.AsInterval(), step)));
  }
  return Value::Float(lo.AsFloat() + (hi.AsFloat() - lo.AsFloat()) * proportion);
}

Value PercentileCont(const BoundExpr& call, const OrderedSetState& state, double fraction) {
  const std::vector<Value>& keys = state.keys;
  const double position = fraction * static_cast<double>(keys.size() - 1);
  const auto first = static_cast<size_t>(std::floor(position));
  const auto second = static_cast<size_t>(std::ceil(position));
  if (first == second) return keys[first];
  return Interpolate(keys[first], keys[second], position - static_cast<double>(first),
                     call.children[1]->type);
}

Value PercentileDisc(const OrderedSetState& state, double fraction) {
  // The first key whose cumulative share reaches the fraction.
  const auto row =
      static_cast<int64_t>(std::ceil(fraction * static_cast<double>(state.keys.size())));
  return state.keys[row > 1 ? static_cast<size_t>(row - 1) : 0];
}

// The most frequent key; among equally frequent ones, the first in order.
Value Mode(const BoundExpr& call, const OrderedSetState& state) {
  const DataType& type = call.children[0]->type;
  size_t best = 0;
  size_t best_count = 0;
  for (size_t i = 0; i < state.keys.size();) {
    size_t j = i + 1;
    while (j < state.keys.size() && CompareValues(state.keys[i], state.keys[j], type) == 0) ++j;
    if (j - i > best_count) {
      best = i;
      best_count = j - i;
    }
    i = j;
  }
  return state.keys[best];
}

}  // namespace

void AccumulateOrderedSet(const BoundExpr& call, Row& args, OrderedSetState* state) {
  const size_t direct = call.AggregateArgCount();
  if (direct > 0 && !state->has_fraction) {
    state->has_fraction = true;
    state->fraction = args[0];
  }
  Value& key = args[direct];
  if (!key.is_null()) state->keys.push_back(std::move(key));
}

Value OrderedSetResult(const BoundExpr& call, const OrderedSetState& state) {
  if (call.aggregate == AggregateFunction::kMode) {
    return state.keys.empty() ? Value::Null() : Mode(call, state);
  }
  const bool cont = call.aggregate == AggregateFunction::kPercentileCont;
  if (call.children[0]->type.IsArray()) {
    // Several fractions: NULL without rows, then a result per fraction (NULL
    // for a NULL one) in the fractions' shape, as percentile_*_multi_final.
    if (state.keys.empty()) return Value::Null();
    const Value fractions = Fraction(call, state);
    if (fractions.is_null()) return Value::Null();
    std::vector<Value> results;
    for (const Value& fraction : fractions.AsArray()) {
      if (fraction.is_null()) {
        results.push_back(Value::Null());
        continue;
      }
      const double f = CheckedFraction(fraction);
      results.push_back(cont ? PercentileCont(call, state, f) : PercentileDisc(state, f));
    }
    return Value::ArrayLike(fractions, std::move(results));
  }
  const Value fraction = Fraction(call, state);
  if (fraction.is_null()) return Value::Null();
  const double f = CheckedFraction(fraction);
  if (state.keys.empty()) return Value::Null();
  return cont ? PercentileCont(call, state, f) : PercentileDisc(state, f);
}

}  // namespace basalt::sql
