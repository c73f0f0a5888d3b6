// Expression binding: the dispatch over ast::ExprKind and the simple kinds.
// Operators live in bind_operator.cc, functions in bind_function.cc.
#include <fmt/format.h>

#include <algorithm>

#include "common/stack_depth.h"
#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"

namespace basalt::sql {

namespace {

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += '.';
    out += n;
  }
  return out;
}

}  // namespace

BoundExprPtr Binder::BindExpression(const ast::Expr& expr, const Scope& scope) {
  CheckStackDepth();
  switch (expr.kind()) {
    case ast::ExprKind::kConstant: return BindConstant(expr.As<ast::Constant>());
    case ast::ExprKind::kColumnRef: return BindColumnRef(expr.As<ast::ColumnRef>(), scope);
    case ast::ExprKind::kUnaryOp: return BindUnary(expr.As<ast::UnaryOp>(), scope);
    case ast::ExprKind::kBinaryOp: return BindBinary(expr.As<ast::BinaryOp>(), scope);
    case ast::ExprKind::kFunctionCall: return BindFunction(expr.As<ast::FunctionCall>(), scope);
    case ast::ExprKind::kCast: return BindCast(expr.As<ast::Cast>(), scope);
    case ast::ExprKind::kCase: return BindCase(expr.As<ast::Case>(), scope);
    case ast::ExprKind::kIn: return BindIn(expr.As<ast::In>(), scope);
    case ast::ExprKind::kBetween: return BindBetween(expr.As<ast::Between>(), scope);
    case ast::ExprKind::kArray: return BindArray(expr.As<ast::ArrayConstructor>(), scope);
    case ast::ExprKind::kAnyAll: return BindAnyAll(expr.As<ast::AnyAll>(), scope);
    case ast::ExprKind::kTypedLiteral: {
      const auto& lit = expr.As<ast::TypedLiteral>();
      auto text = BoundExpr::Constant(Value::String(lit.value), DataType::Of(TypeId::kUnknown));
      text->position = lit.position;
      return WithDomainCheck(
          CoerceOrThrow(std::move(text), BindTypeName(lit.type), CastContext::kExplicit), lit.type);
    }
    case ast::ExprKind::kRow: return BindRowValue(expr.As<ast::RowConstructor>(), scope);
    case ast::ExprKind::kFieldSelect: return BindFieldSelect(expr.As<ast::FieldSelect>(), scope);
    case ast::ExprKind::kIsNull: {
      const auto& is = expr.As<ast::IsNull>();
      if (is.arg->kind() == ast::ExprKind::kRow) {
        return BindRowIsNull(is.arg->As<ast::RowConstructor>(), is.negated, is.position, scope);
      }
      auto e = BoundExpr::Make(BoundExprKind::kIsNull, DataType::Of(TypeId::kBool), is.position);
      e->negated = is.negated;
      BoundExprPtr arg = BindExpression(*is.arg, scope);
      if (IsUnknownLiteral(*arg))
        arg = TryCoerce(std::move(arg), DataType::Of(TypeId::kText), CastContext::kImplicit);
      e->position = arg->position;
      e->children.push_back(std::move(arg));
      return e;
    }
    case ast::ExprKind::kIsBool: {
      const auto& is = expr.As<ast::IsBool>();
      BoundExprPtr arg = BindExpression(*is.arg, scope);
      DataType type = arg->type;
      arg = TryCoerce(std::move(arg), DataType::Of(TypeId::kBool), CastContext::kImplicit);
      if (arg == nullptr) {
        ThrowAt(sqlstate::kDatatypeMismatch,
                fmt::format("argument of IS {} must be type boolean, not type {}",
                            is.test == ast::IsBool::Test::kUnknown ? "UNKNOWN"
                            : is.test == ast::IsBool::Test::kTrue  ? "TRUE"
                                                                   : "FALSE",
                            TypeNameForMessage(type)),
                is.arg->position);
      }
      int position = arg->position;
      if (is.test == ast::IsBool::Test::kUnknown) {
        auto e = BoundExpr::Make(BoundExprKind::kIsNull, DataType::Of(TypeId::kBool), position);
        e->negated = is.negated;
        e->children.push_back(std::move(arg));
        return e;
      }
      // x IS TRUE is x IS NOT DISTINCT FROM true.
      auto e = BoundExpr::Make(BoundExprKind::kIsDistinct, DataType::Of(TypeId::kBool), position);
      e->negated = !is.negated;
      e->compare_type = DataType::Of(TypeId::kBool);
      e->children.push_back(std::move(arg));
      e->children.push_back(BoundExpr::Constant(Value::Bool(is.test == ast::IsBool::Test::kTrue),
                                                DataType::Of(TypeId::kBool)));
      return e;
    }
    case ast::ExprKind::kParameter: return BindParameter(expr.As<ast::Parameter>());
    case ast::ExprKind::kDefault:
      ThrowAt(sqlstate::kSyntaxError, "DEFAULT is not allowed in this context", expr.position);
    case ast::ExprKind::kStar:
      ThrowAt(sqlstate::kSyntaxError, "row expansion via \"*\" is not supported here",
              expr.position);
    case ast::ExprKind::kSubquery: return BindSubquery(expr.As<ast::Subquery>(), scope);
  }
  ThrowAt(sqlstate::kInternalError, "unknown expression kind", expr.position);
}

