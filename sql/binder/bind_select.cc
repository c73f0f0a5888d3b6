// SELECT: WHERE, target list, GROUP BY, HAVING, ORDER BY, LIMIT; VALUES.
// FROM is bind_from.cc, set operations bind_set_operation.cc.
#include <fmt/format.h>

#include "common/stack_depth.h"
#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"

namespace basalt::sql {

namespace {

// SELECT ... INTO left in a query: the parser made the statement's own one
// CREATE TABLE AS, so this one is somewhere PostgreSQL refuses it (a
// subquery, a CTE, a later branch of a set operation, INSERT's query).
void CheckNoSelectInto(const ast::SelectStmt& select) {
  const ast::SelectStmt* leftmost = &select;
  while (leftmost->set_operation != ast::SetOperation::kNone && leftmost->left != nullptr) {
    leftmost = leftmost->left.get();
  }
  if (leftmost->into.has_value()) {
    ThrowAt(sqlstate::kSyntaxError, "SELECT ... INTO is not allowed here",
            leftmost->into->position);
  }
  if (select.set_operation == ast::SetOperation::kNone) return;
  std::vector<const ast::SelectStmt*> stack{&select};
  while (!stack.empty()) {
    const ast::SelectStmt* s = stack.back();
    stack.pop_back();
    if (s->into.has_value()) {
      ThrowAt(sqlstate::kSyntaxError,
              "INTO is only allowed on first SELECT of UNION/INTERSECT/EXCEPT", s->into->position);
    }
    if (s->left != nullptr) stack.push_back(s->left.get());
    if (s->right != nullptr) stack.push_back(s->right.get());
  }
}

}  // namespace

namespace {

// True when FigureColumnName finds a name of strength 2 for expr.
bool HasStrongName(const ast::Expr& expr) {
  CheckStackDepth();
  const ast::Expr* base = &expr;
  while (base->kind() == ast::ExprKind::kCast) base = base->As<ast::Cast>().arg.get();
  switch (base->kind()) {
    case ast::ExprKind::kColumnRef:
    case ast::ExprKind::kFunctionCall:
    case ast::ExprKind::kRow:
    case ast::ExprKind::kFieldSelect:
    case ast::ExprKind::kArray: return true;
    case ast::ExprKind::kCase: {
      const ast::Expr* otherwise = base->As<ast::Case>().else_result.get();
      return otherwise != nullptr && HasStrongName(*otherwise);
    }
    default: return false;
  }
}

}  // namespace

// PostgreSQL's FigureColname: the column name a client sees for an
// expression without an alias. The strength says how good a name is: a
// column or function name (2) beats a cast's type name (1), which beats
// nothing (0), so `a::int` is "a" but `1::text::int4` is "int4". A chain of
// casts is walked in a loop: it may be a million long.
std::string FigureColumnName(const ast::Expr& expr) {
  const ast::Expr* base = &expr;
  while (base->kind() == ast::ExprKind::kCast) base = base->As<ast::Cast>().arg.get();
  switch (base->kind()) {
    case ast::ExprKind::kColumnRef: return base->As<ast::ColumnRef>().names.back();
    case ast::ExprKind::kFunctionCall: {
      // a[i] is named after a, as PostgreSQL's A_Indirection.
      const auto& call = base->As<ast::FunctionCall>();
      if (ast::IsSubscript(call)) {
        return FigureColumnName(*call.args[0]);
      }
      return call.name.back();
    }
    case ast::ExprKind::kArray: return "array";
    case ast::ExprKind::kRow: return "row";
    case ast::ExprKind::kFieldSelect: return base->As<ast::FieldSelect>().field;
    case ast::ExprKind::kSubquery:
      if (base->As<ast::Subquery>().type == ast::Subquery::Type::kExists) return "exists";
      if (base->As<ast::Subquery>().type == ast::Subquery::Type::kArray) return "array";
      break;
    case ast::ExprKind::kCase:
      // A CASE is named after its ELSE result when that has a strong name.
      if (HasStrongName(*base)) return FigureColumnName(*base->As<ast::Case>().else_result);
      break;
    default: break;
  }
  // The outermost cast's type names the column; without one, the base's.
  if (expr.kind() == ast::ExprKind::kCast) return expr.As<ast::Cast>().type.name;
  switch (base->kind()) {
    case ast::ExprKind::kTypedLiteral: return base->As<ast::TypedLiteral>().type.name;
    case ast::ExprKind::kCase: return "case";
    default: return "?column?";
  }
}

namespace {

// The first column reference inside e, or null.
const BoundExpr* FindColumn(const BoundExpr& e) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kColumn) return &e;
  for (const BoundExprPtr& c : e.children) {
    if (const BoundExpr* found = FindColumn(*c)) return found;
  }
  return nullptr;
}

