#include "sql/binder/bound_expression.h"

#include <limits>

#include "common/iterative_delete.h"
#include "common/stack_depth.h"

namespace basalt::sql {

BoundExpr::~BoundExpr() {
  for (BoundExprPtr& c : children) DeleteIteratively(c);
}

BoundExprPtr BoundExpr::Make(BoundExprKind kind, DataType type, int position) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = kind;
  e->type = type;
  e->position = position;
  return e;
}

BoundExprPtr BoundExpr::Constant(Value v, DataType type) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kConstant;
  e->value = std::move(v);
  e->type = type;
  return e;
}

BoundExprPtr BoundExpr::Column(int index, DataType type) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kColumn;
  e->column_index = index;
  e->type = type;
  return e;
}

BoundExprPtr BoundExpr::Cast(BoundExprPtr child, DataType to, CastContext context) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kCast;
  e->type = to;
  e->cast_context = context;
  e->position = child->position;
  e->children.push_back(std::move(child));
  return e;
}

BoundExprPtr BoundExpr::Clone() const {
  CheckStackDepth();
  auto e = std::make_unique<BoundExpr>();
  e->kind = kind;
  e->type = type;
  for (const BoundExprPtr& c : children) e->children.push_back(c->Clone());
  e->value = value;
  e->column_index = column_index;
  e->parameter_index = parameter_index;
  e->cast_context = cast_context;
  e->arithmetic_op = arithmetic_op;
  e->compare_op = compare_op;
  e->compare_type = compare_type;
  e->in_set = in_set;
  e->function = function;
  e->negated = negated;
  e->case_insensitive = case_insensitive;
  e->has_else = has_else;
  e->all = all;
  e->aggregate = aggregate;
  e->distinct = distinct;
  e->aggregate_order = aggregate_order;
  e->has_filter = has_filter;
  e->window_function = window_function;
  e->window = window;
  e->position = position;
  e->subquery = subquery;
  e->subquery_kind = subquery_kind;
  return e;
}

namespace {

// Constants are equal when they hold the same representation (1.0 and 1.00
// differ, as PostgreSQL's datum comparison).
bool SameValue(const Value& a, const Value& b, TypeId type) {
  if (a.is_null() || b.is_null()) return a.is_null() == b.is_null();
  if (const std::optional<TypeId> element = DataType::Of(type).ElementType()) {
    const std::vector<Value>& x = a.AsArray();
    const std::vector<Value>& y = b.AsArray();
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i) {
      if (!SameValue(x[i], y[i], *element)) return false;
    }
    return true;
  }
  switch (type) {
    case TypeId::kBool: return a.AsBool() == b.AsBool();
    case TypeId::kFloat4:
    case TypeId::kFloat8: return a.AsFloat() == b.AsFloat();
    case TypeId::kNumeric:
      return a.AsNumeric().kind() == b.AsNumeric().kind() &&
             a.AsNumeric().scale() == b.AsNumeric().scale() &&
             a.AsNumeric().Compare(b.AsNumeric()) == 0;
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kName:
    case TypeId::kChar:
    case TypeId::kPgNodeTree:
    case TypeId::kJson:
    case TypeId::kAclItem:
    case TypeId::kUnknown: return a.AsString() == b.AsString();
    case TypeId::kVoid: return true;
    default:
      // The other types by their representation: integers (dates, times,
      // OIDs), intervals field by field, strings (bytea, uuid, jsonb).
      if (a.kind() != b.kind()) return false;
      switch (a.kind()) {
        case Value::Kind::kInterval: return a.AsInterval().SameFields(b.AsInterval());
        case Value::Kind::kString: return a.AsString() == b.AsString();
        case Value::Kind::kInt: return a.AsInt() == b.AsInt();
        default: return false;
      }
  }
}

}  // namespace

bool BoundExpr::Equals(const BoundExpr& o) const {
  CheckStackDepth();
  if (kind != o.kind || type != o.type || children.size() != o.children.size()) return false;
  switch (kind) {
    case BoundExprKind::kConstant:
      if (!SameValue(value, o.value, type.id)) return false;
      break;
    case BoundExprKind::kColumn:
    case BoundExprKind::kOuterColumn:
      if (column_index != o.column_index) return false;
      break;
    case BoundExprKind::kSubquery:
      if (subquery != o.subquery || subquery_kind != o.subquery_kind) return false;
      break;
    default: break;
  }
  // Also a describing bind's parameters, which are NULL constants.
  if (parameter_index != o.parameter_index) return false;
  if (cast_context != o.cast_context || arithmetic_op != o.arithmetic_op ||
      compare_op != o.compare_op || compare_type != o.compare_type || function != o.function ||
      negated != o.negated || case_insensitive != o.case_insensitive || has_else != o.has_else ||
      all != o.all || aggregate != o.aggregate || distinct != o.distinct ||
      aggregate_order != o.aggregate_order || has_filter != o.has_filter ||
      window_function != o.window_function || window != o.window) {
    return false;
  }
  for (size_t i = 0; i < children.size(); ++i) {
    if (!children[i]->Equals(*o.children[i])) return false;
  }
  return true;
}