BoundExprPtr Binder::BindConstant(const ast::Constant& c) {
  BoundExprPtr e;
  switch (c.type) {
    case ast::Constant::Type::kInteger:
      // PostgreSQL: int4 when it fits, else int8 (the parser already sent
      // integers beyond int64 as decimals).
      if (c.int_value >= INT32_MIN && c.int_value <= INT32_MAX) {
        e = BoundExpr::Constant(Value::Int(c.int_value), DataType::Of(TypeId::kInt4));
      } else {
        e = BoundExpr::Constant(Value::Int(c.int_value), DataType::Of(TypeId::kInt8));
      }
      break;
    case ast::Constant::Type::kDecimal: {
      Result<Numeric> n = Numeric::Parse(c.text);
      if (!n.ok()) ThrowAt(n.status().code(), n.status().message(), c.position);
      e = BoundExpr::Constant(Value::Decimal(std::move(n).value()), DataType::Of(TypeId::kNumeric));
      break;
    }
    case ast::Constant::Type::kString:
      e = BoundExpr::Constant(Value::String(c.text), DataType::Of(TypeId::kUnknown));
      break;
    case ast::Constant::Type::kBoolean:
      e = BoundExpr::Constant(Value::Bool(c.bool_value), DataType::Of(TypeId::kBool));
      break;
    case ast::Constant::Type::kNull:
      e = BoundExpr::Constant(Value::Null(), DataType::Of(TypeId::kUnknown));
      break;
  }
  e->position = c.position;
  return e;
}

BoundExprPtr Binder::BindParameter(const ast::Parameter& p) {
  const int count = parameters_ == nullptr ? 0 : static_cast<int>(parameters_->size());
  if (p.index < 1 || (p.index > count && (!describing_ || p.index > kMaxParameters))) {
    ThrowAt(sqlstate::kUndefinedParameter, fmt::format("there is no parameter ${}", p.index),
            p.position);
  }
  if (p.index > count) describing_->resize(p.index, DataType::Of(TypeId::kUnknown));
  const DataType& type = (*parameters_)[p.index - 1];
  if (!describing_) {
    auto e = BoundExpr::Make(BoundExprKind::kParameter,
                             type.id == TypeId::kUnknown ? DataType::Of(TypeId::kText) : type,
                             p.position);
    e->parameter_index = p.index - 1;
    return e;
  }
  auto e = BoundExpr::Constant(Value::Null(), DataType::Of(TypeId::kUnknown));
  e->position = p.position;
  // InferParameterTypes finds it by this after a describing bind.
  e->parameter_index = p.index - 1;
  if (type.id == TypeId::kUnknown) return e;
  return CoerceOrThrow(std::move(e), type, CastContext::kExplicit);
}

