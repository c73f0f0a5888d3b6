#include "sql/commands/matview/incremental_shape.h"

#include <fmt/format.h>

#include <functional>

#include "common/error.h"
#include "common/stack_depth.h"

namespace basalt::sql {

namespace {

// Why an expression stops the delta rules, or "".
std::string UnsupportedExpression(const BoundExpr& e) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kSubquery) return "subqueries in expressions";
  if (e.kind == BoundExprKind::kParameter) return "parameters";
  if (e.kind == BoundExprKind::kFunction) {
    // Functions whose value changes between runs on the same rows: a
    // maintained result would differ from a fresh one.
    switch (e.function) {
      case ScalarFunction::kNow:
      case ScalarFunction::kPgSleep:
      case ScalarFunction::kPgBackendPid:
      case ScalarFunction::kPgBlockingPids: return "volatile functions";
      default:
        if (IsLockFunction(e.function) || IsSequenceFunction(e.function) ||
            IsSessionFunction(e.function)) {
          return "volatile functions";
        }
    }
  }
  for (const BoundExprPtr& c : e.children) {
    std::string reason = UnsupportedExpression(*c);
    if (!reason.empty()) return reason;
  }
  return "";
}

std::string UnsupportedExpressions(const std::vector<BoundExprPtr>& exprs) {
  for (const BoundExprPtr& e : exprs) {
    std::string reason = UnsupportedExpression(*e);
    if (!reason.empty()) return reason;
  }
  return "";
}

std::string UnsupportedFrom(const BoundTableRef& ref) {
  CheckStackDepth();
  if (!ref.lateral_values.empty()) return "LATERAL";
  switch (ref.kind) {
    case BoundTableRef::Kind::kTable:
      // Materialized views record their changes too (a full refresh as a
      // truncation): the view reads their stored rows, as PostgreSQL's.
      if (ref.table->computed) return "system catalogs";
      return "";
    case BoundTableRef::Kind::kSubquery: return "views or subqueries in FROM";
    case BoundTableRef::Kind::kFunction: return "functions in FROM";
    case BoundTableRef::Kind::kWorkTable: return "WITH RECURSIVE";
    case BoundTableRef::Kind::kJoin: {
      if (ref.condition != nullptr) {
        std::string reason = UnsupportedExpression(*ref.condition);
        if (!reason.empty()) return reason;
      }
      std::string reason = UnsupportedFrom(*ref.left);
      return reason.empty() ? UnsupportedFrom(*ref.right) : reason;
    }
  }
  return "";
}

std::string Analyze(const BoundSelect& query, IncrementalShape* shape);

// A WHERE term the planner turns into a semi or anti join for the delta
// rules (passes/decorrelation.cc, DecorrelateAll): [NOT] EXISTS or IN over
// a subquery of a FROM and a WHERE, with no subquery of its own.
const BoundSubquery* JoinedSubquery(const BoundExpr& term) {
  const BoundExpr* e = &term;
  const bool negated = e->kind == BoundExprKind::kNot;
  if (negated) e = e->children[0].get();
  if (e->kind != BoundExprKind::kSubquery) return nullptr;
  const bool in = IsInSubquery(*e);
  if (e->subquery_kind != SubqueryKind::kExists && !(in && !negated)) return nullptr;
  const BoundSelect& select = *e->subquery->select;
  if (select.set_operation != nullptr || select.from == nullptr || select.grouped ||
      !select.distinct.empty() || select.limit != nullptr || select.offset != nullptr ||
      !select.windows.empty() || !select.grouping_sets.empty()) {
    return nullptr;
  }
  if (!UnsupportedFrom(*select.from).empty()) return nullptr;
  if (select.where != nullptr && !UnsupportedExpression(*select.where).empty()) return nullptr;
  if (in && !UnsupportedExpressions(select.targets).empty()) return nullptr;
  for (size_t i = 0; i < e->children.size(); ++i) {
    if (!UnsupportedExpression(*e->children[i]).empty()) return nullptr;
  }
  return e->subquery.get();
}

// Calls `each` with every AND term of a WHERE.
void ForEachConjunct(const BoundExpr& e, const std::function<void(const BoundExpr&)>& each) {
  CheckStackDepth();
  if (e.kind != BoundExprKind::kAnd) {
    each(e);
    return;
  }
  for (const BoundExprPtr& c : e.children) ForEachConjunct(*c, each);
}

std::string UnsupportedWhere(const BoundExpr& where) {
  std::string reason;
  ForEachConjunct(where, [&](const BoundExpr& term) {
    if (reason.empty() && JoinedSubquery(term) == nullptr) reason = UnsupportedExpression(term);
  });
  return reason;
}

void CountReads(const BoundTableRef& ref, std::map<Oid, int>* reads) {
  CheckStackDepth();
  if (ref.kind == BoundTableRef::Kind::kTable) ++(*reads)[ref.table->def.oid()];
  if (ref.kind != BoundTableRef::Kind::kJoin) return;
  CountReads(*ref.left, reads);
  CountReads(*ref.right, reads);
}