// Where an expression starts in the text, as PostgreSQL's exprLocation:
// the smallest position in the tree (`a + 1` starts at `a`, not at `+`).
int LeftmostPosition(const BoundExpr& e, int position) {
  CheckStackDepth();
  if (e.position > 0 && (position <= 0 || e.position < position)) position = e.position;
  for (const BoundExprPtr& c : e.children) position = LeftmostPosition(*c, position);
  return position;
}

std::string LockingClauseName(ast::LockingClause::Strength strength) {
  using Strength = ast::LockingClause::Strength;
  switch (strength) {
    case Strength::kKeyShare: return "FOR KEY SHARE";
    case Strength::kShare: return "FOR SHARE";
    case Strength::kNoKeyUpdate: return "FOR NO KEY UPDATE";
    case Strength::kUpdate: return "FOR UPDATE";
  }
  return "FOR UPDATE";
}

}  // namespace

std::unique_ptr<BoundSelect> Binder::BindSelect(const ast::SelectStmt& select, const Scope* parent,
                                                std::vector<BoundExprPtr>* outer_values) {
  CheckStackDepth();
  // Once per set operation tree, at its top (a walk per level would be
  // quadratic in a long UNION chain); queries nested in it start afresh.
  if (!inside_set_operation_) CheckNoSelectInto(select);
  ScopedFlag nested(inside_set_operation_, false);
  // An aggregate call belongs to the query it appears in.
  ScopedFlag found_aggregate(found_aggregate_, false);
  ScopedFlag found_window(found_window_, false);
  struct RestoreWindows {
    const std::vector<std::unique_ptr<ast::WindowDef>>*& current;
    const std::vector<std::unique_ptr<ast::WindowDef>>* saved;
    ~RestoreWindows() { current = saved; }
  } restore_windows{named_windows_, named_windows_};
  named_windows_ = &select.windows;
  Scope scope;
  scope.parent = parent;
  scope.outer_values = outer_values;
  const CteFramesScope pop_ctes(cte_frames_);
  std::vector<BoundCte> ctes;
  if (!select.with.empty()) ctes = PushCtes(select, scope);
  auto with = [&](std::unique_ptr<BoundSelect> query) {
    query->with_recursive = select.with_recursive;
    query->ctes = std::move(ctes);
    return query;
  };
  if (select.set_operation != ast::SetOperation::kNone) {
    return with(BindSetOperation(select, scope));
  }
  if (!select.values.empty()) return with(BindValues(select, scope));

  auto out = with(std::make_unique<BoundSelect>());
  if (!select.from.empty()) out->from = BindFrom(select.from, scope);
  if (select.where != nullptr) {
    AggregateRulesScope rules(this, false, "WHERE");
    out->where = BindCondition(*select.where, scope, "WHERE");
  }
  BindTargetFunctions(select, scope, out.get());
  {
    AggregateRulesScope rules(this, true, "");
    BindTargets(select.targets, scope, out.get());
    if (select.having != nullptr) {
      WindowRulesScope windows(this, false, "HAVING");
      out->having = BindCondition(*select.having, scope, "HAVING");
    }
    BindOrderBy(select, scope, out.get());
    if (!select.distinct_on.empty()) BindDistinctOn(select, scope, out.get());
  }
  std::vector<BoundExprPtr> window_clause;
  if (!select.windows.empty()) window_clause = CheckWindowClause(select, scope);
  BindGroupBy(select, scope, out.get());
  BindLimitAndOffset(select, scope, out.get());
  out->grouped = found_aggregate_ || !out->group_by.empty() || out->having != nullptr ||
                 !out->grouping_sets.empty();
  if (out->grouped) {
    // Under grouping sets a key may be NULL in a row, so it determines
    // nothing there.
    if (out->grouping_sets.empty()) AddDependentKeys(scope, out.get());
    // As PostgreSQL's check: the target list (ORDER BY items included), then
    // HAVING.
    for (BoundExprPtr& e : out->targets) ResolveGrouped(e, scope, out.get());
    for (BoundOrderBy& order : out->order_by) ResolveGrouped(order.expr, scope, out.get());
    for (BoundExprPtr& window : window_clause) ResolveGrouped(window, scope, out.get());
    if (out->having != nullptr) ResolveGrouped(out->having, scope, out.get());
  }
  if (found_window_) {
    const size_t width = out->grouped           ? out->group_by.size() + out->aggregates.size()
                         : out->from != nullptr ? static_cast<size_t>(out->from->width)
                                                : 0;
    ExtractWindows(select, static_cast<int>(width), out.get());
  }
  if (select.distinct && select.distinct_on.empty()) BindDistinct(select, out.get());
  BindLocking(select, scope, out.get());
  out->window_clause = std::move(window_clause);
  return out;
}

