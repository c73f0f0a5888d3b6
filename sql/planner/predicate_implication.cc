#include "sql/planner/predicate_implication.h"

#include <optional>

#include "common/stack_depth.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/index_predicate.h"

namespace basalt::sql {

namespace {

// `column op constant` (either side), seen from the column.
struct ColumnComparison {
  int column = -1;
  CompareOp op = CompareOp::kEqual;
  const BoundExpr* constant = nullptr;
  const DataType* type = nullptr;
};

std::optional<ColumnComparison> AsColumnComparison(const BoundExpr& e) {
  if (e.kind != BoundExprKind::kCompare) return std::nullopt;
  for (int side = 0; side < 2; ++side) {
    const BoundExpr& col = *e.children[side];
    const BoundExpr& other = *e.children[1 - side];
    if (col.kind == BoundExprKind::kColumn && other.kind == BoundExprKind::kConstant &&
        !other.value.is_null()) {
      return ColumnComparison{col.column_index,
                              side == 0 ? e.compare_op : FlipComparison(e.compare_op), &other,
                              &e.compare_type};
    }
  }
  return std::nullopt;
}

// Whether `column op2 c2` implies `column op1 c1` (PostgreSQL's btree
// implication table, for the operators of one type).
bool RangeImplies(CompareOp op2, int c2_vs_c1, CompareOp op1) {
  const int v = c2_vs_c1;
  switch (op1) {
    case CompareOp::kGreater:
      if (op2 == CompareOp::kGreater) return v >= 0;
      return (op2 == CompareOp::kGreaterEqual || op2 == CompareOp::kEqual) && v > 0;
    case CompareOp::kGreaterEqual:
      return (op2 == CompareOp::kGreater || op2 == CompareOp::kGreaterEqual ||
              op2 == CompareOp::kEqual) &&
             v >= 0;
    case CompareOp::kLess:
      if (op2 == CompareOp::kLess) return v <= 0;
      return (op2 == CompareOp::kLessEqual || op2 == CompareOp::kEqual) && v < 0;
    case CompareOp::kLessEqual:
      return (op2 == CompareOp::kLess || op2 == CompareOp::kLessEqual ||
              op2 == CompareOp::kEqual) &&
             v <= 0;
    case CompareOp::kEqual: return op2 == CompareOp::kEqual && v == 0;
    case CompareOp::kNotEqual:
      return (op2 == CompareOp::kEqual && v != 0) || (op2 == CompareOp::kLess && v <= 0) ||
             (op2 == CompareOp::kLessEqual && v < 0) || (op2 == CompareOp::kGreater && v >= 0) ||
             (op2 == CompareOp::kGreaterEqual && v > 0);
  }
  return false;
}

// The column a strict clause compares (so it is false or NULL when the
// column is NULL), or -1.
int StrictColumn(const BoundExpr& clause) {
  const BoundExpr* operand = nullptr;
  switch (clause.kind) {
    case BoundExprKind::kCompare:
      for (const BoundExprPtr& child : clause.children) {
        if (child->kind == BoundExprKind::kColumn) return child->column_index;
      }
      return -1;
    case BoundExprKind::kIn:
    case BoundExprKind::kArrayCompare:
    case BoundExprKind::kLike: operand = clause.children[0].get(); break;
    case BoundExprKind::kIsNull:
      if (!clause.negated) return -1;
      operand = clause.children[0].get();
      break;
    default: return -1;
  }
  return operand->kind == BoundExprKind::kColumn ? operand->column_index : -1;
}

}  // namespace

CompareOp FlipComparison(CompareOp op) {
  switch (op) {
    case CompareOp::kLess: return CompareOp::kGreater;
    case CompareOp::kLessEqual: return CompareOp::kGreaterEqual;
    case CompareOp::kGreater: return CompareOp::kLess;
    case CompareOp::kGreaterEqual: return CompareOp::kLessEqual;
    default: return op;
  }
}

bool ClauseImplies(const BoundExpr& clause, const BoundExpr& term) {
  if (clause.Equals(term)) return true;
  if (term.kind == BoundExprKind::kIsNull && term.negated &&
      term.children[0]->kind == BoundExprKind::kColumn) {
    return StrictColumn(clause) == term.children[0]->column_index;
  }
  std::optional<ColumnComparison> t = AsColumnComparison(term);
  std::optional<ColumnComparison> c = AsColumnComparison(clause);
  if (!t || !c || t->column != c->column || !(*t->type == *c->type)) return false;
  const int v = CompareValues(c->constant->value, t->constant->value, *t->type);
  return RangeImplies(c->op, v, t->op);
}

std::vector<const BoundExpr*> PredicateTerms(const BoundExpr& predicate) {
  std::vector<const BoundExpr*> terms;
  std::vector<const BoundExpr*> pending{&predicate};
  while (!pending.empty()) {
    const BoundExpr* e = pending.back();
    pending.pop_back();
    if (e->kind == BoundExprKind::kAnd) {
      for (auto it = e->children.rbegin(); it != e->children.rend(); ++it) {
        pending.push_back(it->get());
      }
    } else {
      terms.push_back(e);
    }
  }
  return terms;
}

bool PredicateImpliedBy(const BoundExpr& predicate,
                        const std::vector<const BoundExpr*>& conjuncts) {
  for (const BoundExpr* term : PredicateTerms(predicate)) {
    bool implied = false;
    for (const BoundExpr* clause : conjuncts) {
      if (ClauseImplies(*clause, *term)) {
        implied = true;
        break;
      }
    }
    if (!implied) return false;
  }
  return true;
}

bool IndexUsableFor(const storage::IndexLayout& index,
                    const std::vector<const BoundExpr*>& conjuncts) {
  bool partial = false;
  const BoundExpr* predicate = IndexPredicateExpr(index, &partial);
  if (!partial) return true;
  return predicate != nullptr && PredicateImpliedBy(*predicate, conjuncts);
}

}  // namespace basalt::sql
