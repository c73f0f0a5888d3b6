// Aggregate calls and grouping: resolving count/sum/avg/min/max/bool_and/
// bool_or/every/string_agg/bit_and/bit_or, the statistical aggregates
// (variance, stddev, corr, covar_*, regr_*) and GROUPING() to PostgreSQL's
// signatures and result types,
// GROUP BY items (positions, output names, expressions), and the check that
// a grouped query's clauses read only group keys and aggregates.
#include <fmt/format.h>

#include "common/stack_depth.h"
#include "sql/binder/bind_error.h"
#include "sql/binder/bind_json_function.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"
#include "sql/binder/function_resolver.h"

namespace basalt::sql {

namespace {

// The types min and max are defined for (PostgreSQL's btree-ordered types
// that Basalt has; not bool).
bool HasMinMax(TypeId id) {
  switch (id) {
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kFloat4:
    case TypeId::kFloat8:
    case TypeId::kNumeric:
    case TypeId::kText:
    case TypeId::kBpchar:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kInterval:
    case TypeId::kTime:
    case TypeId::kTimeTz:
    case TypeId::kEnum:
    case TypeId::kOid: return true;
    default: return false;
  }
}

// The first aggregate call inside e, or null.
const BoundExpr* FindAggregate(const BoundExpr& e) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kAggregate) return &e;
  for (const BoundExprPtr& c : e.children) {
    if (const BoundExpr* found = FindAggregate(*c)) return found;
  }
  return nullptr;
}

// The first window call inside e, or null.
const BoundExpr* FindWindow(const BoundExpr& e) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kWindow) return &e;
  for (const BoundExprPtr& c : e.children) {
    if (const BoundExpr* found = FindWindow(*c)) return found;
  }
  return nullptr;
}

}  // namespace

namespace {

// What an expression of a subquery reads: its own row's columns, and the
// enclosing query's values (kOuterColumn positions).
void CollectReads(const BoundExpr& e, bool* own_columns, std::vector<int>* outer) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kColumn) *own_columns = true;
  if (e.kind == BoundExprKind::kOuterColumn) outer->push_back(e.column_index);
  for (const BoundExprPtr& c : e.children) CollectReads(*c, own_columns, outer);
}

// Replaces e's outer values by the enclosing query's expressions they read.
void ReplaceOuterColumns(BoundExprPtr& e, const std::vector<BoundExprPtr>& outer_values) {
  CheckStackDepth();
  if (e->kind == BoundExprKind::kOuterColumn) {
    const int position = e->position;
    e = outer_values[static_cast<size_t>(e->column_index)]->Clone();
    if (e->position <= 0) e->position = position;
    return;
  }
  for (BoundExprPtr& c : e->children) ReplaceOuterColumns(c, outer_values);
}

}  // namespace

size_t Binder::EnclosingAggregateLevel(const std::vector<BoundExprPtr>& args,
                                       const ast::FunctionCall& call, const Scope& scope) const {
  if (args.empty() || !call.order_by.empty() || call.filter != nullptr || call.within_group) {
    return 0;
  }
  // Out one query at a time while the expressions read no column of their
  // own row; each step must be a subquery bound here (its scope's outer
  // values are the level's).
  std::vector<const BoundExpr*> exprs;
  for (const BoundExprPtr& a : args) exprs.push_back(a.get());
  const Scope* at = &scope;
  size_t up = 0;
  for (size_t level = subquery_levels_.size(); level > 0; --level) {
    bool own_columns = false;
    std::vector<int> outer;
    for (const BoundExpr* e : exprs) CollectReads(*e, &own_columns, &outer);
    if (own_columns || outer.empty()) return up;
    if (at == nullptr || at->outer_values == nullptr ||
        at->outer_values != subquery_levels_[level - 1].outer_values) {
      return up;
    }
    exprs.clear();
    for (int i : outer) exprs.push_back((*at->outer_values)[static_cast<size_t>(i)].get());
    at = at->parent;
    ++up;
  }
  // Read from the outermost subquery's enclosing query: its aggregate,
  // unless that reads nothing of its own row either (constants: kept).
  bool own_columns = false;
  std::vector<int> outer;
  for (const BoundExpr* e : exprs) CollectReads(*e, &own_columns, &outer);
  return own_columns ? up : 0;
}