void Binder::BindLimitAndOffset(const ast::SelectStmt& select, const Scope& scope,
                                BoundSelect* out) {
  {
    AggregateRulesScope rules(this, false, "LIMIT");
    if (select.limit) out->limit = BindLimit(*select.limit, scope, "LIMIT");
    BindWithTies(select, out);
  }
  {
    AggregateRulesScope rules(this, false, "OFFSET");
    if (select.offset) out->offset = BindLimit(*select.offset, scope, "OFFSET");
  }
}

std::unique_ptr<BoundSelect> Binder::BindValues(const ast::SelectStmt& select, Scope& scope) {
  auto out = std::make_unique<BoundSelect>();
  AggregateRulesScope rules(this, false, "VALUES");
  // VALUES: each column takes the common type of its rows.
  size_t width = select.values[0].size();
  for (const ast::ExprList& row : select.values) {
    if (row.size() != width) {
      ThrowAt(sqlstate::kSyntaxError, "VALUES lists must all be the same length",
              row.empty() ? select.position : row[0]->position);
    }
    std::vector<BoundExprPtr> bound;
    for (const ast::ExprPtr& item : row) bound.push_back(BindExpression(*item, scope));
    out->values.push_back(std::move(bound));
  }
  std::vector<DataType> types;
  for (size_t c = 0; c < width; ++c) {
    DataType type = DataType::Of(TypeId::kUnknown);
    for (auto& row : out->values) {
      if (row[c]->type.id == TypeId::kUnknown) continue;  // literals adapt afterwards
      std::optional<DataType> common = CommonType(type, row[c]->type);
      if (!common) {
        ThrowAt(sqlstate::kDatatypeMismatch,
                fmt::format("VALUES types {} and {} cannot be matched", TypeNameForMessage(type),
                            TypeNameForMessage(row[c]->type)),
                row[c]->position);
      }
      type = *common;
    }
    if (type.id == TypeId::kUnknown) type = DataType::Of(TypeId::kText);
    for (auto& row : out->values) {
      row[c] = CoerceOrThrow(std::move(row[c]), type, CastContext::kImplicit);
    }
    out->targets.push_back(BoundExpr::Column(static_cast<int>(c), type));
    out->columns.push_back(ResultColumn{fmt::format("column{}", c + 1), type, 0, 0});
  }
  BindOrderBy(select, scope, out.get());
  BindLimitAndOffset(select, scope, out.get());
  if (!select.locking.empty()) {
    // Without a position, as PostgreSQL.
    throw Error(sqlstate::kFeatureNotSupported,
                LockingClauseName(select.locking[0].strength) + " cannot be applied to VALUES");
  }
  return out;
}

