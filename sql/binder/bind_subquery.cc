// Subqueries in expressions: scalar, EXISTS, IN / ANY / ALL. The subquery is
// bound in a scope whose parent is the current one; the values it reads
// from this query's row become the kSubquery node's children, so the
// executor passes them down for each row (sql/execution/subquery.cc).
#include <fmt/format.h>

#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"

namespace basalt::sql {

std::shared_ptr<BoundSubquery> Binder::BindSubqueryBody(const ast::SelectStmt& select,
                                                        const Scope& scope,
                                                        std::vector<BoundExprPtr>* outer) {
  auto subquery = std::make_shared<BoundSubquery>();
  subquery_levels_.push_back(SubqueryLevel{outer, aggregate_rules_, inside_aggregate_, false});
  struct PopLevel {
    std::vector<SubqueryLevel>& levels;
    ~PopLevel() { levels.pop_back(); }
  } pop{subquery_levels_};
  {
    // The subquery's own clauses follow their own rules; an aggregate in it
    // belongs to it (BindSelect scopes found_aggregate_), unless it reads
    // only this query's row (MoveToEnclosingQuery).
    AggregateRulesScope rules(this, aggregate_rules_.allowed, aggregate_rules_.clause);
    ScopedFlag inside(inside_aggregate_, false);
    ScopedFlag inside_window(inside_window_, false);
    ScopedFlag resolve(resolve_unknowns_, true);
    subquery->select = BindSelect(select, &scope, outer);
  }
  if (subquery_levels_.back().outer_aggregate) found_aggregate_ = true;
  return subquery;
}

BoundExprPtr Binder::BindSubquery(const ast::Subquery& expr, const Scope& scope) {
  if (subquery_error_ != nullptr)
    ThrowAt(sqlstate::kFeatureNotSupported, subquery_error_, expr.position);
  if (expr.type == ast::Subquery::Type::kAny || expr.type == ast::Subquery::Type::kAll) {
    return BindQuantifiedSubquery(
        *expr.left, expr.op,
        expr.type == ast::Subquery::Type::kAll ? SubqueryKind::kAll : SubqueryKind::kAny,
        *expr.select, expr.position, scope);
  }
  std::vector<BoundExprPtr> outer;
  std::shared_ptr<BoundSubquery> subquery = BindSubqueryBody(*expr.select, scope, &outer);
  const std::vector<ResultColumn>& columns = subquery->select->columns;
  DataType type = DataType::Of(TypeId::kBool);
  SubqueryKind kind = SubqueryKind::kExists;
  if (expr.type == ast::Subquery::Type::kScalar) {
    if (columns.size() != 1) {
      ThrowAt(sqlstate::kSyntaxError, "subquery must return only one column", expr.position);
    }
    type = columns[0].type;
    kind = SubqueryKind::kScalar;
  }
  if (expr.type == ast::Subquery::Type::kArray) {
    if (columns.size() != 1) {
      ThrowAt(sqlstate::kSyntaxError, "subquery must return only one column", expr.position);
    }
    DataType element = columns[0].type;
    if (element.id == TypeId::kUnknown) element = DataType::Of(TypeId::kText);
    if (element.IsArray() && element.id != TypeId::kInt2Vector &&
        element.id != TypeId::kOidVector) {
      subquery->array_of_arrays = element;
      element = element.Element();
    }
    std::optional<DataType> array = element.ResultArrayType();
    if (!array) {
      ThrowAt(sqlstate::kFeatureNotSupported,
              fmt::format("type {}[] is not supported yet", TypeNameForMessage(element)),
              expr.position);
    }
    type = *array;
    kind = SubqueryKind::kArray;
  }
  auto e = BoundExpr::Make(BoundExprKind::kSubquery, type, expr.position);
  e->subquery = std::move(subquery);
  e->subquery_kind = kind;
  e->children = std::move(outer);
  return e;
}

BoundExprPtr Binder::BindQuantifiedSubquery(const ast::Expr& left, std::string_view op,
                                            SubqueryKind kind, const ast::SelectStmt& select,
                                            int position, const Scope& scope) {
  if (subquery_error_ != nullptr)
    ThrowAt(sqlstate::kFeatureNotSupported, subquery_error_, position);
  // (a, b) IN (SELECT x, y ...): a row against the subquery's rows.
  const ast::RowConstructor* row =
      left.kind() == ast::ExprKind::kRow ? &left.As<ast::RowConstructor>() : nullptr;
  std::vector<BoundExprPtr> operands;
  if (row == nullptr) {
    operands.push_back(BindExpression(left, scope));
  } else {
    for (const ast::ExprPtr& field : row->fields) operands.push_back(BindExpression(*field, scope));
  }
  const size_t n = operands.size();
  std::vector<BoundExprPtr> outer;
  std::shared_ptr<BoundSubquery> subquery = BindSubqueryBody(select, scope, &outer);
  const std::vector<ResultColumn>& columns = subquery->select->columns;
  if (columns.size() != n) {
    ThrowAt(sqlstate::kSyntaxError,
            columns.size() > n ? "subquery has too many columns" : "subquery has too few columns",
            position);
  }
  if (n > 1 && op != "=" && op != "<>") {
    ThrowAt(sqlstate::kFeatureNotSupported,
            fmt::format("operator {} is not supported with a row and a subquery yet", op),
            position);
  }
  // Each comparison is bound as written, with a stand-in for the subquery's
  // value (column n + i); its left side, coerced, is then evaluated over
  // this query's row and compared as column i. A row's comparisons
  // combine as a row comparison's: = when all are, <> when any is.
  std::vector<BoundExprPtr> left_values;
  std::vector<BoundExprPtr> tests;
  for (size_t i = 0; i < n; ++i) {
    auto value = BoundExpr::Column(static_cast<int>(n + i), columns[i].type);
    value->position = position;
    BoundExprPtr test =
        IsLikeOperator(op)
            ? BindLikeOperator(op, std::move(operands[i]), std::move(value), false, position)
            : BindComparison(op, std::move(operands[i]), std::move(value), position);
    if (test->kind != BoundExprKind::kCompare && test->kind != BoundExprKind::kLike) {
      ThrowAt(sqlstate::kFeatureNotSupported,
              fmt::format("operator {} is not supported with a subquery yet", op), position);
    }
    left_values.push_back(std::move(test->children[0]));
    test->children[0] = BoundExpr::Column(static_cast<int>(i), left_values.back()->type);
    tests.push_back(std::move(test));
  }
  if (n == 1) {
    subquery->test = std::move(tests[0]);
  } else {
    subquery->test = BoundExpr::Make(op == "=" ? BoundExprKind::kAnd : BoundExprKind::kOr,
                                     DataType::Of(TypeId::kBool), position);
    subquery->test->children = std::move(tests);
  }
  subquery->left_width = static_cast<int>(n);
  const int left_position = left_values[0]->position;
  auto e = BoundExpr::Make(BoundExprKind::kSubquery, DataType::Of(TypeId::kBool),
                           row == nullptr && left_position > 0 ? left_position : position);
  e->subquery = std::move(subquery);
  e->subquery_kind = kind;
  for (BoundExprPtr& v : left_values) e->children.push_back(std::move(v));
  for (BoundExprPtr& v : outer) e->children.push_back(std::move(v));
  return e;
}

}  // namespace basalt::sql