BoundExprPtr Binder::MoveToEnclosingQuery(BoundExprPtr e, const ast::FunctionCall& call, size_t up,
                                          const std::vector<size_t>& first_new) {
  const size_t n = subquery_levels_.size();
  SubqueryLevel& target = subquery_levels_[n - up];
  if (!target.outer_rules.allowed) {
    ThrowAt(
        sqlstate::kGroupingError,
        target.outer_rules.clause.empty()
            ? std::string("aggregate functions are not allowed here")
            : fmt::format("aggregate functions are not allowed in {}", target.outer_rules.clause),
        call.position);
  }
  if (target.outer_inside_aggregate) {
    ThrowAt(sqlstate::kGroupingError, "aggregate function calls cannot be nested", call.position);
  }
  target.outer_aggregate = true;
  // Over the target query's row: its outer values replaced level by level.
  for (size_t level = n; level > n - up; --level) {
    ReplaceOuterColumns(e, *subquery_levels_[level - 1].outer_values);
  }
  // The values only the arguments read are not read any more: a NULL each
  // (which no later reference matches), so that the enclosing queries do
  // not take them for ungrouped columns.
  for (size_t level = n - up; level < n; ++level) {
    std::vector<BoundExprPtr>& values = *subquery_levels_[level].outer_values;
    for (size_t i = first_new[level]; i < values.size(); ++i) {
      values[i] = BoundExpr::Constant(Value::Null(), values[i]->type);
    }
  }
  // Passed down from the target query, one subquery at a time.
  const DataType type = e->type;
  for (size_t level = n - up; level < n; ++level) {
    std::vector<BoundExprPtr>& values = *subquery_levels_[level].outer_values;
    values.push_back(std::move(e));
    e = BoundExpr::Make(BoundExprKind::kOuterColumn, type, call.position);
    e->column_index = static_cast<int>(values.size() - 1);
  }
  return e;
}

BoundExprPtr Binder::BindAggregate(const ast::FunctionCall& call, AggregateFunction function,
                                   const Scope& scope) {
  std::vector<BoundExprPtr> args;
  const bool nested = inside_aggregate_;
  std::vector<size_t> outer_values;  // each level's, before the arguments
  for (const SubqueryLevel& level : subquery_levels_)
    outer_values.push_back(level.outer_values->size());
  {
    ScopedFlag inside(inside_aggregate_, true);
    auto bind = [&](const ast::Expr& e) { return BindExpression(e, scope); };
    const bool json_agg =
        function == AggregateFunction::kJsonAgg || function == AggregateFunction::kJsonbAgg;
    for (const ast::ExprPtr& a : call.args) {
      BoundExprPtr row;
      if (json_agg && a->kind() == ast::ExprKind::kColumnRef) {  // json_agg(t): its rows
        row = BindWholeRowJson(a->As<ast::ColumnRef>(), a->position, TypeId::kJson, scope, bind);
      }
      args.push_back(row != nullptr ? std::move(row) : BindExpression(*a, scope));
    }
  }
  // An aggregate of the enclosing query's row is that query's: its clause's
  // rules apply (MoveToEnclosingQuery).
  if (const size_t up = EnclosingAggregateLevel(args, call, scope); up > 0) {
    BoundExprPtr e = MakeAggregateCall(call, function, std::move(args));
    return MoveToEnclosingQuery(std::move(e), call, up, outer_values);
  }
  // As PostgreSQL: the arguments first (an inner call reports first), then
  // the clause, then nesting.
  if (!aggregate_rules_.allowed) {
    const char* what =
        function == AggregateFunction::kGrouping ? "grouping operations" : "aggregate functions";
    ThrowAt(sqlstate::kGroupingError,
            aggregate_rules_.clause.empty()
                ? fmt::format("{} are not allowed here", what)
                : fmt::format("{} are not allowed in {}", what, aggregate_rules_.clause),
            call.position);
  }
  if (nested) {
    ThrowAt(sqlstate::kGroupingError, "aggregate function calls cannot be nested", call.position);
  }
  found_aggregate_ = true;
  const bool ordered_set = IsOrderedSetAggregate(function);
  if (ordered_set != call.within_group) {
    // PostgreSQL looks for a function of the direct arguments and the
    // WITHIN GROUP keys together, and finds none.
    if (call.within_group) {
      ScopedFlag inside(inside_aggregate_, true);
      for (const ast::OrderByItem& item : call.order_by) {
        args.push_back(BindExpression(*item.expr, scope));
      }
    }
    ThrowNoFunction(call.name.back(), args, call.position);
  }
  BoundExprPtr e = MakeAggregateCall(call, function, std::move(args));
  BindAggregateOrderAndFilter(call, scope, e.get());
  if (ordered_set) ResolveOrderedSetCall(call, e.get());
  return e;
}

