#include "sql/execution/index_predicate.h"

#include <spdlog/spdlog.h>

#include <memory>
#include <vector>

#include "catalog/catalog.h"
#include "sql/binder/binder.h"
#include "sql/execution/evaluate.h"
#include "sql/parser/parser.h"

namespace basalt::sql {

namespace {

class BoundIndexPredicate final : public storage::IndexPredicate {
 public:
  BoundIndexPredicate(BoundExprPtr expr, std::vector<int> columns)
      : expr_(std::move(expr)), columns_(std::move(columns)) {}

  // Immutable functions only (checked at CREATE INDEX), so no ExecContext:
  // nothing the predicate calls reads the session or the transaction.
  bool Matches(const Row& row) const override {
    return expr_ == nullptr || EvaluatePredicate(*expr_, row, nullptr);
  }
  const std::vector<int>& columns() const override { return columns_; }
  const BoundExpr* expr() const { return expr_.get(); }

 private:
  BoundExprPtr expr_;  // null: one that failed to bind matches every row
  std::vector<int> columns_;
};

std::shared_ptr<const storage::IndexPredicate> CompileIndexPredicate(
    const catalog::proto::Table& table, const catalog::proto::Index& index) {
  std::vector<int> columns;
  for (int attnum : index.predicate_attnums()) {
    for (int i = 0; i < table.columns_size(); ++i) {
      if (table.columns(i).attnum() == attnum) columns.push_back(i);
    }
  }
  // The predicate reads only the table's columns and built-in functions:
  // an empty catalog binds it.
  static const catalog::CatalogSnapshot kNoObjects;
  BoundExprPtr expr;
  try {
    Binder binder(kNoObjects, table.database_oid(), "", {"pg_catalog"});
    expr = binder.BindIndexPredicate(table, *ParseExpression(index.predicate()));
  } catch (const Error& e) {
    // Bound at CREATE INDEX, so this should not happen; an index holding
    // every row is still right for the queries the planner gives it.
    spdlog::error("predicate of index \"{}\" does not bind: {}", index.name(), e.what());
  }
  return std::make_shared<BoundIndexPredicate>(std::move(expr), std::move(columns));
}

class BoundIndexExpression final : public storage::IndexExpression {
 public:
  BoundIndexExpression(BoundExprPtr expr, DataType type, std::vector<int> columns)
      : expr_(std::move(expr)), type_(type), columns_(std::move(columns)) {}

  // Immutable functions only, as a predicate's.
  Value Evaluate(const Row& row) const override {
    return expr_ == nullptr ? Value::Null() : sql::Evaluate(*expr_, row, nullptr);
  }
  const DataType& type() const override { return type_; }
  const std::vector<int>& columns() const override { return columns_; }
  const BoundExpr* expr() const { return expr_.get(); }

 private:
  BoundExprPtr expr_;  // null: one that failed to bind (every value NULL)
  DataType type_;
  std::vector<int> columns_;
};

std::shared_ptr<const storage::IndexExpression> CompileIndexExpression(
    const catalog::proto::Table& table, const catalog::proto::Index& index, int column) {
  const catalog::proto::IndexColumn& c = index.columns(column);
  std::vector<int> columns;
  for (int attnum : c.expression_attnums()) {
    for (int i = 0; i < table.columns_size(); ++i) {
      if (table.columns(i).attnum() == attnum) columns.push_back(i);
    }
  }
  static const catalog::CatalogSnapshot kNoObjects;
  DataType type{static_cast<TypeId>(c.expression_type_id()), c.expression_typmod()};
  BoundExprPtr expr;
  try {
    Binder binder(kNoObjects, table.database_oid(), "", {"pg_catalog"});
    expr = binder.BindIndexExpression(table, *ParseExpression(c.expression()));
    // ALTER COLUMN TYPE may have changed it; the rewrite rebuilds entries.
    type = expr->type;
  } catch (const Error& e) {
    spdlog::error("expression of index \"{}\" does not bind: {}", index.name(), e.what());
  }
  return std::make_shared<BoundIndexExpression>(std::move(expr), type, std::move(columns));
}

}  // namespace

const BoundExpr* IndexColumnExpr(const storage::IndexLayout::KeyColumn& column) {
  const auto* bound = dynamic_cast<const BoundIndexExpression*>(column.expression.get());
  return bound == nullptr ? nullptr : bound->expr();
}

const BoundExpr* IndexPredicateExpr(const storage::IndexLayout& index, bool* partial) {
  *partial = index.predicate != nullptr;
  const auto* bound = dynamic_cast<const BoundIndexPredicate*>(index.predicate.get());
  return bound == nullptr ? nullptr : bound->expr();
}

void InstallIndexPredicateCompiler() {
  catalog::SetIndexPredicateCompiler(&CompileIndexPredicate);
  catalog::SetIndexExpressionCompiler(&CompileIndexExpression);
}

}  // namespace basalt::sql
