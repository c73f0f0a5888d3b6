#include "sql/execution/subquery.h"

#include "sql/binder/bound_statement.h"
#include "sql/execution/aggregate_function.h"
#include "sql/execution/array_shape.h"
#include "sql/execution/evaluate.h"
#include "sql/planner/planner.h"

namespace basalt::sql {

namespace {

// Runs the subquery's plan, calling `take` on each row until it returns
// false.
template <typename Take>
void RunSubquery(const BoundSubquery& subquery, ExecContext* ctx, Take take) {
  PhysicalOperatorPtr plan = CreatePhysicalPlan(*subquery.plan);
  RowBatch batch;
  while (plan->Next(*ctx, &batch)) {
    ctx->CheckForInterrupts();
    for (const Row& row : batch) {
      if (!take(row)) return;
    }
  }
}

bool Quantified(const BoundExpr& e) {
  return e.subquery_kind == SubqueryKind::kAny || e.subquery_kind == SubqueryKind::kAll;
}

// How many children of a kSubquery node are its left operand's fields.
size_t LeftWidth(const BoundExpr& e) {
  return Quantified(e) ? static_cast<size_t>(e.subquery->left_width) : 0;
}

// The result the kind needs: every first-column value (scalar: at most
// two, to detect 21000; EXISTS: none, only whether a row came), or every
// row for a row compared with ANY / ALL.
SubqueryResult Collect(const BoundExpr& e, ExecContext* ctx) {
  SubqueryResult result;
  const bool whole_rows = LeftWidth(e) > 1;
  RunSubquery(*e.subquery, ctx, [&](const Row& row) {
    result.any_row = true;
    if (e.subquery_kind == SubqueryKind::kExists) return false;
    if (e.subquery_kind == SubqueryKind::kScalar && !result.values.empty()) {
      throw Error(sqlstate::kCardinalityViolation,
                  "more than one row returned by a subquery used as an expression");
    }
    if (whole_rows) {
      result.rows.push_back(row);
    } else {
      result.values.push_back(row[0]);
    }
    return true;
  });
  return result;
}

void IndexValues(const BoundExpr& e, SubqueryResult* result, ExecContext* ctx) {
  result->hashed = true;
  const BoundExpr& right = *e.subquery->test->children[1];
  Row pair(2);
  std::string key;
  for (const Value& v : result->values) {
    pair[1] = v;
    Value compared = Evaluate(right, pair, ctx);
    if (compared.is_null()) {
      result->has_null = true;
      continue;
    }
    key.clear();
    AppendGroupKey(compared, e.subquery->test->compare_type, &key);
    result->keys.insert(key);
  }
}

// left op ANY / ALL (values), three-valued: ANY is true if any comparison
// is, else NULL if any is NULL; ALL is false if any comparison is false,
// else NULL if any is NULL. `left`: the operand's fields.
Value CompareQuantified(const BoundExpr& e, Row left, const SubqueryResult& result,
                        ExecContext* ctx) {
  const bool all = e.subquery_kind == SubqueryKind::kAll;
  const BoundExpr& test = *e.subquery->test;
  bool saw_null = false;
  auto decides = [&](const Value& match) {
    if (match.is_null()) {
      saw_null = true;
      return false;
    }
    return match.AsBool() != all;
  };
  if (left.size() > 1) {  // a row: left fields, then a result row's
    const size_t n = left.size();
    for (const Row& row : result.rows) {
      left.resize(n);
      left.insert(left.end(), row.begin(), row.end());
      if (decides(Evaluate(test, left, ctx))) return Value::Bool(!all);
    }
    return saw_null ? Value::Null() : Value::Bool(all);
  }
  if (result.values.empty()) return Value::Bool(all);
  Row pair(2);
  pair[0] = std::move(left[0]);
  if (result.hashed) {
    Value compared = Evaluate(*test.children[0], pair, ctx);
    if (compared.is_null()) return Value::Null();
    std::string key;
    AppendGroupKey(compared, test.compare_type, &key);
    if (result.keys.count(key) > 0) return Value::Bool(true);
    return result.has_null ? Value::Null() : Value::Bool(false);
  }
  for (const Value& v : result.values) {
    pair[1] = v;
    if (decides(Evaluate(test, pair, ctx))) return Value::Bool(!all);
  }
  return saw_null ? Value::Null() : Value::Bool(all);
}

Value Result(const BoundExpr& e, const Row& row, const SubqueryResult& result, ExecContext* ctx) {
  switch (e.subquery_kind) {
    case SubqueryKind::kScalar: return result.values.empty() ? Value::Null() : result.values[0];
    case SubqueryKind::kExists: return Value::Bool(result.any_row);
    case SubqueryKind::kArray:
      if (e.subquery->array_of_arrays.IsArray()) {
        return AccumulateArrays(result.values, e.subquery->array_of_arrays);
      }
      return Value::Array(result.values);
    case SubqueryKind::kAny:
    case SubqueryKind::kAll: {
      Row left;
      for (size_t i = 0; i < LeftWidth(e); ++i) left.push_back(Evaluate(*e.children[i], row, ctx));
      return CompareQuantified(e, std::move(left), result, ctx);
    }
  }
  return Value::Null();
}

}  // namespace

Value EvaluateSubquery(const BoundExpr& e, const Row& row, ExecContext* ctx) {
  if (ctx == nullptr) throw Error(sqlstate::kInternalError, "subquery evaluated without a context");
  const size_t first_outer = LeftWidth(e);
  if (e.children.size() == first_outer) {
    // Reads nothing of this row: once per execution.
    auto it = ctx->subquery_results.find(e.subquery.get());
    if (it == ctx->subquery_results.end()) {
      SubqueryResult result = Collect(e, ctx);
      // x IN (SELECT ...) over a stored result: a hash lookup of the
      // compared forms.
      if (IsInSubquery(e)) IndexValues(e, &result, ctx);
      it = ctx->subquery_results.emplace(e.subquery.get(), std::move(result)).first;
    }
    return Result(e, row, it->second, ctx);
  }
  std::vector<Value> outer;
  outer.reserve(e.children.size() - first_outer);
  for (size_t i = first_outer; i < e.children.size(); ++i) {
    outer.push_back(Evaluate(*e.children[i], row, ctx));
  }
  SubqueryResult result;
  {
    OuterValuesFrame frame(ctx, &outer);
    result = Collect(e, ctx);
  }
  return Result(e, row, result, ctx);
}

}  // namespace basalt::sql