BoundExprPtr Binder::MakeAggregateCall(const ast::FunctionCall& call, AggregateFunction function,
                                       std::vector<BoundExprPtr> args) {
  const std::string& name = call.name.back();
  auto coerce = [&](size_t i, TypeId to) {
    BoundExprPtr converted = TryCoerce(args[i]->Clone(), DataType::Of(to), CastContext::kImplicit);
    if (converted == nullptr) ThrowNoFunction(name, args, call.position);
    args[i] = std::move(converted);
  };
  DataType type;
  switch (function) {
    case AggregateFunction::kCountStar:
    case AggregateFunction::kCount:
      if (call.star && args.empty()) {
        function = AggregateFunction::kCountStar;
      } else if (args.empty()) {
        ThrowAt(sqlstate::kWrongObjectType,
                "count(*) must be used to call a parameterless aggregate function", call.position);
      } else if (args.size() == 1) {
        if (IsUnknownLiteral(*args[0])) coerce(0, TypeId::kText);
      } else {
        ThrowNoFunction(name, args, call.position);
      }
      type = DataType::Of(TypeId::kInt8);
      break;
    case AggregateFunction::kSum:
    case AggregateFunction::kAvg: {
      if (args.size() != 1) ThrowNoFunction(name, args, call.position);
      const TypeId id = args[0]->type.id;
      if (id == TypeId::kUnknown) NotUnique(name, args, call.position);
      const bool sum = function == AggregateFunction::kSum;
      switch (id) {
        case TypeId::kInt2:
        case TypeId::kInt4: type = DataType::Of(sum ? TypeId::kInt8 : TypeId::kNumeric); break;
        case TypeId::kInt8:
        case TypeId::kNumeric: type = DataType::Of(TypeId::kNumeric); break;
        case TypeId::kFloat4: type = DataType::Of(sum ? TypeId::kFloat4 : TypeId::kFloat8); break;
        case TypeId::kFloat8: type = DataType::Of(TypeId::kFloat8); break;
        case TypeId::kInterval: type = DataType::Of(TypeId::kInterval); break;
        default: ThrowNoFunction(name, args, call.position);
      }
      break;
    }
    case AggregateFunction::kMin:
    case AggregateFunction::kMax:
      if (args.size() != 1) ThrowNoFunction(name, args, call.position);
      // An untyped literal or varchar resolves to the text version; bpchar
      // has its own (ignoring trailing blanks).
      if (IsUnknownLiteral(*args[0]) ||
          (args[0]->type.IsString() && args[0]->type.id != TypeId::kBpchar)) {
        coerce(0, TypeId::kText);
      }
      if (!HasMinMax(args[0]->type.id)) ThrowNoFunction(name, args, call.position);
      type = args[0]->type.Unmodified();
      break;
    case AggregateFunction::kBoolAnd:
    case AggregateFunction::kBoolOr:
      if (args.size() != 1) ThrowNoFunction(name, args, call.position);
      coerce(0, TypeId::kBool);
      type = DataType::Of(TypeId::kBool);
      break;
    case AggregateFunction::kStringAgg:
      if (args.size() != 2) ThrowNoFunction(name, args, call.position);
      if (args[0]->type.id == TypeId::kBytea || args[1]->type.id == TypeId::kBytea) {
        // string_agg(bytea, bytea): the same concatenation over bytes.
        for (const BoundExprPtr& a : args) {
          if (!IsUnknownLiteral(*a) && a->type.id != TypeId::kBytea) {
            ThrowNoFunction(name, args, call.position);
          }
        }
        coerce(0, TypeId::kBytea);
        coerce(1, TypeId::kBytea);
        type = DataType::Of(TypeId::kBytea);
        break;
      }
      for (const BoundExprPtr& a : args) {
        if (!IsUnknownLiteral(*a) && !a->type.IsString()) {
          ThrowNoFunction(name, args, call.position);
        }
      }
      coerce(0, TypeId::kText);
      coerce(1, TypeId::kText);
      type = DataType::Of(TypeId::kText);
      break;
    case AggregateFunction::kArrayAgg:
      if (args.size() != 1) ThrowNoFunction(name, args, call.position);
      if (args[0]->type.id == TypeId::kUnknown) NotUnique(name, args, call.position);
      if (args[0]->type.IsArray() && args[0]->type.id != TypeId::kInt2Vector &&
          args[0]->type.id != TypeId::kOidVector) {
        type = WithoutTypeModifier(args[0]->type);  // arrays: one more dimension
      } else if (std::optional<DataType> array = args[0]->type.ResultArrayType()) {
        type = *array;  // anyarray
      } else {
        ThrowAt(sqlstate::kFeatureNotSupported,
                fmt::format("array_agg of type {} is not supported yet",
                            TypeNameForMessage(args[0]->type)),
                call.position);
      }
      break;
    case AggregateFunction::kJsonAgg:
    case AggregateFunction::kJsonbAgg:
    case AggregateFunction::kJsonObjectAgg:
    case AggregateFunction::kJsonbObjectAgg: {
      // json_agg(anyelement), json_object_agg("any", "any"): untyped
      // literals are text.
      const bool object = function == AggregateFunction::kJsonObjectAgg ||
                          function == AggregateFunction::kJsonbObjectAgg;
      if (args.size() != (object ? 2u : 1u)) ThrowNoFunction(name, args, call.position);
      for (size_t i = 0; i < args.size(); ++i) {
        if (IsUnknownLiteral(*args[i])) coerce(i, TypeId::kText);
      }
      const bool jsonb = function == AggregateFunction::kJsonbAgg ||
                         function == AggregateFunction::kJsonbObjectAgg;
      type = DataType::Of(jsonb ? TypeId::kJsonb : TypeId::kJson);
      break;
    }
    case AggregateFunction::kBitAnd:
    case AggregateFunction::kBitOr:
      if (args.size() != 1) ThrowNoFunction(name, args, call.position);
      if (args[0]->type.id == TypeId::kUnknown) NotUnique(name, args, call.position);
      if (!args[0]->type.IsInteger()) ThrowNoFunction(name, args, call.position);
      type = DataType::Of(args[0]->type.id);
      break;
    case AggregateFunction::kVarPop:
    case AggregateFunction::kVarSamp:
    case AggregateFunction::kVariance:
    case AggregateFunction::kStddevPop:
    case AggregateFunction::kStddevSamp:
    case AggregateFunction::kStddev:
      // Integers and numeric give numeric, floats float8; an untyped
      // literal is float8, the numeric category's preferred type.
      if (args.size() != 1) ThrowNoFunction(name, args, call.position);
      if (IsUnknownLiteral(*args[0])) coerce(0, TypeId::kFloat8);
      if (args[0]->type.IsInteger() || args[0]->type.id == TypeId::kNumeric) {
        type = DataType::Of(TypeId::kNumeric);
      } else if (args[0]->type.IsFloat()) {
        type = DataType::Of(TypeId::kFloat8);
      } else {
        ThrowNoFunction(name, args, call.position);
      }
      break;
    case AggregateFunction::kCorr:
    case AggregateFunction::kCovarPop:
    case AggregateFunction::kCovarSamp:
    case AggregateFunction::kRegrAvgX:
    case AggregateFunction::kRegrAvgY:
    case AggregateFunction::kRegrCount:
    case AggregateFunction::kRegrIntercept:
    case AggregateFunction::kRegrR2:
    case AggregateFunction::kRegrSlope:
    case AggregateFunction::kRegrSxx:
    case AggregateFunction::kRegrSxy:
    case AggregateFunction::kRegrSyy:
      // (double precision Y, double precision X) only.
      if (args.size() != 2) ThrowNoFunction(name, args, call.position);
      for (const BoundExprPtr& a : args) {  // the error names the types as written
        if (TryCoerce(a->Clone(), DataType::Of(TypeId::kFloat8), CastContext::kImplicit) ==
            nullptr) {
          ThrowNoFunction(name, args, call.position);
        }
      }
      coerce(0, TypeId::kFloat8);
      coerce(1, TypeId::kFloat8);
      type =
          DataType::Of(function == AggregateFunction::kRegrCount ? TypeId::kInt8 : TypeId::kFloat8);
      break;
    case AggregateFunction::kPercentileCont:
    case AggregateFunction::kPercentileDisc:
    case AggregateFunction::kMode:
      // Typed with the WITHIN GROUP key (ResolveOrderedSetCall).
      type = DataType::Of(TypeId::kUnknown);
      break;
    case AggregateFunction::kGrouping: type = DataType::Of(TypeId::kInt4); break;
  }
  auto e = BoundExpr::Make(BoundExprKind::kAggregate, type, call.position);
  e->aggregate = function;
  e->distinct = call.distinct;
  e->children = std::move(args);
  return e;
}

