// UNION / INTERSECT / EXCEPT [ALL]: both sides are bound as queries of
// their own, their columns matched by position to a common type
// (PostgreSQL's select_common_type, untyped literals adapting), named after
// the left side's.
#include <fmt/format.h>

#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"

namespace basalt::sql {

namespace {

const char* SetOperationName(ast::SetOperation op) {
  switch (op) {
    case ast::SetOperation::kUnion: return "UNION";
    case ast::SetOperation::kIntersect: return "INTERSECT";
    case ast::SetOperation::kExcept: return "EXCEPT";
    case ast::SetOperation::kNone: break;
  }
  return "UNION";
}

BoundSetOperation::Kind SetOperationKind(ast::SetOperation op) {
  switch (op) {
    case ast::SetOperation::kIntersect: return BoundSetOperation::Kind::kIntersect;
    case ast::SetOperation::kExcept: return BoundSetOperation::Kind::kExcept;
    default: return BoundSetOperation::Kind::kUnion;
  }
}

// Where an expression starts, as PostgreSQL's exprLocation: `a + 1` at `a`.
int StartPosition(const ast::Expr& expr) {
  const ast::Expr* e = &expr;
  while (true) {
    if (e->kind() == ast::ExprKind::kBinaryOp && e->As<ast::BinaryOp>().left != nullptr) {
      e = e->As<ast::BinaryOp>().left.get();
    } else if (e->kind() == ast::ExprKind::kCast) {
      e = e->As<ast::Cast>().arg.get();
    } else {
      return e->position;
    }
  }
}

}  // namespace

std::unique_ptr<BoundSelect> Binder::BindSetOperation(const ast::SelectStmt& select, Scope& scope) {
  auto operation = std::make_unique<BoundSetOperation>();
  operation->kind = SetOperationKind(select.set_operation);
  operation->all = select.set_all;
  {
    // Untyped literals stay untyped until the sides' types are matched.
    ScopedFlag resolve(resolve_unknowns_, false);
    ScopedFlag sides(inside_set_operation_, true);
    operation->left = BindSelect(*select.left, scope.parent, scope.outer_values);
    operation->right = BindSelect(*select.right, scope.parent, scope.outer_values);
  }
  BoundSelect& left = *operation->left;
  BoundSelect& right = *operation->right;
  const char* name = SetOperationName(select.set_operation);
  if (left.columns.size() != right.columns.size()) {
    ThrowAt(sqlstate::kSyntaxError,
            fmt::format("each {} query must have the same number of columns", name),
            select.right->targets.empty() ? select.right->position
                                          : select.right->targets[0].expr->position);
  }
  auto out = std::make_unique<BoundSelect>();
  for (size_t c = 0; c < left.columns.size(); ++c) {
    DataType type = left.columns[c].type;
    const DataType& other = right.columns[c].type;
    if (type.id == TypeId::kUnknown) {
      type = other;
    } else if (other.id != TypeId::kUnknown) {
      std::optional<DataType> common = CommonType(type, other);
      if (!common) {
        ThrowAt(sqlstate::kDatatypeMismatch,
                fmt::format("{} types {} and {} cannot be matched", name, TypeNameForMessage(type),
                            TypeNameForMessage(other)),
                right.targets[c]->position);
      }
      // Different modifiers (varchar(3) and varchar(5)) leave none.
      if (common->id == type.id && common->id == other.id && type != other) {
        common = WithoutTypeModifier(*common);
      }
      type = *common;
    }
    if (type.id == TypeId::kUnknown) type = DataType::Of(TypeId::kText);
    for (BoundSelect* side : {&left, &right}) {
      if (side->columns[c].type == type) continue;
      side->targets[c] = CoerceOrThrow(std::move(side->targets[c]), type, CastContext::kImplicit);
      side->columns[c].type = type;
    }
    out->targets.push_back(BoundExpr::Column(static_cast<int>(c), type));
    out->columns.push_back(ResultColumn{left.columns[c].name, type, 0, 0});
  }
  out->set_operation = std::move(operation);
  for (const ast::OrderByItem& item : select.order_by) {
    const ast::Expr& e = *item.expr;
    const bool name_or_position =
        (e.kind() == ast::ExprKind::kColumnRef && e.As<ast::ColumnRef>().names.size() == 1) ||
        e.kind() == ast::ExprKind::kConstant;
    if (!name_or_position) {
      throw Error(sqlstate::kFeatureNotSupported, "invalid UNION/INTERSECT/EXCEPT ORDER BY clause")
          .WithDetail("Only result column names can be used, not expressions or functions.")
          .WithHint(
              "Add the expression/function to every SELECT, or move the UNION into a FROM "
              "clause.")
          .WithPosition(StartPosition(e));
    }
  }
  BindOrderBy(select, scope, out.get());
  BindLimitAndOffset(select, scope, out.get());
  if (!select.locking.empty()) {
    throw Error(sqlstate::kFeatureNotSupported,
                "FOR UPDATE is not allowed with UNION/INTERSECT/EXCEPT");
  }
  return out;
}

}  // namespace basalt::sql
