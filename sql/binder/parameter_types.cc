#include "sql/binder/parameter_types.h"

#include <fmt/format.h>

#include "common/error.h"
#include "common/stack_depth.h"

namespace basalt::sql {

namespace {

class ParameterTypeCollector {
 public:
  explicit ParameterTypeCollector(std::vector<DataType>& parameters)
      : parameters_(parameters), seen_(parameters.size(), false) {}

  void Visit(const BoundExprPtr& expr) {
    if (expr == nullptr) return;
    CheckStackDepth();
    if (expr->kind == BoundExprKind::kConstant && expr->parameter_index >= 0 &&
        expr->parameter_index < static_cast<int>(parameters_.size())) {
      seen_[expr->parameter_index] = true;
      DataType& type = parameters_[expr->parameter_index];
      if (type.id == TypeId::kUnknown && expr->type.id != TypeId::kUnknown) {
        type = expr->type.Unmodified();
      }
    }
    for (const BoundExprPtr& child : expr->children) Visit(child);
    if (expr->subquery != nullptr && expr->subquery->select != nullptr) {
      Visit(*expr->subquery->select);
    }
  }

  void Visit(const BoundTableRef* ref) {
    if (ref == nullptr) return;
    CheckStackDepth();
    if (ref->subquery != nullptr) Visit(*ref->subquery);
    Visit(ref->left.get());
    Visit(ref->right.get());
    Visit(ref->condition);
    // A function's arguments (generate_series(1, $1), jsonb_to_recordset($1)),
    // and those of the target list's functions beside it.
    for (const BoundExprPtr& a : ref->arguments) Visit(a);
    for (const std::unique_ptr<BoundTableRef>& member : ref->lockstep) Visit(member.get());
  }

  void Visit(const BoundSelect& select) {
    Visit(select.from.get());
    if (select.set_operation != nullptr) {
      Visit(*select.set_operation->left);
      Visit(*select.set_operation->right);
    }
    for (const auto& row : select.values) {
      for (const BoundExprPtr& e : row) Visit(e);
    }
    Visit(select.where);
    for (const BoundExprPtr& e : select.group_by) Visit(e);
    for (const BoundExprPtr& e : select.aggregates) Visit(e);
    for (const BoundExprPtr& e : select.windows) Visit(e);
    Visit(select.having);
    for (const BoundExprPtr& e : select.distinct) Visit(e);
    for (const BoundOrderBy& order : select.order_by) Visit(order.expr);
    Visit(select.limit);
    Visit(select.offset);
    for (const BoundExprPtr& e : select.targets) Visit(e);
  }

  // 42P18 for an untyped parameter the statement never uses ($1 when only
  // $2 appears), as PostgreSQL.
  void CheckAllTyped() const {
    for (size_t i = 0; i < parameters_.size(); ++i) {
      if (!seen_[i] && parameters_[i].id == TypeId::kUnknown) {
        throw Error(sqlstate::kIndeterminateDatatype,
                    fmt::format("could not determine data type of parameter ${}", i + 1));
      }
    }
  }

 private:
  std::vector<DataType>& parameters_;
  std::vector<bool> seen_;
};

}  // namespace

void InferParameterTypes(const BoundStatement& bound, std::vector<DataType>& parameters) {
  ParameterTypeCollector collector(parameters);
  if (auto* select = std::get_if<std::unique_ptr<BoundSelect>>(&bound)) {
    collector.Visit(**select);
  } else if (auto* insert = std::get_if<std::unique_ptr<BoundInsert>>(&bound)) {
    if ((*insert)->source != nullptr) collector.Visit(*(*insert)->source);
    for (const BoundExprPtr& e : (*insert)->row_exprs) collector.Visit(e);
  } else if (auto* update = std::get_if<std::unique_ptr<BoundUpdate>>(&bound)) {
    collector.Visit((*update)->from.get());
    collector.Visit((*update)->where);
    for (const BoundAssignment& a : (*update)->assignments) collector.Visit(a.expr);
  } else if (auto* del = std::get_if<std::unique_ptr<BoundDelete>>(&bound)) {
    collector.Visit((*del)->from.get());
    collector.Visit((*del)->where);
  } else if (auto* merge = std::get_if<std::unique_ptr<BoundMerge>>(&bound)) {
    collector.Visit((*merge)->source.get());
    collector.Visit((*merge)->on);
    for (const BoundMergeAction& action : (*merge)->actions) {
      collector.Visit(action.condition);
      for (const BoundAssignment& a : action.assignments) collector.Visit(a.expr);
      for (const BoundExprPtr& e : action.row_exprs) collector.Visit(e);
    }
  }
  collector.CheckAllTyped();
}

}  // namespace basalt::sql