void Binder::BindAggregateOrderAndFilter(const ast::FunctionCall& call, const Scope& scope,
                                         BoundExpr* aggregate) {
  const size_t arg_count = aggregate->children.size();
  {
    // ORDER BY keys are the call's input, as its arguments.
    ScopedFlag inside(inside_aggregate_, true);
    for (const ast::OrderByItem& item : call.order_by) {
      BoundExprPtr key = BindExpression(*item.expr, scope);
      // A WITHIN GROUP key takes its type from the function's signature.
      if (IsUnknownLiteral(*key) && !call.within_group) {
        key = CoerceOrThrow(std::move(key), DataType::Of(TypeId::kText), CastContext::kImplicit);
      }
      if (key->type.id == TypeId::kVoid || key->type.id == TypeId::kXid ||
          key->type.id == TypeId::kJson) {
        // Where the key starts: `'1'::xid` at its literal.
        int position = item.expr->position;
        for (const ast::Expr* e = item.expr.get(); e->kind() == ast::ExprKind::kCast;) {
          e = e->As<ast::Cast>().arg.get();
          if (e->position > 0 && e->position < position) position = e->position;
        }
        throw Error(
            sqlstate::kUndefinedFunction,
            fmt::format("could not identify an ordering operator for type {}", key->type.Name()))
            .WithHint("Use an explicit ordering operator or modify the query.")
            .WithPosition(position);
      }
      if (call.distinct) {
        // The distinct argument values are what is sorted.
        bool found = false;
        for (size_t i = 0; i < arg_count && !found; ++i) {
          found = aggregate->children[i]->Equals(*key);
        }
        if (!found) {
          ThrowAt(sqlstate::kInvalidColumnReference,
                  "in an aggregate with DISTINCT, ORDER BY expressions must appear in argument "
                  "list",
                  item.expr->position);
        }
      }
      AggregateOrderKey order;
      order.descending = item.direction == ast::OrderByItem::Direction::kDesc;
      order.nulls_first = item.nulls == ast::OrderByItem::Nulls::kDefault
                              ? order.descending
                              : item.nulls == ast::OrderByItem::Nulls::kFirst;
      aggregate->aggregate_order.push_back(order);
      aggregate->children.push_back(std::move(key));
    }
  }
  if (call.filter != nullptr) {
    AggregateRulesScope rules(this, false, "FILTER");
    ScopedFlag outside(inside_aggregate_, false);
    aggregate->children.push_back(BindCondition(*call.filter, scope, "FILTER"));
    aggregate->has_filter = true;
  }
}

