#include "sql/binder/bound_expression.h"

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
  e->function = function;
  e->negated = negated;
  e->case_insensitive = case_insensitive;
  e->has_else = has_else;
  e->all = all;
  e->position = position;
  return e;
}

bool IsLockFunction(ScalarFunction f) {
  return f >= ScalarFunction::kAdvisoryLock && f <= ScalarFunction::kAdvisoryUnlockAll;
}

bool BoundExpr::IsFoldableNode() const {
  switch (kind) {
    case BoundExprKind::kColumn:
    case BoundExprKind::kParameter: return false;
    case BoundExprKind::kFunction:
      return function != ScalarFunction::kNow && function != ScalarFunction::kPgSleep &&
             function != ScalarFunction::kPgBackendPid &&
             function != ScalarFunction::kPgBlockingPids && !IsLockFunction(function);
    default: return true;
  }
}

}  // namespace basalt::sql