void ShiftColumns(BoundExpr& e, int delta) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kColumn) e.column_index += delta;
  for (BoundExprPtr& c : e.children) ShiftColumns(*c, delta);
}

bool ReadsOnlyColumns(const BoundExpr& e, int begin, int end) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kColumn && (e.column_index < begin || e.column_index >= end)) {
    return false;
  }
  for (const BoundExprPtr& c : e.children) {
    if (!ReadsOnlyColumns(*c, begin, end)) return false;
  }
  return true;
}

std::vector<BoundExprPtr> SplitConjuncts(BoundExprPtr predicate) {
  std::vector<BoundExprPtr> out;
  std::vector<BoundExprPtr> stack;
  stack.push_back(std::move(predicate));
  while (!stack.empty()) {
    BoundExprPtr e = std::move(stack.back());
    stack.pop_back();
    if (e->kind != BoundExprKind::kAnd) {
      out.push_back(std::move(e));
      continue;
    }
    for (auto it = e->children.rbegin(); it != e->children.rend(); ++it) {
      stack.push_back(std::move(*it));
    }
  }
  return out;
}

BoundExprPtr MakeConjunction(std::vector<BoundExprPtr> terms) {
  if (terms.empty()) return nullptr;
  if (terms.size() == 1) return std::move(terms[0]);
  auto e = BoundExpr::Make(BoundExprKind::kAnd, DataType::Of(TypeId::kBool), terms[0]->position);
  e->children = std::move(terms);
  return e;
}

bool ReadsColumnIn(const BoundExpr& e, int begin, int end) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kColumn && e.column_index >= begin && e.column_index < end) {
    return true;
  }
  for (const BoundExprPtr& c : e.children) {
    if (ReadsColumnIn(*c, begin, end)) return true;
  }
  return false;
}

bool ReadsColumns(const BoundExpr& e) {
  return ReadsColumnIn(e, 0, std::numeric_limits<int>::max());
}

bool IsLockFunction(ScalarFunction f) {
  return f >= ScalarFunction::kAdvisoryLock && f <= ScalarFunction::kAdvisoryUnlockAll;
}

bool IsSequenceFunction(ScalarFunction f) {
  return f >= ScalarFunction::kNextval && f <= ScalarFunction::kLastval;
}

bool IsSessionFunction(ScalarFunction f) {
  return f >= ScalarFunction::kCurrentSetting && f <= ScalarFunction::kTerminateBackend;
}

bool IsVolatileFunction(ScalarFunction f) {
  switch (f) {
    case ScalarFunction::kRandom:
    case ScalarFunction::kSetseed:
    case ScalarFunction::kGenRandomUuid:
    case ScalarFunction::kClockTimestamp:
    case ScalarFunction::kTimeOfDay:
    case ScalarFunction::kPgSleep:
    case ScalarFunction::kSetConfig:
    case ScalarFunction::kCancelBackend:
    case ScalarFunction::kTerminateBackend: return true;
    default: return IsLockFunction(f) || IsSequenceFunction(f);
  }
}

bool ReadsClock(ScalarFunction f) {
  return f == ScalarFunction::kNow ||
         (f >= ScalarFunction::kAgeFromToday && f <= ScalarFunction::kLocalTime);
}

bool BoundExpr::IsFoldableNode() const {
  switch (kind) {
    case BoundExprKind::kColumn:
    case BoundExprKind::kParameter:
    case BoundExprKind::kAggregate:
    case BoundExprKind::kWindow:
    case BoundExprKind::kOuterColumn:
    case BoundExprKind::kSubquery: return false;
    case BoundExprKind::kFunction:
      return !ReadsClock(function) && function != ScalarFunction::kPgSleep &&
             function != ScalarFunction::kPgBackendPid &&
             function != ScalarFunction::kPgBlockingPids && !IsLockFunction(function) &&
             !IsSequenceFunction(function) && !IsSessionFunction(function) &&
             function != ScalarFunction::kRandom && function != ScalarFunction::kSetseed &&
             function != ScalarFunction::kGenRandomUuid;
    default: return true;
  }
}