void Binder::BindGroupBy(const ast::SelectStmt& select, const Scope& scope, BoundSelect* out) {
  if (!select.grouping_sets.empty()) {
    BindGroupingSets(select, scope, out);
    return;
  }
  for (const ast::ExprPtr& item : select.group_by) {
    BoundExprPtr e = BindGroupItem(*item, scope, *out);
    if (e->type.id == TypeId::kJson) {  // json has no equality
      ThrowAt(sqlstate::kUndefinedFunction, "could not identify an equality operator for type json",
              item->position);
    }
    bool seen = false;
    for (const BoundExprPtr& g : out->group_by) seen = seen || g->Equals(*e);
    if (!seen) out->group_by.push_back(std::move(e));  // GROUP BY a, a: one key
  }
}

BoundExprPtr Binder::BindGroupItem(const ast::Expr& item, const Scope& scope,
                                   const BoundSelect& out) {
  if (item.kind() == ast::ExprKind::kFunctionCall &&
      item.As<ast::FunctionCall>().name.size() == 1) {
    // GROUP BY ROLLUP (a) and CUBE (a) are grouping sets, not calls.
    const std::string& name = item.As<ast::FunctionCall>().name[0];
    if (name == "rollup" || name == "cube") {
      ThrowAt(sqlstate::kFeatureNotSupported,
              fmt::format("GROUP BY {} is not supported yet", name == "rollup" ? "ROLLUP" : "CUBE"),
              item.position);
    }
  }
  int target = -1;
  if (item.kind() == ast::ExprKind::kColumnRef && item.As<ast::ColumnRef>().names.size() == 1) {
    // GROUP BY name: an input column wins over an output column's name
    // (the reverse of ORDER BY).
    const std::string& name = item.As<ast::ColumnRef>().names[0];
    bool input_column = false;
    for (const ScopeItem& t : scope.items) {
      for (const ScopeColumn& c : t.columns) {
        input_column = input_column || (t.columns_visible && c.name == name);
      }
    }
    for (size_t i = 0; i < out.columns.size() && !input_column; ++i) {
      if (out.columns[i].name != name) continue;
      if (target >= 0 && !out.targets[target]->Equals(*out.targets[i])) {
        ThrowAt(sqlstate::kAmbiguousColumn, fmt::format("GROUP BY \"{}\" is ambiguous", name),
                item.position);
      }
      if (target < 0) target = static_cast<int>(i);
    }
  } else if (item.kind() == ast::ExprKind::kConstant) {
    const auto& constant = item.As<ast::Constant>();
    if (constant.type != ast::Constant::Type::kInteger) {
      ThrowAt(sqlstate::kSyntaxError, "non-integer constant in GROUP BY", item.position);
    }
    // GROUP BY 2: an output column by position.
    if (constant.int_value < 1 || constant.int_value > static_cast<int64_t>(out.targets.size())) {
      ThrowAt(sqlstate::kInvalidColumnReference,
              fmt::format("GROUP BY position {} is not in select list", constant.int_value),
              item.position);
    }
    target = static_cast<int>(constant.int_value - 1);
  }
  if (target >= 0) {
    if (const BoundExpr* aggregate = FindAggregate(*out.targets[target])) {
      ThrowAt(sqlstate::kGroupingError, "aggregate functions are not allowed in GROUP BY",
              aggregate->position);
    }
    if (const BoundExpr* window = FindWindow(*out.targets[target])) {
      ThrowAt(sqlstate::kWindowingError, "window functions are not allowed in GROUP BY",
              window->position);
    }
    return out.targets[target]->Clone();
  }
  AggregateRulesScope rules(this, false, "GROUP BY");
  BoundExprPtr e = BindExpression(item, scope);
  if (IsUnknownLiteral(*e)) {
    e = CoerceOrThrow(std::move(e), DataType::Of(TypeId::kText), CastContext::kImplicit);
  }
  return e;
}