void Binder::BindDistinct(const ast::SelectStmt& select, BoundSelect* out) {
  // Each ORDER BY item must be one of the targets: it sorts the distinct rows.
  for (size_t i = 0; i < out->order_by.size(); ++i) {
    BoundExprPtr& key = out->order_by[i].expr;
    int match = -1;
    for (size_t t = 0; t < out->targets.size() && match < 0; ++t) {
      if (out->targets[t]->Equals(*key)) match = static_cast<int>(t);
    }
    if (match < 0) {
      ThrowAt(sqlstate::kInvalidColumnReference,
              "for SELECT DISTINCT, ORDER BY expressions must appear in select list",
              LeftmostPosition(*key, select.order_by[i].expr->position));
    }
    key = BoundExpr::Column(match, key->type);
  }
  for (size_t t = 0; t < out->targets.size(); ++t) {
    const DataType type = out->targets[t]->type;
    if (type.id == TypeId::kJson && t < select.targets.size()) {
      ThrowAt(sqlstate::kUndefinedFunction, "could not identify an equality operator for type json",
              select.targets[t].expr->position);
    }
    out->distinct.push_back(std::move(out->targets[t]));
    out->targets[t] = BoundExpr::Column(static_cast<int>(t), type);
  }
}

void Binder::BindLocking(const ast::SelectStmt& select, const Scope& scope, BoundSelect* out) {
  for (const ast::LockingClause& clause : select.locking) {
    if (select.distinct) {
      throw Error(sqlstate::kFeatureNotSupported,
                  LockingClauseName(clause.strength) + " is not allowed with DISTINCT clause");
    }
    if (out->grouped) {
      // Without a position, as PostgreSQL.
      const char* what = !select.group_by.empty() || !select.grouping_sets.empty()
                             ? "GROUP BY clause"
                         : select.having != nullptr ? "HAVING clause"
                                                    : "aggregate functions";
      throw Error(
          sqlstate::kFeatureNotSupported,
          fmt::format("{} is not allowed with {}", LockingClauseName(clause.strength), what));
    }
    for (const ast::QualifiedName& name : clause.tables) {
      bool found = false;
      for (const ScopeItem& t : scope.items) found = found || t.name == name.name;
      if (!found) {
        ThrowAt(sqlstate::kUndefinedTable,
                fmt::format("relation \"{}\" in {} clause not found in FROM clause", name.name,
                            LockingClauseName(clause.strength)),
                name.position);
      }
    }
    if (scope.items.empty()) continue;  // SELECT 1 FOR UPDATE locks nothing
    if (out->SingleTable() == nullptr) {
      ThrowAt(sqlstate::kFeatureNotSupported,
              LockingClauseName(clause.strength) + " is supported with a single table only yet",
              clause.position);
    }
    if (out->SingleTable()->IsMaterializedView()) {  // without a position, as PostgreSQL
      throw Error(sqlstate::kWrongObjectType,
                  fmt::format("cannot lock rows in materialized view \"{}\"",
                              out->SingleTable()->def.name()));
    }
    const bool first = !out->row_lock;
    BoundRowLock& lock = first ? out->row_lock.emplace() : *out->row_lock;
    const auto strength = static_cast<storage::RowLockStrength>(clause.strength);
    lock.strength = first ? strength : std::max(lock.strength, strength);
    lock.nowait = lock.nowait || clause.wait == ast::LockingClause::WaitPolicy::kNoWait;
    lock.skip_locked =
        lock.skip_locked || clause.wait == ast::LockingClause::WaitPolicy::kSkipLocked;
  }
  if (out->row_lock && out->row_lock->nowait) out->row_lock->skip_locked = false;
}