std::string_view WindowFunctionName(WindowFunction f) {
  switch (f) {
    case WindowFunction::kAggregate: return "aggregate";
    case WindowFunction::kRowNumber: return "row_number";
    case WindowFunction::kRank: return "rank";
    case WindowFunction::kDenseRank: return "dense_rank";
    case WindowFunction::kPercentRank: return "percent_rank";
    case WindowFunction::kCumeDist: return "cume_dist";
    case WindowFunction::kNtile: return "ntile";
    case WindowFunction::kLag: return "lag";
    case WindowFunction::kLead: return "lead";
    case WindowFunction::kFirstValue: return "first_value";
    case WindowFunction::kLastValue: return "last_value";
    case WindowFunction::kNthValue: return "nth_value";
  }
  return "?";
}

std::string_view OperatorText(CompareOp op) {
  switch (op) {
    case CompareOp::kEqual: return "=";
    case CompareOp::kNotEqual: return "<>";
    case CompareOp::kLess: return "<";
    case CompareOp::kLessEqual: return "<=";
    case CompareOp::kGreater: return ">";
    case CompareOp::kGreaterEqual: return ">=";
  }
  return "?";
}

std::string_view OperatorText(ArithmeticOp op) {
  switch (op) {
    case ArithmeticOp::kAdd: return "+";
    case ArithmeticOp::kSubtract: return "-";
    case ArithmeticOp::kMultiply: return "*";
    case ArithmeticOp::kDivide: return "/";
    case ArithmeticOp::kModulo: return "%";
    case ArithmeticOp::kPower: return "^";
  }
  return "?";
}

bool IsOrderedSetAggregate(AggregateFunction f) {
  return f == AggregateFunction::kPercentileCont || f == AggregateFunction::kPercentileDisc ||
         f == AggregateFunction::kMode;
}

std::string_view AggregateFunctionName(AggregateFunction f) {
  switch (f) {
    case AggregateFunction::kCountStar:
    case AggregateFunction::kCount: return "count";
    case AggregateFunction::kSum: return "sum";
    case AggregateFunction::kAvg: return "avg";
    case AggregateFunction::kMin: return "min";
    case AggregateFunction::kMax: return "max";
    case AggregateFunction::kBoolAnd: return "bool_and";
    case AggregateFunction::kBoolOr: return "bool_or";
    case AggregateFunction::kStringAgg: return "string_agg";
    case AggregateFunction::kArrayAgg: return "array_agg";
    case AggregateFunction::kJsonAgg: return "json_agg";
    case AggregateFunction::kJsonbAgg: return "jsonb_agg";
    case AggregateFunction::kJsonObjectAgg: return "json_object_agg";
    case AggregateFunction::kJsonbObjectAgg: return "jsonb_object_agg";
    case AggregateFunction::kBitAnd: return "bit_and";
    case AggregateFunction::kBitOr: return "bit_or";
    case AggregateFunction::kVarPop: return "var_pop";
    case AggregateFunction::kVarSamp: return "var_samp";
    case AggregateFunction::kVariance: return "variance";
    case AggregateFunction::kStddev: return "stddev";
    case AggregateFunction::kStddevPop: return "stddev_pop";
    case AggregateFunction::kStddevSamp: return "stddev_samp";
    case AggregateFunction::kCorr: return "corr";
    case AggregateFunction::kCovarPop: return "covar_pop";
    case AggregateFunction::kCovarSamp: return "covar_samp";
    case AggregateFunction::kRegrAvgX: return "regr_avgx";
    case AggregateFunction::kRegrAvgY: return "regr_avgy";
    case AggregateFunction::kRegrCount: return "regr_count";
    case AggregateFunction::kRegrIntercept: return "regr_intercept";
    case AggregateFunction::kRegrR2: return "regr_r2";
    case AggregateFunction::kRegrSlope: return "regr_slope";
    case AggregateFunction::kRegrSxx: return "regr_sxx";
    case AggregateFunction::kRegrSxy: return "regr_sxy";
    case AggregateFunction::kRegrSyy: return "regr_syy";
    case AggregateFunction::kPercentileCont: return "percentile_cont";
    case AggregateFunction::kPercentileDisc: return "percentile_disc";
    case AggregateFunction::kMode: return "mode";
    case AggregateFunction::kGrouping: return "grouping";
  }
  return "?";
}

}  // namespace basalt::sql