namespace {

// The columns e reads outside aggregate calls, in order of appearance.
void CollectUngroupedColumns(const BoundExpr& e, std::vector<const BoundExpr*>* columns) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kAggregate) return;
  if (e.kind == BoundExprKind::kColumn) columns->push_back(&e);
  for (const BoundExprPtr& c : e.children) CollectUngroupedColumns(*c, columns);
}

}  // namespace

void Binder::AddDependentKeys(const Scope& scope, BoundSelect* out) {
  auto grouped_column = [&](int index) {
    for (const BoundExprPtr& g : out->group_by) {
      if (g->kind == BoundExprKind::kColumn && g->column_index == index) return true;
    }
    return false;
  };
  std::vector<const BoundExpr*> columns;
  for (const ScopeItem& t : scope.items) {
    if (t.table == nullptr) continue;
    const std::vector<int>& key = t.table->layout.primary_key;
    if (key.empty()) continue;
    const int offset = t.columns[0].index;
    const int width = static_cast<int>(t.columns.size());
    bool whole_key = true;
    for (int k : key) whole_key = whole_key && grouped_column(offset + k);
    if (!whole_key) continue;
    if (columns.empty()) {
      for (const BoundExprPtr& e : out->targets) CollectUngroupedColumns(*e, &columns);
      for (const BoundOrderBy& o : out->order_by) CollectUngroupedColumns(*o.expr, &columns);
      if (out->having != nullptr) CollectUngroupedColumns(*out->having, &columns);
    }
    for (const BoundExpr* c : columns) {
      const int index = c->column_index;
      if (index < offset || index >= offset + width) continue;
      if (grouped_column(index)) continue;
      out->group_by.push_back(BoundExpr::Column(index, c->type));
    }
  }
}

