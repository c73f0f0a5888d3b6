// Ordered-set aggregates: percentile_cont(fraction), percentile_disc(fraction)
// and mode(), each WITHIN GROUP (ORDER BY one key); the percentiles also take
// an array of fractions (float8[]) and return an array of the key's type. PostgreSQL resolves them
// as functions of the direct arguments and the key together, so a wrong
// shape or type is 42883 naming all of them.
#include <fmt/format.h>

#include "common/stack_depth.h"
#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"

namespace basalt::sql {

void Binder::ResolveOrderedSetCall(const ast::FunctionCall& call, BoundExpr* aggregate) {
  const size_t direct = aggregate->AggregateArgCount();
  const size_t inputs = direct + aggregate->aggregate_order.size();
  const std::string& name = call.name.back();
  auto no_function = [&] {
    std::vector<BoundExprPtr> args;
    for (size_t i = 0; i < inputs; ++i) args.push_back(aggregate->children[i]->Clone());
    ThrowNoFunction(name, args, call.position);
  };
  const bool mode = aggregate->aggregate == AggregateFunction::kMode;
  if (direct != (mode ? 0u : 1u) || aggregate->aggregate_order.size() != 1) no_function();
  BoundExprPtr& key = aggregate->children[direct];
  // The fraction is coerced last, so a 42883 names its type as written.
  BoundExprPtr fraction;
  const DataType fractions = *DataType::Of(TypeId::kFloat8).ResultArrayType();
  bool several = false;  // an array of fractions
  if (!mode) {
    const BoundExpr& written = *aggregate->children[0];
    if (!IsUnknownLiteral(written)) {
      several = written.type.IsArray();
      fraction = TryCoerce(written.Clone(), several ? fractions : DataType::Of(TypeId::kFloat8),
                           CastContext::kImplicit);
      if (fraction == nullptr) no_function();
    }
  }
  if (aggregate->aggregate == AggregateFunction::kPercentileCont) {
    // Interpolated: double precision or interval keys.
    if (key->type.id != TypeId::kInterval) {
      if (IsUnknownLiteral(*key)) {
        key = CoerceOrThrow(std::move(key), DataType::Of(TypeId::kFloat8), CastContext::kImplicit);
      } else {
        BoundExprPtr converted =
            TryCoerce(key->Clone(), DataType::Of(TypeId::kFloat8), CastContext::kImplicit);
        if (converted == nullptr) no_function();
        key = std::move(converted);
      }
    }
  } else if (IsUnknownLiteral(*key)) {
    // percentile_disc and mode return their key's type (anyelement).
    throw Error(sqlstate::kDatatypeMismatch,
                "could not determine polymorphic type because input has type unknown");
  }
  aggregate->type = key->type;
  if (several) {
    const std::optional<DataType> array = key->type.ResultArrayType();
    if (!array) no_function();
    aggregate->type = *array;
  }
  if (!mode) {
    // An untyped literal is parsed here, its error at its position.
    aggregate->children[0] =
        fraction != nullptr ? std::move(fraction)
                            : CoerceOrThrow(std::move(aggregate->children[0]),
                                            DataType::Of(TypeId::kFloat8), CastContext::kImplicit);
  }
}

namespace {

void CollectColumns(const BoundExpr& e, std::vector<const BoundExpr*>* columns) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kColumn) columns->push_back(&e);
  for (const BoundExprPtr& c : e.children) CollectColumns(*c, columns);
}

}  // namespace

void Binder::CheckDirectArguments(const BoundExpr& call, const Scope& scope,
                                  const BoundSelect& out) {
  std::vector<const BoundExpr*> columns;
  for (size_t i = 0; i < call.AggregateArgCount(); ++i) CollectColumns(*call.children[i], &columns);
  for (const BoundExpr* column : columns) {
    bool grouped = false;
    for (const BoundExprPtr& key : out.group_by) grouped = grouped || key->Equals(*column);
    if (grouped) continue;
    std::string name;
    for (const ScopeItem& t : scope.items) {
      for (const ScopeColumn& c : t.columns) {
        if (c.index == column->column_index && name.empty()) name = t.name + "." + c.name;
      }
    }
    throw Error(sqlstate::kGroupingError,
                fmt::format("column \"{}\" must appear in the GROUP BY clause or be used in an "
                            "aggregate function",
                            name))
        .WithDetail("Direct arguments of an ordered-set aggregate must use only grouped columns.")
        .WithPosition(column->position);
  }
}

}  // namespace basalt::sql