// Of a query the delta rules cover: its joins, UNION ALL branches and the
// subqueries its semi and anti joins read.
void CountReads(const BoundSelect& query, std::map<Oid, int>* reads) {
  CheckStackDepth();
  if (query.set_operation != nullptr) {
    CountReads(*query.set_operation->left, reads);
    CountReads(*query.set_operation->right, reads);
    return;
  }
  if (query.from != nullptr) CountReads(*query.from, reads);
  if (query.where == nullptr) return;
  ForEachConjunct(*query.where, [&](const BoundExpr& term) {
    if (const BoundSubquery* subquery = JoinedSubquery(term)) CountReads(*subquery->select, reads);
  });
}

// The target that is exactly grouped column `column`, or -1.
int TargetOfColumn(const BoundSelect& query, int column) {
  for (size_t i = 0; i < query.targets.size(); ++i) {
    const BoundExpr& t = *query.targets[i];
    if (t.kind == BoundExprKind::kColumn && t.column_index == column) return static_cast<int>(i);
  }
  return -1;
}

// A UNION ALL tree whose every branch is a filter/project/join query.
std::string UnsupportedUnion(const BoundSelect& query) {
  CheckStackDepth();
  if (query.set_operation == nullptr) {
    IncrementalShape branch;
    std::string reason = Analyze(query, &branch);
    if (reason.empty() && branch.kind != IncrementalShape::Kind::kRows) {
      return "GROUP BY or DISTINCT under UNION ALL";
    }
    return reason;
  }
  const BoundSetOperation& op = *query.set_operation;
  if (op.kind != BoundSetOperation::Kind::kUnion || !op.all || op.recursive) {
    return "UNION, INTERSECT or EXCEPT without ALL";
  }
  if (query.where != nullptr || query.grouped || !query.distinct.empty() ||
      query.limit != nullptr || query.offset != nullptr) {
    return "clauses over a UNION ALL";
  }
  std::string reason = UnsupportedUnion(*op.left);
  return reason.empty() ? UnsupportedUnion(*op.right) : reason;
}

std::string Analyze(const BoundSelect& query, IncrementalShape* shape) {
  if (query.set_operation != nullptr) {
    std::string reason = UnsupportedUnion(query);
    if (!reason.empty()) return reason;
    shape->kind = IncrementalShape::Kind::kRows;
    for (size_t i = 0; i < query.targets.size(); ++i) {
      shape->key_columns.push_back(static_cast<int>(i));
    }
    return "";
  }
  if (query.from == nullptr) return "queries without FROM";
  if (query.limit != nullptr || query.offset != nullptr) return "LIMIT or OFFSET";
  if (query.distinct_on > 0) return "DISTINCT ON";
  if (!query.windows.empty()) return "window functions";
  if (!query.grouping_sets.empty()) return "grouping sets";
  if (query.grouped && !query.distinct.empty()) return "DISTINCT with GROUP BY";
  std::string reason = UnsupportedFrom(*query.from);
  if (reason.empty() && query.where != nullptr) reason = UnsupportedWhere(*query.where);
  if (reason.empty()) reason = UnsupportedExpressions(query.targets);
  if (reason.empty()) reason = UnsupportedExpressions(query.group_by);
  if (reason.empty()) reason = UnsupportedExpressions(query.aggregates);
  if (reason.empty()) reason = UnsupportedExpressions(query.distinct);
  if (reason.empty() && query.having != nullptr) reason = UnsupportedExpression(*query.having);
  if (!reason.empty()) return reason;

  const std::vector<BoundExprPtr>& keys = query.grouped ? query.group_by : query.distinct;
  if (!query.grouped && query.distinct.empty()) {
    shape->kind = IncrementalShape::Kind::kRows;
    for (size_t i = 0; i < query.targets.size(); ++i) {
      shape->key_columns.push_back(static_cast<int>(i));
    }
    return "";
  }
  // A group is found in the view by its key, so each key must be a column.
  shape->kind = IncrementalShape::Kind::kGroups;
  for (size_t k = 0; k < keys.size(); ++k) {
    const int target = TargetOfColumn(query, static_cast<int>(k));
    if (target < 0) return "GROUP BY expressions missing from the select list";
    shape->key_columns.push_back(target);
  }
  return "";
}

}  // namespace

std::string CheckedRefreshMode(const std::string& value) {
  if (value != "full" && value != "incremental" && value != "auto" && value != "immediate") {
    throw Error(sqlstate::kInvalidParameterValue,
                fmt::format("invalid value for enum option \"refresh_mode\": {}", value))
        .WithDetail("Valid values are \"full\", \"incremental\", \"auto\" and \"immediate\".");
  }
  return value;
}

IncrementalShape AnalyzeIncrementalShape(const BoundSelect& query) {
  IncrementalShape shape;
  shape.unsupported = Analyze(query, &shape);
  if (shape.unsupported.empty()) CountReads(query, &shape.reads);
  return shape;
}

}  // namespace basalt::sql