void Binder::ResolveGrouped(BoundExprPtr& e, const Scope& scope, BoundSelect* out) {
  CheckStackDepth();
  const int keys = static_cast<int>(out->group_by.size());
  for (int i = 0; i < keys; ++i) {
    if (!e->Equals(*out->group_by[i])) continue;
    const int position = e->position;
    e = BoundExpr::Column(i, e->type);
    e->position = position;
    return;
  }
  switch (e->kind) {
    case BoundExprKind::kAggregate: {
      if (e->aggregate == AggregateFunction::kGrouping) ResolveGroupingCall(*e, *out);
      if (IsOrderedSetAggregate(e->aggregate)) CheckDirectArguments(*e, scope, *out);
      int index = -1;
      for (size_t j = 0; j < out->aggregates.size() && index < 0; ++j) {
        if (out->aggregates[j]->Equals(*e)) index = static_cast<int>(j);
      }
      const int position = e->position;
      const DataType type = e->type;
      if (index < 0) {
        index = static_cast<int>(out->aggregates.size());
        out->aggregates.push_back(std::move(e));
      }
      e = BoundExpr::Column(keys + index, type);
      e->position = position;
      return;
    }
    case BoundExprKind::kColumn: {
      std::string name;
      for (const ScopeItem& t : scope.items) {
        for (const ScopeColumn& c : t.columns) {
          if (c.index == e->column_index && name.empty()) name = t.name + "." + c.name;
        }
      }
      if (in_subquery_values_) {
        ThrowAt(sqlstate::kGroupingError,
                fmt::format("subquery uses ungrouped column \"{}\" from outer query", name),
                e->position);
      }
      ThrowAt(sqlstate::kGroupingError,
              fmt::format("column \"{}\" must appear in the GROUP BY clause or be used in an "
                          "aggregate function",
                          name),
              e->position);
    }
    case BoundExprKind::kWindow:
      // Over the grouped row: an aggregate used as a window function is not
      // one of the query's aggregates, its arguments are.
      for (size_t i = 0; i < e->children.size(); ++i) {
        if (i == 0 && e->window_function == WindowFunction::kAggregate) {
          for (BoundExprPtr& argument : e->children[0]->children) {
            ResolveGrouped(argument, scope, out);
          }
          continue;
        }
        ResolveGrouped(e->children[i], scope, out);
      }
      return;
    case BoundExprKind::kSubquery: {
      // Its children are the values it reads from this query's row.
      ScopedFlag values(in_subquery_values_, true);
      for (BoundExprPtr& c : e->children) ResolveGrouped(c, scope, out);
      return;
    }
    default: break;
  }
  for (BoundExprPtr& c : e->children) ResolveGrouped(c, scope, out);
}

}  // namespace basalt::sql
