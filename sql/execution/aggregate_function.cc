#include "sql/execution/aggregate_function.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>
#include <vector>

#include "common/error.h"
#include "common/interval.h"
#include "common/json_parse.h"
#include "common/value_text.h"
#include "sql/execution/arithmetic.h"
#include "sql/execution/array_shape.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/json_internal.h"
#include "sql/execution/ordered_set_aggregate.h"
#include "sql/execution/query_memory.h"
#include "sql/execution/statistical_aggregate.h"
#include "storage/key_codec.h"

namespace basalt::sql {

struct DistinctInputs {
  std::unordered_set<std::string> seen;  // key encodings of the tuples kept
  std::vector<Row> rows;
};

AggregateState::AggregateState() = default;
AggregateState::~AggregateState() = default;
AggregateState::AggregateState(AggregateState&&) noexcept = default;
AggregateState& AggregateState::operator=(AggregateState&&) noexcept = default;

namespace {

// array_agg's result: the values in an array, or arrays of one shape in an
// array of one more dimension.
Value ArrayAggResult(const BoundExpr& call, std::vector<Value> values) {
  const DataType& input = call.children[0]->type;
  if (!call.type.IsArray() || !input.IsArray()) return Value::Array(std::move(values));
  return AccumulateArrays(values, input);
}

[[noreturn]] void FloatOverflow() {
  throw Error(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
}

// avg(float): PostgreSQL accumulates the count, the sum and the sum of
// squared deviations (Youngs-Cramer) and fails with 22003 when the sum or
// the squares overflow from finite inputs, so avg of values near 1e300
// fails there; the same arithmetic gives the same answer here.
void AccumulateFloatAvg(double x, AggregateState* s) {
  const double old_sum = s->value.is_null() ? 0 : s->value.AsFloat();
  const double n = static_cast<double>(s->count + 1);
  const double sum = old_sum + x;
  double squares = s->squares;
  if (s->count > 0) {
    const double deviation = x * n - sum;
    squares += deviation * deviation / (n * static_cast<double>(s->count));
    if (std::isinf(sum) || std::isinf(squares)) {
      if (!std::isinf(old_sum) && !std::isinf(x)) FloatOverflow();
      squares = std::numeric_limits<double>::quiet_NaN();
    }
  } else if (std::isnan(x) || std::isinf(x)) {
    squares = std::numeric_limits<double>::quiet_NaN();
  }
  s->value = Value::Float(sum);
  s->squares = squares;
}

bool IsJsonAggregate(AggregateFunction f) {
  return f == AggregateFunction::kJsonAgg || f == AggregateFunction::kJsonbAgg ||
         f == AggregateFunction::kJsonObjectAgg || f == AggregateFunction::kJsonbObjectAgg;
}

// json_agg and json_object_agg: the JSON text of the elements or members
// so far, separated as PostgreSQL's json_agg_transfn does (`, `, and
// `"k" : v` for members); the jsonb versions parse the text at the end.
void AccumulateJson(const BoundExpr& call, const Row& args, AggregateState* s) {
  if (s->count > 0) s->text += ", ";
  if (call.aggregate == AggregateFunction::kJsonAgg ||
      call.aggregate == AggregateFunction::kJsonbAgg) {
    // Rows and arrays after the first start a line, as json_agg_transfn.
    const BoundExpr& arg = *call.children[0];
    const bool structured = arg.type.IsArray() || (arg.kind == BoundExprKind::kFunction &&
                                                   arg.function == ScalarFunction::kRowToJson);
    if (s->count > 0 && structured && !args[0].is_null()) s->text += "\n ";
    AppendJsonValue(args[0], arg.type, &s->text);
    return;
  }
  if (args[0].is_null()) {
    throw Error(sqlstate::kInvalidParameterValue, "field name must not be null");
  }
  AppendJsonString(ValueToText(args[0], call.children[0]->type), &s->text);
  s->text += " : ";
  AppendJsonValue(args[1], call.children[1]->type, &s->text);
}

Value JsonAggregateResult(const BoundExpr& call, const AggregateState& state) {
  const bool object = call.aggregate == AggregateFunction::kJsonObjectAgg ||
                      call.aggregate == AggregateFunction::kJsonbObjectAgg;
  std::string text = object ? "{ " + state.text + " }" : "[" + state.text + "]";
  if (call.type.id == TypeId::kJson) return Value::String(std::move(text));
  return JsonbResult(OrThrow(ParseJsonb(text)));
}

void Accumulate(const BoundExpr& call, Row& args, AggregateState* s) {
  if (call.aggregate == AggregateFunction::kCountStar) {
    ++s->count;
    return;
  }
  if (call.aggregate == AggregateFunction::kArrayAgg) {  // NULLs too
    s->elements.push_back(std::move(args[0]));
    ++s->count;
    return;
  }
  if (IsStatisticalAggregate(call.aggregate)) {
    if (s->statistics == nullptr) s->statistics = std::make_unique<StatisticalState>();
    AccumulateStatistics(call, args, s->statistics.get());
    return;
  }
  if (IsOrderedSetAggregate(call.aggregate)) {
    if (s->ordered_set == nullptr) s->ordered_set = std::make_unique<OrderedSetState>();
    AccumulateOrderedSet(call, args, s->ordered_set.get());
    return;
  }
  if (call.aggregate == AggregateFunction::kGrouping) return;  // the operator's
  if (IsJsonAggregate(call.aggregate)) {                       // NULLs too
    AccumulateJson(call, args, s);
    ++s->count;
    return;
  }
  const Value& v = args[0];
  if (v.is_null()) return;
  const DataType& type = call.children[0]->type;
  switch (call.aggregate) {
    case AggregateFunction::kCountStar:
    case AggregateFunction::kCount:
    case AggregateFunction::kArrayAgg:
    case AggregateFunction::kJsonAgg:
    case AggregateFunction::kJsonbAgg:
    case AggregateFunction::kJsonObjectAgg:
    case AggregateFunction::kJsonbObjectAgg:
    case AggregateFunction::kVarPop:
    case AggregateFunction::kVarSamp:
    case AggregateFunction::kVariance:
    case AggregateFunction::kStddevPop:
    case AggregateFunction::kStddevSamp:
    case AggregateFunction::kStddev:
    case AggregateFunction::kCorr:
    case AggregateFunction::kCovarPop:
    case AggregateFunction::kCovarSamp:
    case AggregateFunction::kRegrAvgX:
    case AggregateFunction::kRegrAvgY:
    case AggregateFunction::kRegrCount:
    case AggregateFunction::kRegrIntercept:
    case AggregateFunction::kRegrR2:
    case AggregateFunction::kRegrSlope:
    case AggregateFunction::kRegrSxx:
    case AggregateFunction::kRegrSxy:
    case AggregateFunction::kRegrSyy:
    case AggregateFunction::kPercentileCont:
    case AggregateFunction::kPercentileDisc:
    case AggregateFunction::kMode:
    case AggregateFunction::kGrouping: break;
    case AggregateFunction::kBitAnd:
      s->value = s->value.is_null() ? v : Value::Int(s->value.AsInt() & v.AsInt());
      break;
    case AggregateFunction::kBitOr:
      s->value = s->value.is_null() ? v : Value::Int(s->value.AsInt() | v.AsInt());
      break;
    case AggregateFunction::kSum:
    case AggregateFunction::kAvg:
      if (type.IsInteger()) {
        s->int_sum += v.AsInt();
      } else if (type.id == TypeId::kNumeric) {
        s->value = s->value.is_null()
                       ? v
                       : Value::Decimal(OrThrow(s->value.AsNumeric().Add(v.AsNumeric())));
      } else if (call.aggregate == AggregateFunction::kSum || type.id == TypeId::kInterval) {
        // float4 sums stay float4; an interval avg divides the sum.
        s->value = s->value.is_null()
                       ? v
                       : Arithmetic(ArithmeticOp::kAdd, s->value, v, call.type, call.type);
      } else {
        AccumulateFloatAvg(v.AsFloat(), s);
      }
      break;
    case AggregateFunction::kMin:
    case AggregateFunction::kMax: {
      if (s->value.is_null()) {
        s->value = std::move(args[0]);
        break;
      }
      // A tie takes the newer value, as PostgreSQL's numeric_smaller and
      // float8larger (1.0 then 1.00 gives 1.00).
      const int c = CompareValues(s->value, v, type);
      if (call.aggregate == AggregateFunction::kMin ? c >= 0 : c <= 0) {
        s->value = std::move(args[0]);
      }
      break;
    }
    case AggregateFunction::kBoolAnd:
      if (s->value.is_null() || s->value.AsBool()) s->value = Value::Bool(v.AsBool());
      break;
    case AggregateFunction::kBoolOr:
      if (s->value.is_null() || !s->value.AsBool()) s->value = Value::Bool(v.AsBool());
      break;
    case AggregateFunction::kStringAgg:
      // Each value after the first is preceded by its own row's delimiter
      // (a NULL delimiter adds nothing).
      if (s->count > 0 && !args[1].is_null()) s->text += args[1].AsString();
      s->text += v.AsString();
      break;
  }
  ++s->count;
}

// The result of the inputs accumulated in `state` (string_agg's text and
// array_agg's elements copied: FinishAggregate moves them).
Value ResultOf(const BoundExpr& call, const AggregateState& state) {
  switch (call.aggregate) {
    case AggregateFunction::kCountStar:
    case AggregateFunction::kCount: return Value::Int(state.count);
    case AggregateFunction::kGrouping: return Value::Int(0);  // every key in the one set
    default: break;
  }
  if (IsStatisticalAggregate(call.aggregate)) {
    return StatisticsResult(call,
                            state.statistics != nullptr ? *state.statistics : StatisticalState());
  }
  if (IsOrderedSetAggregate(call.aggregate)) {
    return OrderedSetResult(call,
                            state.ordered_set != nullptr ? *state.ordered_set : OrderedSetState());
  }
  if (state.count == 0) return Value::Null();
  const DataType& type = call.children[0]->type;
  switch (call.aggregate) {
    case AggregateFunction::kSum:
      if (type.IsInteger()) {
        if (call.type.id == TypeId::kNumeric) {
          return Value::Decimal(Numeric::FromInt128(state.int_sum, 0));
        }
        if (state.int_sum > INT64_MAX || state.int_sum < INT64_MIN) {
          throw Error(sqlstate::kNumericValueOutOfRange, "bigint out of range");
        }
        return Value::Int(static_cast<int64_t>(state.int_sum));
      }
      return state.value;
    case AggregateFunction::kAvg: {
      if (type.id == TypeId::kFloat4 || type.id == TypeId::kFloat8) {
        return Value::Float(state.value.AsFloat() / static_cast<double>(state.count));
      }
      if (type.id == TypeId::kInterval) {
        return Value::Span(
            OrThrow(DivideInterval(state.value.AsInterval(), static_cast<double>(state.count))));
      }
      const Numeric sum =
          type.IsInteger() ? Numeric::FromInt128(state.int_sum, 0) : state.value.AsNumeric();
      return Value::Decimal(OrThrow(sum.Divide(Numeric::FromInt64(state.count))));
    }
    case AggregateFunction::kStringAgg: return Value::String(state.text);
    case AggregateFunction::kArrayAgg: return ArrayAggResult(call, state.elements);
    case AggregateFunction::kJsonAgg:
    case AggregateFunction::kJsonbAgg:
    case AggregateFunction::kJsonObjectAgg:
    case AggregateFunction::kJsonbObjectAgg: return JsonAggregateResult(call, state);
    default: return state.value;
  }
}

}  // namespace

bool SameGroupKey(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Value::Kind::kNull: return true;
    case Value::Kind::kBool: return a.AsBool() == b.AsBool();
    case Value::Kind::kInt: return a.AsInt() == b.AsInt();
    case Value::Kind::kFloat: return a.AsFloat() == b.AsFloat();  // -0 and 0 group together
    case Value::Kind::kString: return a.AsString() == b.AsString();
    default: return false;
  }
}

void AppendGroupKey(const Value& v, const DataType& type, std::string* key) {
  if (v.is_null() || !type.IsArray()) {
    // The key codec knows the storable column types only: the other
    // string types (name, "char", pg_node_tree, json) group as text, and
    // the OIDs shown as names (regclass, ...) as oid. bpchar is storable,
    // and groups without its trailing blanks.
    DataType encoded = type;
    if ((type.IsString() && type.id != TypeId::kBpchar) || type.id == TypeId::kJson) {
      encoded = DataType::Of(TypeId::kText);
    }
    if (type.IsRegType()) encoded = DataType::Of(TypeId::kOid);
    storage::AppendKeyValue(v, encoded, key);
    return;
  }
  // The key codec has no arrays: the length, then each element.
  const std::vector<Value>& elements = v.AsArray();
  storage::AppendKeyValue(Value::Int(static_cast<int64_t>(elements.size())),
                          DataType::Of(TypeId::kInt8), key);
  const DataType element_type = type.Element();
  for (const Value& e : elements) AppendGroupKey(e, element_type, key);
}

namespace {

// Whether the state keeps (something of) each input it is fed.
bool KeepsInputs(AggregateFunction f) {
  switch (f) {
    case AggregateFunction::kStringAgg:
    case AggregateFunction::kArrayAgg:
    case AggregateFunction::kJsonAgg:
    case AggregateFunction::kJsonbAgg:
    case AggregateFunction::kJsonObjectAgg:
    case AggregateFunction::kJsonbObjectAgg:
    case AggregateFunction::kPercentileCont:
    case AggregateFunction::kPercentileDisc:
    case AggregateFunction::kMode: return true;
    default: return false;
  }
}

}  // namespace

int64_t AccumulateAggregate(const BoundExpr& call, Row& args, AggregateState* state) {
  if (!call.distinct && call.aggregate_order.empty()) {
    const int64_t kept = KeepsInputs(call.aggregate) ? RowMemory(args) : 0;
    Accumulate(call, args, state);
    return kept;
  }
  if (state->distinct == nullptr) state->distinct = std::make_unique<DistinctInputs>();
  int64_t kept = RowMemory(args);
  if (call.distinct) {
    std::string key;
    const size_t arg_count = call.AggregateArgCount();
    for (size_t i = 0; i < arg_count; ++i) AppendGroupKey(args[i], call.children[i]->type, &key);
    kept += static_cast<int64_t>(key.size());
    if (!state->distinct->seen.insert(std::move(key)).second) return 0;
  }
  state->distinct->rows.push_back(std::move(args));
  return kept;
}

bool CanCombineAggregate(const BoundExpr& call) {
  if (call.distinct || !call.aggregate_order.empty()) return false;
  switch (call.aggregate) {
    case AggregateFunction::kCountStar:
    case AggregateFunction::kCount:
    case AggregateFunction::kSum:
    case AggregateFunction::kAvg:
    case AggregateFunction::kMin:
    case AggregateFunction::kMax:
    case AggregateFunction::kBoolAnd:
    case AggregateFunction::kBoolOr:
    case AggregateFunction::kBitAnd:
    case AggregateFunction::kBitOr: return true;
    default: return false;
  }
}

namespace {

// avg(float): PostgreSQL's float8_combine of two (count, sum, squares)
// states, with its overflow rule.
void CombineFloatAvg(const AggregateState& from, AggregateState* into) {
  const double n1 = static_cast<double>(into->count);
  const double n2 = static_cast<double>(from.count);
  const double sum1 = into->value.AsFloat();
  const double sum2 = from.value.AsFloat();
  const double sum = sum1 + sum2;
  const double deviation = sum1 / n1 - sum2 / n2;
  double squares = into->squares + from.squares + n1 * n2 * deviation * deviation / (n1 + n2);
  if (std::isinf(sum) || std::isinf(squares)) {
    if (!std::isinf(sum1) && !std::isinf(sum2)) FloatOverflow();
    squares = std::numeric_limits<double>::quiet_NaN();
  }
  into->value = Value::Float(sum);
  into->squares = squares;
}

}  // namespace

void CombineAggregates(const BoundExpr& call, AggregateState&& from, AggregateState* into) {
  if (from.count == 0) return;
  if (into->count == 0) {
    *into = std::move(from);
    return;
  }
  const DataType& type = call.children.empty() ? call.type : call.children[0]->type;
  switch (call.aggregate) {
    case AggregateFunction::kSum:
    case AggregateFunction::kAvg:
      if (type.IsInteger()) {
        into->int_sum += from.int_sum;
      } else if (type.id == TypeId::kNumeric) {
        into->value = Value::Decimal(OrThrow(into->value.AsNumeric().Add(from.value.AsNumeric())));
      } else if (call.aggregate == AggregateFunction::kSum || type.id == TypeId::kInterval) {
        into->value = Arithmetic(ArithmeticOp::kAdd, into->value, from.value, call.type, call.type);
      } else {
        CombineFloatAvg(from, into);
      }
      break;
    case AggregateFunction::kMin:
    case AggregateFunction::kMax: {
      const int c = CompareValues(into->value, from.value, type);
      if (call.aggregate == AggregateFunction::kMin ? c >= 0 : c <= 0) {
        into->value = std::move(from.value);
      }
      break;
    }
    case AggregateFunction::kBoolAnd:
      into->value = Value::Bool(into->value.AsBool() && from.value.AsBool());
      break;
    case AggregateFunction::kBoolOr:
      into->value = Value::Bool(into->value.AsBool() || from.value.AsBool());
      break;
    case AggregateFunction::kBitAnd:
      into->value = Value::Int(into->value.AsInt() & from.value.AsInt());
      break;
    case AggregateFunction::kBitOr:
      into->value = Value::Int(into->value.AsInt() | from.value.AsInt());
      break;
    default: break;  // count(*) and count(x): the counts alone
  }
  into->count += from.count;
}

Value FinishAggregate(const BoundExpr& call, AggregateState* state) {
  if (state->distinct != nullptr) {
    std::vector<Row> rows = std::move(state->distinct->rows);
    state->distinct.reset();
    // Sorted by the ORDER BY keys (after the arguments in each row), else
    // by the arguments ascending.
    const size_t arg_count = call.AggregateArgCount();
    const bool ordered = !call.aggregate_order.empty();
    const size_t first = ordered ? arg_count : 0;
    const size_t keys = ordered ? call.aggregate_order.size() : arg_count;
    std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
      for (size_t k = 0; k < keys; ++k) {
        const size_t i = first + k;
        const bool descending = ordered && call.aggregate_order[k].descending;
        const bool nulls_first = ordered && call.aggregate_order[k].nulls_first;
        if (a[i].is_null() || b[i].is_null()) {
          if (a[i].is_null() == b[i].is_null()) continue;
          return a[i].is_null() == nulls_first;
        }
        const int c = CompareValues(a[i], b[i], call.children[i]->type);
        if (c != 0) return descending ? c > 0 : c < 0;
      }
      return false;
    });
    for (Row& row : rows) Accumulate(call, row, state);
  }
  if (state->count > 0 && call.aggregate == AggregateFunction::kStringAgg) {
    return Value::String(std::move(state->text));
  }
  if (state->count > 0 && call.aggregate == AggregateFunction::kArrayAgg) {
    return ArrayAggResult(call, std::move(state->elements));
  }
  return ResultOf(call, *state);
}

Value AggregateValueSoFar(const BoundExpr& call, const AggregateState& state) {
  return ResultOf(call, state);
}

}  // namespace basalt::sql
