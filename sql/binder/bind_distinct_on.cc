// SELECT DISTINCT ON (...) and FETCH ... WITH TIES: the clauses that pick
// rows by their ORDER BY keys.
#include <fmt/format.h>

#include "common/stack_depth.h"
#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"

namespace basalt::sql {

namespace {

// A DISTINCT ON item named the SQL92 way, as ORDER BY items: a position in
// the select list or an output column's name; null when it is neither.
BoundExprPtr FindDistinctOnTarget(const ast::Expr& e, const BoundSelect& out) {
  if (e.kind() == ast::ExprKind::kConstant) {
    const auto& constant = e.As<ast::Constant>();
    if (constant.type != ast::Constant::Type::kInteger) {
      ThrowAt(sqlstate::kSyntaxError, "non-integer constant in DISTINCT ON", e.position);
    }
    const int64_t n = constant.int_value;
    if (n < 1 || n > static_cast<int64_t>(out.targets.size())) {
      ThrowAt(sqlstate::kInvalidColumnReference,
              fmt::format("DISTINCT ON position {} is not in select list", n), e.position);
    }
    return out.targets[n - 1]->Clone();
  }
  if (e.kind() != ast::ExprKind::kColumnRef || e.As<ast::ColumnRef>().names.size() != 1) {
    return nullptr;
  }
  const std::string& name = e.As<ast::ColumnRef>().names[0];
  int match = -1;
  for (size_t i = 0; i < out.columns.size(); ++i) {
    if (out.columns[i].name != name) continue;
    if (match >= 0 && !out.targets[match]->Equals(*out.targets[i])) {
      ThrowAt(sqlstate::kAmbiguousColumn, fmt::format("DISTINCT ON \"{}\" is ambiguous", name),
              e.position);
    }
    if (match < 0) match = static_cast<int>(i);
  }
  return match < 0 ? nullptr : out.targets[match]->Clone();
}

// Where an expression starts, as PostgreSQL's exprLocation: `a + 1` at `a`.
int Leftmost(const BoundExpr& e, int position) {
  CheckStackDepth();
  if (e.position > 0 && (position <= 0 || e.position < position)) position = e.position;
  for (const BoundExprPtr& c : e.children) position = Leftmost(*c, position);
  return position;
}

[[noreturn]] void MustMatchOrderBy(int position) {
  ThrowAt(sqlstate::kInvalidColumnReference,
          "SELECT DISTINCT ON expressions must match initial ORDER BY expressions", position);
}

}  // namespace

void Binder::BindDistinctOn(const ast::SelectStmt& select, const Scope& scope, BoundSelect* out) {
  // The distinct expressions, each once, with where each was written.
  std::vector<BoundExprPtr> keys;
  std::vector<int> positions;
  for (const ast::ExprPtr& item : select.distinct_on) {
    BoundExprPtr key = FindDistinctOnTarget(*item, *out);
    if (key == nullptr) {
      key = BindExpression(*item, scope);
      if (IsUnknownLiteral(*key)) {
        key = CoerceOrThrow(std::move(key), DataType::Of(TypeId::kText), CastContext::kImplicit);
      }
    }
    bool seen = false;
    for (const BoundExprPtr& k : keys) seen = seen || k->Equals(*key);
    if (seen) continue;
    positions.push_back(Leftmost(*key, item->position));
    keys.push_back(std::move(key));
  }
  // As PostgreSQL: the ORDER BY items that are DISTINCT ON expressions must
  // come first; the expressions ORDER BY leaves out follow its items, which
  // is only possible when every item is one of them.
  std::vector<bool> used(keys.size(), false);
  bool skipped = false;
  size_t leading = 0;
  for (const BoundOrderBy& order : out->order_by) {
    int match = -1;
    for (size_t k = 0; k < keys.size() && match < 0; ++k) {
      if (keys[k]->Equals(*order.expr)) match = static_cast<int>(k);
    }
    if (match < 0) {
      skipped = true;
      continue;
    }
    if (skipped) MustMatchOrderBy(positions[match]);
    used[match] = true;
    ++leading;  // ORDER BY a, a: both items are in the prefix
  }
  for (size_t k = 0; k < keys.size(); ++k) {
    if (used[k]) continue;
    if (skipped) MustMatchOrderBy(positions[k]);
    BoundOrderBy order;
    order.expr = std::move(keys[k]);
    out->order_by.push_back(std::move(order));
    ++leading;
  }
  out->distinct_on = leading;
}

void Binder::BindWithTies(const ast::SelectStmt& select, BoundSelect* out) {
  out->limit_with_ties = select.limit_with_ties;
  if (!select.limit_with_ties || select.limit == nullptr) return;
  // As PostgreSQL, only a NULL literal as written: a NULL computed (a cast,
  // a parameter) means no limit at run time.
  const ast::Expr* count = select.limit.get();
  if (count->kind() == ast::ExprKind::kConstant &&
      count->As<ast::Constant>().type == ast::Constant::Type::kNull) {
    // Without a position, as PostgreSQL.
    throw Error(sqlstate::kInvalidRowCountInLimitClause,
                "row count cannot be null in FETCH FIRST ... WITH TIES clause");
  }
}

}  // namespace basalt::sql