BoundExprPtr Binder::BindColumnRef(const ast::ColumnRef& ref, const Scope& scope) {
  if (column_ref_error_ != nullptr) {
    ThrowAt(sqlstate::kFeatureNotSupported, column_ref_error_, ref.position);
  }
  std::string column;
  std::string qualifier;
  if (ref.names.size() == 1) {
    column = ref.names[0];
  } else if (ref.names.size() == 2) {
    qualifier = ref.names[0];
    column = ref.names[1];
  } else {
    // schema.table.column: the table part decides.
    qualifier = ref.names[ref.names.size() - 2];
    column = ref.names.back();
  }
  if (BoundExprPtr e = ResolveColumn(ref, qualifier, column, scope)) return e;
  if (ref.names.size() == 1) {
    if (BoundExprPtr e = BindWholeRow(ref, scope)) return e;
  }
  if (!qualifier.empty()) {
    for (const Scope* s = &scope; s != nullptr; s = s->parent) {
      for (const std::string& name : s->unreachable) {
        if (name != qualifier) continue;
        throw Error(sqlstate::kUndefinedTable,
                    fmt::format("invalid reference to FROM-clause entry for table \"{}\"", name))
            .WithHint(fmt::format("There is an entry for table \"{}\", but it cannot be "
                                  "referenced from this part of the query.",
                                  name))
            .WithPosition(ref.position);
      }
    }
    for (const ScopeItem& t : scope.items) {
      if (t.table != nullptr && t.table->def.name() == qualifier && !t.name.empty()) {
        throw Error(
            sqlstate::kUndefinedTable,
            fmt::format("invalid reference to FROM-clause entry for table \"{}\"", qualifier))
            .WithHint(fmt::format("Perhaps you meant to reference the table alias \"{}\".", t.name))
            .WithPosition(ref.position);
      }
    }
    ThrowAt(sqlstate::kUndefinedTable,
            fmt::format("missing FROM-clause entry for table \"{}\"", qualifier), ref.position);
  }
  const auto named = [&](const ScopeColumn& c) { return c.name == column; };
  if (invisible_item_ != nullptr && std::ranges::any_of(invisible_item_->columns, named)) {
    throw Error(sqlstate::kUndefinedColumn, fmt::format("column \"{}\" does not exist", column))
        .WithHint(fmt::format("There is a column named \"{}\" in table \"{}\", but it cannot be "
                              "referenced from this part of the query.",
                              column, invisible_item_->name))
        .WithPosition(ref.position);
  }
  ThrowAt(sqlstate::kUndefinedColumn, fmt::format("column \"{}\" does not exist", column),
          ref.position);
}

