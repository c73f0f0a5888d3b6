#include "sql/commands/matview/additive_groups.h"

#include "common/error.h"
#include "sql/execution/evaluate.h"
#include "sql/planner/logical_aggregate.h"
#include "sql/planner/logical_project.h"

namespace basalt::sql {

namespace {

// An aggregate call with nothing but its arguments.
bool PlainCall(const BoundExpr& call) {
  return !call.distinct && !call.has_filter && call.aggregate_order.empty();
}

// sum's input: integers, or numeric whose every value has the same scale
// (so removing one never changes the scale a fresh sum would print).
bool SummableExactly(const DataType& type) {
  return type.IsInteger() || (type.id == TypeId::kNumeric && type.NumericPrecision() >= 0);
}

// sum + sign * value (of value_type) in sum's result type (int8 or numeric).
Value Plus(const Value& sum, const Value& value, const DataType& value_type, int64_t sign,
           const DataType& result) {
  if (result.id == TypeId::kInt8) {
    int64_t out = 0;
    if (__builtin_mul_overflow(value.AsInt(), sign, &out) ||
        __builtin_add_overflow(sum.is_null() ? 0 : sum.AsInt(), out, &out)) {
      throw Error(sqlstate::kNumericValueOutOfRange, "bigint out of range");
    }
    return Value::Int(out);
  }
  Numeric term = value_type.IsInteger() ? Numeric::FromInt64(value.AsInt()) : value.AsNumeric();
  if (sign < 0) term = term.Negate();
  if (sum.is_null()) return Value::Decimal(term);
  return Value::Decimal(OrThrow(sum.AsNumeric().Add(term)));
}

}  // namespace

std::optional<AdditiveGroups> AdditiveGroups::Analyze(const LogicalOperator& plan) {
  if (plan.kind != LogicalKind::kProject || plan.children[0]->kind != LogicalKind::kAggregate) {
    return std::nullopt;  // HAVING, ORDER BY, DISTINCT, a UNION ALL ...
  }
  const auto& aggregate = plan.children[0]->As<LogicalAggregate>();
  AdditiveGroups out;
  out.key_count_ = aggregate.groups.size();
  for (const BoundExprPtr& call : aggregate.aggregates) {
    if (!PlainCall(*call)) return std::nullopt;
    switch (call->aggregate) {
      case AggregateFunction::kCountStar: out.aggregates_.push_back(Kind::kCountStar); break;
      case AggregateFunction::kCount: out.aggregates_.push_back(Kind::kCount); break;
      case AggregateFunction::kSum:
        if (!SummableExactly(call->children[0]->type)) return std::nullopt;
        out.aggregates_.push_back(Kind::kSum);
        break;
      case AggregateFunction::kMin: out.aggregates_.push_back(Kind::kMin); break;
      case AggregateFunction::kMax: out.aggregates_.push_back(Kind::kMax); break;
      default: return std::nullopt;
    }
    out.result_types_.push_back(call->type);
    out.argument_types_.push_back(call->children.empty() ? call->type : call->children[0]->type);
  }
  std::vector<bool> key_shown(out.key_count_, false);
  for (const BoundExprPtr& e : plan.As<LogicalProject>().exprs) {
    if (e->kind != BoundExprKind::kColumn) return std::nullopt;
    const auto index = static_cast<size_t>(e->column_index);
    if (index < out.key_count_) {
      key_shown[index] = true;
      out.columns_.push_back({Kind::kKey, static_cast<int>(index)});
    } else {
      const size_t j = index - out.key_count_;
      out.columns_.push_back({out.aggregates_[j], static_cast<int>(j)});
    }
  }
  for (bool shown : key_shown) {
    if (!shown) return std::nullopt;
  }
  return out;
}

LogicalOperatorPtr AdditiveGroups::DeltaPlan(LogicalOperatorPtr plan) const {
  auto& aggregate = plan->children[0]->As<LogicalAggregate>();
  auto project = std::make_unique<LogicalProject>();
  for (const BoundExprPtr& g : aggregate.groups) project->exprs.push_back(g->Clone());
  for (const BoundExprPtr& call : aggregate.aggregates) {
    project->exprs.push_back(
        call->children.empty() ? BoundExpr::Constant(Value::Bool(true), DataType::Of(TypeId::kBool))
                               : call->children[0]->Clone());
  }
  project->children.push_back(std::move(aggregate.children[0]));
  return project;
}

bool AdditiveGroups::KeepsRows(const Row& stored, const Change& change) const {
  for (size_t c = 0; c < columns_.size(); ++c) {
    if (columns_[c].kind == Kind::kCountStar) return stored[c].AsInt() + change.rows > 0;
  }
  return false;
}

bool AdditiveGroups::Beats(size_t j, const Value& a, const Value& b) const {
  if (a.is_null()) return false;
  if (b.is_null()) return true;
  const int order = CompareValues(a, b, argument_types_[j]);
  return aggregates_[j] == Kind::kMin ? order < 0 : order > 0;
}

void AdditiveGroups::Add(const Row& delta_row, int64_t sign, Change* change) const {
  if (change->sums.empty()) {
    change->non_null.assign(aggregates_.size(), 0);
    change->sums.assign(aggregates_.size(), Value::Null());
    change->removed.assign(aggregates_.size(), Value::Null());
  }
  change->rows += sign;
  for (size_t j = 0; j < aggregates_.size(); ++j) {
    const Value& value = delta_row[key_count_ + j];
    if (aggregates_[j] == Kind::kCountStar || value.is_null()) continue;
    change->non_null[j] += sign;
    switch (aggregates_[j]) {
      case Kind::kSum:
        change->sums[j] = Plus(change->sums[j], value, argument_types_[j], sign, result_types_[j]);
        break;
      case Kind::kMin:
      case Kind::kMax: {
        Value& extreme = sign > 0 ? change->sums[j] : change->removed[j];
        if (Beats(j, value, extreme)) extreme = value;
        break;
      }
      default: break;
    }
  }
}

std::optional<Row> AdditiveGroups::Apply(const Row& key, const Row* stored,
                                         const Change& change) const {
  const bool global = key_count_ == 0;
  // A group that may have lost its last row (rows went, and no count(*)
  // column says how many are left), or a sum its last non-NULL input, is
  // computed again; so is a group that is new unless the change only adds
  // rows to it.
  if (stored == nullptr ? global || change.rows <= 0
                        : !global && change.rows < 0 && !KeepsRows(*stored, change)) {
    return std::nullopt;
  }
  for (size_t j = 0; j < aggregates_.size(); ++j) {
    if (aggregates_[j] == Kind::kSum && change.non_null[j] < 0) return std::nullopt;
    // A NaN or infinity coming or going cannot be subtracted back out.
    if (aggregates_[j] == Kind::kSum && result_types_[j].id == TypeId::kNumeric &&
        !change.sums[j].is_null() && !change.sums[j].AsNumeric().is_finite()) {
      return std::nullopt;
    }
    if (stored == nullptr && change.non_null[j] < 0) return std::nullopt;
  }
  // A min or max loses its extreme when a deleted value reaches it (or,
  // for a new group, when any value went: it may have been the best).
  for (size_t c = 0; c < columns_.size(); ++c) {
    const Column& column = columns_[c];
    if (column.kind != Kind::kMin && column.kind != Kind::kMax) continue;
    const Value& removed = change.removed[static_cast<size_t>(column.index)];
    if (removed.is_null()) continue;
    if (stored == nullptr || !Beats(static_cast<size_t>(column.index), (*stored)[c], removed)) {
      return std::nullopt;
    }
  }
  Row row;
  for (size_t c = 0; c < columns_.size(); ++c) {
    const Column& column = columns_[c];
    const auto j = static_cast<size_t>(column.index);
    const Value old = stored == nullptr ? Value::Null() : (*stored)[c];
    switch (column.kind) {
      case Kind::kKey: row.push_back(key[j]); break;
      case Kind::kCountStar:
        row.push_back(Value::Int((old.is_null() ? 0 : old.AsInt()) + change.rows));
        break;
      case Kind::kCount:
        row.push_back(Value::Int((old.is_null() ? 0 : old.AsInt()) + change.non_null[j]));
        break;
      case Kind::kSum:
        // A stored NULL sum had no non-NULL input; it still has none when
        // the change's inputs cancel out (a value added and taken back).
        if (change.sums[j].is_null() || (old.is_null() && change.non_null[j] == 0)) {
          row.push_back(old);
        } else if (old.is_null()) {
          row.push_back(change.sums[j]);
        } else {
          row.push_back(Plus(old, change.sums[j], result_types_[j], 1, result_types_[j]));
        }
        break;
      case Kind::kMin:
      case Kind::kMax: row.push_back(Beats(j, change.sums[j], old) ? change.sums[j] : old); break;
    }
  }
  return row;
}

}  // namespace basalt::sql
