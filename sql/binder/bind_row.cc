// Row constructors, ROW(a, b) and (a, b), where PostgreSQL compares them:
// `row op row`, `row IS [NOT] DISTINCT FROM row`, `row [NOT] IN (rows)` and
// `row IS [NOT] NULL`. Each becomes the comparisons of its fields, as
// PostgreSQL's make_row_comparison_op builds them:
//   (a, b) = (c, d)   a = c AND b = d
//   (a, b) <> (c, d)  a <> c OR b <> d
//   (a, b) < (c, d)   a < c OR (a = c AND b < d)   (<=, >, >= alike)
// The expansion keeps PostgreSQL's NULL results: the first pair that is
// not equal decides, and a NULL before it makes the result NULL. Elsewhere
// a row is a value of an anonymous record type (DataType::Record).
#include <fmt/format.h>

#include <algorithm>

#include "common/stack_depth.h"
#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"

namespace basalt::sql {

namespace {

const ast::RowConstructor* AsRow(const ast::Expr& e) {
  return e.kind() == ast::ExprKind::kRow ? &e.As<ast::RowConstructor>() : nullptr;
}

BoundExprPtr Combine(BoundExprKind kind, std::vector<BoundExprPtr> terms, int position) {
  if (terms.size() == 1) return std::move(terms[0]);
  auto e = BoundExpr::Make(kind, DataType::Of(TypeId::kBool), position);
  e->children = std::move(terms);
  return e;
}

// The fields' values as one record value (a kArray expression evaluates to
// the array of its children's values).
BoundExprPtr RecordOf(std::vector<BoundExprPtr> fields, int position,
                      const std::vector<std::string>& names = {}) {
  std::vector<DataType> types;
  for (const BoundExprPtr& f : fields) types.push_back(f->type);
  auto e = BoundExpr::Make(BoundExprKind::kArray, DataType::Record(types, names), position);
  e->children = std::move(fields);
  return e;
}

}  // namespace

bool Binder::IsRowComparisonOperator(std::string_view op) {
  return op == "=" || op == "<>" || op == "<" || op == "<=" || op == ">" || op == ">=" ||
         op == "IS DISTINCT FROM" || op == "IS NOT DISTINCT FROM";
}

BoundExprPtr Binder::BindRowComparison(std::string_view op, const ast::Expr& left,
                                       const ast::Expr& right, int position, const Scope& scope) {
  CheckStackDepth();
  const ast::RowConstructor* l = AsRow(left);
  const ast::RowConstructor* r = AsRow(right);
  const bool distinct_op = op == "IS DISTINCT FROM" || op == "IS NOT DISTINCT FROM";
  if (l == nullptr || r == nullptr) {
    // A row and a scalar: PostgreSQL's row type is `record`.
    BoundExprPtr other = BindExpression(l == nullptr ? left : right, scope);
    if (IsUnknownLiteral(*other) && other->value.is_null()) {
      // row op NULL: the NULL is a NULL record. A row value is never the
      // NULL value (even ROW(NULL)), so it is distinct from it; any other
      // comparison with it is NULL.
      for (const ast::ExprPtr& field : (l != nullptr ? l : r)->fields) {
        (void)BindExpression(*field, scope);
      }
      Value v = distinct_op ? Value::Bool(op == "IS DISTINCT FROM") : Value::Null();
      BoundExprPtr e = BoundExpr::Constant(std::move(v), DataType::Of(TypeId::kBool));
      e->position = position;
      return e;
    }
    const std::string scalar = TypeNameForMessage(other->type);
    const std::string shown_op = distinct_op ? std::string("=") : std::string(op);
    throw Error(sqlstate::kUndefinedFunction,
                fmt::format("operator does not exist: {} {} {}", l ? "record" : scalar, shown_op,
                            l ? scalar : "record"))
        .WithHint(
            "No operator matches the given name and argument types. You might need to add "
            "explicit type casts.")
        .WithPosition(position);
  }
  if (l->fields.size() != r->fields.size()) {
    ThrowAt(sqlstate::kSyntaxError, "unequal number of entries in row expressions", position);
  }
  if (l->fields.empty()) {
    ThrowAt(sqlstate::kFeatureNotSupported, "cannot compare rows of zero length", position);
  }
  const size_t n = l->fields.size();
  if (!IsRowComparisonOperator(op)) {
    // (a, b) + (c, d): PostgreSQL resolves the operator on the first pair
    // and wants a comparison.
    const std::string_view spelled = op == "LIKE"        ? "~~"
                                     : op == "NOT LIKE"  ? "!~~"
                                     : op == "ILIKE"     ? "~~*"
                                     : op == "NOT ILIKE" ? "!~~*"
                                                         : op;
    BoundExprPtr pair = BindOperator(spelled, BindExpression(*l->fields[0], scope),
                                     BindExpression(*r->fields[0], scope), position);
    if (pair->type.id != TypeId::kBool) {
      ThrowAt(sqlstate::kDatatypeMismatch,
              fmt::format("row comparison operator must yield type boolean, not type {}",
                          TypeNameForMessage(pair->type)),
              position);
    }
    ThrowAt(
        sqlstate::kUndefinedFunction,
        fmt::format("could not determine interpretation of row comparison operator {}", spelled),
        position);
  }
  if (distinct_op) {
    // Distinct when any pair is; not distinct when every pair is not.
    const bool negated = op == "IS NOT DISTINCT FROM";
    std::vector<BoundExprPtr> terms;
    for (size_t i = 0; i < n; ++i) {
      terms.push_back(BindIsDistinct(negated, BindExpression(*l->fields[i], scope),
                                     BindExpression(*r->fields[i], scope), position));
    }
    return Combine(negated ? BoundExprKind::kAnd : BoundExprKind::kOr, std::move(terms), position);
  }
  auto compare = [&](std::string_view pair_op, size_t i) {
    return BindComparison(pair_op, BindExpression(*l->fields[i], scope),
                          BindExpression(*r->fields[i], scope), position);
  };
  if (op == "=" || op == "<>") {
    std::vector<BoundExprPtr> terms;
    for (size_t i = 0; i < n; ++i) terms.push_back(compare(op, i));
    return Combine(op == "=" ? BoundExprKind::kAnd : BoundExprKind::kOr, std::move(terms),
                   position);
  }
  // An ordering: built from the last pair outwards, so the first pair is
  // outermost: l0 < r0 OR (l0 = r0 AND (rest)).
  const std::string_view strict = op == "<" || op == "<=" ? "<" : ">";
  BoundExprPtr result = compare(op, n - 1);
  for (size_t i = n - 1; i-- > 0;) {
    std::vector<BoundExprPtr> both;
    both.push_back(compare("=", i));
    both.push_back(std::move(result));
    std::vector<BoundExprPtr> either;
    either.push_back(compare(strict, i));
    either.push_back(Combine(BoundExprKind::kAnd, std::move(both), position));
    result = Combine(BoundExprKind::kOr, std::move(either), position);
  }
  return result;
}

BoundExprPtr Binder::BindRowIsNull(const ast::RowConstructor& row, bool negated, int position,
                                   const Scope& scope) {
  // NULL when every field is; NOT NULL when every field is not.
  std::vector<BoundExprPtr> terms;
  for (const ast::ExprPtr& field : row.fields) {
    BoundExprPtr arg = BindExpression(*field, scope);
    if (IsUnknownLiteral(*arg)) {
      arg = CoerceOrThrow(std::move(arg), DataType::Of(TypeId::kText), CastContext::kImplicit);
    }
    auto e = BoundExpr::Make(BoundExprKind::kIsNull, DataType::Of(TypeId::kBool), arg->position);
    e->negated = negated;
    e->children.push_back(std::move(arg));
    terms.push_back(std::move(e));
  }
  if (terms.empty()) {
    // ROW() IS NULL is true, as every field (none) is NULL.
    auto e = BoundExpr::Constant(Value::Bool(true), DataType::Of(TypeId::kBool));
    e->position = position;
    return e;
  }
  return Combine(BoundExprKind::kAnd, std::move(terms), position);
}

BoundExprPtr Binder::BindRowValue(const ast::RowConstructor& row, const Scope& scope) {
  std::vector<BoundExprPtr> fields;
  for (const ast::ExprPtr& field : row.fields) {
    BoundExprPtr f = BindExpression(*field, scope);
    if (IsUnknownLiteral(*f)) {
      f = CoerceOrThrow(std::move(f), DataType::Of(TypeId::kText), CastContext::kImplicit);
    }
    fields.push_back(std::move(f));
  }
  return RecordOf(std::move(fields), row.position);
}

BoundExprPtr Binder::BindWholeRow(const ast::ColumnRef& ref, const Scope& scope) {
  const std::string& item_name = ref.names[0];
  for (const Scope* s = &scope; s != nullptr; s = s->parent) {
    for (const ScopeItem& item : s->items) {
      if (item.name != item_name) continue;
      if (item.scalar_function) {
        ast::ColumnRef column;
        column.names = {item_name, item.columns[0].name};
        column.position = ref.position;
        return BindColumnRef(column, scope);
      }
      std::vector<BoundExprPtr> fields;
      std::vector<std::string> names;
      for (const ScopeColumn& c : item.columns) {
        names.push_back(c.name);
        ast::ColumnRef column;
        column.names = {item_name, c.name};
        column.position = ref.position;
        fields.push_back(BindColumnRef(column, scope));
      }
      return RecordOf(std::move(fields), ref.position, names);
    }
  }
  return nullptr;
}

namespace {

// Field `index` of `record`; of a row `built` from its fields' expressions,
// that expression itself.
BoundExprPtr RecordField(BoundExprPtr record, size_t index, bool built, int position) {
  if (built) return std::move(record->children[index]);
  auto e = BoundExpr::Make(BoundExprKind::kFunction, record->type.RecordFields()[index], position);
  e->function = ScalarFunction::kRecordField;
  e->children.push_back(std::move(record));
  e->children.push_back(
      BoundExpr::Constant(Value::Int(static_cast<int64_t>(index)), DataType::Of(TypeId::kInt4)));
  return e;
}

}  // namespace

BoundExprPtr Binder::BindRecordForFields(const ast::FieldSelect& select, const Scope& scope,
                                         bool* built) {
  BoundExprPtr record = BindExpression(*select.arg, scope);
  if (!record->type.IsRowType()) {
    ThrowAt(sqlstate::kWrongObjectType,
            fmt::format("column notation .{} applied to type {}, which is not a composite type",
                        select.star ? "*" : select.field, record->type.Name()),
            select.position);
  }
  // A whole-row reference or a set-returning call's columns; ROW(...) stays
  // whole, as PostgreSQL prints it (`(ROW(1, 2)).f1`).
  *built = record->kind == BoundExprKind::kArray && select.arg->kind() != ast::ExprKind::kRow;
  return record;
}

BoundExprPtr Binder::BindFieldSelect(const ast::FieldSelect& select, const Scope& scope) {
  if (select.star) {
    ThrowAt(sqlstate::kFeatureNotSupported, "row expansion via \"*\" is not supported here",
            select.position);
  }
  bool built = false;
  BoundExprPtr record = BindRecordForFields(select, scope, &built);
  const std::vector<std::string>& names = record->type.RecordFieldNames();
  auto found = std::find(names.begin(), names.end(), select.field);
  if (found == names.end()) {
    // (t).x of a FROM item t reads as t.x, and fails as it does.
    const bool item = built && select.arg->kind() == ast::ExprKind::kColumnRef;
    ThrowAt(sqlstate::kUndefinedColumn,
            item ? fmt::format("column {}.{} does not exist",
                               select.arg->As<ast::ColumnRef>().names.back(), select.field)
            : record->type.id == TypeId::kComposite
                ? fmt::format("column \"{}\" not found in data type {}", select.field,
                              record->type.Name())
                : fmt::format("could not identify column \"{}\" in record data type", select.field),
            select.position);
  }
  return RecordField(std::move(record), static_cast<size_t>(found - names.begin()), built,
                     select.position);
}

void Binder::ExpandFieldStar(const ast::FieldSelect& select, const Scope& scope, BoundSelect* out) {
  bool built = false;
  BoundExprPtr record = BindRecordForFields(select, scope, &built);
  const std::vector<std::string> names = record->type.RecordFieldNames();
  for (size_t i = 0; i < names.size(); ++i) {
    BoundExprPtr field = RecordField(record->Clone(), i, built, select.position);
    out->columns.push_back(ResultColumn{names[i], field->type, 0, 0});
    out->targets.push_back(std::move(field));
  }
}

BoundExprPtr Binder::BindFieldAssignment(const ast::SetClause& set, const DataType& type,
                                         const Scope& scope, BoundExprPtr current) {
  const std::string& field = set.fields[0];
  if (set.fields.size() > 1) {
    ThrowAt(sqlstate::kFeatureNotSupported, "assignment to nested fields is not supported yet",
            set.column.position);
  }
  const std::vector<std::string>& names = type.RecordFieldNames();
  const auto found = std::find(names.begin(), names.end(), field);
  if (found == names.end()) {
    ThrowAt(sqlstate::kUndefinedColumn,
            fmt::format("cannot assign to field \"{}\" of column \"{}\" because there is no such "
                        "column in data type {}",
                        field, set.column.name, type.Name()),
            set.column.position);
  }
  const auto index = static_cast<size_t>(found - names.begin());
  if (current == nullptr) {
    ast::ColumnRef ref;
    ref.names = {scope.items.front().name, set.column.name};
    ref.position = set.column.position;
    const BoundExprPtr column = BindColumnRef(ref, scope);
    current = BoundExpr::Make(BoundExprKind::kArray, type, set.position);
    for (size_t i = 0; i < names.size(); ++i) {
      current->children.push_back(RecordField(column->Clone(), i, false, set.position));
    }
  }
  AggregateRulesScope rules(this, false, "UPDATE");
  current->children[index] =
      CoerceForAssignment(BindExpression(*set.value, scope), type.RecordFields()[index], field);
  return current;
}

BoundExprPtr Binder::BindRowIn(const ast::In& in, const Scope& scope) {
  // x IN (r1, r2) is x = r1 OR x = r2; NOT IN is x <> r1 AND x <> r2.
  std::vector<BoundExprPtr> terms;
  for (const ast::ExprPtr& item : in.list) {
    terms.push_back(BindRowComparison(in.negated ? "<>" : "=", *in.arg, *item, in.position, scope));
  }
  return Combine(in.negated ? BoundExprKind::kAnd : BoundExprKind::kOr, std::move(terms),
                 in.position);
}

BoundExprPtr Binder::BindRowBetween(const ast::Between& between, const Scope& scope) {
  // As BindBetween: x BETWEEN a AND b is x >= a AND x <= b, SYMMETRIC also
  // tries b and a, NOT negates it all.
  auto range = [&](const ast::Expr& low, const ast::Expr& high) {
    std::vector<BoundExprPtr> both;
    both.push_back(BindRowComparison(">=", *between.arg, low, between.position, scope));
    both.push_back(BindRowComparison("<=", *between.arg, high, between.position, scope));
    return Combine(BoundExprKind::kAnd, std::move(both), between.position);
  };
  BoundExprPtr result = range(*between.low, *between.high);
  if (between.symmetric) {
    std::vector<BoundExprPtr> either;
    either.push_back(std::move(result));
    either.push_back(range(*between.high, *between.low));
    result = Combine(BoundExprKind::kOr, std::move(either), between.position);
  }
  if (between.negated) {
    auto n = BoundExpr::Make(BoundExprKind::kNot, DataType::Of(TypeId::kBool), between.position);
    n->children.push_back(std::move(result));
    result = std::move(n);
  }
  return result;
}

}  // namespace basalt::sql