BoundExprPtr Binder::ResolveColumn(const ast::ColumnRef& ref, const std::string& qualifier,
                                   const std::string& column, const Scope& scope) {
  const ScopeColumn* found = nullptr;
  bool qualifier_matched = false;
  for (const ScopeItem& item : scope.items) {
    if (!qualifier.empty()) {
      if (item.name != qualifier) continue;
      qualifier_matched = true;
    } else if (!item.columns_visible) {
      continue;
    }
    for (const ScopeColumn& c : item.columns) {
      if (c.name != column) continue;
      if (found != nullptr) {
        ThrowAt(sqlstate::kAmbiguousColumn,
                fmt::format("column reference \"{}\" is ambiguous", column), ref.position);
      }
      found = &c;
    }
  }
  if (found != nullptr) {
    BoundExprPtr e = found->merged != nullptr ? found->merged->Clone()
                                              : BoundExpr::Column(found->index, found->type);
    e->position = ref.position;
    return e;
  }
  if (column == "tableoid") {
    // The system column naming a row's relation (pg_dump reads it from
    // every catalog): the relation's OID, the same for all its rows.
    const ScopeItem* owner = nullptr;
    for (const ScopeItem& item : scope.items) {
      if (item.table == nullptr) continue;
      if (!qualifier.empty() && item.name != qualifier) continue;
      if (owner != nullptr) {  // PostgreSQL's words for a system column of a join
        throw Error(sqlstate::kUndefinedColumn, "column \"tableoid\" does not exist")
            .WithHint(fmt::format("There is a column named \"tableoid\" in table \"{}\", but it "
                                  "cannot be referenced from this part of the query.",
                                  owner->name))
            .WithPosition(ref.position);
      }
      owner = &item;
    }
    if (owner != nullptr) {
      BoundExprPtr e =
          BoundExpr::Constant(Value::Int(owner->table->def.oid()), DataType::Of(TypeId::kOid));
      e->position = ref.position;
      return e;
    }
  }
  if (qualifier_matched) {
    ThrowAt(sqlstate::kUndefinedColumn,
            fmt::format("column {} does not exist", JoinNames(ref.names)), ref.position);
  }
  if (scope.parent == nullptr) return nullptr;
  // An outer reference: the enclosing query passes the value down.
  BoundExprPtr outer = ResolveColumn(ref, qualifier, column, *scope.parent);
  if (outer == nullptr) return nullptr;
  return OuterValue(std::move(outer), scope, ref.position);
}

BoundExprPtr Binder::OuterValue(BoundExprPtr outer, const Scope& scope, int position) {
  std::vector<BoundExprPtr>& values = *scope.outer_values;
  size_t slot = 0;
  while (slot < values.size() && !values[slot]->Equals(*outer)) ++slot;
  const DataType type = outer->type;
  if (slot == values.size()) values.push_back(std::move(outer));
  auto e = BoundExpr::Make(BoundExprKind::kOuterColumn, type, position);
  e->column_index = static_cast<int>(slot);
  return e;
}

BoundExprPtr Binder::BindCast(const ast::Cast& cast, const Scope& scope) {
  DataType to = BindTypeName(cast.type);
  // ARRAY[...]::t[]: the elements are cast to t (ARRAY[] has no type of
  // its own; the cast gives it one).
  if (cast.arg->kind() == ast::ExprKind::kArray && to.IsArray()) {
    return WithDomainCheck(BindArray(cast.arg->As<ast::ArrayConstructor>(), scope, &to), cast.type);
  }
  if (describing_ && cast.arg->kind() == ast::ExprKind::kParameter) {
    // `$1::int` types an untyped parameter, as PostgreSQL infers it.
    const int index = cast.arg->As<ast::Parameter>().index;
    std::vector<DataType>& types = *describing_;
    if (index >= 1 && index <= static_cast<int>(types.size()) &&
        types[index - 1].id == TypeId::kUnknown) {
      types[index - 1] = to.Unmodified();
    } else if (index > static_cast<int>(types.size()) && index <= kMaxParameters) {
      types.resize(index, DataType::Of(TypeId::kUnknown));
      types[index - 1] = to.Unmodified();
    }
  }
  BoundExprPtr arg = BindExpression(*cast.arg, scope);
  DataType from = arg->type;
  int arg_position = arg->position;
  BoundExprPtr out;
  try {
    out = TryCoerce(std::move(arg), to, CastContext::kExplicit);
  } catch (Error& e) {
    // A row of the wrong shape for a composite type: PostgreSQL points at
    // the cast.
    if (e.code() == sqlstate::kCannotCoerce) e.WithPosition(cast.position);
    throw;
  }
  if (out == nullptr) {
    ThrowAt(sqlstate::kCannotCoerce,
            fmt::format("cannot cast type {} to {}", TypeNameForMessage(from), to.Name()),
            cast.position);
  }
  // A cast to varchar(n) of a text value of the same representation still
  // has to apply the length limit: TryCoerce only skips casts to plain text.
  if (arg_position != 0 && (out->position == 0 || arg_position < out->position)) {
    out->position = arg_position;
  }
  return WithDomainCheck(std::move(out), cast.type);
}