void Binder::ExpandStar(const ast::Star& star, const Scope& scope, BoundSelect* out) {
  if (scope.items.empty()) {
    ThrowAt(sqlstate::kSyntaxError, "SELECT * with no tables specified is not valid",
            star.position);
  }
  bool matched = false;
  for (const ScopeItem& item : scope.items) {
    // `*` is every column an unqualified name reaches; `t.*` all of t's.
    if (star.qualifier.empty() ? !item.columns_visible : star.qualifier.back() != item.name) {
      continue;
    }
    matched = true;
    for (const ScopeColumn& c : item.columns) {
      out->targets.push_back(c.merged != nullptr ? c.merged->Clone()
                                                 : BoundExpr::Column(c.index, c.type));
      out->targets.back()->position = star.position;  // errors point at the *
      out->columns.push_back(ResultColumn{c.name, c.type, c.table_oid, c.attnum});
    }
  }
  if (!matched) {
    ThrowAt(sqlstate::kUndefinedTable,
            fmt::format("missing FROM-clause entry for table \"{}\"", star.qualifier.back()),
            star.position);
  }
}

void Binder::BindTargets(const std::vector<ast::ResultTarget>& targets, const Scope& scope,
                         BoundSelect* out) {
  for (const ast::ResultTarget& target : targets) {
    if (target.expr->kind() == ast::ExprKind::kStar) {
      ExpandStar(target.expr->As<ast::Star>(), scope, out);
      continue;
    }
    if (target.expr->kind() == ast::ExprKind::kFieldSelect &&
        target.expr->As<ast::FieldSelect>().star) {
      ExpandFieldStar(target.expr->As<ast::FieldSelect>(), scope, out);
      continue;
    }
    BoundExprPtr e;
    if (auto srf = srf_columns_.find(target.expr.get()); srf != srf_columns_.end()) {
      e = TargetFunctionValue(srf->second, target.expr->position);
    } else {
      e = BindExpression(*target.expr, scope);
    }
    // An untyped literal in the output is text to the client.
    if (IsUnknownLiteral(*e) && resolve_unknowns_) {
      e = CoerceOrThrow(std::move(e), DataType::Of(TypeId::kText), CastContext::kImplicit);
    }
    ResultColumn column{target.alias.empty() ? FigureColumnName(*target.expr) : target.alias,
                        e->type, 0, 0};
    if (target.alias.empty() && target.expr->kind() == ast::ExprKind::kSubquery &&
        e->kind == BoundExprKind::kSubquery && e->subquery_kind == SubqueryKind::kScalar) {
      column.name = e->subquery->select->columns[0].name;  // (SELECT max(v) ...) is "max"
    }
    if (e->kind == BoundExprKind::kColumn) {
      // The source column, for RowDescription's table OID and attnum.
      if (const ScopeColumn* source = FindScopeColumn(scope, e->column_index)) {
        column.table_oid = source->table_oid;
        column.column_number = source->attnum;
      }
    }
    out->targets.push_back(std::move(e));
    out->columns.push_back(std::move(column));
  }
}