BoundExprPtr Binder::BindCase(const ast::Case& expr, const Scope& scope) {
  auto e = BoundExpr::Make(BoundExprKind::kCase, DataType::Of(TypeId::kUnknown), expr.position);
  std::vector<BoundExprPtr> results;
  for (const ast::CaseWhen& when : expr.whens) {
    BoundExprPtr condition;
    if (expr.arg != nullptr) {
      // CASE x WHEN v: x = v, resolved like the operator.
      condition = BindComparison("=", BindExpression(*expr.arg, scope),
                                 BindExpression(*when.condition, scope), when.position);
    } else {
      condition = BindCondition(*when.condition, scope, "CASE/WHEN");
    }
    e->children.push_back(std::move(condition));
    results.push_back(BindExpression(*when.result, scope));
  }
  if (expr.else_result != nullptr) {
    results.push_back(BindExpression(*expr.else_result, scope));
    e->has_else = true;
  }
  // PostgreSQL resolves the ELSE result first, then the THEN results in
  // order, which decides the order of the types in the message below.
  std::vector<const BoundExpr*> resolution_order;
  if (e->has_else) resolution_order.push_back(results.back().get());
  for (size_t i = 0; i < expr.whens.size(); ++i) resolution_order.push_back(results[i].get());
  DataType type = DataType::Of(TypeId::kUnknown);
  // A literal, or the NULL of a missing ELSE, has no length limit.
  bool literal = !e->has_else;
  for (const BoundExpr* r : resolution_order) {
    if (r->type.id == TypeId::kUnknown) {
      literal = true;  // literals adapt afterwards
      continue;
    }
    std::optional<DataType> common = UnifyTypes(type, r->type);
    if (!common) {
      ThrowAt(sqlstate::kDatatypeMismatch,
              fmt::format("CASE types {} and {} cannot be matched", TypeNameForMessage(type),
                          TypeNameForMessage(r->type)),
              r->position);
    }
    type = *common;
  }
  if (type.id == TypeId::kUnknown) type = DataType::Of(TypeId::kText);
  if (literal) type = WithoutTypeModifier(type);
  e->type = type;
  // Interleave: condition, result, ..., [else].
  std::vector<BoundExprPtr> children;
  for (size_t i = 0; i < expr.whens.size(); ++i) {
    children.push_back(std::move(e->children[i]));
    children.push_back(CoerceOrThrow(std::move(results[i]), type, CastContext::kImplicit));
  }
  if (e->has_else) {
    children.push_back(CoerceOrThrow(std::move(results.back()), type, CastContext::kImplicit));
  }
  e->children = std::move(children);
  return e;
}