void Binder::BindOrderBy(const ast::SelectStmt& select, const Scope& scope, BoundSelect* out) {
  for (const ast::OrderByItem& item : select.order_by) {
    BoundOrderBy order;
    order.descending = item.direction == ast::OrderByItem::Direction::kDesc;
    // PostgreSQL's default: NULLs sort as if larger than every value.
    order.nulls_first = item.nulls == ast::OrderByItem::Nulls::kDefault
                            ? order.descending
                            : item.nulls == ast::OrderByItem::Nulls::kFirst;
    const ast::Expr& e = *item.expr;
    // ORDER BY 2: an output column by position.
    if (e.kind() == ast::ExprKind::kConstant &&
        e.As<ast::Constant>().type == ast::Constant::Type::kInteger) {
      int64_t n = e.As<ast::Constant>().int_value;
      if (n < 1 || n > static_cast<int64_t>(out->targets.size())) {
        ThrowAt(sqlstate::kInvalidColumnReference,
                fmt::format("ORDER BY position {} is not in select list", n), e.position);
      }
      order.expr = out->targets[n - 1]->Clone();
      out->order_by.push_back(std::move(order));
      continue;
    }
    if (e.kind() == ast::ExprKind::kConstant) {
      ThrowAt(sqlstate::kSyntaxError, "non-integer constant in ORDER BY", e.position);
    }
    // ORDER BY name: an output column's name wins over an input column.
    if (e.kind() == ast::ExprKind::kColumnRef && e.As<ast::ColumnRef>().names.size() == 1) {
      const std::string& name = e.As<ast::ColumnRef>().names[0];
      int match = -1;
      for (size_t i = 0; i < out->columns.size(); ++i) {
        if (out->columns[i].name != name) continue;
        if (match >= 0 && !(out->targets[match]->kind == BoundExprKind::kColumn &&
                            out->targets[i]->kind == BoundExprKind::kColumn &&
                            out->targets[match]->column_index == out->targets[i]->column_index)) {
          ThrowAt(sqlstate::kAmbiguousColumn, fmt::format("ORDER BY \"{}\" is ambiguous", name),
                  e.position);
        }
        match = static_cast<int>(i);
      }
      if (match >= 0) {
        order.expr = out->targets[match]->Clone();
        out->order_by.push_back(std::move(order));
        continue;
      }
    }
    if (!out->values.empty()) {
      ThrowAt(sqlstate::kFeatureNotSupported, "ORDER BY expressions on VALUES are not supported",
              e.position);
    }
    order.expr = BindExpression(e, scope);
    if (IsUnknownLiteral(*order.expr)) {
      order.expr =
          CoerceOrThrow(std::move(order.expr), DataType::Of(TypeId::kText), CastContext::kImplicit);
    }
    out->order_by.push_back(std::move(order));
  }
  // Every item above added one sort key; void (pg_sleep), xid and json have
  // no ordering.
  for (size_t i = 0; i < out->order_by.size(); ++i) {
    TypeId id = out->order_by[i].expr->type.id;
    if (id == TypeId::kVoid || id == TypeId::kXid || id == TypeId::kJson) {
      throw Error(sqlstate::kUndefinedFunction,
                  fmt::format("could not identify an ordering operator for type {}",
                              DataType::Of(id).Name()))
          .WithHint("Use an explicit ordering operator or modify the query.")
          .WithPosition(select.order_by[i].expr->position);
    }
  }
}

BoundExprPtr Binder::BindLimit(const ast::Expr& expr, const Scope& scope, std::string_view what) {
  BoundExprPtr e = BindExpression(expr, scope);
  if (const BoundExpr* column = FindColumn(*e)) {
    ThrowAt(sqlstate::kInvalidColumnReference,
            fmt::format("argument of {} must not contain variables", what), column->position);
  }
  DataType type = e->type;
  // Assignment context: PostgreSQL accepts LIMIT 2.5 (rounded).
  BoundExprPtr out = TryCoerce(std::move(e), DataType::Of(TypeId::kInt8), CastContext::kAssignment);
  if (out == nullptr) {
    ThrowAt(sqlstate::kDatatypeMismatch,
            fmt::format("argument of {} must be type bigint, not type {}", what,
                        TypeNameForMessage(type)),
            expr.position);
  }
  return out;
}

}  // namespace basalt::sql