BoundExprPtr Binder::BindIn(const ast::In& expr, const Scope& scope) {
  if (expr.subquery != nullptr) {
    // x IN (SELECT ...) is x = ANY (SELECT ...); NOT IN negates it.
    BoundExprPtr any = BindQuantifiedSubquery(*expr.arg, "=", SubqueryKind::kAny, *expr.subquery,
                                              expr.position, scope);
    if (!expr.negated) return any;
    auto e = BoundExpr::Make(BoundExprKind::kNot, DataType::Of(TypeId::kBool), any->position);
    e->children.push_back(std::move(any));
    return e;
  }
  if (expr.arg->kind() == ast::ExprKind::kRow) return BindRowIn(expr, scope);
  BoundExprPtr arg = BindExpression(*expr.arg, scope);
  std::vector<BoundExprPtr> items;
  DataType type = arg->type;
  for (const ast::ExprPtr& item : expr.list) {
    items.push_back(BindExpression(*item, scope));
    // xid IN (int4, ...) uses xideqint4 for those items (see
    // BindXidComparison); CompareValues reads them as xids.
    if (type.id == TypeId::kXid && items.back()->type.id == TypeId::kInt4) continue;
    // Untyped literals (NULL IN (NULL, 1)) take the others' type afterwards.
    if (items.back()->type.id == TypeId::kUnknown) continue;
    if (type.id == TypeId::kUnknown) {
      type = items.back()->type;
      continue;
    }
    std::optional<DataType> common = CommonType(type, items.back()->type);
    if (!common) {
      throw Error(sqlstate::kUndefinedFunction,
                  fmt::format("operator does not exist: {} = {}", TypeNameForMessage(type),
                              TypeNameForMessage(items.back()->type)))
          .WithHint(
              "No operator matches the given name and argument types. You might need to add "
              "explicit type casts.")
          .WithPosition(expr.position);
    }
    type = *common;
  }
  if (type.id == TypeId::kUnknown) type = DataType::Of(TypeId::kText);
  // PostgreSQL compares a list of several items without columns as one
  // array of the common type of x and the items (select_common_type), a
  // single item as `x = item`: 1.1::real IN (1.1, 2) is true, IN (1.1)
  // false.
  if (items.size() > 1 && type.id != TypeId::kXid) {
    std::optional<DataType> unified = arg->type;
    for (const BoundExprPtr& item : items) {
      if (ReadsColumns(*item)) unified.reset();
      if (!unified) break;
      unified = UnifyTypes(*unified, item->type);
    }
    if (unified && unified->id != TypeId::kUnknown) type = unified->Unmodified();
  }
  auto e = BoundExpr::Make(BoundExprKind::kIn, DataType::Of(TypeId::kBool), arg->position);
  e->negated = expr.negated;
  e->compare_type = type;
  e->children.push_back(CoerceOrThrow(std::move(arg), type, CastContext::kImplicit));
  for (BoundExprPtr& item : items) {
    if (type.id == TypeId::kXid && item->type.id == TypeId::kInt4) {
      e->children.push_back(std::move(item));
      continue;
    }
    e->children.push_back(CoerceOrThrow(std::move(item), type, CastContext::kImplicit));
  }
  return e;
}

BoundExprPtr Binder::BindBetween(const ast::Between& expr, const Scope& scope) {
  if (expr.arg->kind() == ast::ExprKind::kRow || expr.low->kind() == ast::ExprKind::kRow ||
      expr.high->kind() == ast::ExprKind::kRow) {
    return BindRowBetween(expr, scope);
  }
  auto range = [&](const ast::Expr& low, const ast::Expr& high) {
    BoundExprPtr arg = BindExpression(*expr.arg, scope);
    auto e = BoundExpr::Make(BoundExprKind::kAnd, DataType::Of(TypeId::kBool), arg->position);
    e->children.push_back(
        BindComparison(">=", arg->Clone(), BindExpression(low, scope), expr.position));
    e->children.push_back(
        BindComparison("<=", std::move(arg), BindExpression(high, scope), expr.position));
    return e;
  };
  BoundExprPtr result = range(*expr.low, *expr.high);
  if (expr.symmetric) {
    auto either =
        BoundExpr::Make(BoundExprKind::kOr, DataType::Of(TypeId::kBool), result->position);
    either->children.push_back(std::move(result));
    either->children.push_back(range(*expr.high, *expr.low));
    result = std::move(either);
  }
  if (expr.negated) {
    auto n = BoundExpr::Make(BoundExprKind::kNot, DataType::Of(TypeId::kBool), result->position);
    n->children.push_back(std::move(result));
    result = std::move(n);
  }
  return result;
}

BoundExprPtr Binder::BindCondition(const ast::Expr& expr, const Scope& scope,
                                   std::string_view clause) {
  return CoerceToBoolean(BindExpression(expr, scope), clause);
}

}  // namespace basalt::sql
